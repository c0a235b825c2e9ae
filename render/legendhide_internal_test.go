package render

import (
	"context"
	"testing"

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
	for _, opt := range views {
		for _, lang := range []string{"en", "zh", "both"} {
			opt.Lang = lang
			s, err := Build(context.Background(), a, Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			name := describeView(opt) + " " + lang
			if opt.Page == "slide" && !opt.BBox.IsZero() && lang == "both" {
				continue // its legend, in both languages, is wider than the room beyond the view
			}
			lb := s.Legend.Box
			if !s.Frame.Contains(lb.Min) || !s.Frame.Contains(lb.Max) {
				t.Errorf("%s: legend %v in a panel, not over the map %v", name, lb, s.Frame)
				continue
			}
			if v := viewPx(s.Base.Transform, viewBound(a, a.DivisionIndex(opt.Focus), opt)); intersects(lb, v) {
				t.Errorf("%s: legend %v over the view asked for %v", name, lb, v)
			}
			for _, h := range s.Hubs {
				if intersects(lb, marker{h.At, h.drawnR()}.box(0)) {
					t.Errorf("%s: legend %v hides %s", name, lb, h.ID)
				}
			}
		}
	}
}
