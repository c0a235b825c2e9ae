package render

import (
	"strings"
	"testing"
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
