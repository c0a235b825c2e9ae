package render_test

import (
	"context"
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
