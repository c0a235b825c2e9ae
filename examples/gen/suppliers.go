package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/paulmach/orb"
)

// supplier is one factory of a generated list. lon and lat are degrees,
// rounded to 5 decimals (about 1 m) and inside the province.
type supplier struct {
	id           string // "" when the list leaves it out
	name, nameZH string
	city         *city
	province     string // as the list writes it: code, English, Chinese or ""
	lon, lat     float64
	products     []product
	categories   []string // category ids, in product order; nil when the list leaves them out
	employees    int
	url          string
	lineBreak    bool // products are split over two lines in the cell
}

// provinceStyle says how a list writes the province column, in percent of
// rows: ISO code (CN-GD), English name (Guangdong), short Chinese name
// (广东), Chinese name with suffix (广东省); the rest are left empty for the
// loader to find from the coordinates.
type provinceStyle struct{ code, english, zh, zhFull int }

// listSpec describes one generated list.
type listSpec struct {
	seed         uint64
	rows         int
	idFormat     string  // with the row number, e.g. "s%05d"
	noID         float64 // share of rows without an id
	noCategories float64 // share of rows that leave categories to the keywords
	urlShare     float64 // share of rows with a URL
	provinces    provinceStyle
}

// generator draws factories. Its name set spans lists, so no two factories
// of the examples share a name.
type generator struct {
	provinces map[string]*province
	byID      map[string]*category
	names     map[string]bool
}

func newGenerator(ps []*province) *generator {
	g := &generator{provinces: map[string]*province{}, byID: map[string]*category{}, names: map[string]bool{}}
	for _, p := range ps {
		g.provinces[p.code] = p
	}
	for i := range categories {
		g.byID[categories[i].id] = &categories[i]
	}
	return g
}

// list draws spec.rows factories in row order.
func (g *generator) list(spec listSpec) ([]supplier, error) {
	r := rand.New(rand.NewPCG(spec.seed, 2026))
	total := 0
	for _, c := range cities {
		total += c.weight
	}
	var out []supplier
	for n := 1; n <= spec.rows; n++ {
		c := pickCity(r, total)
		s := supplier{city: c}
		if r.Float64() >= spec.noID {
			s.id = fmt.Sprintf(spec.idFormat, n)
		}
		s.products, s.categories = g.products(r, c)
		if r.Float64() < spec.noCategories {
			s.categories = nil
		}
		s.name, s.nameZH = g.name(r, c, g.byID[s.mainCategory()])
		p := g.provinces[c.province]
		pt, err := jitter(r, c, p)
		if err != nil {
			return nil, err
		}
		s.lon, s.lat = pt[0], pt[1]
		s.province = spec.provinces.write(r, p.division)
		s.employees = employees(r)
		if r.Float64() < spec.urlShare {
			s.url = fmt.Sprintf("https://example.com/s/%05d", n)
		}
		out = append(out, s)
	}
	return out, nil
}

// mainCategory is the id of the factory's first category, found from its
// first product when the list leaves categories out.
func (s *supplier) mainCategory() string {
	if len(s.categories) > 0 {
		return s.categories[0]
	}
	for _, c := range categories {
		for _, p := range c.products {
			if p == s.products[0] {
				return c.id
			}
		}
	}
	return categories[0].id
}

// pickCity draws a city in proportion to its weight.
func pickCity(r *rand.Rand, total int) *city {
	n := r.IntN(total)
	for i := range cities {
		if n < cities[i].weight {
			return &cities[i]
		}
		n -= cities[i].weight
	}
	panic("unreachable")
}

// category draws a category for a factory in c: mostly one the city is
// known for, the first ones most often, sometimes any.
func (g *generator) category(r *rand.Rand, c *city) *category {
	if r.Float64() < 0.15 {
		return &categories[r.IntN(len(categories))]
	}
	n := len(c.specialties)
	k := r.IntN(n * (n + 1) / 2) // weights n, n-1, ..., 1
	for i := range n {
		if k < n-i {
			return g.byID[c.specialties[i]]
		}
		k -= n - i
	}
	panic("unreachable")
}

// products draws one to three products, mostly from one category.
func (g *generator) products(r *rand.Rand, c *city) ([]product, []string) {
	count := 1
	switch x := r.IntN(100); {
	case x >= 82:
		count = 3
	case x >= 50:
		count = 2
	}
	main := g.category(r, c)
	ps := []product{main.products[r.IntN(len(main.products))]}
	ids := []string{main.id}
	for len(ps) < count {
		cat := main
		if r.Float64() < 0.4 {
			cat = g.category(r, c)
		}
		p := cat.products[r.IntN(len(cat.products))]
		if slices.Contains(ps, p) {
			continue
		}
		ps = append(ps, p)
		if !slices.Contains(ids, cat.id) {
			ids = append(ids, cat.id)
		}
	}
	return ps, ids
}

