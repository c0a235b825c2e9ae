package render

import (
	"context"
	"iter"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/paulmach/orb"
)

// Label placement. Every hub's label must belong to its own marker, as a
// reader sees it: a label beside a marker lies nearer to that marker than
// to any other, and half a line nearer than any other level with its
// text, where a reader looks for a name's marker (or a product line's:
// "Travel Bags", Quanzhou's second line, had ended beside Jinjiang's
// marker and read as its products); a label moved
// away is joined to its marker by a leader of bounded length that
// crosses no other leader, label or marker (but the larger circle a
// proportional symbol is drawn over, which it must cross to leave it;
// see drawnOver). No label
// overlaps another label, a marker, the legend, the key or an inset
// frame, or leaves the frame. Where a name cannot stand apart at this
// size, the hub is numbered instead — a short number beside the marker,
// or on it — and listed in the key. Nothing is dropped.
//
// The work is split into small types: boxGrid, a spatial index of the
// boxes placed so far; candidates, the places a label may take; and
// placer, which checks a place against everything and places labels most
// constrained first, with a repair pass that moves one neighbour aside.

// boxGrid indexes boxes (labels, markers, fixed boxes) by grid cell.
type boxGrid struct {
	x0, y0, cell float64
	inv          float64 // 1/cell: a product is quicker than a quotient
	cols, rows   int
	cells        [][]int32
	items        []gridItem
}

type gridItem struct {
	box   orb.Bound
	owner int // hub index, -1 for fixed boxes
	label bool
}

// boxGrids recycles grids, cells and items: a render places labels and
// names with several.
var boxGrids = sync.Pool{New: func() any { return new(boxGrid) }}

// newBoxGrid returns an empty grid over frame and 200 px around it, from
// the pool: hand it back with free when done.
func newBoxGrid(frame orb.Bound, cell float64) *boxGrid {
	g := boxGrids.Get().(*boxGrid)
	g.x0, g.y0, g.cell, g.inv = frame.Min[0]-200, frame.Min[1]-200, cell, 1/cell
	g.cols = int((frame.Max[0]-frame.Min[0]+400)/cell) + 1
	g.rows = int((frame.Max[1]-frame.Min[1]+400)/cell) + 1
	n := g.cols * g.rows
	if cap(g.cells) < n || n > 4*maxPooledCells {
		g.cells = make([][]int32, n)
	} else {
		g.cells = g.cells[:n]
		for i := range g.cells {
			g.cells[i] = g.cells[i][:0]
		}
	}
	g.items = g.items[:0]
	return g
}

// maxPooledCells bounds the grids kept for reuse: a print-size page's
// are dropped.
const maxPooledCells = 4096

// free hands g back to the pool; g must not be used after.
func (g *boxGrid) free() {
	if len(g.cells) <= maxPooledCells {
		boxGrids.Put(g)
	}
}

// span returns the cells b touches. The cell of a coordinate grows with
// it (a difference and a product by a positive number never decrease as
// it grows), so boxes that meet share a cell.
func (g *boxGrid) span(b orb.Bound) (c0, r0, c1, r1 int) {
	c0 = max(0, min(g.cols-1, int((b.Min[0]-g.x0)*g.inv)))
	r0 = max(0, min(g.rows-1, int((b.Min[1]-g.y0)*g.inv)))
	c1 = max(0, min(g.cols-1, int((b.Max[0]-g.x0)*g.inv)))
	r1 = max(0, min(g.rows-1, int((b.Max[1]-g.y0)*g.inv)))
	return
}

func (g *boxGrid) add(it gridItem) int {
	id := int32(len(g.items))
	g.items = append(g.items, it)
	c0, r0, c1, r1 := g.span(it.box)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			g.cells[r*g.cols+c] = append(g.cells[r*g.cols+c], id)
		}
	}
	return int(id)
}

// remove takes item id out of the grid (its box becomes empty).
func (g *boxGrid) remove(id int) {
	c0, r0, c1, r1 := g.span(g.items[id].box)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			cell := g.cells[r*g.cols+c]
			if k := slices.Index(cell, int32(id)); k >= 0 {
				g.cells[r*g.cols+c] = slices.Delete(cell, k, k+1)
			}
		}
	}
	g.items[id].box = orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
}

// each calls fn with the items whose cells b touches until fn says stop;
// an item may come more than once.
func (g *boxGrid) each(b orb.Bound, fn func(id int, it *gridItem) bool) {
	c0, r0, c1, r1 := g.span(b)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			for _, id := range g.cells[r*g.cols+c] {
				if !fn(int(id), &g.items[id]) {
					return
				}
			}
		}
	}
}

// marker is a hub's marker as placement sees it.
type marker struct {
	at orb.Point
	r  float64
}

func (m marker) box(pad float64) orb.Bound {
	return orb.Bound{Min: orb.Point{m.at[0] - m.r - pad, m.at[1] - m.r - pad}, Max: orb.Point{m.at[0] + m.r + pad, m.at[1] + m.r + pad}}
}

