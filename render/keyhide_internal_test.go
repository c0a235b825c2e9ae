package render

import (
	"context"
	"fmt"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestKeyHidesLittle: a key over the map hides no hub's label (the labels
// are placed around it) and at most maxKeyHidden of the markers; where it
// would hide more, the map has no key and names what fits. Labels had
// been left under a key that keyOverMap laid out after they were placed
// (Guangdong's names and products at 400×400 in both languages): 66
// labels and 126 markers under keys in these 162 maps; a key over all of
// China at 400×400 had hidden 10 of its 26 markers.
func TestKeyHidesLittle(t *testing.T) {
	keys, labels, markers := 0, 0, 0
	eachSmallMap(t, func(name string, s *Scene) {
		if s.Key.Box.IsZero() || !intersects(s.Key.Box, s.Frame) {
			return
		}
		keys++
		hidden := 0
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && !h.OnMarker && h.Inset < 0 && intersects(s.Key.Box, h.Label.Box) {
				labels++
				t.Errorf("%s: the key %v hides %s's label %q", name, s.Key.Box, h.ID, h.Label.Lines[0])
			}
			if intersects(s.Key.Box, marker{h.At, h.drawnR()}.box(0)) {
				hidden++
			}
		}
		markers += hidden
		if float64(hidden) > maxKeyHidden*float64(len(s.Hubs)) {
			t.Errorf("%s: the key %v hides %d of %d markers", name, s.Key.Box, hidden, len(s.Hubs))
		}
	})
	t.Logf("%d keys over the map: %d labels and %d markers under them", keys, labels, markers)
}

// eachSmallMap builds small maps of many views in three languages, where
// keys go over the map.
func eachSmallMap(t *testing.T, f func(name string, s *Scene)) {
	t.Helper()
	a := atlastest.Embedded(t)
	views := []Options{{}, {Edition: EditionCN}, {Focus: "CN-GD"}, {Focus: "CN-SC"}, {Focus: "CN-ZJ"}, {Focus: "CN-FJ"},
		{BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{100, 20, 125, 42}}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}}}
	for _, view := range views {
		for _, size := range [][2]int{{320, 320}, {360, 360}, {400, 400}, {480, 360}, {360, 640}, {640, 480}} {
			for _, lang := range []string{"en", "zh", "both"} {
				opt := view
				opt.Width, opt.Height, opt.Lang = size[0], size[1], lang
				s, err := Build(context.Background(), a, Request{Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				f(fmt.Sprintf("%s %dx%d %s", describeView(view), size[0], size[1], lang), s)
			}
		}
	}
}
