package render

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// selection is the hubs a filter matches: a mask of matching specialties
// per hub kind (see geo's kinds), or per hub when the filter searches, 0
// for what does not match; with totals.
type selection struct {
	a         *geo.Atlas
	kindMasks []uint64  // per kind, when the filter does not search
	masks     []uint64  // per hub, when it does
	total     int       // matching hubs
	counts    []int     // matching hubs per division
	values    []float64 // summed value of the matching hubs per division
	valued    bool      // some matching hub has a value
}

// maskBufs recycles the masks: a large list's would otherwise be most of
// what a render allocates.
var maskBufs sync.Pool

func maskBuf(n int) []uint64 {
	if b, ok := maskBufs.Get().(*[]uint64); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]uint64, n)
}

// selectHubs selects the hubs f matches.
func selectHubs(a *geo.Atlas, f geo.Filter) *selection {
	m := a.Compile(f)
	if m.Searches() {
		return selectEach(a, m)
	}
	return selectKinds(a, m)
}

// selectKinds selects kind by kind, for a filter without a search.
func selectKinds(a *geo.Atlas, m *geo.Matcher) *selection {
	s := &selection{a: a, counts: make([]int, len(a.Divisions)), values: make([]float64, len(a.Divisions))}
	s.kindMasks = maskBuf(a.Kinds())
	for k := range s.kindMasks {
		mask, _ := m.KindMask(k)
		s.kindMasks[k] = mask
		if mask == 0 {
			continue
		}
		n, d, v, valued := a.KindTotals(k)
		s.total += n
		s.counts[d] += n
		if valued {
			s.values[d] += v
			s.valued = true
		}
	}
	return s
}

// selectEach selects hub by hub, as a search must.
func selectEach(a *geo.Atlas, m *geo.Matcher) *selection {
	s := &selection{a: a, counts: make([]int, len(a.Divisions)), values: make([]float64, len(a.Divisions))}
	s.masks = maskBuf(len(a.Hubs))
	for i := range s.masks {
		mask := m.Mask(i)
		s.masks[i] = mask
		if mask == 0 {
			continue
		}
		s.total++
		_, v, d, _, _ := a.HubFacts(i, mask)
		s.counts[d]++
		if v == v { // not NaN
			s.values[d] += v
			s.valued = true
		}
	}
	return s
}

// release hands the masks back for the next render.
func (s *selection) release() {
	for _, b := range []*[]uint64{&s.kindMasks, &s.masks} {
		if buf := *b; buf != nil {
			maskBufs.Put(&buf) // a pointer to a copy: *b is cleared next
			*b = nil
		}
	}
}

// mask returns the mask of hub i.
func (s *selection) mask(i int) uint64 {
	if s.masks != nil {
		return s.masks[i]
	}
	return s.kindMasks[s.a.HubKind(i)]
}

// each calls fn for every matching hub in file order.
func (s *selection) each(fn func(i int, mask uint64)) {
	for i := range s.a.Hubs {
		if m := s.mask(i); m != 0 {
			fn(i, m)
		}
	}
}

