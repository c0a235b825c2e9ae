package geo

import (
	"container/heap"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// ArcRef names an arc of a Topology: i >= 0 is arc i as stored, ^i (that is
// -i-1) is arc i reversed, as in TopoJSON.
type ArcRef int

// Index returns the arc index and whether the arc is used reversed.
func (r ArcRef) Index() (i int, reversed bool) {
	if r < 0 {
		return int(^r), true
	}
	return int(r), false
}

// Shape is one multipolygon as arcs: polygons, then rings (exterior first),
// then the arcs that make up each ring in drawing order.
type Shape [][][]ArcRef

// Topology holds polygons as shared arcs: a border between two neighbours is
// stored once and referenced by both, so any simplification of the arc is
// seen identically from both sides. Weights hold, per arc vertex, the
// Visvalingam effective area (in planar units², e.g. m²) below which the
// vertex is dropped; arc endpoints weigh +Inf. A Topology is not modified
// after Build except by Protect; it is safe for concurrent reads.
type Topology struct {
	Arcs    [][]orb.Point
	Weights [][]float64
	Shapes  []Shape
	// Shared tells, per arc, whether two different shapes use it: a border
	// between neighbours rather than a coast or national border.
	Shared []bool
	// Bounds is each arc's bounding box, to skip arcs outside a view.
	Bounds []orb.Bound

	// levels lists, for each arc and each floor of levelFloor, the
	// indices of the vertices whose weight reaches that floor, in order
	// along the arc: Kept filters the list of the highest floor at or
	// below its threshold, which holds a few times what it keeps, in
	// order, with nothing to sort. Built by Index.
	levels     [][][]int32
	levelFloor []float64
}

// levelStep is the ratio of one floor of Topology.levels to the next,
// maxLevels their number. On the embedded provinces each floor keeps
// about 0.6 of the vertices of the one below (41,329 of 78,244 at the
// median, then 24,609, 14,459, … down to the 4,418 ends of arcs on the
// eleventh), so the lists hold 1.6 times the vertices stored and Kept
// touches a few times what it keeps. maxLevels bounds what a file of
// odd weights can make the lists take: 12 int32 a vertex at most, with
// floors spanning 4^11 in weight, 2,048× in scale.
const (
	levelStep = 4
	maxLevels = 12
)

// Index prepares Kept; call it after the last Protect, before sharing t.
func (t *Topology) Index() {
	// The floors run from the median finite weight up by levelStep
	// until one keeps only the ends of the arcs.
	var finite []float64
	for _, ws := range t.Weights {
		for _, w := range ws {
			if w > 0 && !math.IsInf(w, 0) {
				finite = append(finite, w)
			}
		}
	}
	t.levels = make([][][]int32, len(t.Arcs))
	t.levelFloor = nil
	if len(finite) == 0 {
		return
	}
	slices.Sort(finite)
	for f := finite[len(finite)/2]; f <= finite[len(finite)-1] && len(t.levelFloor) < maxLevels; f *= levelStep {
		t.levelFloor = append(t.levelFloor, f)
	}
	for i, ws := range t.Weights {
		lv := make([][]int32, len(t.levelFloor))
		for j, f := range t.levelFloor {
			n := 0
			for _, w := range ws {
				if w >= f {
					n++
				}
			}
			idx := make([]int32, 0, n)
			for k, w := range ws {
				if w >= f {
					idx = append(idx, int32(k))
				}
			}
			lv[j] = idx
		}
		t.levels[i] = lv
	}
}

// Kept appends to dst, in order along the arc, the indices of arc i's
// vertices whose weight is at least minWeight, and returns it. With
// Index done, a threshold at or above the median weight touches only
// the vertices of the floor below it (see levels); a whole-China view
// keeps about a tenth of what is stored. Safe for concurrent use.
func (t *Topology) Kept(i int, minWeight float64, dst []int32) []int32 {
	ws := t.Weights[i]
	// The highest floor at or below minWeight, if any.
	j, _ := slices.BinarySearch(t.levelFloor, minWeight)
	if j < len(t.levelFloor) && t.levelFloor[j] == minWeight {
		j++
	}
	if j == 0 || t.levels == nil {
		for k, w := range ws {
			if w >= minWeight {
				dst = append(dst, int32(k))
			}
		}
		return dst
	}
	for _, k := range t.levels[i][j-1] {
		if ws[k] >= minWeight {
			dst = append(dst, k)
		}
	}
	return dst
}

// BuildTopology joins the rings of shapes into shared arcs and computes the
// simplification weights. Vertices are matched exactly, so neighbours must
// share identical vertices along common borders (the DCW import does that).
// planar maps a vertex to the plane in which weights are measured; nil
// means the coordinates are planar already. The input is not modified;
// consecutive duplicate vertices are dropped.
func BuildTopology(shapes []orb.MultiPolygon, planar func(orb.Point) orb.Point) *Topology {
	rings := make([][]orb.Point, 0, 64)
	for _, mp := range shapes {
		for _, poly := range mp {
			for _, r := range poly {
				rings = append(rings, CleanRing(r))
			}
		}
	}
	junctions := findJunctions(rings)

	t := &Topology{}
	index := map[[2]orb.Point][]int{} // (first, last) -> arcs
	addArc := func(pts []orb.Point) ArcRef {
		for _, i := range index[[2]orb.Point{pts[0], pts[len(pts)-1]}] {
			if slices.Equal(t.Arcs[i], pts) {
				return ArcRef(i)
			}
		}
		for _, i := range index[[2]orb.Point{pts[len(pts)-1], pts[0]}] {
			if equalReversed(t.Arcs[i], pts) {
				return ^ArcRef(i)
			}
		}
		i := len(t.Arcs)
		t.Arcs = append(t.Arcs, pts)
		key := [2]orb.Point{pts[0], pts[len(pts)-1]}
		index[key] = append(index[key], i)
		return ArcRef(i)
	}

	k := 0
	for _, mp := range shapes {
		var s Shape
		for _, poly := range mp {
			var p [][]ArcRef
			for range poly {
				r := rings[k]
				k++
				if len(r) < 4 {
					continue
				}
				p = append(p, cutRing(r, junctions, addArc))
			}
			if len(p) > 0 {
				s = append(s, p)
			}
		}
		t.Shapes = append(t.Shapes, s)
	}

	users := make([]int, len(t.Arcs)) // first shape using each arc, +1
	t.Shared = make([]bool, len(t.Arcs))
	for s, shape := range t.Shapes {
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					i, _ := ref.Index()
					switch users[i] {
					case 0:
						users[i] = s + 1
					case s + 1:
					default:
						t.Shared[i] = true
					}
				}
			}
		}
	}
	if planar == nil {
		planar = func(p orb.Point) orb.Point { return p }
	}
	t.Weights = make([][]float64, len(t.Arcs))
	t.Bounds = make([]orb.Bound, len(t.Arcs))
	for i, a := range t.Arcs {
		t.Weights[i] = visvalingam(a, planar)
		t.Bounds[i] = orb.LineString(a).Bound()
	}
	return t
}