// placer places the labels of one panel.
type placer struct {
	frame   orb.Bound // labels stay inside
	st      Style
	markers []marker
	grid    *boxGrid // markers, fixed boxes and placed labels
	mgrid   *boxGrid // markers alone, for the nearest-marker rule
	leaders [][2]orb.Point
	// lines are fixed lines labels keep off and leaders do not cross:
	// the South China Sea's dashed line (see segmentsOf).
	lines     [][2]orb.Point
	leaderOf  []int // leader index per hub, -1 for none
	labelID   []int // grid item of each hub's placed label, -1 for none
	maxLeader float64
	centre    orb.Point // where crowds are: leaders point away from it
	// islands whose land labels keep off, and the island each hub lies
	// on (-1 for none): its own label may.
	islands []islandLand
	home    []int
	// div is each hub's division (-1 when not known): see try.
	div []int
	// ground tells what lies below a place (nil: not known): a label
	// beside its marker takes a place on one ground where it can.
	ground *ground
	// offNeighbours tells whether a box lies off the neighbouring
	// countries' land (nil: not known).
	offNeighbours func(orb.Bound) bool
}

// free hands the placer's grids back; p must not be used
// after.
func (p *placer) free() {
	p.grid.free()
	p.mgrid.free()
	p.grid, p.mgrid = nil, nil
}

// labelJobs recycles what placing the labels of a map needs.
var labelJobs sync.Pool

func newPlacer(frame orb.Bound, st Style, hubs []HubMark, fixed []orb.Bound, islands []islandLand) *placer {
	cell := math.Max(24, 4*st.Label)
	p := &placer{frame: frame.Pad(-2), st: st, grid: newBoxGrid(frame, cell), mgrid: newBoxGrid(frame, cell),
		maxLeader: 4.5 * st.Label, islands: islands}
	if len(islands) > 0 {
		// A hub's island is its division's; a hub of no known division
		// stands on an island whose land holds it.
		p.home = slices.Repeat([]int{-1}, len(hubs))
		for i, h := range hubs {
			for k := range islands {
				if h.div > 0 && islands[k].div == h.div-1 || h.div == 0 && islands[k].holds(h.True, 0) {
					p.home[i] = k
				}
			}
		}
	}
	for _, b := range fixed {
		p.grid.add(gridItem{box: b, owner: -1})
	}
	var c orb.Point
	for i, h := range hubs {
		m := marker{h.At, h.drawnR()}
		p.markers = append(p.markers, m)
		p.grid.add(gridItem{box: m.box(1), owner: i})
		p.mgrid.add(gridItem{box: m.box(0), owner: i})
		c[0] += h.At[0] / float64(len(hubs))
		c[1] += h.At[1] / float64(len(hubs))
	}
	mid := frame.Center()
	p.centre = orb.Point{(c[0] + mid[0]) / 2, (c[1] + mid[1]) / 2}
	p.leaderOf = slices.Repeat([]int{-1}, len(hubs))
	p.labelID = slices.Repeat([]int{-1}, len(hubs))
	return p
}

// candidate is a place for a label: its box and, for a label moved away,
// its leader.
type candidate struct {
	box       orb.Bound
	hasLeader bool
	leader    [2]orb.Point
}

// beside returns the eight boxes touching marker m, most preferred first:
// right, left, upper and lower right, upper and lower left, above, below;
// in dst's array.
func (p *placer) beside(m marker, w, h float64, dst *[8]candidate) []candidate {
	g := m.r + p.st.Gap
	d := g * 0.72
	at := func(x0, y0 float64) candidate {
		return candidate{box: orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + w, y0 + h}}}
	}
	x, y := m.at[0], m.at[1]
	*dst = [8]candidate{
		at(x+g, y-h/2), at(x-g-w, y-h/2),
		at(x+d, y-d-h), at(x+d, y+d), at(x-d-w, y-d-h), at(x-d-w, y+d),
		at(x-w/2, y-g-h), at(x-w/2, y+g),
	}
	return dst[:]
}

// away yields places out at growing distances with a leader, in 24
// directions starting from the one pointing away from the crowd, each
// made only when asked for: most labels take one of the first. It is
// small enough to inline, so that its function stays on the caller's
// stack (awayEach does the work).
func (p *placer) away(m marker, w, h float64) iter.Seq[candidate] {
	return func(yield func(candidate) bool) { p.awayEach(m, w, h, p.maxLeader, p.centre, yield) }
}

// awayWithin is away with the places out to limit px from m's edge (at
// most the longest leader's), in directions starting from the one
// pointing away from from.
func (p *placer) awayWithin(m marker, w, h, limit float64, from orb.Point) iter.Seq[candidate] {
	return func(yield func(candidate) bool) { p.awayEach(m, w, h, min(limit, p.maxLeader), from, yield) }
}

func (p *placer) awayEach(m marker, w, h, limit float64, from orb.Point, yield func(candidate) bool) {
	dir := math.Atan2(m.at[1]-from[1], m.at[0]-from[0])
	step := math.Max(p.st.Label, h) * 0.9
	// The 24 directions, the same at every distance.
	var cs, sns [24]float64
	for k := range 24 {
		th := dir + float64((k+1)/2)*math.Pi/12*float64(1-2*(k%2))
		cs[k], sns[k] = math.Cos(th), math.Sin(th)
	}
	for d := 1.6 * step; d <= limit; d += step {
		for k := range 24 {
			c, sn := cs[k], sns[k]
			q := orb.Point{m.at[0] + (m.r+d)*c, m.at[1] + (m.r+d)*sn}
			x0, y0 := boxStart(q[0], c, w), boxStart(q[1], sn, h)
			b := orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + w, y0 + h}}
			from := orb.Point{m.at[0] + (m.r+0.5)*c, m.at[1] + (m.r+0.5)*sn}
			to := nearestOnBox(b, m.at)
			if !yield(candidate{box: b, hasLeader: true, leader: [2]orb.Point{from, to}}) {
				return
			}
		}
	}
}

