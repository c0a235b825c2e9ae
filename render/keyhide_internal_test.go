package render

import "testing"

// TestKeyHidesLittle: a key over the map is laid out before the labels
// are placed around it, and where that makes a longer key that hides
// more, the labels go back under the first one: over these 162 small
// maps, keys hide fewer markers and labels than they hid at 4a0615c (66
// labels and 126 markers, 192; names and products of Guangdong's hubs
// at 400×400 in both languages among them; 95 with this change). A key over
// a small map still hides some: it lists the names a report needs, which
// no key would leave out (a key hiding markers is not refused). No name
// stands under a key: its hub's marker is left bare (unlabelUnderKey);
// 10 names had shown a few letters at the key's edge, among them
// Chengdu's and Xi'an's over all China at 400×400.
func TestKeyHidesLittle(t *testing.T) {
	keys, labels, markers := 0, 0, 0
	eachMap(t, smallViews, smallSizes, func(c mapCase, s *Scene) {
		if s.Key.Box.IsZero() || !intersects(s.Key.Box, s.Frame) {
			return
		}
		keys++
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && !h.OnMarker && h.Inset < 0 && intersects(s.Key.Box, h.Label.Box) {
				labels++
				t.Logf("%s: the key %v hides %s's label %q", c, s.Key.Box, h.ID, h.Label.Lines[0])
				if h.Number == 0 {
					t.Errorf("%s: the key %v hides %s's name %q", c, s.Key.Box, h.ID, h.Label.Lines[0])
				}
			}
			if intersects(s.Key.Box, marker{h.At, h.drawnR()}.box(0)) {
				markers++
			}
		}
	})
	t.Logf("%d keys over the map: %d labels and %d markers under them", keys, labels, markers)
	if before := 66 + 126; labels+markers >= before {
		t.Errorf("keys hide %d labels and %d markers, want fewer than the %d of 4a0615c", labels, markers, before)
	}
}
