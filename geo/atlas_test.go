package geo_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// embedded is the shipped atlas, loaded once.
func embedded(t testing.TB) *geo.Atlas { return atlastest.Embedded(t) }

func hubIDs(ms []geo.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Hub.ID)
	}
	slices.Sort(out)
	return out
}

func TestEmbeddedAtlas(t *testing.T) {
	a := embedded(t)
	if len(a.Divisions) != 34 {
		t.Errorf("%d divisions, want 34", len(a.Divisions))
	}
	if len(a.Hubs) != 26 {
		t.Errorf("%d hubs, want 26 (25 ranked + Changchun)", len(a.Hubs))
	}
	for _, h := range a.Hubs {
		got, ok := a.ProvinceAt(h.Point)
		if !ok || got != h.Province {
			t.Errorf("hub %s at %v: in %q, want %s", h.ID, h.Point, got, h.Province)
		}
	}
	for _, code := range []string{"CN-MO", "CN-HK", "CN-TW", "CN-XZ", "CN-NM"} {
		if _, ok := a.Division(code); !ok {
			t.Errorf("division %s missing", code)
		}
	}
	d, _ := a.Division("CN-NM")
	if d.Name != "Inner Mongolia" || d.NameZH != "内蒙古" || d.Kind != geo.KindAutonomous {
		t.Errorf("CN-NM = %+v", d.DivisionInfo)
	}
}

func TestSelect(t *testing.T) {
	a := embedded(t)
	for _, c := range []struct {
		name string
		f    geo.Filter
		want []string
	}{
		{"footwear", geo.Filter{Categories: []string{"footwear"}}, []string{"jinjiang", "wenzhou"}},
		{"electronics", geo.Filter{Categories: []string{"electronics"}}, []string{"dongguan", "shenzhen", "wuhan"}},
		{"toys", geo.Filter{Categories: []string{"toys"}}, []string{"dongguan", "shantou"}},
		{"construction machinery", geo.Filter{Categories: []string{"construction-machinery"}}, []string{"changsha", "ningbo"}},
		{"pharma", geo.Filter{Categories: []string{"pharma-biotech"}}, []string{"nanjing", "shijiazhuang"}},
		{"any of two", geo.Filter{Categories: []string{"toys", "footwear"}}, []string{"dongguan", "jinjiang", "shantou", "wenzhou"}},
		{"automotive incl. Changchun", geo.Filter{Categories: []string{"automotive"}}, []string{"changchun", "chongqing"}},
		{"industry", geo.Filter{Industry: "transport"}, []string{"changchun", "chongqing", "dalian", "xian"}},
		{"province", geo.Filter{Province: "CN-FJ"}, []string{"jinjiang", "quanzhou", "xiamen"}},
		{"province and category", geo.Filter{Province: "CN-GD", Categories: []string{"toys"}}, []string{"dongguan", "shantou"}},
		{"category of another industry", geo.Filter{Categories: []string{"footwear"}, Industry: "machinery"}, nil},
		{"search backpack", geo.Filter{Query: "backpack"}, []string{"quanzhou"}},
		{"search plural", geo.Filter{Query: "Backpacks"}, []string{"quanzhou"}},
		{"search shoes", geo.Filter{Query: "shoes"}, []string{"jinjiang", "wenzhou"}},
		{"search chinese", geo.Filter{Query: "鞋"}, []string{"jinjiang", "wenzhou"}},
		// 运动鞋 holds 鞋, a footwear keyword, and more: athletic shoes,
		// which Jinjiang makes (Wenzhou makes footwear, 鞋类).
		{"search chinese compound", geo.Filter{Query: "运动鞋"}, []string{"jinjiang"}},
		{"search chinese keyword within", geo.Filter{Query: "鞋类"}, []string{"jinjiang", "wenzhou"}},
		{"search chinese product", geo.Filter{Query: "背包"}, []string{"quanzhou"}},
		{"search case", geo.Filter{Query: "CERAMICS"}, []string{"foshan"}},
		{"search city", geo.Filter{Query: "quanzhou"}, []string{"quanzhou"}},
		{"search two words", geo.Filter{Query: "children shoe"}, []string{"jinjiang"}},
		{"search pinyin", geo.Filter{Query: "xie"}, []string{"jinjiang", "wenzhou"}},
		{"search pinyin apart", geo.Filter{Query: "wan ju"}, []string{"dongguan", "shantou"}},
		// An exact word wins over typos: yanjing (glasses) is not Nanjing.
		{"search exact before typo", geo.Filter{Query: "yanjing"}, []string{"wenzhou"}},
		{"search typo", geo.Filter{Query: "bakcpack"}, []string{"quanzhou"}},
		{"search typo, first letters swapped", geo.Filter{Query: "abckpack"}, []string{"quanzhou"}},
		// A typo keeps its first letter: chip is not ship (Dalian).
		{"search typo not on the first letter", geo.Filter{Query: "chip"}, nil},
		{"search and category", geo.Filter{Query: "electronics", Categories: []string{"optics"}}, nil},
		{"search nothing", geo.Filter{Query: "zeppelin"}, nil},
		// A province by name, in English or Chinese, alone or with a
		// product: these had found nothing.
		{"search province", geo.Filter{Query: "guangdong"}, []string{"dongguan", "foshan", "shantou", "shenzhen", "zhuhai"}},
		{"search province chinese", geo.Filter{Query: "广东省"}, []string{"dongguan", "foshan", "shantou", "shenzhen", "zhuhai"}},
		{"search product and province", geo.Filter{Query: "toys guangdong"}, []string{"dongguan", "shantou"}},
		{"search product and province chinese", geo.Filter{Query: "福建 鞋"}, []string{"jinjiang"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := a.Check(c.f); err != nil {
				t.Fatal(err)
			}
			if got := hubIDs(a.Select(c.f)); !slices.Equal(got, c.want) {
				t.Errorf("Select(%+v) = %v, want %v", c.f, got, c.want)
			}
		})
	}
}