// boxStart places a box of the given size along one axis so that it
// extends from v in the direction dir points (-1 to 1): after v, before
// it, or centred on it when dir is near zero.
func boxStart(v, dir, size float64) float64 {
	switch {
	case dir > 0.38:
		return v
	case dir < -0.38:
		return v - size
	}
	return v - size/2
}

// nearestOnBox is the point of b nearest p. The built-in min and max
// treat NaN and signed zeros as math.Min and math.Max do, inlined.
func nearestOnBox(b orb.Bound, p orb.Point) orb.Point {
	return orb.Point{max(b.Min[0], min(p[0], b.Max[0])), max(b.Min[1], min(p[1], b.Max[1]))}
}

// boxDist is the distance from point q to box b (0 inside).
func boxDist(b orb.Bound, q orb.Point) float64 {
	n := nearestOnBox(b, q)
	return math.Hypot(n[0]-q[0], n[1]-q[1])
}

// fits reports whether hub i's label may take place c: inside the frame,
// over nothing placed, and belonging to its marker (see the top of this
// file). skip is a placed label to disregard (the one being moved).
func (p *placer) fits(i int, c candidate, skip int) bool {
	b := c.box
	if !p.frame.Contains(b.Min) || !p.frame.Contains(b.Max) {
		return false
	}
	for k := range p.islands {
		if k != p.home[i] && (p.islands[k].covers(b) || c.hasLeader && p.islands[k].crossed(c.leader[0], c.leader[1])) {
			return false
		}
	}
	// Another label keeps a space away to either side.
	space := labelSpace(p.st)
	wide := orb.Bound{Min: orb.Point{b.Min[0] - space, b.Min[1]}, Max: orb.Point{b.Max[0] + space, b.Max[1]}}
	free := true
	p.grid.each(wide, func(id int, it *gridItem) bool {
		if id != skip && (intersects(b, it.box) || it.label && it.owner != i && intersects(wide, it.box)) {
			free = false
		}
		return free
	})
	if !free {
		return false
	}
	// No placed leader runs through the box, nor a fixed line through
	// its letters.
	for k, l := range p.leaders {
		if skip >= 0 && k == p.leaderOf[p.grid.items[skip].owner] {
			continue
		}
		if segmentHitsBox(l[0], l[1], b) {
			return false
		}
	}
	if p.acrossLines(b, p.st.Label) {
		return false
	}
	own := p.markers[i]
	dOwn := boxDist(b, own.at) - own.r
	// The label must be nearer its own marker than any other; a label on
	// a leader must keep clear of other markers.
	// A label on a leader keeps a label's height clear of other markers,
	// so that it reads as nobody's but its leader's.
	clear := leaderClear(p.st, b.Max[1]-b.Min[1])
	// Only markers whose edge lies within reach of the box can break the
	// rules below (d is measured from the marker's edge); the grid holds
	// each marker in every cell its box touches, so those are found in
	// the cells within reach, however large the marker.
	// Beside its marker, a label also keeps other markers from where a
	// reader looks for its marker, level with its text (any line):
	// besideMargin farther than its own.
	margin := besideMargin(p.st)
	first := p.st.Label * lineHeight
	if !c.hasLeader && !inReadingPlace(b, first, own.at) {
		margin = offLevelMargin(p.st)
	}
	reach := dOwn + margin
	if c.hasLeader {
		reach = clear
	}
	ok := true
	p.mgrid.each(b.Pad(reach+1), func(_ int, it *gridItem) bool {
		j := it.owner
		if j == i {
			return true
		}
		m := p.markers[j]
		// The distance is at least the larger of its two legs: far
		// markers are passed over without math.Hypot, and with the same
		// outcome.
		n := nearestOnBox(b, m.at)
		if leg := max(math.Abs(n[0]-m.at[0]), math.Abs(n[1]-m.at[1])) - m.r; c.hasLeader && leg >= clear || !c.hasLeader && leg >= dOwn+margin {
			return true
		}
		d := boxDist(b, m.at) - m.r
		switch {
		case c.hasLeader:
			ok = d >= clear
		case d <= dOwn+0.5:
			ok = false
		case d < dOwn+margin:
			// Level with any line of the text, not only the first.
			ok = !inReadingPlace(b, max(first, b.Max[1]-b.Min[1]-2*linePad), m.at)
		}
		return ok
	})
	if !ok || !c.hasLeader {
		return ok
	}
	l := c.leader
	if math.Hypot(l[1][0]-l[0][0], l[1][1]-l[0][1]) > p.maxLeader {
		return false
	}
	// The leader crosses no label, no other marker (but the one hub i's
	// is drawn over), no fixed box and no other leader.
	lb := orb.Bound{Min: orb.Point{min(l[0][0], l[1][0]), min(l[0][1], l[1][1])}, Max: orb.Point{max(l[0][0], l[1][0]), max(l[0][1], l[1][1])}}
	p.grid.each(lb, func(id int, it *gridItem) bool {
		if id == skip || it.owner == i || !it.label && it.owner >= 0 && p.drawnOver(i, it.owner) {
			return true
		}
		if segmentHitsBox(l[0], l[1], it.box) {
			ok = false
		}
		return ok
	})
	if !ok {
		return false
	}
	for _, o := range p.leaders {
		if segmentsCross(o[0], o[1], l[0], l[1]) {
			return false
		}
	}
	for _, o := range p.lines {
		if segmentsCross(o[0], o[1], l[0], l[1]) {
			return false
		}
	}
	return true
}

