package render

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestLegendHidesNoHub: a legend over the map hides no hub's marker where
// a panel beside or below would leave the map at least
// minPanelScaleHiding of its size: a smaller map whole reads better than
// a larger one with hubs hidden. At 400×400 in both languages the legend
// had hidden four of Guangdong's five hubs in its focus view, all four
// of the Pearl River Delta's at 360×360, and Sichuan whole at 320×320.
// A 320 px map in both languages has no such panel (the legend is two
// thirds of it): there the legend still hides hubs, and the test says how
// many.
func TestLegendHidesNoHub(t *testing.T) {
	maps, over, hiding := 0, 0, 0
	eachMap(t, smallViews, smallSizes, func(c mapCase, s *Scene) {
		maps++
		if !intersects(s.Legend.Box, s.Frame) {
			return
		}
		over++
		n := countOver(s.Legend.Box, markerBoxes(s.Hubs))
		if n == 0 {
			return
		}
		hiding++
		if c.size[0] <= 320 && c.size[1] <= 320 && c.lang == "both" {
			t.Logf("%s: the legend over the map hides %.0f markers", c, n)
			return
		}
		t.Errorf("%s: the legend over the map hides %.0f markers", c, n)
	})
	t.Logf("%d maps, %d with the legend over the map, %d of them hiding markers", maps, over, hiding)
}

// TestLegendOverWhatFillsTheFrame: where the frame is wider (or taller)
// than the view asked for, a legend that finds no corner off land goes
// over the map in a corner beyond the view, hiding no hub, rather than
// into a panel beside it: Sichuan's focus on a slide and a window of
// Chongqing at 1280×720 had a blank column under a legend in a panel.
func TestLegendOverWhatFillsTheFrame(t *testing.T) {
	views := []Options{{Focus: "CN-SC", Page: "slide"}, {BBox: BBox{104, 28, 110, 32}, Width: 1280, Height: 720},
		{BBox: BBox{104, 28, 110, 32}, Page: "slide"}, {Focus: "CN-SC", Width: 768, Height: 1024}}
	a := atlastest.Embedded(t)
	eachLang(t, a, views, func(opt Options, s *Scene) {
		name := describeView(opt) + " " + opt.Lang
		if opt.Page == "slide" && !opt.BBox.IsZero() && opt.Lang == "both" {
			return // its legend, in both languages, is wider than the room beyond the view
		}
		lb := s.Legend.Box
		if !s.Frame.Contains(lb.Min) || !s.Frame.Contains(lb.Max) {
			t.Errorf("%s: legend %v in a panel, not over the map %v", name, lb, s.Frame)
			return
		}
		if v := viewPx(s.Base.Transform, viewBound(a, a.DivisionIndex(opt.Focus), opt)); intersects(lb, v) {
			t.Errorf("%s: legend %v over the view asked for %v", name, lb, v)
		}
		for _, h := range s.Hubs {
			if intersects(lb, marker{h.At, h.drawnR()}.box(0)) {
				t.Errorf("%s: legend %v hides %s", name, lb, h.ID)
			}
		}
	})
}

