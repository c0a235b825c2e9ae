package render_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

// TestKeyKeepsNamesWhole: the key of numbered hubs wraps its entries
// between words and between Chinese characters, but never inside a
// city's name: "石家" / "庄" read as two names. 21 entries broke a name at
// these sizes before.
func TestKeyKeepsNamesWhole(t *testing.T) {
	a := atlastest.Embedded(t)
	var names []string
	for _, h := range a.Hubs {
		names = append(names, h.NameZH, h.Name)
	}
	n, wrapped := 0, 0
	for _, w := range []int{320, 360, 400, 480, 560, 640, 800} {
		for _, h := range []int{320, 360, 400, 480, 640} {
			for _, lang := range []string{"en", "zh", "both"} {
				for _, f := range []geo.Filter{{}, {Categories: []string{"footwear"}}} {
					s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Width: w, Height: h, Lang: lang}, Filter: f})
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range s.Key.Entries {
						if len(e.Lines) > 1 {
							wrapped++
						}
						for i := 0; i+1 < len(e.Lines); i++ {
							for _, nm := range names {
								for k := 1; k < len(nm); k++ {
									if !strings.HasSuffix(e.Lines[i], nm[:k]) || !strings.HasPrefix(strings.TrimSpace(e.Lines[i+1]), nm[k:]) {
										continue
									}
									n++
									t.Errorf("%dx%d %s %v: %q / %q", w, h, lang, f.Categories, e.Lines[i], e.Lines[i+1])
								}
							}
						}
					}
				}
			}
		}
	}
	// The sizes above wrap entries of the key.
	if wrapped == 0 {
		t.Error("no entry of the key wrapped: the test tests nothing")
	}
	t.Logf("%d names broken, %d entries wrapped", n, wrapped)
}

// TestNumbersAreUniqueAndKeyed: over the main map and its enlargements,
// the numbered hubs are numbered 1 to N, each number once, the key lists
// each number once, and no hub shows a number it does not have. An
// enlargement's hubs had carried the numbers of the main map's first
// placement as their names (800×600 in Chinese: 1, 2, 3 on Ningbo, Yiwu
// and Wenzhou besides Quanzhou's 1, the key listing only Quanzhou).
func TestNumbersAreUniqueAndKeyed(t *testing.T) {
	a := atlastest.Embedded(t)
	checked := 0
	for _, size := range [][2]int{{800, 600}, {850, 640}, {640, 480}, {960, 720}, {720, 540}, {1024, 768}, {700, 700}} {
		for _, lang := range []string{"en", "zh", "both"} {
			for _, edition := range []string{"", render.EditionCN} {
				opt := render.Options{Width: size[0], Height: size[1], Lang: lang, Edition: edition}
				s, err := render.Build(context.Background(), a, render.Request{Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%dx%d %s %s", size[0], size[1], lang, edition)
				seen := map[int]string{}
				marks := append([]render.HubMark(nil), s.Hubs...)
				for _, in := range s.Insets {
					marks = append(marks, in.Hubs...)
				}
				for _, h := range marks {
					if h.Number == 0 {
						if len(h.Label.Lines) == 1 && strings.Trim(h.Label.Lines[0], "0123456789") == "" {
							t.Errorf("%s: %s shows %q, a number the key does not list", name, h.ID, h.Label.Lines[0])
						}
						continue
					}
					if other, ok := seen[h.Number]; ok && other != h.ID {
						t.Errorf("%s: number %d is both %s and %s", name, h.Number, other, h.ID)
					}
					seen[h.Number] = h.ID
				}
				for n := 1; n <= len(seen); n++ {
					if _, ok := seen[n]; !ok {
						t.Errorf("%s: numbers %v skip %d", name, seen, n)
					}
				}
				keyed := map[int]int{}
				for _, e := range s.Key.Entries {
					if e.Number > 0 {
						keyed[e.Number]++
					}
				}
				for n := range seen {
					if keyed[n] != 1 {
						t.Errorf("%s: the key lists number %d %d times", name, n, keyed[n])
					}
				}
				if len(keyed) != len(seen) {
					t.Errorf("%s: the key lists %d numbers, the map shows %d", name, len(keyed), len(seen))
				}
				if len(seen) > 0 {
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no map numbered any hub: the test tests nothing")
	}
	t.Logf("%d maps with numbered hubs", checked)
}