// drawnOver reports whether hub i's marker stands on hub j's, larger:
// a proportional symbol drawn over a larger one whose circle holds its
// centre. Its leader crosses that circle, as it must to leave it: the
// circle of 348 suppliers east of Dongguan's 951 had gone unnamed, the
// second largest of a map of 5,000.
func (p *placer) drawnOver(i, j int) bool {
	a, b := p.markers[i], p.markers[j]
	return b.r > a.r && math.Hypot(a.at[0]-b.at[0], a.at[1]-b.at[1]) < b.r
}

// letters is where the letters of a text box with lines of about size
// px stand: the box less the line spacing above and below, and half a
// px at its ends. A dash passing by a box's corner had numbered
// Shantou on an A4 page of the mainland edition, clear of its letters.
func letters(b orb.Bound, size float64) orb.Bound {
	dy := min(0.15*size, (b.Max[1]-b.Min[1])/4)
	return orb.Bound{Min: orb.Point{b.Min[0] + 0.5, b.Min[1] + dy}, Max: orb.Point{b.Max[0] - 0.5, b.Max[1] - dy}}
}

// take places hub i's label at c.
func (p *placer) take(i int, c candidate) {
	p.labelID[i] = p.grid.add(gridItem{box: c.box, owner: i, label: true})
	if c.hasLeader {
		p.leaderOf[i] = len(p.leaders)
		p.leaders = append(p.leaders, c.leader)
	}
}

// release takes hub i's label out again.
func (p *placer) release(i int) {
	if id := p.labelID[i]; id >= 0 {
		p.grid.remove(id)
		p.labelID[i] = -1
	}
	if k := p.leaderOf[i]; k >= 0 {
		p.leaders[k] = [2]orb.Point{{math.NaN(), math.NaN()}, {math.NaN(), math.NaN()}}
		p.leaderOf[i] = -1
	}
}

// labelJob is one label to place and where it went.
type labelJob struct {
	hub    int
	w, h   float64
	placed *candidate
	cands  []candidate // beside the marker
	far    bool        // may go out on a leader
	// short is the size of the label's name alone, without the products
	// shown by default, tried before a place far out over other
	// divisions (nil for none: products asked for keep their place
	// there); trimmed says the job was placed as its name alone.
	short   *[2]float64
	trimmed bool
	// nearOrOwn: the label may be left out, and out on a long leader
	// takes only a place on its own division or the sea (see
	// HubMark.nearOrOwn; the labels of proportional symbols keep theirs:
	// "Dongguan etc." had gone unnamed).
	nearOrOwn bool
	free      int // free places beside the marker, before placing
	// blocked marks the places beside the marker found taken when place
	// counted them: nothing placed since is removed for good, so they
	// stay taken for the rest of that call.
	blocked uint8
	beside  [8]candidate
}

// place finds a place for every job it can, most constrained first, then
// tries to free a place for each that failed by moving one placed
// neighbour to another of its places. It returns the jobs that failed.
func (p *placer) place(ctx context.Context, jobs []*labelJob) ([]*labelJob, error) {
	for _, j := range jobs {
		j.cands = p.beside(p.markers[j.hub], j.w, j.h, &j.beside)
	}
	// Most constrained first: fewest free places beside the marker.
	for _, j := range jobs {
		j.free, j.blocked = 0, 0
		for k := range j.cands {
			if p.fits(j.hub, j.cands[k], -1) {
				j.free++
			} else {
				j.blocked |= 1 << k
			}
		}
	}
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, b *labelJob) int { return a.free - b.free })
	var failed []*labelJob
	for n, j := range order {
		if n%8 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !p.try(j) {
			failed = append(failed, j)
		}
	}
	// Repair: move one placed label aside to make room.
	var still []*labelJob
	if len(failed) == 0 {
		return nil, nil
	}
	byHub := make([]*labelJob, len(p.markers))
	for _, j := range jobs {
		byHub[j.hub] = j
	}
	for _, j := range failed {
		if !p.repair(j, byHub) {
			still = append(still, j)
		}
	}
	return still, nil
}