// name draws a company name no other factory has.
func (g *generator) name(r *rand.Rand, c *city, cat *category) (en, zh string) {
	for {
		word := cat.words[r.IntN(len(cat.words))]
		if r.Float64() < 0.08 {
			word = genericWords[r.IntN(len(genericWords))]
		}
		trade, tradeEN := tradeName(r)
		en, zh = companyName(*c, trade, tradeEN, word)
		if !g.names[en] && !g.names[zh] {
			g.names[en], g.names[zh] = true, true
			return en, zh
		}
	}
}

// jitter places a factory near c's centre, half-normally distributed out
// to the city's radius, and redraws until the point lies in its province.
func jitter(r *rand.Rand, c *city, p *province) (orb.Point, error) {
	radius := c.radiusKm
	if radius == 0 {
		radius = defaultRadiusKm
	}
	const kmPerDegree = 111.32
	for range 1000 {
		d := math.Abs(r.NormFloat64()) * radius / 2
		if d > radius {
			continue
		}
		a := r.Float64() * 2 * math.Pi
		lat := c.lat + d*math.Cos(a)/kmPerDegree
		lon := c.lon + d*math.Sin(a)/(kmPerDegree*math.Cos(c.lat*math.Pi/180))
		pt := roundPoint(orb.Point{lon, lat}, 5)
		if p.contains(pt) {
			return pt, nil
		}
	}
	return orb.Point{}, fmt.Errorf("%s: no point inside %s within %g km", c.id, p.code, radius)
}

// employees draws a skewed head count, 20 to 20,000 (log-normal around
// 150), rounded the way people state them.
func employees(r *rand.Rand) int {
	for {
		v := math.Exp(math.Log(150) + 1.3*r.NormFloat64())
		switch {
		case v < 20 || v > 20000:
			continue
		case v >= 1000:
			return int(math.Round(v/50) * 50)
		case v >= 100:
			return int(math.Round(v/10) * 10)
		}
		return int(math.Round(v))
	}
}

// write returns the province column for d.
func (st provinceStyle) write(r *rand.Rand, d division) string {
	switch x := r.IntN(100); {
	case x < st.code:
		return d.code
	case x < st.code+st.english:
		return d.nameEN
	case x < st.code+st.english+st.zh:
		return d.zh
	case x < st.code+st.english+st.zh+st.zhFull:
		return d.zhFull
	}
	return ""
}

// quirk products appear in a handful of rows only, to exercise quoting.
var (
	cablesWithCommas = product{"Cables, wires and connectors", "电缆、电线及连接器"}
	monitors27       = product{`27" monitors`, "27英寸显示器"}
	monitors32       = product{`32" curved monitors`, "32英寸曲面显示器"}
)

// addQuirks gives a handful of rows what spreadsheets exported by people
// contain: a product with commas, inch marks (double quotes) and a cell
// broken over two lines.
func addQuirks(list []supplier, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(ok func(s *supplier) bool) *supplier {
		for {
			if s := &list[r.IntN(len(list))]; s.categories != nil && ok(s) {
				return s
			}
		}
	}
	// Each quirk product goes to a factory that makes things of its category.
	add := func(p product, cat string) {
		s := pick(func(s *supplier) bool { return len(s.products) < 3 && slices.Contains(s.categories, cat) })
		s.products = append(s.products, p)
	}
	for range 3 {
		add(cablesWithCommas, "cables-wires")
	}
	add(monitors27, "consumer-electronics")
	add(monitors32, "consumer-electronics")
	for range 3 {
		pick(func(s *supplier) bool { return len(s.products) >= 2 && !s.lineBreak }).lineBreak = true
	}
}

// hubSummary is one city of a list: its factories and the categories they
// make, most common first.
type hubSummary struct {
	city       *city
	suppliers  []*supplier
	categories []string
}

// summarize groups a list by city, the cities with most factories first.
func summarize(list []supplier) []hubSummary {
	byCity := map[string]*hubSummary{}
	for i := range list {
		s := &list[i]
		h := byCity[s.city.id]
		if h == nil {
			h = &hubSummary{city: s.city}
			byCity[s.city.id] = h
		}
		h.suppliers = append(h.suppliers, s)
	}
	var out []hubSummary
	for _, h := range byCity {
		count := map[string]int{}
		for _, s := range h.suppliers {
			for _, c := range s.categories {
				count[c]++
			}
		}
		for c := range count {
			h.categories = append(h.categories, c)
		}
		sort.Slice(h.categories, func(i, j int) bool {
			a, b := h.categories[i], h.categories[j]
			return count[a] > count[b] || count[a] == count[b] && a < b
		})
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		return len(a.suppliers) > len(b.suppliers) || len(a.suppliers) == len(b.suppliers) && a.city.id < b.city.id
	})
	return out
}
