package dcw

import (
	"cmp"
	"math"
	"slices"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/paulmach/orb"
)

// Snap makes neighbours share their common borders exactly. DCW stores
// each division on its own grid, so a border exists twice, typically 7 m
// apart, the copies crossing each other. Divisions are processed in order;
// each vertex of a later division that lies within tol metres of an
// earlier division's ring starts or continues a run. Runs along the same
// ring are joined across a stretch that is the same border drawn loosely:
// one that crosses the earlier line or runs inside the earlier division
// (see strays); where the ring passes from a run along one earlier ring
// to a run along another, it is led through their junction (see
// joinJunctions). Every run is then replaced by the earlier ring's own
// line between the run's projections, which are inserted into that ring as
// vertices, and a ring lying wholly along an earlier one (an enclave's
// hole) becomes a copy of it. Afterwards neighbours list identical
// vertices along their border, no division claims an earlier one's
// ground, and no sliver is left where three meet.
//
// divs holds each division's rings, closed, in projected metres; they are
// rewritten in place. Snap returns how many vertices it moved onto an
// earlier division's line and in how many runs.
func Snap(divs [][][]orb.Point, tol float64) (snapped, runs int) {
	var st Stats
	snapBorders(divs, 0, provinceReach(tol), &st)
	return st.Snapped, st.SharedRuns
}

// SnapOnto is Snap for land borders from different sources, with the
// first fixed divisions taken as they are: they are not snapped, only
// given vertices where later runs end, so their shapes do not change. A
// stretch between two runs along the same ring is joined whichever side
// of the ring it strays to, closing the gap between the copies: there is
// no water between a country and its land neighbour to keep, and DCW's
// country outlines are other digitizations than its provinces (Vietnam's
// copy of the Yunnan border lies up to 950 m off). The neighbouring
// countries meet the shipped provinces this way.
func SnapOnto(divs [][][]orb.Point, fixed int, tol float64) (snapped, runs int) {
	var st Stats
	snapBorders(divs, fixed, landReach(tol), &st)
	return st.Snapped, st.SharedRuns
}

