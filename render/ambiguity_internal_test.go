package render

import (
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
)

// TestLabelsBesideTheirOwnMarker: a label set beside its marker (no
// leader) reads as that marker's, so no other marker comes near it:
// every other marker's edge lies at least half a line farther from the
// label than its own marker's. "Suzhou 苏州" had stood above its marker
// and 7 px right of Nanjing's, on the line of its text, where a reader
// takes it for Nanjing's (the Yangtze delta at 400×400 in both
// languages). Level with any line: Quanzhou's products, "Backpacks,
// Sports Bags, / Travel Bags", had ended 4 px right of Jinjiang's marker,
// level with their second line, and read as Jinjiang's (Fujian's coast
// at 640×480, English).
func TestLabelsBesideTheirOwnMarker(t *testing.T) {
	beside, bad, numbers := 0, 0, 0
	eachMap(t, crowdedViews, crowdedSizes, func(name mapCase, s *Scene) {
		for i, h := range s.Hubs {
			if h.Leader != nil || len(h.Label.Lines) == 0 || h.Inset >= 0 || h.OnMarker {
				continue
			}
			beside++
			if _, err := strconv.Atoi(h.Label.Lines[0]); err == nil {
				numbers++
			}
			b := h.Label.Box
			own := boxDist(b, h.At) - h.drawnR()
			first := h.Label.Sizes[0] * lineHeight
			margin := besideMargin(s.Style)
			if !inReadingPlace(b, first, h.At) {
				margin = offLevelMargin(s.Style)
			}
			// A marker level with any line of the text, the products as
			// well as the name, reads as the line's marker.
			text := max(first, b.Max[1]-b.Min[1]-2*linePad)
			for j, o := range s.Hubs {
				if j == i || !inReadingPlace(b, text, o.At) {
					continue
				}
				if d := boxDist(b, o.At) - o.drawnR(); d < own+margin-0.01 {
					bad++
					if bad <= 12 {
						t.Errorf("%s: %q is %.1f px from its marker and %.1f px from %s's", name, h.Label.Lines[0], own, d, o.ID)
					}
				}
			}
		}
	})
	t.Logf("%d labels beside their markers (%d numbers), %d too near another marker", beside, numbers, bad)
	if bad > 0 {
		t.Errorf("%d of %d labels beside their markers lie too near another marker", bad, beside)
	}
}

// TestLabelsStandApart: two labels side by side keep half an em between
// them, so that they do not read as one name: "Dongguan 东莞" on its
// leader had ended 5 px before "Xiamen 厦门" on the same line (China's
// east at 640×480 in both languages).
func TestLabelsStandApart(t *testing.T) {
	pairs, bad := 0, 0
	eachMap(t, crowdedViews, crowdedSizes, func(name mapCase, s *Scene) {
		var labels []Label
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && h.Inset < 0 && !h.OnMarker {
				labels = append(labels, h.Label)
			}
		}
		space := labelSpace(s.Style)
		for i, a := range labels {
			for _, b := range labels[i+1:] {
				if a.Box.Max[1] <= b.Box.Min[1] || b.Box.Max[1] <= a.Box.Min[1] {
					continue // not side by side
				}
				pairs++
				gap := math.Max(b.Box.Min[0]-a.Box.Max[0], a.Box.Min[0]-b.Box.Max[0])
				if gap < space-0.01 {
					bad++
					if bad <= 12 {
						t.Errorf("%s: %q and %q stand %.1f px apart, side by side", name, a.Lines[0], b.Lines[0], gap)
					}
				}
			}
		}
	})
	t.Logf("%d pairs of labels side by side, %d too close", pairs, bad)
	if bad > 0 {
		t.Errorf("%d of %d pairs of labels side by side stand closer than half an em", bad, pairs)
	}
}

// TestFarLabelsOffOtherDivisions: a label out on a long leader (over two
// lines) whose first free place lies mostly over other divisions takes
// a free place off them where there is one: a label far out in another
// province reads as a place there ("佛山" and its products had stood in
// Guangxi in Guangdong's view at 480×360 in Chinese, Shantou's products
// in Fujian at 360×640). Over these views, such labels: 90 before, 81
// after; the rest find no free place off other divisions. None of them
// keeps products shown by default: the name alone is tried first, and
// "汕头" with its products had stood over Hunan and Jiangxi in
// Guangdong's view at 360×360 in Chinese, where the name alone stands
// beside its marker (such labels: 35 before, 0 after; labels over other
// divisions on long leaders 83 before, 48 after).
func TestFarLabelsOffOtherDivisions(t *testing.T) {
	far, on, withProducts := 0, 0, 0
	views := append(slices.Clip(crowdedViews), smallViews...)
	eachMap(t, views, append(slices.Clip(crowdedSizes), smallSizes...), func(c mapCase, s *Scene) {
		g := newGround(&s.Panel)
		for _, h := range s.Hubs {
			if len(h.Leader) != 2 || h.div == 0 || len(h.Label.Lines) == 0 ||
				leaderLength([2]orb.Point{h.Leader[0], h.Leader[1]}) <= 2*s.Style.Label*lineHeight {
				continue
			}
			far++
			if !g.offOthers(h.Label.Box, h.div-1) {
				on++
				t.Logf("%s: %s's label on a long leader stands over other divisions", c, h.ID)
				if c.view.Focus == "CN-GD" && c.size == [2]int{480, 360} && h.ID == "foshan" {
					t.Errorf("%s: Foshan's label stands over other divisions", c)
				}
				if len(h.Label.Lines) > 1 && h.productsByDefault {
					withProducts++
					t.Errorf("%s: %s's label keeps its products far out over other divisions", c, h.ID)
				}
			}
		}
	})
	t.Logf("%d labels on long leaders, %d over other divisions, %d of them with products shown by default", far, on, withProducts)
	if on >= 90 {
		t.Errorf("%d labels on long leaders stand over other divisions, want fewer than the 90 before", on)
	}
}

// TestWhatFitsNamedNearOrOwn: on a small map that names what fits (no
// key), a hub's name out on a long leader stands on its own division or
// the sea, its middle off a neighbouring country: "Qingdao 青岛" had stood
// over Inner Mongolia and Mongolia, on a leader across Hebei, on a map
// of all China at 480×360 in both languages. (With no place so, the
// marker stays unnamed, as others on such a map.)
func TestWhatFitsNamedNearOrOwn(t *testing.T) {
	far := 0
	eachMap(t, smallViews, smallSizes, func(c mapCase, s *Scene) {
		g := newGround(&s.Panel)
		for _, h := range s.Hubs {
			if !h.nearOrOwn || len(h.Leader) != 2 || h.div == 0 || len(h.Label.Lines) == 0 || h.Number > 0 ||
				leaderLength([2]orb.Point{h.Leader[0], h.Leader[1]}) <= 2*s.Style.Label*lineHeight {
				continue
			}
			far++
			m := h.Label.Box.Center()
			if !g.offOthers(h.Label.Box, h.div-1) || !s.Base.offNeighbours(orb.Bound{Min: m, Max: m}) {
				t.Errorf("%s: %s's name out on its leader stands over another division or country", c, h.ID)
			}
		}
	})
	t.Logf("%d names on long leaders", far)
	if far < 15 {
		t.Errorf("%d names of maps that name what fit on long leaders, want at least 15: the test would test little", far)
	}
}
