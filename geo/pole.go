package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// PoleOf returns the pole of inaccessibility of a polygon (exterior first,
// then holes) in its own plane: the interior point farthest from every
// edge, and that distance. It is where a name fits best — a centroid may
// lie outside a bent shape (Gansu) or at its thinnest. The search is
// mapbox's polylabel: square cells in a priority queue by the best
// distance they could hold, split until none can beat the best found by
// more than precision (same units as the points).
func PoleOf(p orb.Polygon, precision float64) (orb.Point, float64) {
	return PoleWithin(p, precision, 0)
}

// PoleWithin is PoleOf that also stops once no cell can beat the best
// found by more than share of its distance: a point whose circle is
// within share of the widest, for callers that need no finer.
func PoleWithin(p orb.Polygon, precision, share float64) (orb.Point, float64) {
	var s PoleSearch
	return s.Within(p, precision, share)
}

// PoleSearch is the work space of PoleWithin, for a caller that searches
// often: its arrays (the edge index, the queue of cells) are kept from
// one search to the next, so that a search allocates nothing once they
// are large enough. The zero value is ready; not safe for concurrent use.
type PoleSearch struct {
	e    edgeIndex
	q    cellQueue
	next []int32
}

// Within is PoleWithin, in s's arrays.
func (s *PoleSearch) Within(p orb.Polygon, precision, share float64) (orb.Point, float64) {
	if len(p) == 0 || len(p[0]) < 4 {
		return orb.Point{}, 0
	}
	b := p[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	size := math.Min(w, h)
	if size == 0 {
		return b.Min, 0
	}
	precision = math.Max(precision, size/1e4)
	e := &s.e
	e.reset(p, b, &s.next)
	// The polygon is not held beyond the search.
	defer func() { e.p = nil }()
	q := &s.q
	*q = (*q)[:0]
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			q.push(e.cell(orb.Point{x + size/2, y + size/2}, size/2))
		}
	}
	best := e.cell(b.Center(), 0)
	if c := centroidCell(p, e); c.d > best.d {
		best = c
	}
	for len(*q) > 0 {
		c := q.pop()
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= max(precision, share*best.d) {
			continue
		}
		h := c.h / 2
		// A child's centre is h√2 from its parent's, so no farther from
		// the boundary than the parent's distance plus that.
		near := math.Abs(c.d) + h*math.Sqrt2
		for _, d := range [4][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
			q.push(e.cellNear(orb.Point{c.at[0] + d[0]*h, c.at[1] + d[1]*h}, h, near))
		}
	}
	return best.at, math.Max(best.d, 0)
}

// cell is a square of half-size h centred at at; d is the signed distance
// from its centre to the polygon (negative outside), max the most any
// point of the cell could have.
type cell struct {
	at     orb.Point
	h      float64
	d, max float64
}

func (e *edgeIndex) cell(at orb.Point, h float64) cell {
	return e.cellNear(at, h, math.Inf(1))
}

// cellNear is cell for a centre known to lie within near of the boundary.
func (e *edgeIndex) cellNear(at orb.Point, h, near float64) cell {
	d := e.signedDistance(at, near)
	return cell{at, h, d, d + h*math.Sqrt2}
}

// edgeIndex holds a polygon's edges in runs of edgeRun, each with its
// bounding box, so that signedDistance can pass over a run whose box
// lies far from the point or beside its latitude: the same distance and
// side, with a fraction of the work.
type edgeIndex struct {
	p    orb.Polygon
	runs []edgeRun
	// bands holds, for each horizontal band of the polygon's box (from
	// bandMin, bandH high), the edges whose latitude range meets it: the
	// only ones a ray from a point in the band can cross, so that the
	// side is found without passing over the rest.
	bandMin, bandH float64
	bands          bandList[[2]orb.Point]
	// slack is added to the bound below which a run is measured, so
	// that rounding can never make a run passed over hold the nearest
	// edge: far beyond any rounding error at the polygon's scale.
	slack float64
}

// edgeRunLen edges make a run.
const edgeRunLen = 16

