package dcw

import (
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// snapBorders makes neighbours share their common borders exactly. DCW
// stores each division on its own grid, so a border exists twice, a few
// metres apart, crossing itself (see shared/DATA.md). Divisions are
// processed in order; each vertex of a later division that lies within tol
// metres of an earlier division's ring starts or continues a run, and every
// run of two or more vertices is replaced by the earlier ring's own line
// between the run's projections, which are inserted into that ring as
// vertices. Afterwards both sides list identical vertices along the border.
// rings are in projected metres, closed; they are rewritten in place.
func snapBorders(divs [][][]orb.Point, tol float64, st *Stats) {
	var settled []*snapRing
	for d := range divs {
		b := ringsBound(divs[d]).Pad(tol)
		var near []*snapRing
		for _, s := range settled {
			if s.bound.Intersects(b) {
				near = append(near, s)
			}
		}
		idx := newSegIndex(near, bridgeMetres)
		var mine []*snapRing
		for ri, r := range divs[d] {
			m := make([]match, len(r)-1)
			for i := range m {
				m[i] = idx.nearest(r[i], tol, nil)
			}
			bridge(r, m, idx)
			mine = append(mine, &snapRing{div: d, pts: r, matches: m, ri: ri})
		}
		// Insert every run end into the earlier rings first, then copy paths.
		ins := map[*snapRing][]match{}
		for _, sr := range mine {
			sr.runs = findRuns(sr.matches)
			for _, run := range sr.runs {
				ins[run.ring] = append(ins[run.ring], sr.matches[run.from], sr.matches[run.to])
			}
		}
		remap := map[*snapRing]func(match) int{}
		for s, ms := range ins {
			remap[s] = s.insert(ms)
		}
		for _, sr := range mine {
			divs[d][sr.ri] = sr.rewrite(remap, st)
			sr.pts = divs[d][sr.ri]
			sr.bound = orb.Ring(sr.pts).Bound()
			sr.matches, sr.runs = nil, nil
			settled = append(settled, sr)
		}
	}
	// Propagate the insertions made into settled rings after their
	// division was processed.
	for _, s := range settled {
		divs[s.div][s.ri] = s.pts
	}
}

type snapRing struct {
	div, ri int
	pts     []orb.Point // closed
	bound   orb.Bound
	matches []match
	runs    []run
}

// match is where a vertex lies on an earlier ring: segment seg, fraction t.
type match struct {
	ring *snapRing
	seg  int
	t    float64
	at   orb.Point
}

type run struct {
	ring     *snapRing
	from, to int // vertex indices in the ring being snapped (to may wrap)
}

// Where two runs along the same neighbour are separated by a stretch that
// connects the same two points as the neighbour's own line, with a similar
// length and never far from it, the stretch is the same border drawn less
// consistently (Hong Kong's and Guangdong's copies differ by up to a
// kilometre): the runs are joined. Run ends are then extended while the
// next vertex stays within extendMetres of the neighbour.
const (
	bridgeMetres    = 2000
	bridgeMaxLength = 15000
	extendMetres    = 450
)

// bridge joins and extends the runs of m (the matches of closed ring r).
func bridge(r []orb.Point, m []match, idx *segIndex) {
	n := len(m)
	runs := findRuns(m)
	for k, a := range runs {
		if len(runs) < 2 {
			break
		}
		b := runs[(k+1)%len(runs)]
		if a.ring != b.ring {
			continue
		}
		length := 0.0
		var stretch []match
		ok := true
		for i := a.to; ok; i = (i + 1) % n {
			j := (i + 1) % n
			length += math.Hypot(r[j][0]-r[i][0], r[j][1]-r[i][1])
			if j == b.from {
				break
			}
			mt := idx.nearest(r[j], bridgeMetres, a.ring)
			ok = mt.ring != nil && length <= bridgeMaxLength
			stretch = append(stretch, mt)
		}
		if !ok || !bothSides(r, a.to, stretch) || !similarPath(a.ring.pts, m[a.to], m[b.from], length) {
			continue
		}
		for s, i := 0, (a.to+1)%n; s < len(stretch); s, i = s+1, (i+1)%n {
			m[i] = stretch[s]
		}
	}
	for _, a := range findRuns(m) {
		if a.from == (a.to+1)%n {
			continue // the whole ring
		}
		for i := (a.to + 1) % n; m[i].ring == nil; i = (i + 1) % n {
			if m[i] = idx.nearest(r[i], extendMetres, a.ring); m[i].ring == nil {
				break
			}
		}
		for i := (a.from + n - 1) % n; m[i].ring == nil; i = (i + n - 1) % n {
			if m[i] = idx.nearest(r[i], extendMetres, a.ring); m[i].ring == nil {
				break
			}
		}
	}
}

// bothSides reports whether the stretch of r after index from crosses the
// earlier ring's line: two copies of one border weave across each other,
// while a coast facing a neighbour across a channel stays on one side.
func bothSides(r []orb.Point, from int, stretch []match) bool {
	n := len(r) - 1
	left, right := false, false
	for k, mt := range stretch {
		v := r[(from+1+k)%n]
		a, b := mt.ring.pts[mt.seg], mt.ring.pts[mt.seg+1]
		cross := (b[0]-a[0])*(v[1]-a[1]) - (b[1]-a[1])*(v[0]-a[0])
		if d := math.Hypot(v[0]-mt.at[0], v[1]-mt.at[1]); d < 1 {
			continue
		}
		left, right = left || cross > 0, right || cross < 0
	}
	return left && right
}

// similarPath reports whether the shorter way along closed ring s between
// the matched points p and q is between half and twice length.
func similarPath(s []orb.Point, p, q match, length float64) bool {
	n := len(s) - 1
	along := func(from, to match) float64 { // forward from one match to the other
		if from.seg == to.seg && from.t <= to.t {
			return math.Hypot(to.at[0]-from.at[0], to.at[1]-from.at[1])
		}
		l := math.Hypot(s[(from.seg+1)%n][0]-from.at[0], s[(from.seg+1)%n][1]-from.at[1])
		for i := (from.seg + 1) % n; i != to.seg; i = (i + 1) % n {
			j := (i + 1) % n
			l += math.Hypot(s[j][0]-s[i][0], s[j][1]-s[i][1])
			if l > 2*length {
				return l
			}
		}
		return l + math.Hypot(to.at[0]-s[to.seg][0], to.at[1]-s[to.seg][1])
	}
	l := math.Min(along(p, q), along(q, p))
	return l >= length/2 && l <= 2*length
}

// findRuns returns maximal cyclic runs of consecutive vertices matched to
// the same earlier ring.
func findRuns(m []match) []run {
	n := len(m)
	start := -1
	for i := range n {
		prev := m[(i+n-1)%n]
		if m[i].ring != nil && m[i].ring != prev.ring || m[i].ring == nil && prev.ring != nil {
			start = i
			break
		}
	}
	if start < 0 {
		if n > 0 && m[0].ring != nil {
			return []run{{m[0].ring, 0, n - 1}} // the whole ring
		}
		return nil
	}
	var runs []run
	for k := 0; k < n; {
		i := (start + k) % n
		if m[i].ring == nil {
			k++
			continue
		}
		j := k
		for j+1 < n && m[(start+j+1)%n].ring == m[i].ring {
			j++
		}
		runs = append(runs, run{m[i].ring, i, (start + j) % n})
		k = j + 1
	}
	return runs
}

// insert adds the matched points to the ring as vertices and returns a
// function giving the new vertex index of any of them.
func (sr *snapRing) insert(ms []match) func(match) int {
	const eps = 0.5 // metres: closer to an existing vertex means that vertex
	type pos struct {
		seg int
		t   float64
	}
	old := sr.pts
	norm := func(m match) pos {
		a, b := old[m.seg], old[m.seg+1]
		l := math.Hypot(b[0]-a[0], b[1]-a[1])
		switch {
		case m.t*l < eps:
			return pos{m.seg, 0}
		case (1-m.t)*l < eps:
			return pos{(m.seg + 1) % (len(sr.pts) - 1), 0}
		}
		return pos{m.seg, m.t}
	}
	var add []pos
	for _, m := range ms {
		if p := norm(m); p.t > 0 {
			add = append(add, p)
		}
	}
	slices.SortFunc(add, func(a, b pos) int {
		if a.seg != b.seg {
			return a.seg - b.seg
		}
		return cmpFloat(a.t, b.t)
	})
	add = slices.Compact(add)
	n := len(old) - 1
	newIdx := make([]int, n+1)
	out := make([]orb.Point, 0, len(old)+len(add))
	at := map[pos]int{}
	k := 0
	for i := 0; i < n; i++ {
		newIdx[i] = len(out)
		out = append(out, old[i])
		for ; k < len(add) && add[k].seg == i; k++ {
			a, b := old[i], old[i+1]
			at[add[k]] = len(out)
			out = append(out, orb.Point{a[0] + (b[0]-a[0])*add[k].t, a[1] + (b[1]-a[1])*add[k].t})
		}
	}
	out = append(out, out[0])
	sr.pts = out
	return func(m match) int {
		p := norm(m)
		if p.t == 0 {
			return newIdx[p.seg]
		}
		return at[p]
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rewrite returns the ring with each run replaced by the earlier ring's
// line between the run's end points.
func (sr *snapRing) rewrite(remap map[*snapRing]func(match) int, st *Stats) []orb.Point {
	n := len(sr.pts) - 1
	replaced := make([][]orb.Point, n) // run start -> path
	skip := make([]bool, n)
	for _, rn := range sr.runs {
		s := rn.ring
		a, b := remap[s](sr.matches[rn.from]), remap[s](sr.matches[rn.to])
		path := closerPath(s.pts, a, b, sr.runLength(rn))
		if path == nil {
			continue
		}
		for k := rn.from; ; k = (k + 1) % n {
			skip[k] = true
			if k == rn.to {
				break
			}
		}
		replaced[rn.from] = path
		st.SharedRuns++
		st.Snapped += (rn.to-rn.from+n)%n + 1
	}
	var out []orb.Point
	for i := 0; i < n; i++ {
		if replaced[i] != nil {
			out = append(out, replaced[i]...)
		}
		if !skip[i] {
			out = append(out, sr.pts[i])
		}
	}
	return cleanRing(out)
}

// runLength is the length in metres of the run's own line.
func (sr *snapRing) runLength(rn run) float64 {
	n := len(sr.pts) - 1
	l := 0.0
	for k := rn.from; k != rn.to; k = (k + 1) % n {
		a, b := sr.pts[k], sr.pts[(k+1)%n]
		l += math.Hypot(b[0]-a[0], b[1]-a[1])
	}
	return l
}

// closerPath returns the vertices of closed ring s from index a to index b,
// going round the way whose length is closer to the run's own length, or
// nil when both ways are implausibly long.
func closerPath(s []orb.Point, a, b int, runLen float64) []orb.Point {
	fwd, lf := pathAlong(s, a, b, runLen, 1)
	back, lb := pathAlong(s, a, b, runLen, -1)
	switch {
	case fwd == nil:
		return back
	case back == nil || math.Abs(lf-runLen) <= math.Abs(lb-runLen):
		return fwd
	}
	return back
}

// pathAlong returns the vertices of closed ring s from index a to index b,
// walking in direction dir, and the path's length; nil when that is
// implausibly long for a run of the given length (a wrong turn).
func pathAlong(s []orb.Point, a, b int, runLen float64, dir int) ([]orb.Point, float64) {
	n := len(s) - 1
	path := []orb.Point{s[a]}
	l := 0.0
	for i := a; i != b; {
		j := (i + dir + n) % n
		l += math.Hypot(s[j][0]-s[i][0], s[j][1]-s[i][1])
		if l > 3*runLen+500 {
			return nil, l
		}
		path = append(path, s[j])
		i = j
	}
	return path, l
}

// segIndex is a uniform grid over the segments of some rings.
type segIndex struct {
	cell  float64
	cells map[[2]int32][]segRef
}

type segRef struct {
	ring *snapRing
	seg  int
}

func newSegIndex(rings []*snapRing, tol float64) *segIndex {
	idx := &segIndex{cell: 2000, cells: map[[2]int32][]segRef{}}
	for _, r := range rings {
		for i := 0; i+1 < len(r.pts); i++ {
			b := orb.Bound{Min: r.pts[i], Max: r.pts[i]}.Extend(r.pts[i+1]).Pad(tol)
			x0, y0 := idx.key(b.Min)
			x1, y1 := idx.key(b.Max)
			for x := x0; x <= x1; x++ {
				for y := y0; y <= y1; y++ {
					k := [2]int32{x, y}
					idx.cells[k] = append(idx.cells[k], segRef{r, i})
				}
			}
		}
	}
	return idx
}

func (idx *segIndex) key(p orb.Point) (int32, int32) {
	return int32(math.Floor(p[0] / idx.cell)), int32(math.Floor(p[1] / idx.cell))
}

// nearest returns the closest point within tol of p on an indexed segment
// (of ring only, when it is not nil), or a zero match. tol must not exceed
// the tolerance the index was built with.
func (idx *segIndex) nearest(p orb.Point, tol float64, ring *snapRing) match {
	x, y := idx.key(p)
	best, bestD := match{}, tol
	for _, ref := range idx.cells[[2]int32{x, y}] {
		if ring != nil && ref.ring != ring {
			continue
		}
		a, b := ref.ring.pts[ref.seg], ref.ring.pts[ref.seg+1]
		dx, dy := b[0]-a[0], b[1]-a[1]
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
		}
		q := orb.Point{a[0] + t*dx, a[1] + t*dy}
		if d := math.Hypot(p[0]-q[0], p[1]-q[1]); d <= bestD {
			best, bestD = match{ref.ring, ref.seg, t, q}, d
		}
	}
	return best
}
