package render

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// selection is the hubs a filter matches, with per-division totals.
type selection struct {
	hubs   []int     // indices in a.Hubs, file order
	masks  []uint64  // matching specialties of each
	counts []int     // matching hubs per division
	values []float64 // summed value of the matching hubs per division
	valued bool      // some matching hub has a value
}

func selectHubs(a *geo.Atlas, f geo.Filter) *selection {
	s := &selection{counts: make([]int, len(a.Divisions)), values: make([]float64, len(a.Divisions))}
	a.Compile(f).Each(func(i int, mask uint64) {
		h := &a.Hubs[i]
		s.hubs = append(s.hubs, i)
		s.masks = append(s.masks, mask)
		d := a.DivisionOf(h)
		s.counts[d]++
		if h.HasValue() {
			s.values[d] += h.Value
			s.valued = true
		}
	})
	return s
}

// match returns the k-th selected hub as a geo.Match.
func (s *selection) match(a *geo.Atlas, k int) geo.Match {
	var specs []int
	for m := s.masks[k]; m != 0; m &= m - 1 {
		specs = append(specs, bits.TrailingZeros64(m))
	}
	return geo.Match{Hub: &a.Hubs[s.hubs[k]], Specialties: specs}
}

// labelAll is the most hubs a map labels one by one; with more in view a
// map draws proportional symbols (see aggregate).
const labelAll = 60

// markerRadius grows a little with the map's size.
func markerRadius(w float64) float64 { return math.Max(4.5, math.Min(8, w/200)) }

// drawSymbols adds the markers of the selection that lie in the frame:
// one per hub with an unplaced label when few are in view, else
// proportional symbols (see aggregate).
func (s *Scene) drawSymbols(a *geo.Atlas, sel *selection, tr geo.Transform, opt Options) {
	r := markerRadius(s.Width)
	inner := s.Frame.Pad(-r)
	var shown []int // positions in sel
	var at []orb.Point
	for k, i := range sel.hubs {
		p := tr.Apply(a.Hubs[i].XY)
		if inner.Contains(p) { // else outside the focused view
			shown, at = append(shown, k), append(at, p)
		}
	}
	s.Shown = len(shown)
	if len(shown) > labelAll {
		s.aggregate(a, sel, shown, at, opt)
		return
	}
	showProducts := opt.Products == ProductsOn || opt.Products == ProductsAuto && len(shown) <= 10
	for j, k := range shown {
		m := sel.match(a, k)
		hm := HubMark{ID: m.Hub.ID, At: at[j], R: r, Count: 1}
		for _, id := range a.MatchIndustries(m) {
			ind, _ := a.Industry(id)
			hm.Colors = append(hm.Colors, ind.Color)
		}
		hm.Label.Lines = []string{hubName(m.Hub, opt.Lang)}
		hm.Label.Sizes = []float64{labelSize}
		if showProducts {
			hm.Label.Lines = append(hm.Label.Lines, productLine(m, opt.Lang))
			hm.Label.Sizes = append(hm.Label.Sizes, productSize)
		}
		s.Hubs = append(s.Hubs, hm)
	}
}

// cluster accumulates the hubs of one proportional symbol.
type cluster struct {
	sx, sy   float64   // weighted sums of positions
	w        float64   // weight of the position sums
	n        int       // hubs
	value    float64   // summed value
	industry []float64 // hubs per industry (by dominant industry)
	cities   map[string]int
	divs     map[int]int
	first    int // lowest hub index, for a stable order
}

