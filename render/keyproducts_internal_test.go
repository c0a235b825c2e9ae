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
			if e.Number == 0 && e.ID == "" {
				continue // "+3 more"
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

// TestKeyListsLeftOutProducts: with products asked for, the hubs named on
// the map whose labels could not hold their products are listed in the
// key with them, where the longer key fits. On the map of all China at
// 1200×900 in English, Hangzhou and Yiwu had stood named alone, their
// products nowhere: the key listed only numbered hubs. Over the crowded
// views, each such entry is a hub named on the map without all its
// products, and gives them all; the key covers no label, marker, legend
// or inset and stays on the page; without products asked for, the key
// lists none.
func TestKeyListsLeftOutProducts(t *testing.T) {
	a := atlastest.Embedded(t)
	s, err := Build(t.Context(), a, Request{Options: Options{Products: ProductsOn, Width: 1200, Height: 900, Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	var key []string
	for _, e := range s.Key.Entries {
		key = append(key, strings.Join(e.Lines, " "))
	}
	for _, want := range []string{"Hangzhou (Zhejiang): E-commerce, High-Tech", "Yiwu (Zhejiang): Jewelry, Stationery, Home Decor"} {
		if !slices.Contains(key, want) {
			t.Errorf("all China 1200×900: the key %q does not list %q", key, want)
		}
	}

	listed, leftOut := 0, 0
	squeeze := strings.NewReplacer(" ", "", "\u00a0", "")
	var views []Options
	for _, v := range crowdedViews {
		for _, p := range []Products{ProductsOn, ProductsAuto} {
			v.Products = p
			views = append(views, v)
		}
	}
	eachMap(t, views, [][2]int{{1200, 900}, {800, 600}, {1600, 1200}, {960, 540}, {640, 480}}, func(c mapCase, s *Scene) {
		marks := map[string]HubMark{}
		for _, h := range s.allMarks() {
			marks[h.ID] = h
			if h.productsLeftOut() {
				leftOut++
			}
		}
		for _, e := range s.Key.Entries {
			if e.ID == "" {
				continue
			}
			listed++
			h, ok := marks[e.ID]
			switch {
			case c.view.Products != ProductsOn:
				t.Errorf("%s: %s listed for its products, not asked for", c, e.ID)
			case !ok || !h.productsLeftOut():
				t.Errorf("%s: %s listed for its products, labelled %q", c, e.ID, h.Label.Lines)
			case e.Number != 0:
				t.Errorf("%s: %s listed for its products with number %d", c, e.ID, e.Number)
			case !strings.Contains(squeeze.Replace(strings.Join(e.Lines, "")), squeeze.Replace(h.Products)):
				t.Errorf("%s: %s's entry %q lacks its products %q", c, e.ID, e.Lines, h.Products)
			}
		}
		if !slices.ContainsFunc(s.Key.Entries, func(e KeyEntry) bool { return e.ID != "" }) {
			return
		}
		// After the numbered entries, in reading order (they had come
		// in the data's order, which read as random).
		var prev *HubMark
		for i, e := range s.Key.Entries {
			if e.ID == "" {
				if prev != nil {
					t.Errorf("%s: entry %d %q after one listed for its products", c, i, e.Lines)
				}
				continue
			}
			h := marks[e.ID]
			if prev != nil && readingOrder(prev.At, h.At, s.Style) > 0 {
				t.Errorf("%s: %s listed after %s, out of reading order", c, h.ID, prev.ID)
			}
			prev = &h
		}
		k := s.Key.Box
		if k.Min[0] < -0.5 || k.Min[1] < -0.5 || k.Max[0] > s.Width+0.5 || k.Max[1] > s.Height+0.5 {
			t.Errorf("%s: the key %v leaves the page", c, k)
		}
		if intersects(k, s.Legend.Box) {
			t.Errorf("%s: the key %v covers the legend %v", c, k, s.Legend.Box)
		}
		for _, in := range s.Insets {
			if intersects(k, in.Frame) {
				t.Errorf("%s: the key %v covers an inset %v", c, k, in.Frame)
			}
		}
		for _, h := range s.Hubs {
			if intersects(k, marker{h.At, h.drawnR()}.box(0)) {
				t.Errorf("%s: the key %v covers %s's marker", c, k, h.ID)
			}
			if len(h.Label.Lines) > 0 && !h.OnMarker && intersects(k, h.Label.Box) {
				t.Errorf("%s: the key %v covers %s's label %q", c, k, h.ID, h.Label.Lines)
			}
		}
	})
	t.Logf("%d hubs listed for their products, of %d named without them all", listed, leftOut)
	if listed == 0 {
		t.Error("no hub listed for its products: the test tests nothing")
	}
}
