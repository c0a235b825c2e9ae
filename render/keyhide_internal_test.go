package render

import "testing"

// TestKeyHidesLittle: a key over the map hides no hub's label (the labels
// are placed around it) and at most maxKeyHidden of the markers; where it
// would hide more, the map has no key and names what fits. Labels had
// been left under a key that keyOverMap laid out after they were placed
// (Guangdong's names and products at 400×400 in both languages): 66
// labels and 126 markers under keys in these 162 maps; a key over all of
// China at 400×400 had hidden 10 of its 26 markers.
func TestKeyHidesLittle(t *testing.T) {
	keys, labels, markers := 0, 0, 0
	eachMap(t, smallViews, smallSizes, func(name mapCase, s *Scene) {
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