// aggregate draws proportional symbols: hubs are gathered in grid cells
// of about two symbol radii, each cell becomes a circle at its hubs'
// centroid whose area is proportional to the hubs' count (or summed
// value when shading by value), coloured by the industry most of them
// belong to; overlapping circles then merge, largest first. The largest
// circles are labelled with the city most of their hubs name (or their
// province) and the count. The grid depends only on the frame, so a
// filter moves no cell boundary.
func (s *Scene) aggregate(a *geo.Atlas, sel *selection, shown []int, at []orb.Point, opt Options) {
	cell := math.Max(24, s.Width/45)
	cols := int((s.Frame.Max[0]-s.Frame.Min[0])/cell) + 1
	rows := int((s.Frame.Max[1]-s.Frame.Min[1])/cell) + 1
	grid := make([]int32, cols*rows) // cell -> cluster index + 1
	var cs []*cluster
	byValue := opt.Shade == ShadeValue && sel.valued
	for j, k := range shown {
		i := sel.hubs[k]
		h := &a.Hubs[i]
		p := at[j]
		c := int((p[0]-s.Frame.Min[0])/cell) + cols*int((p[1]-s.Frame.Min[1])/cell)
		c = max(0, min(c, len(grid)-1))
		if grid[c] == 0 {
			cs = append(cs, &cluster{industry: make([]float64, len(a.Industries)), cities: map[string]int{}, divs: map[int]int{}, first: i})
			grid[c] = int32(len(cs))
		}
		cl := cs[grid[c]-1]
		cl.n++
		cl.sx += p[0]
		cl.sy += p[1]
		cl.w++
		if h.HasValue() {
			cl.value += h.Value
		}
		if d := a.DominantIndustry(h, sel.masks[k]); d >= 0 {
			cl.industry[d]++
		}
		if h.City != "" {
			cl.cities[h.City]++
		}
		cl.divs[a.DivisionOf(h)]++
	}
	size := func(c *cluster) float64 {
		if byValue {
			return c.value
		}
		return float64(c.n)
	}
	maxSize := 0.0
	for _, c := range cs {
		maxSize = math.Max(maxSize, size(c))
	}
	rMax := math.Max(14, s.Width/42)
	radius := func(c *cluster) float64 {
		if maxSize <= 0 {
			return 3
		}
		return math.Max(3, rMax*math.Sqrt(size(c)/maxSize))
	}
	// Merge circles that nearly share a centre (a city cut by a cell
	// boundary), largest first; others may overlap, drawn largest first.
	slices.SortFunc(cs, func(x, y *cluster) int {
		if c := cmp.Compare(size(y), size(x)); c != 0 {
			return c
		}
		return cmp.Compare(x.first, y.first)
	})
	for i, big := range cs {
		if big.n == 0 {
			continue
		}
		for _, small := range cs[i+1:] {
			if small.n == 0 {
				continue
			}
			dx, dy := big.sx/big.w-small.sx/small.w, big.sy/big.w-small.sy/small.w
			if math.Hypot(dx, dy) < math.Max(0.5*radius(big), 4) {
				big.absorb(small)
			}
		}
	}
	maxSize = 0
	for _, c := range cs {
		if c.n > 0 {
			maxSize = math.Max(maxSize, size(c))
		}
	}
	slices.SortStableFunc(cs, func(x, y *cluster) int { return cmp.Compare(size(y), size(x)) })
	s.Aggregated = true
	s.SymbolMax, s.SymbolByValue = maxSize, byValue
	s.SymbolRMax = rMax
	for _, c := range cs {
		if c.n == 0 {
			continue
		}
		ind := 0
		for k, v := range c.industry {
			if v > c.industry[ind] {
				ind = k
			}
		}
		hm := HubMark{At: orb.Point{c.sx / c.w, c.sy / c.w}, R: radius(c), Count: c.n, Value: c.value,
			Colors: []string{a.Industries[ind].Color}}
		hm.ID = "cluster-" + strconv.Itoa(len(s.Hubs)+1)
		name := c.place(a, opt.Lang)
		hm.Label = Label{Lines: []string{name + " " + formatCount(c.n)}, Sizes: []float64{productSize + 1}, Optional: true}
		s.Hubs = append(s.Hubs, hm)
	}
}

func (c *cluster) absorb(o *cluster) {
	c.n += o.n
	c.value += o.value
	c.sx += o.sx
	c.sy += o.sy
	c.w += o.w
	for k, v := range o.industry {
		c.industry[k] += v
	}
	for k, v := range o.cities {
		c.cities[k] += v
	}
	for k, v := range o.divs {
		c.divs[k] += v
	}
	c.first = min(c.first, o.first)
	o.n = 0
}

// place names a cluster: the city at least half its hubs name, else the
// province most of them are in.
func (c *cluster) place(a *geo.Atlas, lang string) string {
	best, bestN := "", 0
	for city, n := range c.cities {
		if n > bestN || n == bestN && city < best {
			best, bestN = city, n
		}
	}
	if 2*bestN >= c.n && best != "" {
		return best
	}
	div, divN := -1, 0
	for d, n := range c.divs {
		if n > divN || n == divN && d < div {
			div, divN = d, n
		}
	}
	if div < 0 {
		return ""
	}
	d := a.Divisions[div]
	return pick(lang, d.Name, d.NameZH)
}

// formatCount writes a count compactly: 950, 1.2k, 12k.
func formatCount(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10000:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/1000, 'f', 1, 64), ".0") + "k"
	}
	return strconv.Itoa((n+500)/1000) + "k"
}

func hubName(h *geo.Hub, lang string) string {
	switch {
	case lang == "zh" && h.NameZH != "":
		return h.NameZH
	case lang == "both" && h.NameZH != "" && h.NameZH != h.Name:
		return h.Name + " " + h.NameZH
	}
	return h.Name
}

// productLine lists the matched products, shortened to about 40 chars.
func productLine(m geo.Match, lang string) string {
	var names []string
	for _, k := range m.Specialties {
		sp := m.Hub.Specialties[k]
		n := sp.Product
		if lang == "zh" && sp.ProductZH != "" {
			n = sp.ProductZH
		}
		names = append(names, n)
	}
	sep := ", "
	if lang == "zh" {
		sep = "、"
	}
	return truncate(strings.Join(names, sep), 40)
}