// match returns matching hub i as a geo.Match.
func (s *selection) match(a *geo.Atlas, i int) geo.Match {
	var specs []int
	for m := s.mask(i); m != 0; m &= m - 1 {
		specs = append(specs, bits.TrailingZeros64(m))
	}
	return geo.Match{Hub: &a.Hubs[i], Specialties: specs}
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
	r := s.Style.Marker
	g := newSymbolGrid(s, a, tr, r)
	hv := g.hubsInView(a)
	s.Shown = hv.matching(sel)
	s.shown = nil
	if (s.Focus >= 0 || !opt.BBox.IsZero()) && s.Shown <= labelAll {
		s.shown = hv.matchingHubs(sel)
		if s.shown == nil {
			s.shown = []int{}
		}
	}
	s.HubFrame = orb.Bound{Min: g.lo, Max: orb.Point{g.x1, g.y1}}
	symbols := func() {
		s.Hubs = s.Hubs[:0]
		g.gather(a, hv, sel)
		s.aggregate(a, g, sel, opt)
		separate(s.Hubs)
	}
	if s.Shown > labelAll {
		symbols()
		return
	}
	shown := hv.matchingHubs(sel)
	showProducts := opt.Products == ProductsOn || opt.Products == ProductsAuto && len(shown) <= 10
	s.Hubs = slices.Grow(s.Hubs, len(shown))
	for _, i := range shown {
		m := sel.match(a, i)
		at, _, _ := g.locate(a.HubXY(i))
		products := productLines(m, opt.Lang)
		if s.englishProducts || opt.Products != ProductsOn {
			// Products shown because few hubs are stay in English: in
			// both languages they had put labels of zoomed views on
			// long leaders over other divisions.
			products = products[:1]
		}
		hm := HubMark{ID: m.Hub.ID, At: at, R: r, Count: 1, Products: strings.Join(products, " / "), div: a.DivisionIndex(m.Hub.Province) + 1}
		if opt.Products == ProductsOn {
			hm.firstProduct = firstProduct(m, opt.Lang)
			if s.englishProducts {
				hm.firstProduct = firstProduct(m, "en")
			}
			hm.productsAsked = hm.Products != ""
		}
		for _, id := range a.MatchIndustries(m) {
			ind, _ := a.Industry(id)
			hm.Colors = append(hm.Colors, ind.Color)
		}
		hm.Label.Lines = []string{hubName(m.Hub, opt.Lang)}
		hm.Label.Sizes = []float64{s.Style.Label}
		if showProducts {
			hm.productsByDefault = opt.Products == ProductsAuto
			for k, p := range products {
				if k == 1 {
					hm.englishLines = len(hm.Label.Lines)
				}
				for _, line := range wrapText(p, s.Style.Product, productWidth*s.Style.Product) {
					hm.Label.Lines = append(hm.Label.Lines, line)
					hm.Label.Sizes = append(hm.Label.Sizes, s.Style.Product)
				}
			}
		}
		s.Hubs = append(s.Hubs, hm)
	}
	separate(s.Hubs)
	if maxShift(s.Hubs) > maxMarkerShift*r {
		symbols()
	}
}

// maxMarkerShift, in marker radii, is the farthest separate may move a
// hub's marker from its place before the map draws proportional symbols
// instead, as for more than labelAll hubs. Forty suppliers within 5 km
// of Suzhou, pushed apart one by one, had covered southern Jiangsu,
// Shanghai and northern Zhejiang on a map of China, and at 800×600 px
// reached from Shandong to Fujian; one circle, "Suzhou 40", stands where
// they are. A dozen in one city stay markers, close about it and named
// in the key (at 4 radii a dozen had turned a map of 35 suppliers into
// circles, taking the names of the other 23). The 26 hubs of the
// embedded list move 3.4 radii at most (Dongguan at 320×320).
const maxMarkerShift = 6.0

// maxShift is the farthest, px, any marker stands from its hub's place.
func maxShift(hubs []HubMark) float64 {
	d := 0.0
	for _, h := range hubs {
		d = max(d, math.Hypot(h.At[0]-h.True[0], h.At[1]-h.True[1]))
	}
	return d
}

// symbolGrid gathers hubs in square cells of the frame for proportional
// symbols, in flat arrays. The grid depends only on the frame, so no
// filter moves a cell boundary, and what lies in each cell is found once
// per view (see hubsInView).
type symbolGrid struct {
	gridKey
	nInd     int
	cells    []cluster // per grid cell with hubs, numbered as the view numbers them
	industry []float64 // per cell, per industry: hubs whose dominant industry it is
	parts    []part    // what was gathered, for the symbols' names
}

// gridKey is what places a hub in a cell: the view's transform and the
// grid's layout.
type gridKey struct {
	tr         geo.Transform
	x0, y0     float64   // frame corner, px: the grid's origin
	lo         orb.Point // inner limits of marker centres, px
	x1, y1     float64
	cell       float64
	cols, rows int
}

// part is a number of hubs of one city (-1 for none) and division
// gathered into a cell.
type part struct{ cell, city, div, n int32 }

// cluster accumulates the hubs of one proportional symbol.
type cluster struct {
	sx, sy float64 // summed positions, px
	n      int     // hubs
	value  float64 // summed value
	first  int     // lowest hub index, for a stable order
	into   int     // the cell this one merged into, -1 if none
	home   int     // the division of all its hubs (see findHubs), -1 before the first
	// The two cities most of the hubs name and the division most lie
	// in, with their hubs, counted once merging is done (see tally).
	city1, city2, div int
	n1, n2            int
	cities            int // distinct cities
	// whole says the symbol holds every hub of its division in the
	// view, and no other: only then may it be named after the division.
	whole bool
}

