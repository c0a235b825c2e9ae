package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestKeyKeepsProducts: a key gives up its hubs' provinces before their
// products. With products asked for at 800×600 the key had listed
// "Jinhua (Zhejiang)" and ten more names with their provinces, and no
// product of any.
func TestKeyKeepsProducts(t *testing.T) {
	keys := 0
	eachMap(t, []Options{{Products: ProductsOn}}, [][2]int{{800, 600}}, func(c mapCase, s *Scene) {
		if len(s.Key.Entries) == 0 {
			return
		}
		keys++
		for _, e := range s.Key.Entries {
			text := strings.Join(e.Lines, " ")
			if e.Number > 0 && !strings.ContainsAny(text, ":：") {
				t.Errorf("%s: key entry %d %q without its products", c, e.Number, text)
			}
		}
	})
	if keys == 0 {
		t.Error("no key: the test would test nothing")
	}
}

// TestFirstProductBeforeTheNameAlone: with products asked for, a hub whose
// products do not all fit beside its marker keeps the first of them
// ("Silk etc.", 丝绸等) where that fits, before its name alone: on the map
// of all China at 1200×900 in English, Suzhou and Foshan had stood
// without a word of their products, and the key lists only numbered
// hubs. Over more sizes and languages, a shortened line is always the
// label's only product line, its hub's first product; hubs still named
// alone are counted.
func TestFirstProductBeforeTheNameAlone(t *testing.T) {
	a := atlastest.Embedded(t)
	s, err := Build(t.Context(), a, Request{Options: Options{Products: ProductsOn, Width: 1200, Height: 900, Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"suzhou": "Silk etc.", "foshan": "Bathroom Accessories etc."}
	for _, h := range s.Hubs {
		w, ok := want[h.ID]
		if !ok {
			continue
		}
		delete(want, h.ID)
		if len(h.Label.Lines) != 2 || h.Label.Lines[1] != w {
			t.Errorf("%s: label %q, want its first product %q", h.ID, h.Label.Lines, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("not on the map: %v", want)
	}
	alone, shortened := 0, 0
	eachMap(t, []Options{{Products: ProductsOn}}, [][2]int{{1200, 900}, {800, 600}, {1600, 1200}, {960, 540}}, func(c mapCase, s *Scene) {
		for _, h := range s.Hubs {
			if h.Number > 0 || len(h.Label.Lines) == 0 || h.firstProduct == "" {
				continue
			}
			switch {
			case len(h.Label.Lines) == 1:
				alone++
				t.Logf("%s: %s named alone", c, h.ID)
			case slices.Contains(h.Label.Lines, h.firstProduct):
				shortened++
				if len(h.Label.Lines) != 2 || h.Label.Lines[1] != h.firstProduct {
					t.Errorf("%s: %s's label %q", c, h.ID, h.Label.Lines)
				}
			}
		}
	})
	t.Logf("%d labels with their first product, %d names alone", shortened, alone)
	if shortened == 0 {
		t.Error("no label took its first product: the test tests nothing")
	}
}

// TestKeyInChinesePunctuation: a key in Chinese brackets the province and
// introduces the products with full-width （）and ：, without spaces, as
// Chinese is set; it had read "泉州 (福建): 背包". Keys in English and in
// both languages keep the Latin ones.
func TestKeyInChinesePunctuation(t *testing.T) {
	keys := 0
	eachMap(t, []Options{{}, {Products: ProductsOn}}, [][2]int{{800, 600}, {640, 480}}, func(c mapCase, s *Scene) {
		for _, e := range s.Key.Entries {
			if e.Number == 0 {
				continue
			}
			keys++
			text := strings.Join(e.Lines, "")
			latin := strings.Contains(text, " (") || strings.Contains(text, ": ")
			if c.lang == "zh" && latin || c.lang != "zh" && strings.ContainsAny(text, "（：") {
				t.Errorf("%s: key entry %d %q", c, e.Number, text)
			}
		}
	})
	if keys == 0 {
		t.Error("no key: the test would test nothing")
	}
}
