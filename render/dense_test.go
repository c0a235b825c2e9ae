package render_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

// city is n suppliers of one city, spread over a box of the given size
// (degrees) about its centre.
type city struct {
	name       string
	n          int
	lon, lat   float64
	dlon, dlat float64
}

// oneCity is an atlas of n suppliers within about 5 km of Suzhou, with
// the example categories.
func oneCity(t *testing.T, n int) (*geo.Atlas, []orb.Point) {
	return cityAtlas(t, city{"Suzhou", n, 120.60, 31.30, 0.05, 0.04})
}

// cityAtlas is an atlas of the cities' suppliers, placed at random in
// their boxes (fixed seed), with the example categories; and where the
// suppliers are, lon/lat.
func cityAtlas(t *testing.T, cities ...city) (*geo.Atlas, []orb.Point) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 8))
	cats := []string{"toys", "led-lighting", "consumer-electronics", "textiles"}
	var b strings.Builder
	b.WriteString("id,name,city,lat,lon,products,categories\n")
	var at []orb.Point
	i := 0
	for _, c := range cities {
		for range c.n {
			lat, lon := c.lat+c.dlat*(rng.Float64()-0.5), c.lon+c.dlon*(rng.Float64()-0.5)
			at = append(at, orb.Point{lon, lat})
			fmt.Fprintf(&b, "s%d,%s Factory %d,%s,%.5f,%.5f,Goods,%s\n", i, c.name, i, c.name, lat, lon, cats[i%len(cats)])
			i++
		}
	}
	return csvAtlas(t, b.String(), atlastest.Catalog(t)), at
}