// newSymbolGrid lays the grid out over the scene's frame; its cells are
// made by alloc, before the first add.
func newSymbolGrid(s *Scene, a *geo.Atlas, tr geo.Transform, r float64) *symbolGrid {
	g := &symbolGrid{gridKey: gridKey{tr: tr, x0: s.Frame.Min[0], y0: s.Frame.Min[1]}, nInd: len(a.Industries)}
	g.cell = math.Max(24, s.Width/45)
	g.cols = int((s.Frame.Max[0]-s.Frame.Min[0])/g.cell) + 1
	g.rows = int((s.Frame.Max[1]-s.Frame.Min[1])/g.cell) + 1
	// A marker is drawn whole, its dark casing included, or not at all:
	// a casing had crossed the frame's edge, where the marker looked cut
	// in two.
	inner := s.Frame.Pad(-(casingR(r, s.Style) + casingWidth/2))
	g.lo = inner.Min
	g.x1, g.y1 = inner.Max[0], inner.Max[1]
	return g
}

// alloc makes n cells.
func (g *symbolGrid) alloc(n int) {
	g.cells = make([]cluster, n)
	for i := range g.cells {
		g.cells[i].into, g.cells[i].first, g.cells[i].city1, g.cells[i].city2, g.cells[i].div, g.cells[i].home = -1, -1, -1, -1, -1, -1
	}
	g.industry = make([]float64, len(g.cells)*g.nInd)
}

// locate returns the px position and the grid cell of a projected point,
// and whether a marker there lies inside the frame.
func (g *gridKey) locate(xy orb.Point) (orb.Point, int, bool) {
	x := g.tr.X0 + xy[0]*g.tr.Scale
	y := g.tr.Y0 - xy[1]*g.tr.Scale
	if x < g.lo[0] || y < g.lo[1] || x > g.x1 || y > g.y1 {
		return orb.Point{}, 0, false
	}
	c := int((x-g.x0)/g.cell) + g.cols*int((y-g.y0)/g.cell)
	return orb.Point{x, y}, min(c, g.cols*g.rows-1), true
}

// gather adds the matching hubs in view to their cells: a run of hubs of
// one kind at a time when the filter does not search, else hub by hub.
// Either way a run's sums are added up in the same order, so a search
// that matches the same hubs gives the same bytes.
func (g *symbolGrid) gather(a *geo.Atlas, hv *hubsInView, sel *selection) {
	g.alloc(hv.cells)
	g.parts = make([]part, 0, len(hv.runs))
	for ri := range hv.runs {
		run := &hv.runs[ri]
		k := int(run.kind)
		members := hv.members[run.start : run.start+run.n]
		if sel.kindMasks != nil {
			mask := sel.kindMasks[k]
			if mask == 0 {
				continue
			}
			div, city, ind := a.KindFacts(k, mask)
			if ind >= 0 {
				g.industry[int(run.cell)*g.nInd+ind] += float64(run.n)
			}
			g.add(run.hubRunSums, int(members[0]), div, city)
			continue
		}
		var sums hubRunSums
		first := -1
		for _, i := range members {
			mask := sel.masks[i]
			if mask == 0 {
				continue
			}
			xy, value, _, _, ind := a.HubFacts(int(i), mask)
			p, _, _ := g.locate(xy)
			sums.add(p, value)
			if first < 0 {
				first = int(i)
			}
			if ind >= 0 {
				g.industry[int(run.cell)*g.nInd+ind]++
			}
		}
		if sums.n > 0 {
			sums.cell = run.cell
			div, city, _ := a.KindFacts(k, 0)
			g.add(sums, first, div, city)
		}
	}
}

// add gathers sums.n hubs of one division and city into sums.cell; first
// is the lowest of their indices.
func (g *symbolGrid) add(sums hubRunSums, first, div, city int) {
	cl := &g.cells[sums.cell]
	if cl.first < 0 || first < cl.first {
		cl.first = first
	}
	cl.home = div
	n := int(sums.n)
	cl.n += n
	cl.sx += sums.sx
	cl.sy += sums.sy
	cl.value += sums.value
	g.parts = append(g.parts, part{sums.cell, int32(city), int32(div), sums.n})
}