func TestCounts(t *testing.T) {
	a := embedded(t)
	counts := a.Counts(a.Select(geo.Filter{Categories: []string{"footwear"}}))
	for i, d := range a.Divisions {
		want := map[string]int{"CN-FJ": 1, "CN-ZJ": 1}[d.Code]
		if counts[i] != want {
			t.Errorf("%s: %d footwear hubs, want %d", d.Code, counts[i], want)
		}
	}
	all := a.Counts(a.Select(geo.Filter{}))
	if got := all[a.DivisionIndex("CN-ZJ")]; got != 5 {
		t.Errorf("Zhejiang holds %d hubs, want 5 (Yiwu, Ningbo, Wenzhou, Hangzhou, Jinhua)", got)
	}
}

func TestCheck(t *testing.T) {
	a := embedded(t)
	for _, c := range []struct {
		f     geo.Filter
		param string
	}{
		{geo.Filter{Categories: []string{"footwear", "shoes"}}, "category"},
		{geo.Filter{Industry: "mining"}, "industry"},
		{geo.Filter{Province: "CN-ZX"}, "province"},
		{geo.Filter{Query: string(make([]byte, 101))}, "q"},
		{geo.Filter{Query: "\xff"}, "q"},
	} {
		err := a.Check(c.f)
		ie, ok := err.(*geo.InvalidError)
		if !ok || ie.Param != c.param {
			t.Errorf("Check(%+v) = %v, want an InvalidError for %s", c.f, err, c.param)
		}
	}
}

func TestProvinceAt(t *testing.T) {
	a := embedded(t)
	for _, c := range []struct {
		lon, lat float64
		want     string
	}{
		{116.40, 39.90, "CN-BJ"}, {121.47, 31.23, "CN-SH"}, {113.54, 22.19, "CN-MO"},
		{114.17, 22.32, "CN-HK"}, {91.13, 29.65, "CN-XZ"}, {121.56, 25.04, "CN-TW"},
		{126.53, 45.80, "CN-HL"}, {87.62, 43.83, "CN-XJ"},
	} {
		got, _ := a.ProvinceAt([2]float64{c.lon, c.lat})
		if got != c.want {
			t.Errorf("ProvinceAt(%v, %v) = %q, want %s", c.lon, c.lat, got, c.want)
		}
	}
	if got, ok := a.ProvinceAt([2]float64{139.69, 35.69}); ok {
		t.Errorf("Tokyo is in %s", got)
	}
}

