package render

import (
	"slices"
	"testing"
)

// TestKeyHidesNoMarker: a key over the map hides no hub's marker, and no
// name: over the 162 small maps this test first drew, keys had hidden 85 markers (12 of the
// 26 hubs of all China at 360×360 in Chinese, every one inland among
// them; 18 of 25 in a window at 480×360 in both languages), where a key
// over markers was taken when none fitted elsewhere. A map with no room
// for its key names what fits instead (nameWhatFits). No name stands
// under a key: its hub's marker is left bare (unlabelUnderKey); 10 names
// had shown a few letters at the key's edge, among them Chengdu's and
// Xi'an's over all China at 400×400.
func TestKeyHidesNoMarker(t *testing.T) {
	keys, labels, markers := 0, 0, 0
	eachMap(t, append(slices.Clip(smallViews), crowdedViews...), smallSizes, func(c mapCase, s *Scene) {
		if s.Key.Box.IsZero() || !intersects(s.Key.Box, s.Frame) {
			return
		}
		keys++
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && !h.OnMarker && h.Inset < 0 && intersects(s.Key.Box, h.Label.Box) {
				labels++
				t.Errorf("%s: the key %v hides %s's label %q", c, s.Key.Box, h.ID, h.Label.Lines[0])
			}
			if intersects(s.Key.Box, marker{h.At, h.drawnR()}.box(0)) {
				markers++
				t.Errorf("%s: the key %v hides %s's marker", c, s.Key.Box, h.ID)
			}
		}
	})
	t.Logf("%d keys over the map: %d labels and %d markers under them", keys, labels, markers)
	if keys < 8 {
		t.Errorf("%d keys over the map, want at least 8: the test would test little", keys)
	}
}

// TestNoHubLeftBare: every hub on a small map with a key (markers, not
// proportional symbols) is named on the map or numbered in the key, also where a key
// laid over the map covered its name: that hub takes the next number,
// on its marker, and the key lists it (a hub whose marker the key covers
// as well is not counted). The names that unlabelUnderKey took off had
// left 25 markers bare in these 203 maps, Sanya's and Xi'an's over all
// China at 400×400 among them.
func TestNoHubLeftBare(t *testing.T) {
	bare, maps := 0, 0
	var sizes [][2]int
	for _, w := range []int{320, 360, 400, 480, 560, 640} {
		for _, h := range []int{320, 400, 480, 640} {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	eachMap(t, smallViews, sizes, func(c mapCase, s *Scene) {
		if s.Aggregated || len(s.Key.Entries) == 0 {
			// Without a key, a map too small for every name names what
			// fits (nameWhatFits): a map of dots coloured by industry.
			return
		}
		maps++
		listed := map[int]bool{}
		for _, e := range s.Key.Entries {
			listed[e.Number] = true
		}
		for _, h := range s.Hubs {
			if h.Inset >= 0 || !s.Frame.Contains(h.At) || intersects(s.Key.Box, marker{h.At, h.R}.box(0)) {
				continue
			}
			switch {
			case h.Number > 0 && !listed[h.Number] && s.Key.numbered() == numberedHubs(s.Hubs):
				t.Errorf("%s: %s is number %d, which the key does not list", c, h.ID, h.Number)
			case h.Number == 0 && len(h.Label.Lines) == 0:
				bare++
				t.Logf("%s: %s has neither name nor number", c, h.ID)
			}
		}
	})
	t.Logf("%d maps of markers with a key, %d hubs bare", maps, bare)
	// 25 before placeKey named them again or numbered them; those left
	// stand beside keys that fill the map's height, or in maps in both
	// languages at 320 and 560×320 px.
	if bare > 13 {
		t.Errorf("%d hubs bare beside keys, want at most 13 (25 at 2307348)", bare)
	}
}

// TestNumbersStandBesideTheirMarkers: a hub whose name finds no room
// takes a number beside its marker or on it, never out on a leader: on
// a slide in Chinese, Jinhua's "1" had stood in Jiangxi at the end of a
// hairline. (Where most names find no room and every hub is numbered,
// numbers may go out on leaders as names do.)
func TestNumbersStandBesideTheirMarkers(t *testing.T) {
	numbered := 0
	views := append(slices.Clone(smallViews), Options{Page: "slide"})
	eachMap(t, views, [][2]int{{400, 400}, {480, 360}, {640, 480}, {1280, 720}}, func(c mapCase, s *Scene) {
		all := true
		for _, h := range s.Hubs {
			all = all && (h.Number > 0 || h.Inset >= 0)
		}
		if all {
			return
		}
		for _, h := range s.Hubs {
			if h.Number == 0 {
				continue
			}
			numbered++
			if len(h.Leader) > 0 && !h.OnMarker {
				t.Errorf("%s: %s's number %d stands on a leader", c, h.ID, h.Number)
			}
		}
	})
	t.Logf("%d numbers", numbered)
}

// TestKeyAboveTheCredits: a key in the panel stays in it, above the
// credits: a key whose one entry the area below the legend could not
// hold had run 17 px past the panel over the credits (Guangdong's view at
// 480×360 in both languages).
func TestKeyAboveTheCredits(t *testing.T) {
	keys := 0
	eachMap(t, append(slices.Clip(smallViews), crowdedViews...), append(slices.Clip(smallSizes), crowdedSizes...), func(c mapCase, s *Scene) {
		if s.Key.Box.IsZero() || len(s.CreditY) == 0 {
			return
		}
		keys++
		if top := s.CreditY[0] - s.Style.Credit; s.Key.Box.Max[1] > top+0.5 {
			t.Errorf("%s: the key %v runs over the credits (from y %.1f)", c, s.Key.Box, top)
		}
	})
	t.Logf("%d keys", keys)
}

// TestKeyOfTheFirstNumbers: where most names find no room, every hub is
// numbered, in reading order; where the key of them all then finds no
// place, the map keeps the names that stood and numbers the rest, as
// first placed, if their key has a place; only where neither has does
// it name what fits, its other markers bare. At 640×480 in both
// languages, all China had named 8 hubs and left 18 bare beside a panel
// with room for the key of the 15 first numbered.
func TestKeyOfTheFirstNumbers(t *testing.T) {
	var sizes [][2]int
	for _, w := range []int{480, 560, 640, 800} {
		for _, h := range []int{360, 480, 600} {
			sizes = append(sizes, [2]int{w, h})
		}
	}
	views := []Options{{}, {Products: ProductsOn}, {Edition: EditionCN}}
	bare, whatFits, maps := 0, 0, 0
	eachMap(t, views, sizes, func(c mapCase, s *Scene) {
		if s.Aggregated {
			return
		}
		maps++
		if len(s.Key.Entries) == 0 {
			if c.view.Products != ProductsOn && c.view.Edition == "" && c.lang == "both" && c.size[1] == 480 && c.size[0] >= 480 {
				t.Errorf("%s: no key", c)
			}
			n := 0
			for _, h := range s.Hubs {
				if h.Inset < 0 && s.Frame.Contains(h.At) && len(h.Label.Lines) == 0 {
					n++
				}
			}
			if n > 0 {
				whatFits++
				bare += n
				t.Logf("%s: no key, %d hubs bare", c, n)
			}
		}
	})
	t.Logf("%d maps, %d without a key and with %d hubs bare", maps, whatFits, bare)
	if maps == 0 {
		t.Fatal("no map drawn")
	}
	// The rest have no room for either key: the legend fills the panel
	// (480×360), or the key of the first numbers is as long.
	if bare > 308 {
		t.Errorf("%d hubs bare on %d maps without a key, want at most 308 (425 on 21 maps before)", bare, whatFits)
	}
}
