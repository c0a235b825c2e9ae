package dcw

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Coverage is what Measure finds where shapes meet.
type Coverage struct {
	Overlaps []Overlap // pairs of shapes covering the same ground, by shape indices
	Gaps     []Gap     // bounded regions no shape covers, largest first
	Area     float64   // of the union of all shapes
}

// Overlap is ground covered by both shapes A < B: Area in planar units²
// (m² in projected metres) and a point At inside the largest piece.
type Overlap struct {
	A, B int
	Area float64
	At   orb.Point
}

// Gap is a region covered by no shape but enclosed by them (a hole of their
// union): Area in planar units², a point At inside it and the shapes whose
// edges bound it, sorted. A gap bounded by one shape is that shape's own
// lake or enclosed water; a gap between neighbours has two or more.
type Gap struct {
	Area   float64
	At     orb.Point
	Shapes []int
}

// TotalOverlap is the sum of c.Overlaps' areas.
func (c Coverage) TotalOverlap() float64 {
	s := 0.0
	for _, o := range c.Overlaps {
		s += o.Area
	}
	return s
}

// Measure computes, exactly up to floating point, which ground the shapes
// (planar multipolygons, e.g. in projected metres) cover twice and which
// enclosed ground none covers. A point is inside a shape when the winding
// number of the shape's rings around it is not zero, so ring orientation
// must follow RFC 7946 (exteriors counter-clockwise, holes clockwise).
// Rings may cross anywhere.
//
// It sweeps vertical slabs between consecutive vertex x coordinates, split
// further where two edges cross, so that inside a slab the edges are
// ordered from bottom to top and the ground between two consecutive edges
// is a trapezoid covered by a fixed set of shapes. Uncovered trapezoids are
// joined across slab boundaries; those never joined to the unbounded outside
// are gaps. The input is not modified.
func Measure(shapes []orb.MultiPolygon) Coverage {
	m := &measure{w: make([]int, len(shapes)), pairs: map[[2]int]*piece{}}
	var xs []float64
	for s, mp := range shapes {
		for _, poly := range mp {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					p, q := r[i], r[i+1]
					xs = append(xs, p[0])
					switch {
					case p[0] < q[0]:
						m.edges = append(m.edges, edge{p, q, 1, s})
					case p[0] > q[0]:
						m.edges = append(m.edges, edge{q, p, -1, s})
					case p[1] != q[1]:
						m.verticals = append(m.verticals, vertical{p[0], math.Min(p[1], q[1]), math.Max(p[1], q[1])})
					}
				}
			}
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	slices.SortFunc(m.edges, func(a, b edge) int { return cmp.Compare(a.p[0], b.p[0]) })
	slices.SortFunc(m.verticals, func(a, b vertical) int { return cmp.Compare(a.x, b.x) })
	m.comp = []piece{{}} // component 0 is the outside
	m.parent = []int{0}

	var active []edge
	next, nextV := 0, 0
	for k := 0; k+1 < len(xs); k++ {
		xa, xb := xs[k], xs[k+1]
		active = slices.DeleteFunc(active, func(e edge) bool { return e.q[0] <= xa })
		for ; next < len(m.edges) && m.edges[next].p[0] <= xa; next++ {
			active = append(active, m.edges[next])
		}
		m.blocks = m.blocks[:0]
		for ; nextV < len(m.verticals) && m.verticals[nextV].x <= xa; nextV++ {
			if m.verticals[nextV].x == xa {
				m.blocks = append(m.blocks, m.verticals[nextV])
			}
		}
		m.slab(xa, xb, active, 0)
	}

	var c Coverage
	for key, p := range m.pairs {
		c.Overlaps = append(c.Overlaps, Overlap{key[0], key[1], p.area, p.at})
	}
	slices.SortFunc(c.Overlaps, func(a, b Overlap) int {
		return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
	outside := m.find(0)
	for i := range m.comp {
		if m.find(i) == i && i != outside && m.comp[i].area > 0 {
			slices.Sort(m.comp[i].shapes)
			c.Gaps = append(c.Gaps, Gap{m.comp[i].area, m.comp[i].at, m.comp[i].shapes})
		}
	}
	slices.SortFunc(c.Gaps, func(a, b Gap) int { return cmp.Compare(b.Area, a.Area) })
	c.Area = m.covered
	return c
}

type edge struct {
	p, q  orb.Point // p[0] < q[0]
	dir   int       // +1 when the ring runs from p to q
	shape int
}

type vertical struct{ x, y0, y1 float64 }

// piece is ground found so far: its area, the centre of its largest
// trapezoid and, for uncovered ground, the shapes bounding it.
type piece struct {
	area, best float64
	at         orb.Point
	shapes     []int
}

func (p *piece) bound(shape int) {
	if !slices.Contains(p.shapes, shape) {
		p.shapes = append(p.shapes, shape)
	}
}

func (p *piece) add(area float64, at orb.Point) {
	p.area += area
	if area > p.best {
		p.best, p.at = area, at
	}
}

// interval is an uncovered stretch of a slab's left or right side, owned
// by component id.
type interval struct {
	lo, hi float64
	id     int
}

type measure struct {
	edges     []edge
	verticals []vertical
	blocks    []vertical // vertical edges at the current slab's left side
	w         []int      // winding number per shape
	pairs     map[[2]int]*piece
	covered   float64
	comp      []piece    // uncovered ground, joined through parent
	parent    []int      // union-find over comp
	right     []interval // uncovered stretches of the previous slab's right side
}

func (m *measure) find(i int) int {
	for m.parent[i] != i {
		m.parent[i] = m.parent[m.parent[i]]
		i = m.parent[i]
	}
	return i
}

func (m *measure) union(a, b int) int {
	a, b = m.find(a), m.find(b)
	if a == b {
		return a
	}
	if b == 0 || a != 0 && m.comp[b].area > m.comp[a].area {
		a, b = b, a // keep the outside, else the larger, as the root
	}
	m.parent[b] = a
	if a != 0 {
		for _, s := range m.comp[b].shapes {
			m.comp[a].bound(s)
		}
	}
	m.comp[b].shapes = nil
	m.comp[a].area += m.comp[b].area
	if m.comp[b].best > m.comp[a].best {
		m.comp[a].best, m.comp[a].at = m.comp[b].best, m.comp[b].at
	}
	return a
}

type cut struct {
	e          *edge
	ya, ym, yb float64
}

func at(e *edge, x float64) float64 {
	if x == e.p[0] {
		return e.p[1]
	}
	if x == e.q[0] {
		return e.q[1]
	}
	return e.p[1] + (e.q[1]-e.p[1])*(x-e.p[0])/(e.q[0]-e.p[0])
}

// crossEps is how far, in planar units, two edges must be out of order at
// a slab side to count as crossing inside the slab.
const crossEps = 1e-6

// slab accounts for the ground between xa and xb crossed by es, splitting
// it where two edges cross.
func (m *measure) slab(xa, xb float64, es []edge, depth int) {
	xm := (xa + xb) / 2
	cs := make([]cut, len(es))
	for i := range es {
		e := &es[i]
		cs[i] = cut{e, at(e, xa), at(e, xm), at(e, xb)}
	}
	slices.SortFunc(cs, func(a, b cut) int { return cmp.Or(cmp.Compare(a.ym, b.ym), cmp.Compare(a.ya, b.ya)) })
	if depth < 64 {
		for i := 0; i+1 < len(cs); i++ {
			a, b := cs[i], cs[i+1]
			if a.ya <= b.ya+crossEps && a.yb <= b.yb+crossEps {
				continue
			}
			// Lines a and b cross where their difference changes sign.
			da, db := a.ya-b.ya, a.yb-b.yb
			xc := xa + (xb-xa)*da/(da-db)
			if xc > xa && xc < xb && da != db {
				m.slab(xa, xc, es, depth+1)
				m.slab(xc, xb, es, depth+1)
				return
			}
		}
	}

	w := xb - xa
	var left, right []interval
	var on []int // shapes whose winding is not zero
	free := func(lo, hi cut, bottom, top bool) {
		ya0, ya1, yb0, yb1 := math.Inf(-1), math.Inf(1), math.Inf(-1), math.Inf(1)
		if !bottom {
			ya0, yb0 = lo.ya, lo.yb
		}
		if !top {
			ya1, yb1 = hi.ya, hi.yb
		}
		id := 0
		if !bottom && !top {
			area := ((ya1 - ya0) + (yb1 - yb0)) / 2 * w
			id = len(m.comp)
			m.comp = append(m.comp, piece{})
			m.parent = append(m.parent, id)
			m.comp[id].add(area, orb.Point{xm, (lo.ym + hi.ym) / 2})
			m.comp[id].bound(lo.e.shape)
			m.comp[id].bound(hi.e.shape)
		}
		left = append(left, interval{ya0, ya1, id})
		right = append(right, interval{yb0, yb1, id})
	}
	if len(cs) == 0 {
		free(cut{}, cut{}, true, true)
	} else {
		free(cut{}, cs[0], true, false)
	}
	clear(m.w)
	for i := range cs {
		s := cs[i].e.shape
		was := m.w[s] != 0
		m.w[s] += cs[i].e.dir
		switch now := m.w[s] != 0; {
		case now && !was:
			on = append(on, s)
		case was && !now:
			on = slices.DeleteFunc(on, func(t int) bool { return t == s })
		}
		if i+1 == len(cs) {
			free(cs[i], cut{}, false, true)
			break
		}
		lo, hi := cs[i], cs[i+1]
		switch len(on) {
		case 0:
			free(lo, hi, false, false)
		case 1:
			m.covered += ((hi.ya - lo.ya) + (hi.yb - lo.yb)) / 2 * w
		default:
			area := ((hi.ya - lo.ya) + (hi.yb - lo.yb)) / 2 * w
			m.covered += area
			if area <= 0 {
				continue
			}
			for a := range on {
				for b := a + 1; b < len(on); b++ {
					key := [2]int{min(on[a], on[b]), max(on[a], on[b])}
					p := m.pairs[key]
					if p == nil {
						p = &piece{}
						m.pairs[key] = p
					}
					p.add(area, orb.Point{xm, (lo.ym + hi.ym) / 2})
				}
			}
		}
	}
	m.join(left)
	m.blocks = m.blocks[:0] // they stand at xa only, not at a crossing
	m.right = right
}

// join unites each uncovered stretch of the current slab's left side with
// the stretches of the previous slab's right side that it meets along a
// positive length not blocked by a vertical edge.
func (m *measure) join(left []interval) {
	j := 0
	for _, l := range left {
		for j < len(m.right) && m.right[j].hi <= l.lo {
			j++
		}
		for k := j; k < len(m.right) && m.right[k].lo < l.hi; k++ {
			r := m.right[k]
			lo, hi := math.Max(l.lo, r.lo), math.Min(l.hi, r.hi)
			if hi > lo && !m.blocked(lo, hi) {
				m.union(l.id, r.id)
			}
		}
	}
}

// blocked reports whether vertical edges at the slab side cover all of
// (lo, hi).
func (m *measure) blocked(lo, hi float64) bool {
	if len(m.blocks) == 0 {
		return false
	}
	var bs []vertical
	for _, v := range m.blocks {
		if v.y1 > lo && v.y0 < hi {
			bs = append(bs, v)
		}
	}
	slices.SortFunc(bs, func(a, b vertical) int { return cmp.Compare(a.y0, b.y0) })
	y := lo
	for _, v := range bs {
		if v.y0 > y {
			return false
		}
		y = math.Max(y, v.y1)
	}
	return y >= hi
}