type edgeRun struct {
	ring, from, to int // edges from..to-1 of ring, edge i joining point i-1 (or the last) to i
	box            orb.Bound
}

// reset indexes p, whose exterior's box is b, in e's arrays; next is
// scratch space for the bands.
func (e *edgeIndex) reset(p orb.Polygon, b orb.Bound, next *[]int32) {
	e.p, e.runs = p, e.runs[:0]
	ext := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	e.slack = 1e-6 * ext * ext
	for ri, r := range p {
		for from := 0; from < len(r); from += edgeRunLen {
			to := min(from+edgeRunLen, len(r))
			j := from - 1
			if j < 0 {
				j = len(r) - 1
			}
			box := orb.Bound{Min: r[j], Max: r[j]}
			for i := from; i < to; i++ {
				box = box.Extend(r[i])
			}
			e.runs = append(e.runs, edgeRun{ri, from, to, box})
		}
	}
	e.buildBands(next)
}

// signedDistance is the distance from pt to the polygon's nearest edge,
// negative when pt lies outside (even-odd over all rings, from the
// bands). Every edge whose run could hold the nearest one is measured: a
// run is passed over only when the squared distance to its box exceeds
// the best found so far plus the slack (no edge in it can be nearer, and
// the minimum does not depend on the order edges are taken in). near,
// when finite, is a distance the nearest edge is known to lie within:
// runs farther are passed over from the start instead of only once a
// nearer edge has been measured. The answer is the same, found sooner.
func (e *edgeIndex) signedDistance(pt orb.Point, near float64) float64 {
	// The run whose box is nearest first: its edges give a bound close
	// to the answer, so that most others are passed over.
	first, firstD := -1, math.Inf(1)
	for k := range e.runs {
		if d := boxDistance2(e.runs[k].box, pt); d < firstD {
			first, firstD = k, d
		}
	}
	best := math.Inf(1)
	if first >= 0 {
		best = e.runDistance2(first, pt, best)
	}
	bound := min(best, near*near)
	for k := range e.runs {
		if k == first || boxDistance2(e.runs[k].box, pt) > bound+e.slack {
			continue
		}
		best = e.runDistance2(k, pt, best)
		bound = min(bound, best)
	}
	d := math.Sqrt(best)
	if !e.inside(pt) {
		return -d
	}
	return d
}

// runDistance2 returns the least of best and the squared distances from
// pt to run k's edges.
func (e *edgeIndex) runDistance2(k int, pt orb.Point, best float64) float64 {
	run := e.runs[k]
	r := e.p[run.ring]
	for i := run.from; i < run.to; i++ {
		j := i - 1
		if j < 0 {
			j = len(r) - 1
		}
		best = min(best, SegmentDistance2(pt, r[i], r[j]))
	}
	return best
}

func boxDistance2(b orb.Bound, pt orb.Point) float64 {
	dx := max(b.Min[0]-pt[0], 0, pt[0]-b.Max[0])
	dy := max(b.Min[1]-pt[1], 0, pt[1]-b.Max[1])
	return dx*dx + dy*dy
}

