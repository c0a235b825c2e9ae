package render

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestPagesKeepTypeReadable: no text on a printed page is smaller than
// 5 pt, the least type that reads in print: on every page, in every
// language, of the embedded hubs (numbered markers where labels find no
// room) and of the example's 5,000 suppliers (counts in circles). The
// numbers on a column page's markers had shrunk to 4.2 and 4.5 pt.
func TestPagesKeepTypeReadable(t *testing.T) {
	fontSize := regexp.MustCompile(`font-size="([0-9.]+)"[^>]*>([^<]*)<`)
	least := 5 * ptPx
	for _, a := range []*geo.Atlas{atlastest.Embedded(t), atlastest.Example(t, "suppliers.csv")} {
		for _, page := range PageNames() {
			for _, view := range []Options{{}, {Focus: "CN-GD"}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}}} {
				for _, lang := range []string{"en", "zh", "both"} {
					opt := view
					opt.Page, opt.Lang = page, lang
					s, err := Build(context.Background(), a, Request{Options: opt})
					if err != nil {
						t.Fatal(err)
					}
					var b bytes.Buffer
					if err := WriteSVG(&b, s); err != nil {
						t.Fatal(err)
					}
					texts := fontSize.FindAllSubmatch(b.Bytes(), -1)
					if len(texts) < 10 {
						t.Fatalf("%s %s %s: %d texts found", page, describeView(view), lang, len(texts))
					}
					for _, m := range texts {
						// Sizes are written to a tenth of a px.
						if px, _ := strconv.ParseFloat(string(m[1]), 64); px < least-0.05 {
							t.Errorf("%d hubs, %s %s %s: %q at %.1f pt", len(a.Hubs), page, describeView(view), lang, m[2], px/ptPx)
						}
					}
				}
			}
		}
	}
}