// tally counts, for each symbol left after merging, the hubs of each
// city and division it gathered, and keeps the two cities and the one
// division with the most (ties to the lower index). The parts are taken
// symbol by symbol (a counting sort on the root cell), with the counts in
// two scratch arrays that are cleared after each.
func (g *symbolGrid) tally(cities, divisions int) {
	start := make([]int32, len(g.cells)+1)
	roots := make([]int32, len(g.parts))
	for k, p := range g.parts {
		r := int32(g.root(int(p.cell)))
		roots[k] = r
		start[r+1]++
	}
	for c := range g.cells {
		start[c+1] += start[c]
	}
	next := slices.Clone(start[:len(g.cells)])
	order := make([]int32, len(g.parts))
	for k, r := range roots {
		order[next[r]] = int32(k)
		next[r]++
	}
	byCity, byDiv := make([]int, cities), make([]int, divisions)
	divTotal := make([]int, divisions)
	for _, p := range g.parts {
		if p.div >= 0 && int(p.div) < divisions {
			divTotal[p.div] += int(p.n)
		}
	}
	better := func(n, id, bestN, bestID int) bool { return n > bestN || n == bestN && id < bestID }
	for c := range g.cells {
		cl := &g.cells[c]
		ps := order[start[c]:start[c+1]]
		if len(ps) == 0 {
			continue
		}
		for _, k := range ps {
			p := g.parts[k]
			if p.city >= 0 && int(p.city) < cities {
				if byCity[p.city] == 0 {
					cl.cities++
				}
				byCity[p.city] += int(p.n)
			}
			if p.div >= 0 && int(p.div) < divisions {
				byDiv[p.div] += int(p.n)
			}
		}
		divN := 0
		for _, k := range ps {
			p := g.parts[k]
			if id := int(p.div); id >= 0 && id < divisions && better(byDiv[id], id, divN, cl.div) {
				cl.div, divN = id, byDiv[id]
			}
			id := int(p.city)
			if id < 0 || id >= cities || id == cl.city1 || id == cl.city2 {
				continue
			}
			switch n := byCity[id]; {
			case better(n, id, cl.n1, cl.city1):
				cl.city2, cl.n2 = cl.city1, cl.n1
				cl.city1, cl.n1 = id, n
			case better(n, id, cl.n2, cl.city2):
				cl.city2, cl.n2 = id, n
			}
		}
		cl.whole = cl.div >= 0 && divN == cl.n && divN == divTotal[cl.div]
		for _, k := range ps {
			p := g.parts[k]
			if p.city >= 0 && int(p.city) < cities {
				byCity[p.city] = 0
			}
			if p.div >= 0 && int(p.div) < divisions {
				byDiv[p.div] = 0
			}
		}
	}
}

// majorCities returns, per cell as merged so far (its root), the city
// more than half its hubs name, -1 for none.
func (g *symbolGrid) majorCities(cities int) []int32 {
	type cellCity struct{ cell, city int32 }
	n := map[cellCity]int32{}
	for _, p := range g.parts {
		if p.city >= 0 && int(p.city) < cities {
			n[cellCity{int32(g.root(int(p.cell))), p.city}] += p.n
		}
	}
	out := make([]int32, len(g.cells))
	for c := range out {
		out[c] = -1
	}
	for k, m := range n {
		if c := int(k.cell); c >= 0 && c < len(g.cells) && 2*int(m) > g.cells[c].n {
			out[c] = k.city
		}
	}
	return out
}

// root is the cell cell c finally merged into.
func (g *symbolGrid) root(c int) int {
	for g.cells[c].into >= 0 {
		c = g.cells[c].into
	}
	return c
}

// merge adds cell o into cell c.
func (g *symbolGrid) merge(c, o int) {
	cl, ol := &g.cells[c], &g.cells[o]
	cl.n += ol.n
	cl.value += ol.value
	cl.sx += ol.sx
	cl.sy += ol.sy
	for k := range g.nInd {
		g.industry[c*g.nInd+k] += g.industry[o*g.nInd+k]
	}
	// The larger one's majority city and division stand.
	cl.first = min(cl.first, ol.first)
	ol.n, ol.into = 0, c
}

