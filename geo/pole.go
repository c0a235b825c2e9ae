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
	e := newEdgeIndex(p, b)
	q := &cellQueue{}
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
		if c.max-best.d <= precision {
			continue
		}
		h := c.h / 2
		for _, d := range [4][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
			q.push(e.cell(orb.Point{c.at[0] + d[0]*h, c.at[1] + d[1]*h}, h))
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
	d := e.signedDistance(at)
	return cell{at, h, d, d + h*math.Sqrt2}
}

// edgeIndex holds a polygon's edges in runs of edgeRun, each with its
// bounding box, so that signedDistance can pass over a run whose box
// lies far from the point or beside its latitude: the same distance and
// side, with a fraction of the work.
type edgeIndex struct {
	p    orb.Polygon
	runs []edgeRun
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

func newEdgeIndex(p orb.Polygon, b orb.Bound) *edgeIndex {
	e := &edgeIndex{p: p}
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
	return e
}

// signedDistance is the distance from pt to the polygon's nearest edge,
// negative when pt lies outside (even-odd over all rings). Every edge
// whose run could hold the nearest one, or cross the ray, is measured: a
// run is passed over for the distance only when the squared distance to
// its box exceeds twice the best found so far plus the slack (and the
// minimum does not depend on the order edges are taken in), and for the
// side only when the point's latitude lies outside its box (no edge of
// it can cross the ray).
func (e *edgeIndex) signedDistance(pt orb.Point) float64 {
	inside := false
	best := math.Inf(1)
	for _, run := range e.runs {
		b := run.box
		dx := max(b.Min[0]-pt[0], 0, pt[0]-b.Max[0])
		dy := max(b.Min[1]-pt[1], 0, pt[1]-b.Max[1])
		far := dx*dx+dy*dy > 2*best+e.slack
		beside := pt[1] < b.Min[1] || pt[1] >= b.Max[1]
		if far && beside {
			continue
		}
		r := e.p[run.ring]
		for i := run.from; i < run.to; i++ {
			j := i - 1
			if j < 0 {
				j = len(r) - 1
			}
			a, c := r[i], r[j]
			if (a[1] > pt[1]) != (c[1] > pt[1]) && pt[0] < (c[0]-a[0])*(pt[1]-a[1])/(c[1]-a[1])+a[0] {
				inside = !inside
			}
			if !far {
				best = min(best, segmentDistance2(pt, a, c))
			}
		}
	}
	d := math.Sqrt(best)
	if !inside {
		return -d
	}
	return d
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

func segmentDistance2(p, a, b orb.Point) float64 {
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
