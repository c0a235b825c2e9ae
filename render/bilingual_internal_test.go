package render

import (
	"context"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestProductsInBothLanguages: a map in both languages with products
// asked for gives them in English and then in Chinese where that says no
// less than English alone: no more markers bare, no hub's products
// unsaid that English says, no fewer names of divisions and neighbours
// (saysLess); it had given them in English only,
// under the key's heading 编号与产品. Zhejiang in focus has the room.
func TestProductsInBothLanguages(t *testing.T) {
	a := atlastest.Embedded(t)
	chinese := 0
	views := append(append([]Options{}, crowdedViews...), Options{Page: "a4-landscape"}, Options{Page: "slide"}, Options{Width: 2400, Height: 1800})
	for _, view := range views {
		sizes := crowdedSizes
		if view.Page != "" || view.Width != 0 {
			sizes = [][2]int{{view.Width, view.Height}}
		}
		for _, size := range sizes {
			opt := view
			opt.Width, opt.Height, opt.Lang, opt.Products = size[0], size[1], "both", ProductsOn
			s, err := Build(context.Background(), a, Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			en, err := buildScene(context.Background(), a, geo.Filter{}, opt.withDefaults(), true)
			if err != nil {
				t.Fatal(err)
			}
			if s.saysLess(en) {
				t.Errorf("%+v: %d bare, %d unsaid; in English %d, %d", opt, s.bareHubs(), len(s.productsUnsaid()), en.bareHubs(), len(en.productsUnsaid()))
			}
			if s.chineseProducts() {
				chinese++
			}
			if view.Focus == "CN-ZJ" && size == [2]int{1200, 900} {
				found := false
				for _, h := range s.Hubs {
					if h.ID == "hangzhou" {
						found = strings.Contains(strings.Join(h.Label.Lines, "|"), "电商、高科技")
					}
				}
				if !found {
					t.Errorf("Zhejiang at 1200×900: Hangzhou's label gives no products in Chinese")
				}
			}
		}
	}
	t.Logf("%d maps give products in Chinese too", chinese)
	if chinese == 0 {
		t.Error("no map gives products in Chinese")
	}
}

// TestProductLines: the lines of products of a hub in each language.
func TestProductLines(t *testing.T) {
	a := atlastest.Embedded(t)
	ms := a.Select(geo.Filter{Query: "jinjiang"})
	if len(ms) != 1 {
		t.Fatalf("jinjiang: %d hubs", len(ms))
	}
	m := ms[0]
	for lang, want := range map[string]string{
		"en":   "Athletic Shoes, Casual Shoes, Children's Shoes",
		"zh":   "运动鞋、休闲鞋、童鞋",
		"both": "Athletic Shoes, Casual Shoes, Children's Shoes|运动鞋、休闲鞋、童鞋",
	} {
		if got := strings.Join(productLines(m, lang), "|"); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got, want := firstProduct(m, "both"), "Athletic Shoes etc. 运动鞋等"; got != want {
		t.Errorf("first product in both: %q, want %q", got, want)
	}
}