// csvAtlas is an atlas of the embedded boundaries and context with the
// hubs of a CSV file, categorised by cat (nil: made from the data).
func csvAtlas(t *testing.T, csv string, cat *geo.Catalog) *geo.Atlas {
	t.Helper()
	hf, err := geo.ParseHubFile("list.csv", []byte(csv), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	emb := atlastest.Embedded(t)
	a, err := geo.NewAtlas(emb.Boundaries, hf, cat, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Context = emb.Context
	return a
}

// TestMarksStandWhereTheirHubsAre: every mark on a map stands within
// six marker radii of a hub it shows. Forty suppliers within 5 km of
// Suzhou, each with its own marker pushed clear of the others, had
// covered southern Jiangsu, Shanghai and northern Zhejiang on a map of
// China (8.2 marker radii from the nearest on an A4 page, 6.9 in
// Jiangsu's focus):
// where markers cannot stand near their places the map draws
// proportional symbols, one "Suzhou 40" here, as it does for more than
// 60 hubs. In a window of the city they stand one by one.
func TestMarksStandWhereTheirHubsAre(t *testing.T) {
	a, lonlat := oneCity(t, 40)
	for _, c := range []struct {
		name    string
		opt     render.Options
		symbols bool
	}{
		{"China", render.Options{}, true},
		{"China 800x600 zh", render.Options{Width: 800, Height: 600, Lang: "zh"}, true},
		{"China a4", render.Options{Page: "a4"}, true},
		{"Jiangsu", render.Options{Focus: "CN-JS"}, true},
		{"Suzhou", render.Options{BBox: render.BBox{120.56, 31.27, 120.64, 31.33}}, false},
	} {
		s, err := render.Build(t.Context(), a, render.Request{Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		name := c.name
		tr := s.Panel.Base.Transform
		worst := 0.0
		for _, h := range s.Hubs {
			near := math.Inf(1)
			for _, p := range lonlat {
				q := tr.Apply(geo.China.Forward(p))
				near = math.Min(near, math.Hypot(q[0]-h.At[0], q[1]-h.At[1]))
			}
			worst = math.Max(worst, near/s.Style.Marker)
		}
		t.Logf("%s: %d marks, the farthest %.1f marker radii from a hub", name, len(s.Hubs), worst)
		if worst > 6 {
			t.Errorf("%s: a mark stands %.1f marker radii from the nearest hub", name, worst)
		}
		if s.Aggregated != c.symbols {
			t.Errorf("%s: proportional symbols %v, want %v", name, s.Aggregated, c.symbols)
		}
	}
	// A dozen in one city among suppliers across China stay markers,
	// named or numbered, the others' names kept.
	mixed, _ := cityAtlas(t, city{"Suzhou", 12, 120.60, 31.30, 0.05, 0.04},
		city{"Harbin", 1, 126.6, 45.8, 0, 0}, city{"Urumqi", 1, 87.6, 43.8, 0, 0}, city{"Kunming", 1, 102.7, 25.0, 0, 0},
		city{"Chengdu", 1, 104.1, 30.7, 0, 0}, city{"Xian", 1, 108.9, 34.3, 0, 0}, city{"Lhasa", 1, 91.1, 29.6, 0, 0})
	for _, opt := range []render.Options{{}, {Page: "a4", Lang: "zh"}, {Width: 800, Height: 600}} {
		s, err := render.Build(t.Context(), mixed, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if s.Aggregated {
			t.Errorf("%+v: a dozen in Suzhou made the map of 18 proportional symbols", opt)
		}
	}
}

// TestCitySymbolsCountTheCity: in a map of Guangdong, each city's
// suppliers stand as one symbol named after it, which counts nearly all
// of them (a supplier near the next city may go with its symbol). The
// grid's cells had cut the cities: Dongguan's 70 stood in five circles,
// the largest counting 32, Guangzhou's 50 in four, Shenzhen's 79 as 72
// and a small circle beside it.
func TestCitySymbolsCountTheCity(t *testing.T) {
	prd := []city{
		{"Shenzhen", 79, 114.05, 22.62, 0.25, 0.15},
		{"Dongguan", 70, 113.75, 22.99, 0.3, 0.2},
		{"Guangzhou", 50, 113.33, 23.13, 0.2, 0.2},
	}
	a, _ := cityAtlas(t, prd...)
	for _, opt := range []render.Options{{Focus: "CN-GD"}, {Focus: "CN-GD", Page: "a4"}, {Focus: "CN-GD", Width: 800, Height: 600}} {
		s, err := render.Build(t.Context(), a, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Aggregated {
			t.Fatalf("%+v: no proportional symbols", opt)
		}
		for _, c := range prd {
			most := 0
			for _, h := range s.Hubs {
				if len(h.Label.Lines) > 0 && strings.HasPrefix(h.Label.Lines[0], c.name) {
					most = max(most, h.Count)
				}
			}
			if 10*most < 9*c.n {
				t.Errorf("%+v: %s's largest symbol counts %d of its %d suppliers", opt, c.name, most, c.n)
			}
		}
	}
}

// TestValueLegendSaysWhatItCounts: a legend of values summed per province
// or circle is headed with the hubs file's value column: "Employees per
// province", 每省员工数; "Value per province" when the column is headed
// value. It had always read "Value per province", with no unit.
func TestValueLegendSaysWhatItCounts(t *testing.T) {
	for _, c := range []struct {
		header, lang string
		many         bool
		want         string
	}{
		{"employees", "en", false, "Employees per province"},
		{"员工数", "zh", false, "每省员工数"},
		{"employees", "zh", false, "每省数值（employees）"},
		{"value", "en", false, "Value per province"},
		{"Employees", "both", true, "Employees per circle 每圈数值（Employees）"},
	} {
		var b strings.Builder
		fmt.Fprintf(&b, "id,name,lat,lon,products,%s\n", c.header)
		n := 3
		if c.many {
			n = 80
		}
		for i := range n {
			fmt.Fprintf(&b, "s%d,Factory %d,%.3f,%.3f,Toys,%d\n", i, i, 25.0+float64(i%9)*0.6, 105.0+float64(i/9)*0.7, 100+i)
		}
		a := csvAtlas(t, b.String(), nil)
		s, err := render.Build(t.Context(), a, render.Request{Options: render.Options{Shade: render.ShadeValue, Lang: c.lang}})
		if err != nil {
			t.Fatal(err)
		}
		got := s.Legend.Titles[1]
		if c.many {
			got = s.Legend.Titles[2]
		}
		if got != c.want {
			t.Errorf("%s, %s: legend %q, want %q", c.header, c.lang, got, c.want)
		}
	}
}

// TestDeltaCirclesNamed: in Guangdong's focus of the example suppliers
// every one of the six largest circles is named, Foshan's too, whose
// centre lies in Guangzhou's larger circle but whose far half stands
// clear of it: taken for nested, it had been left without a leader and
// unnamed.
func TestDeltaCirclesNamed(t *testing.T) {
	a := atlastest.Large(t)
	for _, lang := range render.Langs {
		s, err := render.Build(t.Context(), a, render.Request{Options: render.Options{Focus: "CN-GD", Lang: lang}})
		if err != nil {
			t.Fatal(err)
		}
		for i := range min(6, len(s.Hubs)) {
			if h := s.Hubs[i]; len(h.Label.Lines) == 0 {
				t.Errorf("%s: the circle of %d (%d largest) is not named", lang, h.Count, i+1)
			}
		}
	}
}

// TestNestedCirclesNamed: on maps of all China of the example
// suppliers, a circle among the three largest drawn over a larger one
// (its centre inside that one) is named, on a leader that crosses the
// larger circle to leave it: Shenzhen's 348, east of "Dongguan etc." 951,
// had gone unnamed, the map's third largest, at 1200×900, and its 433
// at 800×600 in both languages, the second. Large circles left unnamed
// for want of room are logged, the one drawn over a larger one on an A4
// page in English and in both languages too.
func TestNestedCirclesNamed(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	nested := 0
	for _, opt := range []render.Options{{}, {Width: 800, Height: 600}, {Width: 1600, Height: 1200}, {Page: "a4"}, {Page: "slide"}} {
		for _, lang := range render.Langs {
			opt.Lang = lang
			s, err := render.Build(t.Context(), a, render.Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			for i := range min(3, len(s.Hubs)) {
				h := s.Hubs[i]
				over := slices.ContainsFunc(s.Hubs[:i], func(o render.HubMark) bool {
					return o.R > h.R && math.Hypot(o.At[0]-h.At[0], o.At[1]-h.At[1]) < o.R
				})
				if over {
					nested++
				}
				switch {
				case len(h.Label.Lines) > 0:
				case over && opt.Page == "a4" && lang != "zh":
					// Among the delta's other circles and labels, no place
					// within a leader's reach is free.
					t.Logf("%dx%d %s %s: the circle of %d (%d largest), over a larger one, is not named", opt.Width, opt.Height, opt.Page, lang, h.Count, i+1)
				case over:
					t.Errorf("%dx%d %s %s: the circle of %d (%d largest), over a larger one, is not named", opt.Width, opt.Height, opt.Page, lang, h.Count, i+1)
				default:
					t.Logf("%dx%d %s %s: the circle of %d (%d largest) is not named", opt.Width, opt.Height, opt.Page, lang, h.Count, i+1)
				}
			}
		}
	}
	if nested == 0 {
		t.Error("no circle among the largest is drawn over another: the test tests nothing")
	}
}

// TestMapsSayWhatTheyList: a hubs file that says what it lists (noun:
// suppliers, noun_zh: 供应商) has maps titled, counted, keyed and
// credited with those words; without, "manufacturing hubs", 制造业中心. A
// client's supplier list had been "Manufacturing hubs in China, 3 hubs".
func TestMapsSayWhatTheyList(t *testing.T) {
	rows := "id,name,lat,lon,products,value\n" +
		"a,A,30.5,114.3,Toys,10\nb,B,28.2,113.0,Toys,20\nc,C,30.6,104.1,Toys,30\n"
	a := csvAtlas(t, rows, nil)
	a.Sources.Hubs.Noun, a.Sources.Hubs.NounZH = "suppliers", "供应商"
	for _, c := range []struct {
		lang string
		want []string
		opt  render.Options
	}{
		{"en", []string{"Suppliers in China", "3 suppliers in 3 provinces", "Suppliers per province", "Suppliers: "}, render.Options{}},
		{"zh", []string{"中国供应商", "3 个供应商，分布于 3 个省级行政区", "每省供应商数", "供应商："}, render.Options{}},
		{"en", []string{"No suppliers match", "No supplier matches this filter<"}, render.Options{}}, // no screen advice on a map that may be printed
	} {
		opt := c.opt
		opt.Lang = c.lang
		f := geo.Filter{}
		if strings.HasPrefix(c.want[0], "No ") {
			f.Query = "zeppelin"
		}
		s, err := render.Build(t.Context(), a, render.Request{Filter: f, Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		svg := string(svgBytes(t, s))
		for _, w := range c.want {
			if !strings.Contains(svg, w) {
				t.Errorf("%s: no %q in the map", c.lang, w)
			}
		}
		if strings.Contains(svg, " hubs") || strings.Contains(svg, "Hubs") || strings.Contains(svg, "制造业中心") {
			for _, w := range []string{" hubs", "Hubs", "制造业中心"} {
				if i := strings.Index(svg, w); i >= 0 {
					t.Errorf("%s: the map still says %q: %q", c.lang, w, svg[max(0, i-80):min(len(svg), i+40)])
				}
			}
		}
	}
}

// TestNounWithoutItsChinese: a file that says noun but no noun_zh has
// maps in Chinese that say the noun's Chinese, or a neutral word: they
// had said "Suppliers in China / 中国制造业中心".
func TestNounWithoutItsChinese(t *testing.T) {
	rows := "id,name,lat,lon,products\na,A,30.5,114.3,Toys\n"
	for noun, want := range map[string]string{"suppliers": "Suppliers in China / 中国供应商", "Factories": "Factories in China / 中国工厂", "widgets": "Widgets in China / 中国地点"} {
		a := csvAtlas(t, rows, nil)
		a.Sources.Hubs.Noun = noun
		s, err := render.Build(t.Context(), a, render.Request{Options: render.Options{Lang: "both"}})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(s.Title, " "); got != want {
			t.Errorf("noun %s: title %q, want %q", noun, got, want)
		}
	}
}

// TestLegendExplainsTheSmallestCircles: circles drawn at the smallest
// radius stand for every count too small for the scale's own size; the
// legend gives that class ("1–10") when the map draws any, and its
// bound is the scale's: one more would be drawn larger. A supplier
// list's map had shown scores of dots its legend did not explain.
func TestLegendExplainsTheSmallestCircles(t *testing.T) {
	towns := []city{{"Dongguan", 700, 113.75, 23.02, 0.2, 0.2}, {"Ningbo", 60, 121.55, 29.87, 0.2, 0.2}}
	for i, p := range [][2]float64{{87.6, 43.8}, {91.1, 29.6}, {126.6, 45.8}, {102.7, 25.0}, {108.9, 34.3}, {111.7, 40.8}, {117.0, 36.7}} {
		towns = append(towns, city{fmt.Sprintf("Town%d", i), 1 + i%3, p[0], p[1], 0.02, 0.02})
	}
	many, _ := cityAtlas(t, towns...)
	big, _ := cityAtlas(t, towns[:2]...)
	for _, c := range []struct {
		name  string
		a     *geo.Atlas
		class bool
	}{{"with small towns", many, true}, {"two cities", big, false}} {
		for _, opt := range []render.Options{{}, {Lang: "zh"}, {Width: 500, Height: 400}, {Page: "a4"}} {
			s, err := render.Build(t.Context(), c.a, render.Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			if !s.Aggregated {
				t.Fatalf("%s %+v: not drawn as circles", c.name, opt)
			}
			smallest, tooSmall := 0, false
			for _, h := range s.Hubs {
				if h.R <= 3 && float64(h.Count) < s.SymbolMax*9/(s.SymbolRMax*s.SymbolRMax) {
					tooSmall = true
					smallest = max(smallest, h.Count)
				}
			}
			sizes := s.Legend.Sizes
			if len(sizes) == 0 {
				t.Fatalf("%s %+v: no sizes in the legend", c.name, opt)
			}
			if len(sizes) > 3 {
				// A fourth circle had widened the legend out of its
				// corner into a panel (960×720 in Chinese).
				t.Errorf("%s %+v: %d circles in the size legend, want 3 at most", c.name, opt, len(sizes))
			}
			last := sizes[len(sizes)-1]
			has := strings.HasPrefix(last.Text, "1–") || last.Text == "1"
			if has != c.class || has != tooSmall {
				t.Errorf("%s %+v: the legend's smallest circle is %q (r %.1f); circles drawn too small: %v", c.name, opt, last.Text, last.R, tooSmall)
				continue
			}
			if !has {
				continue
			}
			hi := last.Value
			if last.R != 3 || hi < float64(smallest) || s.SymbolRMax*math.Sqrt((hi+1)/s.SymbolMax) < 3 || s.SymbolRMax*math.Sqrt(hi/s.SymbolMax) >= 3 {
				t.Errorf("%s %+v: %q at r %.1f: %d suppliers drawn at the smallest size; the scale draws %v at r %.2f", c.name, opt, last.Text, last.R,
					smallest, hi+1, s.SymbolRMax*math.Sqrt((hi+1)/s.SymbolMax))
			}
		}
	}
}

// TestLegendExplainsTheSmallestValueCircles: circles sized by value give
// their smallest class as "< bound", the bound rounded up, so that every
// value drawn at the smallest size is below it.
func TestLegendExplainsTheSmallestValueCircles(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,name,lat,lon,products,value\n")
	for i := range 700 {
		fmt.Fprintf(&b, "d%d,D%d,%.4f,%.4f,Toys,%d\n", i, i, 23.0+float64(i%20)*0.01, 113.7+float64(i/20)*0.01, 100+i%50)
	}
	for i, p := range [][2]float64{{87.6, 43.8}, {91.1, 29.6}, {126.6, 45.8}, {102.7, 25.0}} {
		fmt.Fprintf(&b, "t%d,T%d,%.1f,%.1f,Toys,%d\n", i, i, p[1], p[0], 7*(i+1))
	}
	a := csvAtlas(t, b.String(), nil)
	s, err := render.Build(t.Context(), a, render.Request{Options: render.Options{Shade: render.ShadeValue}})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Aggregated || !s.SymbolByValue {
		t.Fatalf("aggregated %v, by value %v", s.Aggregated, s.SymbolByValue)
	}
	last := s.Legend.Sizes[len(s.Legend.Sizes)-1]
	bound, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimPrefix(last.Text, "< "), ",", ""), 64)
	if !strings.HasPrefix(last.Text, "< ") || err != nil || last.R != 3 {
		t.Fatalf("the legend's smallest circle: %q at r %.1f", last.Text, last.R)
	}
	if s.SymbolRMax*math.Sqrt(bound/s.SymbolMax) < 3 {
		t.Errorf("%q: the scale draws %v below the smallest radius", last.Text, bound)
	}
	for _, h := range s.Hubs {
		if h.R <= 3 && h.Value >= bound {
			t.Errorf("%q: a circle of %v drawn at the smallest radius", last.Text, h.Value)
		}
	}
}

// TestCirclesNamedAfterWholeProvinces: a circle named after a province
// holds every hub of it and no other, so that name and count read as the
// province's. "Hebei 264" had stood for hubs of Hebei, Beijing and
// Tianjin, where Hebei had 138, and "Jiangsu 2.3k" for a circle beside
// "Suzhou etc. 4.9k" (a cartographic review).
func TestCirclesNamedAfterWholeProvinces(t *testing.T) {
	// A list without cities: its circles can only be named after their
	// province, Hainan's (one circle) but not Guangdong's (two).
	var b strings.Builder
	b.WriteString("id,name,lat,lon,products\n")
	for i := range 70 {
		fmt.Fprintf(&b, "g%d,G%d,%.3f,%.3f,Toys\n", i, i, 23.0+float64(i%7)*0.01, 113.3+float64(i/7)*0.01)
		fmt.Fprintf(&b, "s%d,S%d,%.3f,%.3f,Toys\n", i, i, 23.4+float64(i%7)*0.01, 116.6+float64(i/7)*0.01)
	}
	for i := range 5 {
		fmt.Fprintf(&b, "h%d,H%d,%.3f,%.3f,Toys\n", i, i, 19.2+float64(i)*0.01, 109.8)
	}
	noCities := csvAtlas(t, b.String(), nil)
	checked := 0
	for _, a := range []*geo.Atlas{noCities, atlastest.Example(t, "suppliers.csv"), atlastest.Large(t)} {
		for _, opt := range []render.Options{{}, {Width: 480, Height: 400}, {Width: 800, Height: 600}, {Lang: "zh"}, {Lang: "both"}, {Page: "a4", Lang: "both", Edition: render.EditionCN}, {Page: "slide"}} {
			s, err := render.Build(t.Context(), a, render.Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range s.Hubs {
				if len(h.Label.Lines) == 0 {
					continue
				}
				place := strings.TrimSuffix(h.Label.Lines[0], " "+h.Figure)
				city := false
				for k, c := range a.Cities {
					city = city || place == c || place == a.CitiesZH[k] || place == c+" "+a.CitiesZH[k]
				}
				if city {
					continue // Tianjin, Jilin: a city's name, as it names circles
				}
				for i, d := range a.Divisions {
					if place != d.Name && place != d.NameZH && place != d.Name+" "+d.NameZH {
						continue
					}
					checked++
					if h.Count != int(s.Provinces[i].Value) {
						t.Errorf("%+v: %q names a circle of %d hubs; %s has %v", opt, h.Label.Lines[0], h.Count, d.Code, s.Provinces[i].Value)
					}
				}
			}
		}
	}
	t.Logf("%d circles named after a province", checked)
	if checked == 0 {
		t.Error("no circle named after a province: Hainan's should be")
	}
}

// TestCloseViewsShadeTheirOwnProvinces: a focus or a window draws its
// provinces in classes of their own counts, not of all China's, so that
// they stand apart: a focus on Zhejiang of 5,000 suppliers had filled it
// and every neighbour with the one top class.
func TestCloseViewsShadeTheirOwnProvinces(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	for _, c := range []struct {
		opt  render.Options
		want int
	}{
		{render.Options{Focus: "CN-ZJ"}, 3}, {render.Options{Focus: "CN-GD"}, 3}, {render.Options{Focus: "CN-JS"}, 3},
		{render.Options{BBox: render.BBox{112, 28, 122, 35}}, 3},
	} {
		s, err := render.Build(t.Context(), a, render.Request{Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		fills := map[string]bool{}
		for _, p := range s.Provinces {
			if len(p.Rings) > 0 && p.Value > 0 {
				fills[p.Fill] = true
			}
		}
		if len(fills) < c.want {
			t.Errorf("%+v: the provinces in view take %d fills, want %d or more", c.opt, len(fills), c.want)
		}
	}
}

// TestCountsReadWhole: a circle shows its whole count ("9,510") where it
// fits clear of the others' counts, the short form ("1k") only where it
// does not, and no whole figure takes the place of a neighbour's count:
// a map had read "1k" beside "293", and whole figures placed first had
// then left the 293 without its count.
func TestCountsReadWhole(t *testing.T) {
	s, err := render.Build(t.Context(), atlastest.Large(t), render.Request{})
	if err != nil {
		t.Fatal(err)
	}
	if h := s.Hubs[0]; !h.ShowCount || h.Figure != formatWhole(h.Count) {
		t.Errorf("the largest circle, %d, shows %q (shown: %v)", h.Count, h.Figure, h.ShowCount)
	}
	s, err = render.Build(t.Context(), atlastest.Example(t, "suppliers.csv"), render.Request{Options: render.Options{Width: 960, Height: 720, Lang: "zh", Edition: render.EditionCN}})
	if err != nil {
		t.Fatal(err)
	}
	// The delta's two circles, one over the other.
	for _, h := range s.Hubs[:8] {
		if h.Count > 250 && !h.ShowCount {
			t.Errorf("the circle of %d shows no count", h.Count)
		}
	}
}

// formatWhole writes n with thousands separators.
func formatWhole(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestCitiesNamedInChineseOnly: a list whose city column is in Chinese
// (城市: 东莞) names its circles in Chinese words, 东莞、佛山等, on a map
// in English too; they had read "东莞, 佛山 etc." in both languages.
func TestCitiesNamedInChineseOnly(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,city,lat,lon,products,categories\n")
	for i := range 90 {
		city, lon := []string{"东莞", "佛山", "广州"}[i%3], []float64{113.75, 113.12, 113.26}[i%3]
		fmt.Fprintf(&b, "S%d,%s,%.4f,%.4f,Dolls,toys\n", i, city, 23.02+float64(i%7)*0.01, lon+float64(i%5)*0.01)
	}
	a := csvAtlas(t, b.String(), atlastest.Catalog(t))
	for _, lang := range []string{"en", "zh"} {
		s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Lang: lang}})
		if err != nil {
			t.Fatal(err)
		}
		named := 0
		for _, h := range s.Hubs {
			for _, l := range h.Label.Lines {
				if strings.Contains(l, "etc.") || strings.Contains(l, ", ") {
					t.Errorf("%s: a circle named %q", lang, l)
				}
				if strings.ContainsAny(l, "东佛广") {
					named++
				}
			}
		}
		if named == 0 {
			t.Errorf("%s: no circle named after its cities", lang)
		}
	}
}

// TestLoneCirclesNamed: a circle far from any other is named though the
// map's share of names (maxOptionalFor) is taken by the crowded east:
// Kashgar, Lanzhou and Kunming had stood bare on a map in Chinese of 500
// suppliers, named on the same map in English.
func TestLoneCirclesNamed(t *testing.T) {
	var b strings.Builder
	b.WriteString("name,city,city_zh,lat,lon,products,categories\n")
	rng := rand.New(rand.NewPCG(5, 6))
	emb := atlastest.Embedded(t)
	// 120 places in the east, 6 suppliers each: more circles than names.
	for i := 0; i < 120; {
		lon, lat := 108+14*rng.Float64(), 22+20*rng.Float64()
		if emb.DivisionAt(orb.Point{lon, lat}) < 0 || emb.DivisionAt(orb.Point{lon, lat + 0.05}) < 0 {
			continue
		}
		i++
		for k := range 6 {
			fmt.Fprintf(&b, "S%d-%d,Town%d,城%d,%.4f,%.4f,Dolls,toys\n", i, k, i, i, lat+0.01*float64(k), lon)
		}
	}
	lone := map[string][2]float64{"Kashgar": {76.03, 39.42}, "Lanzhou": {103.9, 36.06}, "Kunming": {102.73, 25.05}}
	zh := map[string]string{"Kashgar": "喀什", "Lanzhou": "兰州", "Kunming": "昆明"}
	for name, p := range lone {
		fmt.Fprintf(&b, "%s Co,%s,%s,%.4f,%.4f,Dolls,toys\n", name, name, zh[name], p[1], p[0])
	}
	a := csvAtlas(t, b.String(), atlastest.Catalog(t))
	for _, lang := range []string{"en", "zh"} {
		s, err := render.Build(t.Context(), a, render.Request{Options: render.Options{Lang: lang}})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Aggregated {
			t.Fatal("not a map of circles: the test tests nothing")
		}
		named := map[string]bool{}
		for _, h := range s.Hubs {
			for _, l := range h.Label.Lines {
				named[l] = true
			}
		}
		for name := range lone {
			want := name + " 1"
			if lang == "zh" {
				want = zh[name] + " 1"
			}
			if !named[want] {
				t.Errorf("%s: no %q on the map", lang, want)
			}
		}
	}
}
