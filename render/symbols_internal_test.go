package render

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// symbolsOf draws sel's symbols on a fresh scene with s's frame and
// transform.
func symbolsOf(a *geo.Atlas, s *Scene, sel *selection, opt Options) ([]HubMark, int) {
	c := &Scene{Width: s.Width, Height: s.Height, Style: s.Style, Panel: Panel{Frame: s.Frame, Base: s.Base, Focus: s.Focus}}
	c.drawSymbols(a, sel, s.Panel.Base.Transform, opt)
	c.nameSymbols(a)
	return c.Hubs, c.Shown
}

// A filter without a search is drawn kind by kind from the view's runs;
// a search hub by hub. Asked hub by hub for the same filter, the symbols
// must come out the same to the bit, and the totals must be geo's.
func TestKindsAndHubsDrawAlike(t *testing.T) {
	a := atlastest.Large(t)
	filters := []geo.Filter{
		{},
		{Categories: []string{"footwear"}},
		{Categories: []string{"toys", "textiles"}},
		{Industry: "electronics"},
		{Province: "CN-GD"},
		{Province: "CN-ZJ", Industry: "consumer-goods"},
	}
	views := []Options{
		{Width: 960, Height: 720},
		{Width: 600, Height: 450, Shade: ShadeValue},
		{Width: 960, Height: 720, Focus: "CN-GD"},
		{Width: 800, Height: 600, BBox: BBox{112, 21.5, 115, 24}},
		{Width: 960, Height: 720, BBox: BBox{113.9, 22.4, 114.2, 22.6}},
	}
	for _, f := range filters {
		ms := a.Select(f)
		want, total := a.Counts(ms), len(ms)
		for _, opt := range views {
			s, err := Build(context.Background(), a, Request{Filter: f, Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			opt = opt.withDefaults()
			m := a.Compile(f)
			byKind, byHub := selectKinds(a, m), selectEach(a, m)
			if byKind.total != total || byHub.total != total {
				t.Errorf("%+v: totals by kind %d, by hub %d, geo %d", f, byKind.total, byHub.total, total)
			}
			for d := range want {
				if byKind.counts[d] != want[d] || byHub.counts[d] != want[d] {
					t.Errorf("%+v: %s: by kind %d, by hub %d, geo %d", f, a.Divisions[d].Code, byKind.counts[d], byHub.counts[d], want[d])
				}
			}
			kh, kn := symbolsOf(a, s, byKind, opt)
			hh, hn := symbolsOf(a, s, byHub, opt)
			if kn != hn || !reflect.DeepEqual(kh, hh) {
				t.Errorf("%+v %+v: by kind %d symbols of %d hubs, by hub %d of %d, or they differ", f, opt.BBox, len(kh), kn, len(hh), hn)
			}
			sum := 0
			for _, h := range kh {
				sum += h.Count
			}
			if sum != kn {
				t.Errorf("%+v %+v: the symbols count %d hubs, %d are in view", f, opt.BBox, sum, kn)
			}
			if opt.BBox.IsZero() && opt.Focus == "" && kn != total {
				t.Errorf("%+v: %d hubs in the whole-China view, %d match", f, kn, total)
			}
			byKind.release()
			byHub.release()
		}
	}
}

// BenchmarkHubsInView50k finds the hubs of a new view of 50,000 hubs
// (what the first map of a view costs on top of BenchmarkRenderChina50k,
// whose views are found once).
func BenchmarkHubsInView50k(b *testing.B) {
	a := atlastest.Large(b)
	s, err := Build(context.Background(), a, Request{Options: Options{Width: 960, Height: 720}})
	if err != nil {
		b.Fatal(err)
	}
	g := newSymbolGrid(s, a, s.Base.Transform, s.Style.Marker)
	for b.Loop() {
		g.findHubs(a)
	}
}

// Chinese products are listed with 、; a list with an English name among
// them (no Chinese given) keeps English commas.
func TestProductListSeparators(t *testing.T) {
	h := &geo.Hub{Specialties: []geo.Specialty{{Product: "Tablets", ProductZH: "平板电脑"}, {Product: "Printed circuit boards"}, {Product: "Chargers", ProductZH: "充电器"}}}
	for _, c := range []struct {
		specs []int
		lang  string
		want  string
	}{
		{[]int{0, 2}, "zh", "平板电脑、充电器"},
		{[]int{0, 1}, "zh", "平板电脑, Printed circuit boards"},
		{[]int{0, 2}, "en", "Tablets, Chargers"},
	} {
		if got := productList(geo.Match{Hub: h, Specialties: c.specs}, c.lang); got != c.want {
			t.Errorf("%v %s: %q, want %q", c.specs, c.lang, got, c.want)
		}
	}
}

// TestMarkersWholeInFrame: a hub's marker, its dark casing included, is
// drawn whole inside the frame or not at all: Changsha's casing had
// crossed the right edge of Sichuan's focus on a slide, where its marker
// looked cut in two.
func TestMarkersWholeInFrame(t *testing.T) {
	views := append(slices.Clip(crowdedViews), Options{Focus: "CN-SC", Page: "slide"}, Options{Focus: "CN-SC"})
	eachMap(t, views, crowdedSizes, func(c mapCase, s *Scene) {
		for _, h := range s.Hubs {
			if h.Inset >= 0 || h.Count > 1 {
				continue
			}
			r := casingR(h.drawnR(), s.Style) + casingWidth/2 // the casing's outer edge
			if b := (orb.Bound{Min: orb.Point{h.At[0] - r, h.At[1] - r}, Max: orb.Point{h.At[0] + r, h.At[1] + r}}); !s.Frame.Contains(b.Min) || !s.Frame.Contains(b.Max) {
				t.Errorf("%s: %s's marker %v leaves the frame %v", c, h.ID, b, s.Frame)
			}
		}
	})
}

// TestSymbolPlaces: a symbol is named after one city alone first only
// where more than half its hubs are that city's and no other holds a
// third; two cities sharing it are both named first, the larger alone
// where they find no room (with "etc." unless it holds more than half). A circle of 213 Foshan and
// 191 Guangzhou suppliers had read "Foshan 404" wherever it stood.
func TestSymbolPlaces(t *testing.T) {
	csv := "id,name,city,lat,lon,products\na,A,Foshan,23.02,113.12,Toys\nb,B,Guangzhou,23.13,113.26,Toys\n"
	hf, err := geo.ParseHubFile("two.csv", []byte(csv), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := geo.NewAtlas(atlastest.Embedded(t).Boundaries, hf, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Cities) != 2 {
		t.Fatalf("cities %q, want two", a.Cities)
	}
	c0, c1 := a.Cities[0], a.Cities[1]
	gd := a.DivisionIndex("CN-GD")
	for _, c := range []struct {
		cl   cluster
		want []string
	}{
		{cluster{n: 404, city1: 0, n1: 213, city2: 1, n2: 191, cities: 2, div: -1}, []string{c0 + ", " + c1, c0}},
		{cluster{n: 100, city1: 0, n1: 80, city2: 1, n2: 20, cities: 2, div: -1}, []string{c0}},
		{cluster{n: 100, city1: 0, n1: 60, city2: 1, n2: 10, cities: 5, div: -1}, []string{c0}},
		{cluster{n: 100, city1: 0, n1: 55, city2: 1, n2: 34, cities: 5, div: -1}, []string{c0 + ", " + c1 + " etc.", c0}},
		{cluster{n: 100, city1: 0, n1: 45, city2: 1, n2: 10, cities: 5, div: -1}, []string{c0 + ", " + c1 + " etc.", c0 + " etc."}},
		{cluster{n: 10, city1: 0, n1: 10, city2: -1, cities: 1, div: -1}, []string{c0}},
		// A division names a circle only when the circle holds all its
		// hubs and no others (whole).
		{cluster{n: 100, city1: 0, n1: 20, city2: 1, n2: 10, cities: 8, div: gd}, []string{c0 + " etc."}},
		{cluster{n: 100, city1: 0, n1: 20, city2: 1, n2: 10, cities: 8, div: gd, whole: true}, []string{c0 + " etc.", "Guangdong"}},
		{cluster{n: 100, city1: 0, n1: 45, city2: 1, n2: 10, cities: 5, div: gd}, []string{c0 + ", " + c1 + " etc.", c0 + " etc."}},
		{cluster{n: 100, city1: -1, city2: -1, div: gd}, nil},
		{cluster{n: 100, city1: -1, city2: -1, div: gd, whole: true}, []string{"Guangdong"}},
	} {
		g := &symbolGrid{cells: []cluster{c.cl}}
		var got []string
		for _, p := range g.places(a, 0, "en") {
			got = append(got, p.text)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: named %q, want %q", c.cl, got, c.want)
		}
	}
}

// TestSymbolsKeepToOneDivision: no proportional symbol gathers hubs of
// two divisions, whether its hubs are gathered kind by kind or hub by
// hub. "Tianjin etc. 天津等 92" had counted Beijing's 32 suppliers (and
// Beijing went unnamed), "Suzhou etc." Shanghai's and Jiaxing's, and
// Shenzhen's circle Hong Kong's: a count attributed to the wrong
// province, and to the wrong customs territory.
func TestSymbolsKeepToOneDivision(t *testing.T) {
	a := atlastest.Large(t)
	views := []Options{
		{Width: 1200, Height: 900}, {Width: 800, Height: 600}, {Width: 480, Height: 360}, {Page: "a4"},
		{Width: 1024, Height: 768, Focus: "CN-GD"}, {Width: 960, Height: 720, BBox: BBox{115, 37, 119, 41}},
	}
	mixed, symbols := 0, 0
	for _, opt := range views {
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		m := a.Compile(geo.Filter{})
		for _, sel := range []*selection{selectKinds(a, m), selectEach(a, m)} {
			c := &Scene{Width: s.Width, Height: s.Height, Style: s.Style, Panel: Panel{Frame: s.Frame, Base: s.Base, Focus: s.Focus}}
			c.drawSymbols(a, sel, s.Panel.Base.Transform, opt.withDefaults())
			if c.unnamed == nil {
				t.Fatalf("%+v: no symbols", opt)
			}
			g := c.unnamed.g
			div, across := map[int]int32{}, map[int]bool{}
			for _, p := range g.parts {
				r := g.root(int(p.cell))
				if d, ok := div[r]; !ok {
					div[r] = p.div
				} else if d != p.div && !across[r] {
					across[r] = true
					t.Errorf("%+v: a symbol of %d hubs gathers hubs of %s and %s", opt, g.cells[r].n, a.Divisions[d].Code, a.Divisions[p.div].Code)
				}
			}
			symbols += len(div)
			mixed += len(across)
		}
	}
	t.Logf("%d symbols, %d across a boundary", symbols, mixed)
}