// snapBorders is Snap and SnapOnto.
func snapBorders(divs [][][]orb.Point, fixed int, rc reach, st *Stats) {
	tol := rc.tol
	// Every division's rings as read, to tell a run's loose end (a border
	// copy straying near a coast) from where the ring turns onto a border
	// with a division not processed yet.
	var all []*snapRing
	for d, rs := range divs {
		for ri, r := range rs {
			all = append(all, &snapRing{div: d, ri: ri, pts: r})
		}
	}
	raw := newSegIndex(all, tol)
	var settled []*snapRing
	for d := range divs {
		if d < fixed {
			for ri, r := range divs[d] {
				settled = append(settled, &snapRing{div: d, ri: ri, pts: r, bound: orb.Ring(r).Bound()})
			}
			continue
		}
		if len(divs[d]) == 0 {
			continue
		}
		b := ringsBound(divs[d]).Pad(tol)
		var near []*snapRing
		for _, s := range settled {
			if s.bound.Intersects(b) {
				near = append(near, s)
			}
		}
		idx := newSegIndex(near, rc.bridge)
		var mine []*snapRing
		for ri, r := range divs[d] {
			m := make([]match, len(r)-1)
			for i := range m {
				m[i] = idx.nearest(r[i], tol, nil)
			}
			bridge(r, m, idx, rc, func(p orb.Point) bool { return raw.nearOther(p, tol, d) })
			r, m = joinJunctions(r, m, idx, rc)
			divs[d][ri] = r
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
			if out := sr.rewrite(remap, st); len(out) >= 4 && geo.SignedArea(out) != 0 {
				divs[d][sr.ri] = out
			}
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

// reach is how far snapping looks. Where two runs along the same
// neighbour are separated by a stretch that connects the same two points
// as the neighbour's own line, with a similar length and never farther
// than bridge from it, the stretch is the same border drawn less
// consistently (Hong Kong's and Guangdong's copies differ by up to a
// kilometre): the runs are joined. Run ends are then extended while the
// next vertex stays within extend of the neighbour.
type reach struct {
	tol       float64 // metres: a vertex this close to an earlier ring is on it
	bridge    float64 // metres a joined stretch may stray from the earlier ring
	maxLength float64 // metres a joined stretch may run
	extend    float64 // metres a run's loose end may stray
	closeGaps bool    // join stretches that stray outside the earlier ring too
}

// provinceReach is for DCW's provinces, whose copies of a border are two
// digitizations of one line a few metres apart.
func provinceReach(tol float64) reach { return reach{tol, 2000, 15000, 450, false} }

// landReach is for countries meeting the provinces: DCW's country outlines
// come from other sources than its provinces and stray up to 10 km from
// them (Nepal's and Bhutan's Himalayan borders).
func landReach(tol float64) reach { return reach{tol, 12000, 150000, 450, true} }

// junctionSlackMetres is how much longer than r's own way the way through
// a junction may be (and the other way round) for r to be led through it.
const junctionSlackMetres = 100

// bridge joins and extends the runs of m (the matches of closed ring r).
// onBorder reports whether a vertex lies on the border with a division
// other than r's, processed or not; a run is not extended onto such a
// vertex, which is where r turns away at a junction.
func bridge(r []orb.Point, m []match, idx *segIndex, rc reach, onBorder func(orb.Point) bool) {
	n := len(m)
	runs := findRuns(m)
	// A vertex or two matched to another ring between two runs along the
	// same ring (an islet lying on the border) would keep the runs apart.
	if len(runs) >= 3 {
		for k, b := range runs {
			a, c := runs[(k+len(runs)-1)%len(runs)], runs[(k+1)%len(runs)]
			if a.ring == c.ring && b.ring != a.ring && (b.to-b.from+n)%n < 2 {
				for i := b.from; ; i = (i + 1) % n {
					m[i] = match{}
					if i == b.to {
						break
					}
				}
			}
		}
		runs = findRuns(m)
	}
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
			mt := idx.nearest(r[j], rc.bridge, a.ring)
			ok = mt.ring != nil && length <= rc.maxLength
			stretch = append(stretch, mt)
		}
		if !ok || !similarPath(a.ring.pts, m[a.to], m[b.from], length) || !rc.closeGaps && !strays(r, a.to, stretch) {
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
		for i := (a.to + 1) % n; m[i].ring == nil && !onBorder(r[i]); i = (i + 1) % n {
			if m[i] = idx.nearest(r[i], rc.extend, a.ring); m[i].ring == nil {
				break
			}
		}
		for i := (a.from + n - 1) % n; m[i].ring == nil && !onBorder(r[i]); i = (i + n - 1) % n {
			if m[i] = idx.nearest(r[i], rc.extend, a.ring); m[i].ring == nil {
				break
			}
		}
	}
}

// joinJunctions closes the corners where r passes from a run along one
// earlier ring to a run along another, which meet there at a junction J.
// Left alone, r would cut straight from the one run's end to the other's
// start and leave a sliver between the three divisions (tens of metres
// wide at a sparse border). When both earlier rings hold a common vertex
// within reach and the way through it is not much longer than r's
// own, the stretch between the runs is replaced by J twice: once ending
// the first run, once starting the second, so r follows both rings into
// the junction. It returns the new ring and matches.
func joinJunctions(r []orb.Point, m []match, idx *segIndex, rc reach) ([]orb.Point, []match) {
	n := len(m)
	runs := findRuns(m)
	if len(runs) < 2 {
		return r, m
	}
	type corner struct {
		a, b run
		ja   match // J on a's ring
		jb   match // J on b's ring
	}
	var corners []corner
	for k, a := range runs {
		b := runs[(k+1)%len(runs)]
		if a.ring == b.ring || a.ring.div == b.ring.div {
			continue
		}
		// r's own way from the end of a to the start of b, which must
		// stay near the two rings.
		own := 0.0
		near := true
		for i := a.to; i != b.from && near; i = (i + 1) % n {
			j := (i + 1) % n
			own += math.Hypot(r[j][0]-r[i][0], r[j][1]-r[i][1])
			if j != b.from {
				near = idx.nearest(r[j], rc.bridge, a.ring).ring != nil || idx.nearest(r[j], rc.bridge, b.ring).ring != nil
			}
		}
		if !near || own > rc.maxLength {
			continue
		}
		ja, jb, ok := junction(a.ring, b.ring, m[a.to], m[b.from], idx, rc.bridge)
		if !ok {
			continue
		}
		way := ringDist(a.ring.pts, m[a.to], ja, rc.bridge) + ringDist(b.ring.pts, jb, m[b.from], rc.bridge)
		if way > 2*own+junctionSlackMetres || own > 2*way+junctionSlackMetres || !around(r, a.to, b.from, ja.at, way/2+junctionSlackMetres) {
			continue // not a corner cut short but another way round
		}
		corners = append(corners, corner{a, b, ja, jb})
	}
	if len(corners) == 0 {
		return r, m
	}
	skip := make([]bool, n)
	after := map[int]corner{}
	for _, c := range corners {
		for i := (c.a.to + 1) % n; i != c.b.from; i = (i + 1) % n {
			skip[i] = true
		}
		after[c.a.to] = c
	}
	var pts []orb.Point
	var ms []match
	for i := range n {
		if skip[i] {
			continue
		}
		pts, ms = append(pts, r[i]), append(ms, m[i])
		if c, ok := after[i]; ok {
			pts = append(pts, c.ja.at, c.jb.at)
			ms = append(ms, c.ja, c.jb)
		}
	}
	return append(pts, pts[0]), ms
}

// around reports whether the vertices of r strictly between indices from
// and to all lie within d of p.
func around(r []orb.Point, from, to int, p orb.Point, d float64) bool {
	n := len(r) - 1
	for i := (from + 1) % n; i != to; i = (i + 1) % n {
		if math.Hypot(r[i][0]-p[0], r[i][1]-p[1]) > d {
			return false
		}
	}
	return true
}

// junction returns the vertex of ring a that also lies on ring b and is
// nearest, along a from p and then along b to q, within limit of
// p: where a and b's shared border ends near p and q. It returns that
// point as a match on a and as a match on b.
func junction(a, b *snapRing, p, q match, idx *segIndex, limit float64) (ja, jb match, ok bool) {
	s := a.pts
	n := len(s) - 1
	best := math.Inf(1)
	for _, dir := range []int{1, -1} {
		i := p.seg // the vertex before p, then walk
		if dir > 0 {
			i = (p.seg + 1) % n
		}
		l := math.Hypot(s[i][0]-p.at[0], s[i][1]-p.at[1])
		for l <= limit {
			if on := idx.nearest(s[i], 1e-6, b); on.ring != nil {
				at := match{a, i, 0, s[i]}
				if d := l + ringDist(b.pts, on, q, limit); d < best {
					best, ja, jb, ok = d, at, on, true
				}
				break
			}
			j := (i + dir + n) % n
			l += math.Hypot(s[j][0]-s[i][0], s[j][1]-s[i][1])
			i = j
		}
	}
	return ja, jb, ok
}

// strays reports whether the stretch of r after index from is the earlier
// ring's border drawn loosely rather than a coast facing it across water:
// it crosses the earlier ring's line (two copies weaving across each
// other) or it runs inside the earlier ring, claiming the neighbour's
// ground (Macau's copy of its land border lies up to 700 m inside
// Guangdong's, so the two overlapped by 1.7 km² until this rule). A coast
// facing a neighbour across a channel stays outside it.
func strays(r []orb.Point, from int, stretch []match) bool {
	if bothSides(r, from, stretch) {
		return true
	}
	n := len(r) - 1
	far, farD := -1, 1.0
	for k, mt := range stretch {
		v := r[(from+1+k)%n]
		if d := math.Hypot(v[0]-mt.at[0], v[1]-mt.at[1]); d > farD {
			far, farD = k, d
		}
	}
	return far >= 0 && inside(stretch[far].ring.pts, r[(from+1+far)%n])
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
	l := ringDist(s, p, q, 2*length)
	return l >= length/2 && l <= 2*length
}

// ringDist is the length of the shorter way along closed ring s between the
// matched points p and q, or some length over limit when both ways are
// longer.
func ringDist(s []orb.Point, p, q match, limit float64) float64 {
	n := len(s) - 1
	along := func(from, to match) float64 { // forward from one match to the other
		if from.seg == to.seg && from.t <= to.t {
			return math.Hypot(to.at[0]-from.at[0], to.at[1]-from.at[1])
		}
		l := math.Hypot(s[(from.seg+1)%n][0]-from.at[0], s[(from.seg+1)%n][1]-from.at[1])
		for i := (from.seg + 1) % n; i != to.seg; i = (i + 1) % n {
			j := (i + 1) % n
			l += math.Hypot(s[j][0]-s[i][0], s[j][1]-s[i][1])
			if l > limit {
				return l
			}
		}
		return l + math.Hypot(to.at[0]-s[to.seg][0], to.at[1]-s[to.seg][1])
	}
	return math.Min(along(p, q), along(q, p))
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
	slices.SortFunc(add, func(a, b pos) int { return cmp.Or(cmp.Compare(a.seg, b.seg), cmp.Compare(a.t, b.t)) })
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

// rewrite returns the ring with each run replaced by the earlier ring's
// line between the run's end points.
func (sr *snapRing) rewrite(remap map[*snapRing]func(match) int, st *Stats) []orb.Point {
	n := len(sr.pts) - 1
	replaced := make([][]orb.Point, n) // run start -> path
	skip := make([]bool, n)
	for _, rn := range sr.runs {
		s := rn.ring
		if rn.from == (rn.to+1)%n && similarLength(s.pts, sr.pts) {
			// The whole ring lies along s (an enclave's hole along the
			// enclave): take s entire, wound as the ring was.
			out := slices.Clone(s.pts)
			if (geo.SignedArea(out) > 0) != (geo.SignedArea(sr.pts) > 0) {
				slices.Reverse(out)
			}
			st.SharedRuns++
			st.Snapped += n
			return out
		}
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
	return geo.CleanRing(out)
}

// similarLength reports whether closed rings a and b have perimeters
// within a factor of 1.5 of each other.
func similarLength(a, b []orb.Point) bool {
	la, lb := perimeter(a), perimeter(b)
	return la <= 1.5*lb && lb <= 1.5*la
}

func perimeter(r []orb.Point) float64 {
	l := 0.0
	for i := 0; i+1 < len(r); i++ {
		l += math.Hypot(r[i+1][0]-r[i][0], r[i+1][1]-r[i][1])
	}
	return l
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
	idx := &segIndex{cell: math.Max(2000, tol), cells: map[[2]int32][]segRef{}}
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

// nearOther reports whether p lies within tol of a ring of a division
// other than div.
func (idx *segIndex) nearOther(p orb.Point, tol float64, div int) bool {
	x, y := idx.key(p)
	for _, ref := range idx.cells[[2]int32{x, y}] {
		if ref.ring.div == div {
			continue
		}
		a, b := ref.ring.pts[ref.seg], ref.ring.pts[ref.seg+1]
		if segDist(p, a, b) <= tol {
			return true
		}
	}
	return false
}

func segDist(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
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