// try places j at its first free place: beside its marker, then (when
// far is true) out on a leader. Beside the marker, the first free place
// gives way to a later one only where it lies across a dark and a light
// fill (a coast of a province shaded dark) and the later one lies on one
// ground, dark fills or light, no nearer another marker: a label across
// both reads on neither, its ink and halo made for one; one nearer
// another marker reads as its name (金华 below its marker, 5 px from
// Wenzhou's).
func (p *placer) try(j *labelJob) bool {
	first := -1
	d := p.hubDiv(j.hub)
	// off: the place keeps off the land of a division of another
	// system than the hub's (ground.offApart).
	off := func(k int) bool { return p.ground == nil || p.ground.offApart(j.cands[k].box, d) }
	for k := range j.cands {
		if j.blocked&(1<<k) != 0 || !p.fits(j.hub, j.cands[k], -1) {
			continue
		}
		if first < 0 {
			first = k
			if p.ground == nil || p.ground.uniform(j.cands[k].box) && off(k) {
				break
			}
			continue
		}
		offK, offFirst := off(k), off(first)
		switch {
		case offK && !offFirst:
			first = k
		case offK == offFirst && !p.ground.uniform(j.cands[first].box) && p.ground.uniform(j.cands[k].box) &&
			p.clearance(j.hub, j.cands[k].box) >= min(p.clearance(j.hub, j.cands[first].box), p.st.Label):
			first = k
		default:
			continue
		}
		if p.ground.uniform(j.cands[first].box) && off(first) {
			break
		}
	}
	if first >= 0 {
		c := j.cands[first]
		p.take(j.hub, c)
		j.placed = &c
		return true
	}
	if !j.far {
		return false
	}
	for c := range p.away(p.markers[j.hub], j.w, j.h) {
		if j.nearOrOwn && !p.nearOrOwn(j.hub, c) {
			continue
		}
		if p.fits(j.hub, c, -1) {
			if d := p.hubDiv(j.hub); d >= 0 && p.longLeader(c.leader) && !p.ground.offOthers(c.box, d) {
				c = p.offOthersPlace(j, d, c)
				if j.short != nil && !p.ground.offOthers(c.box, d) {
					// The name alone first, nearer, before any other
					// label takes its room: "汕头" and its products had
					// stood over Hunan and Jiangxi on a leader across
					// Guangdong (its view at 360×360 in Chinese), where
					// the name alone stands beside it. (With products
					// asked for, the name alone had taken Guangxi's
					// name's place, Dongguan's at 1200×900.)
					j.w, j.h, j.short, j.trimmed, j.blocked = j.short[0], j.short[1], nil, true, 0
					j.cands = p.beside(p.markers[j.hub], j.w, j.h, &j.beside)
					return p.try(j)
				}
			}
			p.take(j.hub, c)
			placed := c // a copy: a place whose address is kept is allocated, and c is each place's
			j.placed = &placed
			return true
		}
	}
	return false
}

// segmentsOf returns the segments of lines. Labels and names keep off
// the South China Sea's dashed line as off a leader, and their leaders
// do not cross it: its dashes had run through "Jinjiang" and "Shenzhen"
// on the mainland edition's map at 640×480 in English.
func segmentsOf(lines [][]orb.Point) [][2]orb.Point {
	var out [][2]orb.Point
	for _, l := range lines {
		for i := 1; i < len(l); i++ {
			out = append(out, [2]orb.Point{l[i-1], l[i]})
		}
	}
	return out
}

// longLeader reports whether a label's leader is long: over two lines
// of a hub's name, where a label far out over other divisions reads as
// a place there.
func (p *placer) longLeader(l [2]orb.Point) bool {
	return leaderLength(l) > 2*p.st.Label*lineHeight
}

// nearOrOwn reports whether place c of hub i's label, out on a leader,
// is near (not a long leader) or on the hub's own division or the sea,
// its middle off a neighbouring country's land: a name of a map that
// names what fits, far out over other divisions or a neighbouring
// country, had read as a place there ("Qingdao 青岛" over Inner Mongolia
// and Mongolia, on a leader across Hebei, on a map of all China at
// 480×360).
func (p *placer) nearOrOwn(i int, c candidate) bool {
	if !p.longLeader(c.leader) {
		return true
	}
	d := p.hubDiv(i)
	m := c.box.Center()
	return d >= 0 && p.ground.offOthers(c.box, d) && (p.offNeighbours == nil || p.offNeighbours(orb.Bound{Min: m, Max: m}))
}

// hubDiv is hub i's division, -1 when not known (or no ground is).
func (p *placer) hubDiv(i int) int {
	if p.ground == nil || i >= len(p.div) {
		return -1
	}
	return p.div[i]
}

// offOthersPlace returns, for a label whose first free place (first)
// lies out on a long leader mostly over other divisions, the first free
// place off other divisions (its own, the sea, land beyond China), or
// first when there is none: a label far out in another province reads
// as a place there, whatever its leader says ("汕头" in Hunan, under
// Changsha's label, in Guangdong's view at 360×360 in Chinese; "厦门" in
// Jiangxi on an A5 page). Near its marker, on a short leader, a label
// over a neighbour still reads as its marker's, and keeps its place:
// sent out to sea, Zhuhai's had pushed Hainan's name off the map.
func (p *placer) offOthersPlace(j *labelJob, div int, first candidate) candidate {
	for c := range p.away(p.markers[j.hub], j.w, j.h) {
		if p.ground.offOthers(c.box, div) && p.fits(j.hub, c, -1) {
			return c
		}
	}
	return first
}

