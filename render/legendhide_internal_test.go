package render

import "testing"

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
