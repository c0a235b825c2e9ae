package render

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// TestSeasNamed: the map names the waters around China, as atlases do,
// each on its own water: no corner or middle of its box on any
// division's or neighbour's land, nothing else under it, inside the
// frame. The default map names the South China Sea, the East China Sea,
// the Yellow Sea and the Sea of Japan; Fujian's coast the Taiwan Strait.
// No map had named any.
func TestSeasNamed(t *testing.T) {
	views := []Options{{}, {Edition: EditionCN}, {Focus: "CN-GD"}, {Focus: "CN-SD"}, {Focus: "CN-JS"}, {BBox: BBox{116, 23, 121, 27.5}},
		{BBox: BBox{112, 34, 124, 41}}, {BBox: BBox{104, 17, 115, 24}}, {BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{112, 21, 116, 24}}}
	// Zoomed views name the seas whose middle they leave out, on the
	// part of their water in view (Guangdong's focus had named only the
	// Gulf of Tonkin; Jiangsu's, none: the Yellow Sea's places about its
	// middle lay under the legend).
	want := map[string][]string{"China": {"South China Sea", "East China Sea", "Yellow Sea", "Sea of Japan"},
		"bbox [116 23 121 27.5]": {"Taiwan Strait"}, "focus CN-GD": {"South China Sea", "Gulf of Tonkin"},
		"focus CN-JS": {"Yellow Sea"}, "focus CN-SD": {"Yellow Sea", "Bohai Sea"}, "bbox [112 21 116 24]": {"South China Sea"}}
	named := 0
	eachMap(t, views, [][2]int{{400, 400}, {640, 480}, {1200, 900}}, func(c mapCase, s *Scene) {
		var seas []string
		for _, n := range s.Names {
			if n.Kind != "sea" {
				continue
			}
			named++
			seas = append(seas, n.Label.Lines[0])
			b := n.Label.Box
			if !s.Frame.Contains(b.Min) || !s.Frame.Contains(b.Max) {
				t.Errorf("%s: %q %v leaves the frame %v", c, n.Label.Lines[0], b, s.Frame)
			}
			for _, p := range []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}, b.Center()} {
				for _, rings := range landRings(s) {
					for _, r := range rings {
						if geo.RingContains(r, p) {
							t.Errorf("%s: %q %v stands on land at %v", c, n.Label.Lines[0], b, p)
						}
					}
				}
			}
			for _, h := range s.Hubs {
				if intersects(b, marker{h.At, h.drawnR()}.box(0)) || len(h.Label.Lines) > 0 && !h.OnMarker && intersects(b, h.Label.Box) {
					t.Errorf("%s: %q %v covers %s's marker or label", c, n.Label.Lines[0], b, h.ID)
				}
			}
			for _, o := range s.Names {
				if o.Code != n.Code && intersects(b, o.Label.Box) {
					t.Errorf("%s: %q %v covers the name %q", c, n.Label.Lines[0], b, o.Label.Lines[0])
				}
			}
		}
		if c.size == [2]int{1200, 900} && c.lang == "en" {
			for _, w := range want[describeView(c.view)] {
				if !slices.Contains(seas, w) {
					t.Errorf("%s: %q is not named (named: %q)", c, w, seas)
				}
			}
		}
	})
	if named == 0 {
		t.Fatal("no sea named on any map")
	}
	t.Logf("%d sea names", named)
}

// landRings are the rings of every division and neighbouring country in
// view, px.
func landRings(s *Scene) [][][]orb.Point {
	var out [][][]orb.Point
	for _, p := range s.Base.Provinces {
		out = append(out, p.Rings)
	}
	for _, c := range s.Base.Countries {
		out = append(out, c.Rings)
	}
	return out
}