// aggregate draws the gathered hubs as proportional symbols: each cell a
// circle at its hubs' centroid whose area is proportional to the hubs'
// count (or summed value when shading by value), coloured by the industry
// most of them belong to; circles of one division whose centres nearly
// coincide (a city cut by a cell boundary) merge, largest first; no
// circle gathers hubs of two divisions. The largest circles are
// labelled with the city more than half their hubs name (or their
// province) and the count.
func (s *Scene) aggregate(a *geo.Atlas, g *symbolGrid, sel *selection, opt Options) {
	byValue := opt.Shade == ShadeValue && sel.valued
	size := func(c int) float64 {
		if byValue {
			return g.cells[c].value
		}
		return float64(g.cells[c].n)
	}
	var order []int // cells with hubs
	maxSize := 0.0
	for c := range g.cells {
		if g.cells[c].n > 0 {
			order = append(order, c)
			maxSize = math.Max(maxSize, size(c))
		}
	}
	rMax := math.Max(14, s.Width/42)
	radius := func(c int) float64 {
		if maxSize <= 0 {
			return minSymbolR
		}
		return math.Max(minSymbolR, rMax*math.Sqrt(size(c)/maxSize))
	}
	bySize := func(x, y int) int {
		if c := cmp.Compare(size(y), size(x)); c != 0 {
			return c
		}
		return cmp.Compare(g.cells[x].first, g.cells[y].first)
	}
	slices.SortFunc(order, bySize)
	centre := func(c int) orb.Point {
		cl := &g.cells[c]
		return orb.Point{cl.sx / float64(cl.n), cl.sy / float64(cl.n)}
	}
	// Merge, comparing squared distances with the centres held in order.
	at := make([]orb.Point, len(order))
	for i, c := range order {
		at[i] = centre(c)
	}
	reach := func(c int) float64 {
		d := math.Max(0.5*radius(c), 4)
		return d * d
	}
	for i, big := range order {
		if g.cells[big].n == 0 {
			continue
		}
		p, d2 := at[i], reach(big)
		for j := i + 1; j < len(order); j++ {
			q := at[j]
			if dx, dy := p[0]-q[0], p[1]-q[1]; dx*dx+dy*dy >= d2 || g.cells[order[j]].n == 0 || g.cells[order[j]].home != g.cells[big].home {
				continue
			}
			g.merge(big, order[j])
			p, d2 = centre(big), reach(big)
			at[i] = p
		}
	}
	// The symbols of one city (more than half their hubs name it) that
	// overlap merge as well, the larger taking the smaller: a city cut
	// by cells had stood as a circle ringed by small ones of its own
	// hubs, each counting a part ("Shenzhen 72" beside 7 more of its 79,
	// Dongguan's 70 in five, the largest 32). Where a window spreads a
	// city's hubs so far that their circles stand apart, they stay so.
	major := g.majorCities(len(a.Cities))
	for i, big := range order {
		if g.cells[big].n == 0 || major[big] < 0 {
			continue
		}
		for _, o := range order[i+1:] {
			if g.cells[o].n == 0 || major[o] != major[big] || g.cells[o].home != g.cells[big].home {
				continue
			}
			if p, q := centre(big), centre(o); math.Hypot(p[0]-q[0], p[1]-q[1]) < radius(big)+radius(o) {
				g.merge(big, o)
			}
		}
	}
	maxSize = 0
	for _, c := range order {
		if g.cells[c].n > 0 {
			maxSize = math.Max(maxSize, size(c))
		}
	}
	slices.SortStableFunc(order, bySize)
	s.Hubs = slices.Grow(s.Hubs, len(order))
	s.Aggregated = true
	s.SymbolMax, s.SymbolByValue = maxSize, byValue
	s.SymbolRMax = rMax
	s.unnamed = &unnamedSymbols{g: g, lang: opt.Lang}
	for _, c := range order {
		cl := &g.cells[c]
		if cl.n == 0 {
			continue
		}
		ind := 0
		for k := range g.nInd {
			if g.industry[c*g.nInd+k] > g.industry[c*g.nInd+ind] {
				ind = k
			}
		}
		hm := HubMark{At: centre(c), R: radius(c), Count: cl.n, Value: cl.value, Colors: []string{a.Industries[ind].Color}}
		hm.Figure = formatCount(cl.n)
		if byValue {
			hm.Figure = formatCount(int(math.Round(cl.value)))
		}
		hm.ID = "cluster-" + strconv.Itoa(len(s.Hubs)+1)
		hm.Label = Label{Sizes: []float64{s.Style.Product * 1.05}, Optional: true}
		s.Hubs = append(s.Hubs, hm)
		s.unnamed.cells = append(s.unnamed.cells, c)
	}
}