// repair looks for a place of j blocked by exactly one placed label that
// can move to another free place of its own.
func (p *placer) repair(j *labelJob, byHub []*labelJob) bool {
	for k := range j.cands {
		c := &j.cands[k]
		blocker := -1
		n := 0
		p.grid.each(c.box, func(id int, it *gridItem) bool {
			if intersects(c.box, it.box) && (blocker != id) {
				if it.label && it.owner != j.hub {
					blocker = id
				}
				n++
			}
			return n <= 1
		})
		if n != 1 || blocker < 0 {
			continue
		}
		ow := p.grid.items[blocker].owner
		if ow < 0 || byHub[ow] == nil || byHub[ow].placed == nil {
			continue
		}
		o := byHub[ow]
		if !p.fits(j.hub, *c, blocker) {
			continue
		}
		old := *o.placed
		// try may trim o to its name alone (see labelJob.short) and
		// still fail: its size and places go back with its place.
		was := *o
		p.release(o.hub)
		p.take(j.hub, *c)
		o.placed = nil
		if p.try(o) {
			cp := *c
			j.placed = &cp
			return true
		}
		// No other place: undo.
		p.release(j.hub)
		p.take(o.hub, old)
		*o = was
		o.placed = &old
	}
	return false
}

// placeLabels places the labels of panel's hubs, falling back to
// numbers; it returns how many hubs it numbered (the key lists them), and
// keeps out of fixed boxes and off the land of islands other than the
// hub's own (those of the panel pn, whose fills tell the ground below).
func placeLabels(ctx context.Context, st Style, frame orb.Bound, hubs []HubMark, fixed []orb.Bound, pn *Panel, firstNumber int) (int, error) {
	if len(hubs) == 0 {
		return 0, nil
	}
	p := newPlacer(frame, st, hubs, fixed, pn.Base.islands)
	p.lines = segmentsOf(pn.SeaLine)
	p.ground = newGround(pn)
	p.offNeighbours = pn.Base.offNeighbours
	p.div = make([]int, len(hubs))
	for i, h := range hubs {
		p.div[i] = h.div - 1
	}
	defer p.free()
	var jobs, optional []*labelJob
	var all []labelJob
	if b, ok := labelJobs.Get().(*[]labelJob); ok && cap(*b) >= len(hubs) {
		all = (*b)[:len(hubs)]
	} else {
		all = make([]labelJob, len(hubs))
	}
	defer func() {
		clear(all) // no candidates kept alive
		labelJobs.Put(&all)
	}()
	for i := range hubs {
		h := &hubs[i]
		if len(h.Label.Lines) == 0 {
			continue
		}
		w, ht := labelSize(h.Label)
		j := &all[i]
		*j = labelJob{hub: i, w: w, h: ht, far: true}
		if len(h.Label.Lines) > 1 && h.productsByDefault && !h.Label.Optional {
			// (Optional labels are trimmed by their own rules.)
			sw, sh := labelSize(Label{Lines: h.Label.Lines[:1], Sizes: h.Label.Sizes[:1]})
			j.short = &[2]float64{sw, sh}
		}
		if h.Label.Optional {
			j.far = false
			optional = append(optional, j)
		} else {
			jobs = append(jobs, j)
		}
	}
	failed, err := p.place(ctx, jobs)
	if err != nil {
		return 0, err
	}
	for _, j := range jobs {
		if h := &hubs[j.hub]; j.trimmed {
			h.Label.Lines, h.Label.Sizes = h.Label.Lines[:1], h.Label.Sizes[:1]
		}
	}
	// Fall back, on a map in both languages: the products in English
	// only, before the first of them. The Chinese lines had taken the
	// room of whole labels, and the key's of the products left out.
	failed, err = retryShorter(ctx, p, hubs, failed, func(h *HubMark) bool {
		if h.englishLines < 2 || len(h.Label.Lines) <= h.englishLines {
			return false
		}
		h.Label.Lines, h.Label.Sizes = h.Label.Lines[:h.englishLines], h.Label.Sizes[:h.englishLines]
		return true
	})
	if err != nil {
		return 0, err
	}
	// Fall back, with products asked for: the first of them ("Silk
	// etc."), before the name alone. Suzhou, Hangzhou, Yiwu and Foshan had
	// stood without a word of their products on the map of all China with
	// products asked for, none in the key either.
	failed, err = retryShorter(ctx, p, hubs, failed, func(h *HubMark) bool {
		if h.firstProduct == "" || len(h.Label.Lines) < 2 || len(h.Label.Lines) == 2 && h.Label.Lines[1] == h.firstProduct {
			return false
		}
		h.Label.Lines, h.Label.Sizes = []string{h.Label.Lines[0], h.firstProduct}, []float64{h.Label.Sizes[0], st.Product}
		return true
	})
	if err != nil {
		return 0, err
	}
	// Fall back: the name alone, without products.
	var retry []*labelJob
	for _, j := range failed {
		h := &hubs[j.hub]
		j.short = nil
		if len(h.Label.Lines) > 1 {
			h.Label.Lines, h.Label.Sizes = h.Label.Lines[:1], h.Label.Sizes[:1]
			j.w, j.h = labelSize(h.Label)
			retry = append(retry, j)
		} else {
			retry = append(retry, j)
		}
	}
	failed, err = p.place(ctx, retry)
	if err != nil {
		return 0, err
	}
	// Fall back: a number, in reading order, listed in the key.
	slices.SortFunc(failed, func(a, b *labelJob) int {
		ha, hb := hubs[a.hub].At, hubs[b.hub].At
		if ra, rb := int(ha[1]/(3*st.Label)), int(hb[1]/(3*st.Label)); ra != rb {
			return ra - rb
		}
		return int(ha[0] - hb[0])
	})
	numbered := 0
	for _, j := range failed {
		h := &hubs[j.hub]
		if h.Number == 0 { // numbered already when every hub is
			numbered++
			h.Number = firstNumber + numbered - 1
		}
		h.Label.Lines = []string{strconv.Itoa(h.Number)}
		h.Label.Sizes = []float64{st.Label}
		j.w, j.h = labelSize(h.Label)
		nj := &labelJob{hub: j.hub, w: j.w, h: j.h}
		nj.cands = p.beside(p.markers[j.hub], j.w, j.h, &nj.beside)
		if p.try(nj) {
			j.placed = nj.placed
		} else {
			// On the marker itself: a disc that holds the number.
			j.placed = nil
			h.OnMarker = true
			// The disc grows to hold it, as far as the nearest other
			// marker allows; labels placed from now on keep off it.
			h.numberR, h.numberSize = onMarker(h.Number, h.R, p.roomAround(j.hub), st)
			p.markers[j.hub].r = h.drawnR()
			p.grid.add(gridItem{box: p.markers[j.hub].box(1), owner: j.hub})
		}
	}
	// Optional labels (of proportional symbols, or of every hub where the
	// map names what fits): largest first, where they fit beside their
	// circle, up to the map's share of names; only among the largest
	// twice that many, so that where large circles find no room small
	// ones do not take their place. Those as large as the last of them go
	// on: hubs, each its own marker, had been named only among the first
	// sixteen in the data's order (3 of 26 on the map of all China at
	// 480×360, where the key finds no room off the country).
	slices.SortStableFunc(optional, func(a, b *labelJob) int { return hubs[b.hub].Count - hubs[a.hub].Count })
	most, placed := maxOptionalFor(frame), 0
	// Beside the circle in each wording, longest first; then, for the
	// largest, out on a leader in the shortest (the search for a
	// leader's place costs as much as all the rest).
	tryOptional := func(k int, j *labelJob) bool {
		l := &hubs[j.hub].Label
		for alt := 0; ; alt++ {
			j.cands = p.beside(p.markers[j.hub], j.w, j.h, &j.beside)
			last := alt >= len(l.Shorter)
			j.far = last && k < maxOptionalLeaders
			j.nearOrOwn = hubs[j.hub].nearOrOwn
			if p.try(j) {
				return true
			}
			if last {
				return false
			}
			l.Lines = []string{l.Shorter[alt]}
			j.w, j.h = labelSize(*l)
		}
	}
	stop := len(optional)
	for k, j := range optional {
		if placed >= most || k >= 2*most && hubs[j.hub].Count < hubs[optional[2*most-1].hub].Count {
			stop = k
			break
		}
		if tryOptional(k, j) {
			placed++
		}
	}
	// A circle alone, far from any other, is named beyond the map's
	// share: it crowds nothing, and unnamed it leaves the reader to
	// guess (Kashgar, Lanzhou, Kunming had stood bare on a map in
	// Chinese of 500 suppliers where the east's names took the share,
	// though named on the map in English).
	for k, j := range optional[stop:] {
		if p.roomAround(j.hub) >= aloneRoom(st) {
			tryOptional(stop+k, j)
		}
	}
	for _, j := range append(append(jobs, retry...), optional...) {
		h := &hubs[j.hub]
		if h.OnMarker {
			continue
		}
		if j.placed == nil {
			if h.Label.Optional {
				h.Label.Lines, h.Label.Sizes = nil, nil
			}
			continue
		}
		if j.placed.hasLeader {
			h.Leader = []orb.Point{j.placed.leader[0], j.placed.leader[1]}
		} else {
			h.Leader = nil
		}
		setLabelBox(&h.Label, j.placed.box, h.At)
	}
	return numbered, nil
}