// CleanRing returns a copy of r without consecutive duplicates, closed.
func CleanRing(r orb.Ring) []orb.Point {
	out := make([]orb.Point, 0, len(r)+1)
	for _, p := range r {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

func equalReversed(a, b []orb.Point) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[len(b)-1-i] {
			return false
		}
	}
	return true
}

// findJunctions returns the vertices where rings meet with different
// neighbours: where a shared border begins, ends or forks (TopoJSON's join).
func findJunctions(rings [][]orb.Point) map[orb.Point]bool {
	type seen struct {
		a, b     orb.Point
		junction bool
	}
	all := make(map[orb.Point]*seen, 1<<16)
	for _, r := range rings {
		n := len(r) - 1 // closed: r[n] == r[0]
		for i := 0; i < n; i++ {
			prev, next := r[(i+n-1)%n], r[i+1]
			if less(next, prev) {
				prev, next = next, prev
			}
			s := all[r[i]]
			switch {
			case s == nil:
				all[r[i]] = &seen{a: prev, b: next}
			case s.a != prev || s.b != next:
				s.junction = true
			}
		}
	}
	j := map[orb.Point]bool{}
	for p, s := range all {
		if s.junction {
			j[p] = true
		}
	}
	return j
}

func less(p, q orb.Point) bool {
	return p[0] < q[0] || p[0] == q[0] && p[1] < q[1]
}

// cutRing splits a closed ring at its junctions and registers the pieces.
// A ring without junctions becomes one closed arc starting at its
// lexicographically smallest vertex, so that identical rings (an enclave
// and its hole) match.
func cutRing(r []orb.Point, junctions map[orb.Point]bool, add func([]orb.Point) ArcRef) []ArcRef {
	n := len(r) - 1
	start := -1
	for i := 0; i < n; i++ {
		if junctions[r[i]] {
			start = i
			break
		}
	}
	if start < 0 {
		start = 0
		for i := 1; i < n; i++ {
			if less(r[i], r[start]) {
				start = i
			}
		}
		pts := make([]orb.Point, 0, n+1)
		pts = append(pts, r[start:n]...)
		pts = append(pts, r[:start+1]...)
		return []ArcRef{add(pts)}
	}
	var refs []ArcRef
	arc := []orb.Point{r[start]}
	for k := 1; k <= n; k++ {
		p := r[(start+k)%n]
		arc = append(arc, p)
		if junctions[p] || k == n {
			refs = append(refs, add(arc))
			arc = []orb.Point{p}
		}
	}
	return refs
}