// inside tells whether pt is inside the polygon, even-odd: whether a ray
// from pt towards +x crosses its edges an odd number of times.
func (e *edgeIndex) inside(pt orb.Point) bool {
	k := e.band(pt[1])
	if k < 0 {
		return false
	}
	in := false
	for _, ac := range e.bands.band(k) {
		a, c := ac[0], ac[1]
		if (a[1] > pt[1]) != (c[1] > pt[1]) && pt[0] < (c[0]-a[0])*(pt[1]-a[1])/(c[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// band returns the band of latitude y, -1 below the polygon's box.
// An edge crossed by the ray from a point at y spans y (its lower end at
// or below, its upper end above), so it is listed in y's band.
func (e *edgeIndex) band(y float64) int {
	if !(y >= e.bandMin) {
		return -1
	}
	k := int((y - e.bandMin) / e.bandH)
	return min(k, e.bands.bands()-1)
}

// buildBands lists the polygon's edges by band.
func (e *edgeIndex) buildBands(next *[]int32) {
	n := 0
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, r := range e.p {
		n += len(r)
		for _, pt := range r {
			// orb.Bound's Extend, without its calls.
			b.Min[0], b.Max[0] = math.Min(b.Min[0], pt[0]), math.Max(b.Max[0], pt[0])
			b.Min[1], b.Max[1] = math.Min(b.Min[1], pt[1]), math.Max(b.Max[1], pt[1])
		}
	}
	// About one band per 8 edges, at most 1,024 (bandCount: fewer for
	// tall edges).
	height := b.Max[1] - b.Min[1]
	tall := 0.0 // the edges' heights, in polygon heights
	e.eachEdge(func(a, c orb.Point) { tall += math.Abs(a[1]-c[1]) / height })
	nb := bandCount(min(1024, n/8), float64(n), tall)
	e.bandMin = b.Min[1]
	e.bandH = (b.Max[1] - b.Min[1]) / float64(nb)
	if !(e.bandH > 0) {
		e.bandH, nb = 1, 1
	}
	// Indices of the bands an edge spans, clamped: the last band holds
	// the box's top edge too.
	e.bands.fill(nb, next, func(add func(lo, hi int, ac [2]orb.Point)) {
		e.eachEdge(func(a, c orb.Point) {
			lo := int((min(a[1], c[1]) - e.bandMin) / e.bandH)
			hi := int((max(a[1], c[1]) - e.bandMin) / e.bandH)
			add(max(0, min(lo, nb-1)), max(0, min(hi, nb-1)), [2]orb.Point{a, c})
		})
	})
}

// eachEdge calls f with every edge of the polygon that is not
// horizontal (no ray crosses those), a point and the one before it.
func (e *edgeIndex) eachEdge(f func(a, c orb.Point)) {
	for _, r := range e.p {
		for i := range r {
			j := i - 1
			if j < 0 {
				j = len(r) - 1
			}
			if r[i][1] != r[j][1] {
				f(r[i], r[j])
			}
		}
	}
}

func centroidCell(p orb.Polygon, e *edgeIndex) cell {
	r := p[0]
	var cx, cy, a float64
	for i := 0; i+1 < len(r); i++ {
		f := r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
		cx += (r[i][0] + r[i+1][0]) * f
		cy += (r[i][1] + r[i+1][1]) * f
		a += f * 3
	}
	if a == 0 {
		return e.cell(r[0], 0)
	}
	return e.cell(orb.Point{cx / a, cy / a}, 0)
}

// SegmentDistance2 is the squared distance from p to segment ab.
func SegmentDistance2(p, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((p[0]-x)*dx + (p[1]-y)*dy) / (dx*dx + dy*dy)
		switch {
		case t > 1:
			x, y = b[0], b[1]
		case t > 0:
			x, y = x+dx*t, y+dy*t
		}
	}
	dx, dy = p[0]-x, p[1]-y
	return dx*dx + dy*dy
}

// cellQueue is a max-heap of cells by max: container/heap's algorithm,
// step for step (the same cells come out in the same order), on cells
// rather than boxed values.
type cellQueue []cell

func (q cellQueue) less(i, j int) bool { return q[i].max > q[j].max }

func (q *cellQueue) push(c cell) {
	*q = append(*q, c)
	q.up(len(*q) - 1)
}

func (q *cellQueue) pop() cell {
	h := *q
	n := len(h) - 1
	h[0], h[n] = h[n], h[0]
	h.down(0, n)
	c := h[n]
	*q = h[:n]
	return c
}

func (q cellQueue) up(j int) {
	for {
		i := (j - 1) / 2 // parent
		if i == j || !q.less(j, i) {
			break
		}
		q[i], q[j] = q[j], q[i]
		j = i
	}
}

func (q cellQueue) down(i0, n int) {
	i := i0
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 { // j1 < 0 after int overflow
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && q.less(j2, j1) {
			j = j2 // = 2*i + 2  // right child
		}
		if !q.less(j, i) {
			break
		}
		q[i], q[j] = q[j], q[i]
		i = j
	}
}