// clearance returns how far box lies from the edge of the nearest marker
// other than hub's, up to the label size (farther counts as that).
func (p *placer) clearance(hub int, box orb.Bound) float64 {
	reach := p.st.Label
	d := reach
	p.mgrid.each(box.Pad(reach), func(_ int, it *gridItem) bool {
		if it.owner != hub && it.owner >= 0 {
			m := p.markers[it.owner]
			d = min(d, max(0, boxDist(box, m.at)-m.r))
		}
		return true
	})
	return d
}

// roomAround returns how far marker i may grow before it reaches
// another marker's edge (less a px).
func (p *placer) roomAround(i int) float64 {
	room := math.Inf(1)
	own := p.markers[i]
	for j, m := range p.markers {
		if j != i {
			room = min(room, math.Hypot(m.at[0]-own.at[0], m.at[1]-own.at[1])-m.r-1)
		}
	}
	return room
}

// aloneRoom is how far a circle's nearest neighbour must be, px, from
// its centre to the neighbour's edge (roomAround), for its name to go
// beyond maxOptionalFor: four lines of labels.
func aloneRoom(st Style) float64 { return 4 * st.Label * lineHeight }

// maxOptionalFor bounds the labels of proportional symbols by the map's
// area: the largest circles are named, about one per 150×150 px of map
// and at most 40, the rest say their count. The largest
// maxOptionalLeaders may go out on a leader when their circle is hemmed
// in by others, as the big ones of a delta are: twelve rather than six
// name three more of the twelve largest on the default supplier map
// (TestLargestSymbolsNamed), for about 15 % more time to draw it
// (BenchmarkRenderChina50k 514-546 -> 595-616 us).
func maxOptionalFor(frame orb.Bound) int {
	area := (frame.Max[0] - frame.Min[0]) * (frame.Max[1] - frame.Min[1])
	return int(math.Max(8, math.Min(40, area/(150*150))))
}