// visvalingam returns the effective area of each vertex of a line: the
// area of the triangle it forms with its neighbours at the moment it would
// be removed, never less than that of a vertex removed before it (so that
// filtering by a threshold removes a prefix of the elimination order).
func visvalingam(line []orb.Point, planar func(orb.Point) orb.Point) []float64 {
	n := len(line)
	w := make([]float64, n)
	w[0], w[n-1] = math.Inf(1), math.Inf(1)
	if n < 3 {
		return w
	}
	pts := make([]orb.Point, n)
	for i, p := range line {
		pts[i] = planar(p)
	}
	prev := make([]int, n)
	next := make([]int, n)
	h := &triHeap{pos: make([]int, n)}
	for i := range n {
		prev[i], next[i] = i-1, i+1
		h.pos[i] = -1
	}
	for i := 1; i < n-1; i++ {
		h.items = append(h.items, tri{i, triArea(pts[i-1], pts[i], pts[i+1])})
		h.pos[i] = len(h.items) - 1
	}
	heap.Init(h)
	maxArea := 0.0
	for h.Len() > 0 {
		t := heap.Pop(h).(tri)
		if t.area < maxArea {
			t.area = maxArea
		} else {
			maxArea = t.area
		}
		w[t.i] = t.area
		p, q := prev[t.i], next[t.i]
		next[p], prev[q] = q, p
		if p > 0 {
			h.update(p, triArea(pts[prev[p]], pts[p], pts[q]))
		}
		if q < n-1 {
			h.update(q, triArea(pts[p], pts[q], pts[next[q]]))
		}
	}
	return w
}

func triArea(a, b, c orb.Point) float64 {
	return math.Abs((b[0]-a[0])*(c[1]-a[1])-(c[0]-a[0])*(b[1]-a[1])) / 2
}

type tri struct {
	i    int
	area float64
}

// triHeap is a min-heap of triangles by area, ties broken by vertex index
// so that weights do not depend on heap internals.
type triHeap struct {
	items []tri
	pos   []int // vertex -> heap position, -1 when not in the heap
}

func (h *triHeap) Len() int { return len(h.items) }
func (h *triHeap) Less(a, b int) bool {
	x, y := h.items[a], h.items[b]
	return x.area < y.area || x.area == y.area && x.i < y.i
}
func (h *triHeap) Swap(a, b int) {
	h.items[a], h.items[b] = h.items[b], h.items[a]
	h.pos[h.items[a].i], h.pos[h.items[b].i] = a, b
}
func (h *triHeap) Push(x any) {
	t := x.(tri)
	h.pos[t.i] = len(h.items)
	h.items = append(h.items, t)
}
func (h *triHeap) Pop() any {
	t := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	h.pos[t.i] = -1
	return t
}
func (h *triHeap) update(i int, area float64) {
	if k := h.pos[i]; k >= 0 {
		h.items[k].area = area
		heap.Fix(h, k)
	}
}

// Filter returns the arcs keeping only vertices whose weight is at least
// minWeight (planar units², e.g. m²). Both users of a shared arc see the
// same result. The returned slices are new; t is not modified.
func (t *Topology) Filter(minWeight float64) [][]orb.Point {
	out := make([][]orb.Point, len(t.Arcs))
	for i, a := range t.Arcs {
		w := t.Weights[i]
		f := make([]orb.Point, 0, 8)
		for j, p := range a {
			if w[j] >= minWeight {
				f = append(f, p)
			}
		}
		out[i] = f
	}
	return out
}

// Ring assembles one ring from (filtered) arcs into out, which it returns
// extended; the ring is closed and has no consecutive duplicates.
func Ring(arcs [][]orb.Point, refs []ArcRef, out []orb.Point) []orb.Point {
	start := len(out)
	for _, ref := range refs {
		i, rev := ref.Index()
		a := arcs[i]
		for k := range a {
			p := a[k]
			if rev {
				p = a[len(a)-1-k]
			}
			if len(out) > start && out[len(out)-1] == p {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

// Protect makes sure that the given ring keeps at least three distinct
// vertices at any simplification, by raising the weights of its
// most important vertices to +Inf. It mutates t.Weights; call it before
// sharing t. Neighbours on shared arcs see the same vertices kept.
func (t *Topology) Protect(refs []ArcRef) {
	type vtx struct {
		arc, k int
		w      float64
	}
	var vs []vtx
	kept := map[orb.Point]bool{}
	for _, ref := range refs {
		i, _ := ref.Index()
		for k, w := range t.Weights[i] {
			if math.IsInf(w, 1) {
				kept[t.Arcs[i][k]] = true
			} else {
				vs = append(vs, vtx{i, k, w})
			}
		}
	}
	slices.SortStableFunc(vs, func(a, b vtx) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return 0
	})
	for _, v := range vs {
		if len(kept) >= 3 {
			return
		}
		p := t.Arcs[v.arc][v.k]
		if !kept[p] {
			kept[p] = true
			t.Weights[v.arc][v.k] = math.Inf(1)
		}
	}
}

// SignedArea is the shoelace area of a ring (closed or not) in its own
// units²: positive when counter-clockwise (x right, y up). The fan from
// the first vertex keeps precision far from the origin.
func SignedArea(r []orb.Point) float64 {
	if len(r) < 3 {
		return 0
	}
	a := 0.0
	o := r[0]
	for i := 1; i+1 < len(r); i++ {
		a += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return a / 2
}