// unnamedSymbols are what naming the proportional symbols needs: the
// grid they were gathered in and the cell of each. Names wait until the
// layout holds (see nameSymbols): a first layout that makes room for a
// legend panel draws the symbols again.
type unnamedSymbols struct {
	g     *symbolGrid
	cells []int // per symbol, in the order of the scene's Hubs
	lang  string
}

// nameSymbols gives each proportional symbol its label: its place (see
// places) and count, with shorter wordings to try.
func (s *Scene) nameSymbols(a *geo.Atlas) {
	u := s.unnamed
	if u == nil {
		return
	}
	s.unnamed = nil
	u.g.tally(len(a.Cities), len(a.Divisions))
	// A place names one symbol, the largest that could take it (Hubs run
	// largest first): a window of one city shows one "Yiwu", not thirty.
	// A city names no other, alone or with another: a circle of 3 beside
	// "Guangzhou 194" and "Foshan 207" had read "Guangzhou, Foshan 3".
	taken, takenCity := map[string]bool{}, map[int]bool{}
	for i, c := range u.cells {
		h := &s.Hubs[i]
		h.div = u.g.cells[c].div + 1
		var names []string
		var first symbolName
		for _, p := range u.g.places(a, c, u.lang) {
			if p.text == "" || taken[p.text] || takenCity[p.cities[0]] || takenCity[p.cities[1]] {
				continue
			}
			if len(names) == 0 {
				first = p
			}
			names = append(names, p.text)
		}
		if len(names) == 0 {
			continue
		}
		taken[names[0]] = true
		for _, id := range first.cities {
			if id >= 0 {
				takenCity[id] = true
			}
		}
		for k := range names {
			names[k] += " " + h.Figure
		}
		h.Label.Lines, h.Label.Shorter = names[:1], names[1:]
	}
}

// oneSymbolPerPlace leaves a place's name to the largest symbol it
// names. nameSymbols gives each place to one symbol, but a label that
// finds no room takes a shorter wording, which may be the place another
// symbol is named after: two circles of Fujian had read "福建" on an A4
// page of 50,000 suppliers, once two cities sharing a circle were both
// named. Hubs run largest first.
func (s *Scene) oneSymbolPerPlace() {
	seen := map[string]bool{}
	for i := range s.Hubs {
		h := &s.Hubs[i]
		if h.Count == 0 || len(h.Label.Lines) == 0 {
			continue
		}
		place := strings.TrimSuffix(h.Label.Lines[0], " "+h.Figure)
		if seen[place] {
			h.Label, h.Leader = Label{Sizes: h.Label.Sizes, Optional: true}, nil
			continue
		}
		seen[place] = true
	}
}

// placeCounts finds where each proportional symbol's count can be read:
// at its centre, else off centre inside the circle, where no circle drawn
// over it (the smaller ones, drawn later) would seem to own it, and clear
// of the counts placed before. Dots too small to hold a count do not get
// in the way: counts are drawn over every symbol. A count without such a
// place is left out; the symbol's size and its label still tell it. The
// short figures ("1k") placed, each becomes whole ("1,017") where that
// fits clear of the others: a map had read "1k" beside "293" (whole
// figures placed first had left the 293 without its count).
func (s *Scene) placeCounts() {
	placed := make([]orb.Bound, len(s.Hubs))
	for i := range s.Hubs {
		h := &s.Hubs[i]
		h.ShowCount = false
		if h.Count <= 1 {
			continue
		}
		if at, box, ok := s.countPlace(i, h.Figure, placed); ok {
			h.CountAt, h.ShowCount, placed[i] = at, true, box
			h.Label.dropFigure(h.Figure)
		}
	}
	for i := range s.Hubs {
		h := &s.Hubs[i]
		whole := formatNumber(float64(h.Count))
		if s.SymbolByValue {
			whole = formatNumber(math.Round(h.Value))
		}
		if !h.ShowCount || whole == h.Figure {
			continue
		}
		own := placed[i]
		placed[i] = orb.Bound{}
		if at, box, ok := s.countPlace(i, whole, placed); ok {
			h.CountAt, h.Figure, placed[i] = at, whole, box
		} else {
			placed[i] = own
		}
	}
}