// eachLang builds each view in the three languages and hands each map to
// f, with its options.
func eachLang(t *testing.T, a *geo.Atlas, views []Options, f func(opt Options, s *Scene)) {
	t.Helper()
	for _, opt := range views {
		for _, lang := range []string{"en", "zh", "both"} {
			opt.Lang = lang
			s, err := Build(context.Background(), a, Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			f(opt, s)
		}
	}
}

// TestLegendOverTheNeighbours: a province's view or a window whose
// frame has land in every corner puts its legend over the map, in the
// corner that hides least land within the land budget, none of the
// province's own and no hub, rather than in a panel beside a map fitted
// to what is left: Inner Mongolia's view at 800×600 in both languages had
// a blank column under the legend, Heilongjiang cut in half and Harbin's
// marker on the frame's edge; Guangxi's left out Guangdong's hubs. In a
// province's view the land asked for is the province's too (landBudget's
// withinFocus): Guizhou's, Beijing's and Chongqing's views had still made
// panels, their corners over neighbours hiding more than a hundredth of
// the land about the province (Chongqing's at 640×480 had left out
// Chengdu).
func TestLegendOverTheNeighbours(t *testing.T) {
	views := []Options{
		{Focus: "CN-NM", Width: 800, Height: 600}, {Focus: "CN-NM", Width: 640, Height: 480},
		{Focus: "CN-GX", Width: 800, Height: 600}, {Focus: "CN-SC", Width: 800, Height: 600},
		{Focus: "CN-GZ", Width: 800, Height: 600}, {Focus: "CN-BJ", Width: 640, Height: 480},
		{Focus: "CN-CQ", Width: 640, Height: 480}, {Focus: "CN-HB", Width: 1200, Height: 900},
		{BBox: BBox{118, 28, 123, 33}, Width: 640, Height: 480},
	}
	a := atlastest.Embedded(t)
	eachLang(t, a, views, func(opt Options, s *Scene) {
		name := describeView(opt) + fmt.Sprintf(" %dx%d %s", opt.Width, opt.Height, opt.Lang)
		if opt.Focus == "CN-SC" && opt.Lang == "both" {
			// Its legend in both languages would hide Sichuan's own
			// land in three corners, a third of Guizhou (which the
			// frame shows nearly whole) in the fourth.
			return
		}
		lb := s.Legend.Box
		if !s.Frame.Contains(lb.Min) || !s.Frame.Contains(lb.Max) {
			t.Errorf("%s: legend %v in a panel, not over the map %v", name, lb, s.Frame)
			return
		}
		if focus := a.DivisionIndex(opt.Focus); focus >= 0 && s.Base.divMask.holds(lb, focus) {
			t.Errorf("%s: legend %v over %s", name, lb, opt.Focus)
		}
		if !s.landBudget().allows(lb) {
			t.Errorf("%s: legend %v hides more land than the budget allows", name, lb)
		}
		if n := countOver(lb, markerBoxes(s.Hubs)); n > 0 {
			t.Errorf("%s: legend %v hides %.0f markers", name, lb, n)
		}
	})
}

// TestBoxesKeepTaiwan: in a province's view a legend or a key may stand
// over the neighbours, but over no more than a tenth of one the frame
// shows mostly, though it cuts it: Fujian's legend had hidden 145 of the
// 151 cells of Taiwan in the frame at 480×360 in English, 297 of 328 at
// 640×480 in both languages, in both editions.
func TestBoxesKeepTaiwan(t *testing.T) {
	a := atlastest.Embedded(t)
	tw := a.DivisionIndex("CN-TW")
	var views []Options
	for _, ed := range []string{EditionIntl, EditionCN} {
		for _, sz := range [][2]int{{480, 360}, {640, 480}, {800, 600}, {1200, 900}} {
			views = append(views, Options{Focus: "CN-FJ", Width: sz[0], Height: sz[1], Edition: ed}, Options{Focus: "CN-ZJ", Width: sz[0], Height: sz[1], Edition: ed})
		}
	}
	shown := 0
	eachLang(t, a, views, func(opt Options, s *Scene) {
		all := s.Base.divMask.counts(s.Frame, nil)
		if tw >= len(all) || all[tw] == 0 {
			return
		}
		shown++
		for _, b := range []orb.Bound{s.Legend.Box, s.Key.Box} {
			if b.IsZero() || !intersects(b, s.Frame) {
				continue
			}
			if n := s.Base.divMask.counts(b, make([]int, len(all)))[tw]; float64(n) > maxHiddenDivision*float64(all[tw]) {
				t.Errorf("%s %dx%d %s %s: a box %v hides %d of Taiwan's %d cells in the frame", opt.Focus, opt.Width, opt.Height, opt.Lang, opt.Edition, b, n, all[tw])
			}
		}
	})
	if shown == 0 {
		t.Error("Taiwan in no frame: the test tests nothing")
	}
}

// TestEnlargedAreaClearOfTheLegend: the rectangle that marks the area an
// enlargement shows runs under no legend or key, and still holds its
// hubs' markers: it had run 3 px under the legend of all China at
// 800×600 in Chinese, beside Taiwan, the legend placed before the
// enlargement was made.
func TestEnlargedAreaClearOfTheLegend(t *testing.T) {
	n := 0
	sizes := [][2]int{{640, 480}, {800, 600}, {960, 720}, {1200, 900}, {960, 540}, {1600, 1200}, {600, 800}}
	views := append(slices.Clip(crowdedViews), Options{Edition: EditionCN}, Options{Products: ProductsOn}, Options{Products: ProductsOn, Edition: EditionCN})
	eachMap(t, views, sizes, func(c mapCase, s *Scene) {
		for _, in := range s.Insets {
			if in.Kind != InsetEnlargement {
				continue
			}
			n++
			for _, b := range []orb.Bound{s.Legend.Box, s.Key.Box} {
				if !b.IsZero() && intersects(in.Source, b) {
					t.Errorf("%s: the enlarged area %v runs under %v", c, in.Source, b)
				}
			}
			for _, h := range s.Hubs {
				if h.Inset >= 0 && s.Insets[h.Inset].Source == in.Source && !in.Source.Contains(h.At) {
					t.Errorf("%s: %s's marker %v outside the enlarged area %v", c, h.ID, h.At, in.Source)
				}
			}
		}
	})
	t.Logf("%d enlargements", n)
	if n < 5 {
		t.Errorf("%d enlargements: the test tests little", n)
	}
}
