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
	a := atlastest.Embedded(t)
	views := []Options{{}, {Edition: EditionCN}, {Focus: "CN-GD"}, {Focus: "CN-SC"}, {Focus: "CN-ZJ"}, {Focus: "CN-FJ"},
		{BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{100, 20, 125, 42}}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}}}
	maps, over, hiding := 0, 0, 0
	for _, view := range views {
		for _, size := range [][2]int{{320, 320}, {360, 360}, {400, 400}, {480, 360}, {360, 640}, {640, 480}} {
			for _, lang := range []string{"en", "zh", "both"} {
				opt := view
				opt.Width, opt.Height, opt.Lang = size[0], size[1], lang
				s, err := Build(context.Background(), a, Request{Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				maps++
				if !intersects(s.Legend.Box, s.Frame) {
					continue
				}
				over++
				n := countOver(s.Legend.Box, markerBoxes(s.Hubs))
				if n == 0 {
					continue
				}
				hiding++
				if size[0] <= 320 && size[1] <= 320 && lang == "both" {
					t.Logf("%s %dx%d %s: the legend over the map hides %.0f markers", describeView(view), size[0], size[1], lang, n)
					continue
				}
				t.Errorf("%s %dx%d %s: the legend over the map hides %.0f markers", describeView(view), size[0], size[1], lang, n)
			}
		}
	}
	t.Logf("%d maps, %d with the legend over the map, %d of them hiding markers", maps, over, hiding)
}