// countPlace finds where figure fits inside hub i's circle, clear of
// the circles drawn over it and of the counts placed; it returns the
// figure's centre and the box it keeps others from.
func (s *Scene) countPlace(i int, figure string, placed []orb.Bound) (orb.Point, orb.Bound, bool) {
	st := s.Style
	h := &s.Hubs[i]
	size := countSize(h.R, st)
	w, ht := textWidth(figure, size), size*lineHeight
	if h.R < 9 || w >= 1.8*h.R {
		return orb.Point{}, orb.Bound{}, false
	}
	room := h.R - math.Hypot(w/2, ht/2)
	offsets := []orb.Point{{0, 0}}
	for _, f := range []float64{0.5, 1} {
		if d := room * f; d > 1 {
			for k := range 8 {
				th := float64(k) * math.Pi / 4
				offsets = append(offsets, orb.Point{d * math.Cos(th), d * math.Sin(th)})
			}
		}
	}
	for _, off := range offsets {
		at := orb.Point{h.At[0] + off[0], h.At[1] + off[1]}
		box := orb.Bound{Min: orb.Point{at[0] - w/2, at[1] - ht/2}, Max: orb.Point{at[0] + w/2, at[1] + ht/2}}
		if countBlocked(box, s.Hubs[i+1:], placed) {
			continue
		}
		return at, box.Pad(0.5 * size), true // counts side by side would read as one number
	}
	return orb.Point{}, orb.Bound{}, false
}

// dropFigure takes the figure off a proportional symbol's label ("Ningbo
// 173" becomes "Ningbo") once the circle shows it, and narrows the
// label's box from the side away from the circle.
func (l *Label) dropFigure(figure string) {
	if len(l.Lines) != 1 || len(l.Y) == 0 {
		return
	}
	name, ok := strings.CutSuffix(l.Lines[0], " "+figure)
	if !ok || name == "" {
		return
	}
	cut := boldWidth(l.Lines[0], l.Sizes[0]) - boldWidth(name, l.Sizes[0])
	l.Lines[0] = name
	switch l.Anchor {
	case "start":
		l.Box.Max[0] -= cut
	case "end":
		l.Box.Min[0] += cut
	default:
		l.Box.Min[0] += cut / 2
		l.Box.Max[0] -= cut / 2
	}
}

// countBlocked says whether a count's box centres in a circle drawn over
// it that is large enough to hold a count of its own, or meets a count
// already placed.
func countBlocked(box orb.Bound, over []HubMark, placed []orb.Bound) bool {
	c := box.Center()
	for _, o := range over {
		if o.R >= 6 && math.Hypot(c[0]-o.At[0], c[1]-o.At[1]) < o.R+2 {
			return true
		}
	}
	for _, p := range placed {
		if !p.IsZero() && intersects(box, p) {
			return true
		}
	}
	return false
}

// symbolName is a wording of a symbol's name and the cities it names (-1
// for none).
type symbolName struct {
	text   string
	cities [2]int
}