const maxOptionalLeaders = 12

// labelSize returns the width and height of a label's text block.
func labelSize(l Label) (w, h float64) {
	for i, line := range l.Lines {
		lw := textWidth(line, l.Sizes[i])
		if i == 0 {
			lw = boldWidth(line, l.Sizes[i])
		}
		w = math.Max(w, lw)
		h += l.Sizes[i] * lineHeight
	}
	return w + 2*linePad, h + 2*linePad
}

const (
	linePad    = 1.5 // px around a text block
	lineHeight = 1.2 // of the font size
)

// setLabelBox lays the text lines out in box b: left-aligned when the box
// is right of the marker at, right-aligned when left of it, else centred.
// Baselines are computed here (no dy: LibreOffice ignores it).
func setLabelBox(l *Label, b orb.Bound, at orb.Point) {
	l.Box = b
	switch {
	case b.Min[0] >= at[0]:
		l.Anchor, l.X = "start", b.Min[0]+linePad
	case b.Max[0] <= at[0]:
		l.Anchor, l.X = "end", b.Max[0]-linePad
	default:
		l.Anchor, l.X = "middle", (b.Min[0]+b.Max[0])/2
	}
	y := b.Min[1] + linePad
	l.Y = l.Y[:0]
	for _, size := range l.Sizes {
		l.Y = append(l.Y, baseline(y, size))
		y += size * lineHeight
	}
}

// baseline is where a line of text of the given size whose line box
// starts at top sits: the line box is lineHeight × size, and CJK and
// Latin faces put their baseline about 0.88 em below the top of a 1.2 em
// box (centre + 0.35 em).
func baseline(top, size float64) float64 { return top + size*(lineHeight/2+0.35) }

// intersects reports whether two boxes overlap with positive area.
func intersects(a, b orb.Bound) bool {
	return a.Min[0] < b.Max[0] && b.Min[0] < a.Max[0] && a.Min[1] < b.Max[1] && b.Min[1] < a.Max[1]
}

// segmentHitsBox reports whether segment pq passes through the inside of b.
func segmentHitsBox(p, q orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	d := orb.Point{q[0] - p[0], q[1] - p[1]}
	for k := range 2 {
		if math.Abs(d[k]) < 1e-12 {
			if p[k] <= b.Min[k] || p[k] >= b.Max[k] {
				return false
			}
			continue
		}
		a := (b.Min[k] - p[k]) / d[k]
		c := (b.Max[k] - p[k]) / d[k]
		if a > c {
			a, c = c, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, c)
		if t0 >= t1 {
			return false
		}
	}
	return t1-t0 > 1e-9
}

// segmentsCross reports whether segments ab and cd properly intersect.
func segmentsCross(a, b, c, d orb.Point) bool {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
}

// leaderClear is how far, px, a label h px high on a leader keeps from
// every marker but its own: its height, and three gaps at least.
func leaderClear(st Style, h float64) float64 { return math.Max(3*st.Gap, h) }

// besideMargin is how much farther than its own marker every other
// marker's edge lies from a label beside its marker: half a line.
func besideMargin(st Style) float64 { return 0.5 * st.Label * lineHeight }

// offLevelMargin is besideMargin for a label above or below its marker
// (or at a corner): a marker level with its first line reads as its
// marker from farther off than one where its own stands, so it keeps a
// whole line farther than its own. Half a line had let "Shantou" stand
// below its marker with Shenzhen's 9.9 px before it, against 3 px to its
// own (768×1024, mainland edition).
func offLevelMargin(st Style) float64 { return st.Label * lineHeight }

// inReadingPlace reports whether a marker at m stands where a reader
// takes a label's marker to be: before or after the text of its first
// line (first px high), level with it.
func inReadingPlace(b orb.Bound, first float64, m orb.Point) bool {
	return (m[0] < b.Min[0] || m[0] > b.Max[0]) && m[1] >= b.Min[1] && m[1] <= b.Min[1]+first
}

// labelSpace is the least room between two labels side by side: half an
// em of the labels' size, so that they read as two names, not one (a
// word space, 0.3 em, was not enough: "Dongguan 东莞  Xiamen 厦门" at
// 960×720 in both languages; a whole em numbered one more hub of all
// China at 400×400, whose key then grew to two columns over the north).
func labelSpace(st Style) float64 { return 0.5 * st.Label }

// retryShorter places again, in one pass, the failed labels that shorten
// makes shorter (it reports whether it did), and returns those that
// still find no place with the others it left as they were.
func retryShorter(ctx context.Context, p *placer, hubs []HubMark, failed []*labelJob, shorten func(h *HubMark) bool) ([]*labelJob, error) {
	var shorter, rest []*labelJob
	for _, j := range failed {
		h := &hubs[j.hub]
		if !shorten(h) {
			rest = append(rest, j)
			continue
		}
		j.short = nil
		j.w, j.h = labelSize(h.Label)
		shorter = append(shorter, j)
	}
	if len(shorter) == 0 {
		return failed, nil
	}
	still, err := p.place(ctx, shorter)
	if err != nil {
		return nil, err
	}
	return append(rest, still...), nil
}
