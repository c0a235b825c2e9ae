package render

import (
	"testing"
)

// TestLabelsOffTheDashedLine: on maps of the mainland edition, no hub's
// label or leader and no name (but the islands' own, inside it) is
// crossed by the South China Sea's dashed line: its dashes had run
// through "Jinjiang" and "Shenzhen" at 640×480 in English, and
// Jinjiang's leader across it.
func TestLabelsOffTheDashedLine(t *testing.T) {
	views := []Options{{Edition: EditionCN}, {Edition: EditionCN, Page: "a4"}, {Edition: EditionCN, Page: "a5"}, {Edition: EditionCN, Page: "slide"},
		{Edition: EditionCN, Focus: "CN-HI"}, {Edition: EditionCN, BBox: BBox{105, 5, 125, 25}}}
	sizes := [][2]int{{480, 360}, {640, 480}, {800, 600}, {1200, 900}, {600, 900}}
	maps, lines := 0, 0
	eachMap(t, views, sizes, func(c mapCase, s *Scene) {
		segs := segmentsOf(s.SeaLine)
		if len(segs) == 0 {
			return
		}
		maps++
		lines += len(segs)
		for _, h := range s.Hubs {
			if len(h.Label.Lines) == 0 || h.OnMarker {
				continue
			}
			ink := letters(h.Label.Box, s.Style.Label)
			for _, l := range segs {
				if segmentHitsBox(l[0], l[1], ink) {
					t.Errorf("%s: the dashed line runs through %q", c, h.Label.Lines[0])
				}
				if len(h.Leader) == 2 && segmentsCross(l[0], l[1], h.Leader[0], h.Leader[1]) {
					t.Errorf("%s: %s's leader crosses the dashed line", c, h.ID)
				}
			}
		}
		for _, n := range s.Names {
			if n.Code == "sea-islands" {
				continue
			}
			ink := letters(n.Label.Box, s.Style.Name)
			for _, l := range segs {
				if segmentHitsBox(l[0], l[1], ink) {
					t.Errorf("%s: the dashed line runs through the name %q", c, n.Label.Lines[0])
				}
			}
		}
	})
	t.Logf("%d maps with %d dashes in view", maps, lines)
	if maps < 20 {
		t.Errorf("%d maps show the dashed line, want at least 20", maps)
	}
}