func TestPolesLieInside(t *testing.T) {
	a := embedded(t)
	for i, p := range a.Poles() {
		d := a.Divisions[i]
		ll := geo.China.Inverse(p.At)
		if code, _ := a.ProvinceAt(ll); code != d.Code || p.Radius <= 0 {
			t.Errorf("%s: pole %v (radius %.0f m) lies in %q", d.Code, ll, p.Radius, code)
		}
	}
	// Gansu bends: its centroid lies outside it; the pole must not.
	gs := a.Poles()[a.DivisionIndex("CN-GS")]
	if gs.Radius < 50_000 {
		t.Errorf("Gansu's pole is %.0f km from the border, want the widest part", gs.Radius/1000)
	}
}

// TestIslands: Taiwan and Hainan border no other division; every other
// division does, in the shipped file, and also in a file whose
// neighbours' borders miss each other by a metre (no shared arcs).
func TestIslands(t *testing.T) {
	a := embedded(t)
	codes := func(b *geo.Boundaries) []string {
		var out []string
		for _, i := range b.Islands() {
			out = append(out, b.Divisions[i].Code)
		}
		return out
	}
	if got := codes(a.Boundaries); !slices.Equal(got, []string{"CN-HI", "CN-TW"}) {
		t.Errorf("islands %v, want CN-HI and CN-TW", got)
	}
	// The DataV example with each feature moved east by its index in
	// metres: no two neighbours share a point any more.
	data, err := os.ReadFile(atlastest.ExamplePath("boundaries-datav.geojson"))
	if err != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	var shift func(v any, d float64)
	shift = func(v any, d float64) {
		if xs, ok := v.([]any); ok {
			if len(xs) == 2 {
				if x, ok := xs[0].(float64); ok {
					xs[0] = x + d
					return
				}
			}
			for _, x := range xs {
				shift(x, d)
			}
		}
	}
	for i, f := range fc["features"].([]any) {
		shift(f.(map[string]any)["geometry"].(map[string]any)["coordinates"], float64(i+1)*1e-5)
	}
	moved, _ := json.Marshal(fc)
	b, err := geo.ParseBoundaries("moved.geojson", moved, geo.BoundaryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(b); !slices.Equal(got, []string{"CN-HI", "CN-TW"}) {
		t.Errorf("islands of a file whose borders miss by metres: %v, want CN-HI and CN-TW", got)
	}
}

// TestSearchProvinceNarrows: a province in a search narrows what the rest
// of it finds, and matches only whole: 广东玩具 is toys in Guangdong, not
// every product of Guangdong's hubs; 浙江袜子 (no hub makes socks) finds
// nothing, so that the search can suggest categories; 江 is not 浙江 or
// 江苏. Matched as one string with the hubs' names, the province had
// selected its hubs whole (10 specialties for 广东玩具).
func TestSearchProvinceNarrows(t *testing.T) {
	a := embedded(t)
	for _, c := range []struct {
		q           string
		hubs, specs int
	}{
		{"广东玩具", 2, 2},
		{"广东省玩具", 2, 2},
		{"toys guangdong", 2, 2},
		{"浙江袜子", 0, 0},
		{"江", 1, 3},
		{"广东", 5, 10},
		{"guangdong", 5, 10},
	} {
		ms := a.Select(geo.Filter{Query: c.q})
		specs := 0
		for _, m := range ms {
			specs += len(m.Specialties)
		}
		if len(ms) != c.hubs || specs != c.specs {
			t.Errorf("%s: %d hubs, %d specialties; want %d, %d", c.q, len(ms), specs, c.hubs, c.specs)
		}
	}
}

// TestExampleSearchFindsMakers: a search for a name of a product of a
// category (Category.Products) finds the suppliers whose products hold
// one of that product's names, counted here from the file itself, in
// whichever language or spelling the search uses (the file's products
// are in English); a keyword, the whole category. "hair dryer" had found
// all 310 small-appliance suppliers, of which 78 make hair dryers.
func TestExampleSearchFindsMakers(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	rows := exampleRows(t, "suppliers.csv")
	makers := func(word string) int {
		n := 0
		for _, r := range rows {
			if strings.Contains(strings.ToLower(r["products"]), word) {
				n++
			}
		}
		return n
	}
	for q, word := range map[string]string{
		"hair dryer": "hair dryer", "Hair Dryers": "hair dryer", "hairdryer": "hair dryer", "电吹风": "hair dryer", "吹风机": "hair dryer", "dianchuifeng": "hair dryer",
		"kettle": "kettle", "电水壶": "kettle", "sneakers": "sneaker", "yundongxie": "sneaker", "运动鞋": "sneaker", "背包": "backpack",
		// Named only in Chinese among the keywords, or two words as one.
		"童装": "children's clothing", "注塑机": "injection molding machine", "airfryer": "air fryer", "儿童自行车": "children's bicycle",
	} {
		ms := a.Select(geo.Filter{Query: q})
		want := makers(word)
		if want == 0 || len(ms) != want {
			t.Errorf("%q: %d suppliers, want the %d whose products name %q", q, len(ms), want, word)
		}
		for _, m := range ms {
			named := false
			for _, k := range m.Specialties {
				sp := m.Hub.Specialties[k]
				named = named || strings.Contains(strings.ToLower(sp.Product+" "+sp.ProductZH), word)
			}
			if !named {
				t.Errorf("%q found %s, whose products %v do not name %q", q, m.Hub.ID, m.Hub.Specialties, word)
			}
		}
	}
	for q, cat := range map[string]string{"appliance": "small-appliances", "小家电": "small-appliances", "xiaojiadian": "small-appliances", "shoes": "footwear", "鞋": "footwear"} {
		ms := a.Select(geo.Filter{Query: q})
		if n := len(a.Select(geo.Filter{Categories: []string{cat}})); len(ms) != n {
			t.Errorf("%q: %d suppliers, want all %d of %s", q, len(ms), n, cat)
		}
	}
}

// TestProductNamedInACategoryName: a product's own name finds its makers
// in every language, though the category's name holds it: 摩托车 in
// 汽车摩托车 had found Changchun's automobiles beside Chongqing's
// motorcycles, while "motorcycle" found Chongqing alone.
func TestProductNamedInACategoryName(t *testing.T) {
	a := embedded(t)
	ids := func(q string) []string {
		var out []string
		for _, m := range a.Select(geo.Filter{Query: q}) {
			out = append(out, m.Hub.ID)
		}
		return out
	}
	en := ids("motorcycle")
	for _, q := range []string{"摩托车", "motorbike", "motuoche"} {
		if got := ids(q); !slices.Equal(got, en) || len(got) == 0 {
			t.Errorf("%s: %v, want %v as for motorcycle", q, got, en)
		}
	}
	if got, all := ids("汽车摩托车"), ids("automotive"); !slices.Equal(got, all) || len(all) < 2 {
		t.Errorf("汽车摩托车: %v, want the whole category, %v", got, all)
	}
}

// exampleRows reads examples/NAME, a CSV file with a header, as maps by
// column.
func exampleRows(t *testing.T, name string) []map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// TestExampleSearchInPinyin: the example suppliers' categories know
// their words in pinyin and common synonyms, as the default ones do: a
// search for "xie" had found nothing, "wanju" five companies named
// Wanyu, and 吹风机 (not the products' 电吹风) nothing: the names of
// products are TestExampleSearchFindsMakers'.
func TestExampleSearchInPinyin(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	for q, cat := range map[string]string{"xie": "footwear", "wanju": "toys", "xiaojiadian": "small-appliances"} {
		ms := a.Select(geo.Filter{Query: q})
		n := len(a.Select(geo.Filter{Categories: []string{cat}}))
		if len(ms) < n || n == 0 {
			t.Errorf("%q: %d hubs, want the %d of %s", q, len(ms), n, cat)
		}
	}
}
