package render

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestBoxesHideNoCountry: a legend or a key over the map hides at most a
// sliver (maxHiddenLand) of the land of the view asked for: on the map of
// all China the numbered key had covered Xinjiang, Tibet and Qinghai at
// 480×360 (31 % of the country's land in English, 19 % in Chinese in the
// mainland edition, where a map that leaves out territory may not be
// published) and 37 % at 400×400 in Chinese. The land is counted here
// cell by cell from the view's land mask, apart from landBudget; in a
// province's view, the land asked for is the province's, from the
// division mask (its neighbours are context, as the land beyond a
// window is). A map
// 320 px wide in both languages has no room beside the map for its
// legend (see TestLegendHidesNoHub): the test says how much it hides.
func TestBoxesHideNoCountry(t *testing.T) {
	views := append(slices.Clip(smallViews), crowdedViews...)
	sizes := append(slices.Clip(smallSizes), [2]int{800, 600}, [2]int{1200, 900})
	over := 0
	eachMap(t, views, sizes, func(c mapCase, s *Scene) {
		for _, b := range []struct {
			what string
			box  orb.Bound
		}{{"legend", s.Legend.Box}, {"key", s.Key.Box}} {
			if b.box.IsZero() || !intersects(b.box, s.Frame) {
				continue
			}
			over++
			hidden, land := landCellsUnder(s.Base.land, s.asked, b.box)
			if s.Panel.Focus >= 0 {
				hidden, land = divisionCellsUnder(s.Base.divMask, s.Panel.Focus, b.box)
			}
			if land == 0 || float64(hidden) <= maxHiddenLand*float64(land) {
				continue
			}
			msg := fmt.Sprintf("%s: the %s over the map hides %d of the %d cells of land of the view asked for (%.0f %%)",
				c, b.what, hidden, land, 100*float64(hidden)/float64(land))
			if b.what == "legend" && c.size[0] <= 320 && c.lang == "both" {
				t.Log(msg)
				continue
			}
			t.Error(msg)
		}
	})
	t.Logf("%d legends and keys over the map", over)
	if over < 20 {
		t.Errorf("%d legends and keys over the map, want at least 20: the test would test little", over)
	}
}

// TestBoxesHideNoDivision: a legend or a key over the map hides at most a
// tenth (maxHiddenDivision) of any division the frame shows whole: the
// supplier map's legend had hidden half of Taiwan at 800×600, a sliver
// of the country's land. Counted from the view's division mask.
func TestBoxesHideNoDivision(t *testing.T) {
	check := func(name string, s *Scene) int {
		over := 0
		for _, box := range []orb.Bound{s.Legend.Box, s.Key.Box} {
			if box.IsZero() || !intersects(box, s.Frame) {
				continue
			}
			over++
			all, under := s.Base.divMask.counts(s.Frame, nil), s.Base.divMask.counts(box, nil)
			for d, n := range under {
				p := s.Base.Provinces[d]
				if d >= len(all) || !s.Frame.Pad(-1).Contains(p.Bound.Min) || !s.Frame.Pad(-1).Contains(p.Bound.Max) {
					continue
				}
				if float64(n) > maxHiddenDivision*float64(all[d]) {
					t.Errorf("%s: a box over the map hides %d of %s's %d cells", name, n, p.Code, all[d])
				}
			}
		}
		return over
	}
	over := 0
	eachMap(t, append(slices.Clip(smallViews), crowdedViews...), append(slices.Clip(smallSizes), [2]int{800, 600}), func(c mapCase, s *Scene) {
		if c.size[0] <= 320 && c.lang == "both" {
			return // its legend is over the map (TestBoxesHideNoCountry)
		}
		over += check(c.String(), s)
	})
	a := atlastest.Example(t, "suppliers.csv")
	for _, size := range [][2]int{{800, 600}, {640, 480}, {1200, 900}} {
		for _, lang := range []string{"en", "zh", "both"} {
			s, err := Build(context.Background(), a, Request{Options: Options{Width: size[0], Height: size[1], Lang: lang}})
			if err != nil {
				t.Fatal(err)
			}
			over += check(fmt.Sprintf("suppliers %dx%d %s", size[0], size[1], lang), s)
		}
	}
	t.Logf("%d legends and keys over the map", over)
}

// landCellsUnder counts the land cells of m whose centres lie in asked,
// and those of them in box.
func landCellsUnder(m *landMask, asked, box orb.Bound) (hidden, land int) {
	for r := range m.rows {
		for c := range m.cols {
			if !m.bits.has(r*m.cols + c) {
				continue
			}
			p := orb.Point{m.frame.Min[0] + (float64(c)+0.5)*m.cell, m.frame.Min[1] + (float64(r)+0.5)*m.cell}
			if !asked.Contains(p) {
				continue
			}
			land++
			if box.Contains(p) {
				hidden++
			}
		}
	}
	return hidden, land
}

// divisionCellsUnder counts the cells of division d in the mask, and
// those whose centres box holds.
func divisionCellsUnder(m *divisionMask, d int, box orb.Bound) (hidden, land int) {
	m.eachCell(m.frame, func(div int, at orb.Point) {
		if div != d {
			return
		}
		land++
		if box.Contains(at) {
			hidden++
		}
	})
	return hidden, land
}