// places names cell c's symbol, in shorter words after: the city more
// than half its hubs name, where no other holds a third (alone: the
// others are few); else the two cities most name, when together they
// hold more than half ("Dongguan, Foshan etc.", 东莞、佛山等, "etc." when
// other cities hold the rest), then the first alone (with "etc." unless
// it holds more than half) where those find no room; else the city that
// holds a quarter or more ("Fuzhou etc."); then the province most of
// them lie in. A city that held just over half had named its symbol
// alone wherever it stood: "Foshan 404", of which 192 were Guangzhou's.
func (g *symbolGrid) places(a *geo.Atlas, c int, lang string) []symbolName {
	cl := &g.cells[c]
	var province []symbolName
	if cl.div >= 0 && cl.whole {
		d := a.Divisions[cl.div]
		province = []symbolName{{pick(lang, d.Name, d.NameZH), [2]int{-1, -1}}}
	}
	// cities words the first k of the top two, with "etc." when the
	// symbol holds others and they are not a minority beside one city.
	cities := func(k int) symbolName {
		ids := []int{cl.city1, cl.city2}[:k]
		var en, zh []string
		for _, i := range ids {
			en, zh = append(en, a.Cities[i]), append(zh, a.CitiesZH[i])
		}
		e, z := strings.Join(en, ", "), strings.Join(zh, "、")
		if slices.Contains(zh, "") {
			z = ""
		}
		etc := cl.cities > k && (k > 1 || 2*cl.n1 <= cl.n)
		if etc {
			e += " etc."
			if z != "" {
				z += "等"
			}
		}
		if z != "" && !slices.ContainsFunc(en, func(n string) bool { return !strings.ContainsFunc(n, isHan) }) {
			e = z // cities the file names in Chinese only: 东莞、佛山等, not "东莞, 佛山 etc."
		}
		named := [2]int{cl.city1, -1}
		if k > 1 {
			named[1] = cl.city2
		}
		return symbolName{pick(lang, e, z), named}
	}
	// A circle is named after its division only when it holds all the
	// division's hubs in view and no others (whole), so that the name and
	// count read as the division's: "Hebei 264" had stood for 264 hubs of
	// Hebei, Beijing and Tianjin where Hebei had 138; else after its
	// cities, the largest with "etc." where none holds a quarter.
	switch {
	case cl.city1 >= 0 && 2*cl.n1 > cl.n && (cl.city2 < 0 || 3*cl.n2 < cl.n):
		return []symbolName{cities(1)}
	case cl.city2 >= 0 && 2*(cl.n1+cl.n2) > cl.n:
		return append([]symbolName{cities(2), cities(1)}, province...)
	case cl.city1 >= 0:
		return append([]symbolName{cities(1)}, province...)
	case province != nil:
		return province
	}
	return nil
}

// minSymbolR is the smallest radius, px, a proportional symbol is drawn
// at, so that it stays visible.
const minSymbolR = 3

// formatCount writes a count or a summed value compactly: 950, 1.2k, 12k,
// 1.2M, 12M.
func formatCount(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10000:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/1000, 'f', 1, 64), ".0") + "k"
	case n < 999_500:
		return strconv.Itoa((n+500)/1000) + "k"
	case n < 10_000_000:
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64), ".0") + "M"
	}
	return strconv.Itoa((n+500_000)/1_000_000) + "M"
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

// productLines lists the matched products in the label language: in
// both languages, the English list, then the Chinese one when every
// product has a Chinese name ("Athletic Shoes, Casual Shoes", "运动鞋、
// 休闲鞋"). A map in both languages had given its products in English
// only, under the key's heading 编号与产品.
func productLines(m geo.Match, lang string) []string {
	en := productList(m, lang)
	if lang != "both" || en == "" {
		return []string{en}
	}
	if zh := productList(m, "zh"); hasCJK(zh) && zh != en && allChinese(m) {
		return []string{en, zh}
	}
	return []string{en}
}

// allChinese reports whether every matched product has a Chinese name.
func allChinese(m geo.Match) bool {
	for _, k := range m.Specialties {
		if m.Hub.Specialties[k].ProductZH == "" {
			return false
		}
	}
	return true
}

// productList lists the matched products in the label language.
func productList(m geo.Match, lang string) string {
	var names []string
	chinese := lang == "zh"
	for _, k := range m.Specialties {
		sp := m.Hub.Specialties[k]
		n := sp.Product
		if lang == "zh" && sp.ProductZH != "" {
			n = sp.ProductZH
		} else {
			chinese = false // an English name among them: English commas
		}
		names = append(names, n)
	}
	sep := ", "
	if chinese {
		sep = "、"
	}
	return strings.Join(names, sep)
}

// firstProduct is the line a label with products asked for keeps where
// they do not all fit: the first, with "etc." (等) when there are more; ""
// when the hub has one product or none.
func firstProduct(m geo.Match, lang string) string {
	if len(m.Specialties) < 2 {
		return ""
	}
	sp := m.Hub.Specialties[m.Specialties[0]]
	switch {
	case lang == "zh" && sp.ProductZH != "":
		return sp.ProductZH + "等"
	case lang == "both" && sp.ProductZH != "" && sp.ProductZH != sp.Product:
		return sp.Product + " etc. " + sp.ProductZH + "等"
	}
	return sp.Product + " etc."
}

// productWidth is the width a product line wraps at, in ems: about 24
// Latin letters, 14 Chinese characters.
const productWidth = 14.0
