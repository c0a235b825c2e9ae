package render_test

import (
	"slices"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

// TestSortMatches: the orders of the sort parameter on a file not in rank
// order. Rank puts unranked hubs last and -rank is its reverse (rank had
// kept the file's order, and the two had not been each other's reverse);
// names sort in the language's collation, pinyin in Chinese; products and
// categories by what the filter matches.
func TestSortMatches(t *testing.T) {
	a := csvAtlas(t, "id,name,name_zh,rank,lat,lon,products\n"+
		"c,Chongqing,重庆,3,29.56,106.55,Motorcycles\n"+
		"x,Xiamen,厦门,,24.48,118.09,Tea; Ceramics\n"+
		"b,Beijing,北京,1,39.90,116.40,Software\n"+
		"d,Dalian,大连,2,38.91,121.61,Ships\n", nil)
	ids := func(order, lang string, f geo.Filter) []string {
		ms := a.Select(f)
		render.SortMatches(a, ms, order, lang)
		var out []string
		for _, m := range ms {
			out = append(out, m.Hub.ID)
		}
		return out
	}
	for _, c := range []struct {
		order, lang string
		want        []string
	}{
		{"", "en", []string{"b", "d", "c", "x"}},
		{"rank", "en", []string{"b", "d", "c", "x"}},
		{"-rank", "en", []string{"x", "c", "d", "b"}},
		{"name", "en", []string{"b", "c", "d", "x"}},
		{"-name", "en", []string{"x", "d", "c", "b"}},
		// 北京 bei, 重庆 chong, 大连 da, 厦门 xia: pinyin as the places
		// read (x/text alone reads zhong and sha: b, d, x, c).
		{"name", "zh", []string{"b", "c", "d", "x"}},
		{"products", "en", []string{"c", "d", "b", "x"}},
	} {
		if got := ids(c.order, c.lang, geo.Filter{}); !slices.Equal(got, c.want) {
			t.Errorf("sort=%q lang=%s: %v, want %v", c.order, c.lang, got, c.want)
		}
	}
	// By the products a filter matches: Xiamen's by its ceramics alone
	// (before Chongqing's motorcycles), not its tea (after them).
	if got := ids("products", "en", geo.Filter{Query: "ceramics"}); !slices.Equal(got, []string{"x"}) {
		t.Errorf("products matched by a search for ceramics: %v", got)
	}
	ms := append(a.Select(geo.Filter{Query: "ceramics"}), a.Select(geo.Filter{Query: "motorcycles"})...)
	render.SortMatches(a, ms, "-products", "en")
	if ms[0].Hub.ID != "c" || ms[1].Hub.ID != "x" {
		t.Errorf("-products over Xiamen matched by ceramics and Chongqing: %s, %s", ms[0].Hub.ID, ms[1].Hub.ID)
	}
}

// BenchmarkSortMatches50k sorts 50,000 suppliers by name (its places kept
// from one call to the next) and by products (placed on each call).
func BenchmarkSortMatches50k(b *testing.B) {
	a := atlastest.Large(b)
	all := a.Select(geo.Filter{})
	for _, order := range []string{"name", "products", "-rank"} {
		for _, lang := range []string{"en", "zh"} {
			b.Run(order+"-"+lang, func(b *testing.B) {
				ms := make([]geo.Match, len(all))
				for b.Loop() {
					copy(ms, all)
					render.SortMatches(a, ms, order, lang)
				}
			})
		}
	}
}
