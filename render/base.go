package render

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Base is the geometry of one view of a map — the provinces, borders,
// coast, neighbouring countries and graticule projected, simplified for
// the view's scale, clipped to its frame and written as path data — for
// a given boundary file, frame and window. No filter changes it, so it is
// built once per view and shared by every map of that view (see bases):
// a render then only shades, places markers and labels. A Base is
// read-only once built and safe for concurrent use.
type Base struct {
	Frame     orb.Bound // px
	Transform geo.Transform
	Provinces []BaseProvince // indexed like the atlas's Divisions
	Borders   [][]orb.Point  // shared borders between provinces, once each
	Outline   [][]orb.Point  // national border and coast, drawn heavier
	Countries []Country      // neighbouring countries, clipped to the frame
	Graticule [][]orb.Point  // every 10°, only when asked for
	// CountryLines are the borders between neighbouring countries and
	// their coasts, once each.
	CountryLines [][]orb.Point
	// Claims are the context's claimed areas in view (Zangnan): drawn as
	// their division's in the mainland edition (Panel.Claims), land to
	// the layout in both (no legend, key or country's name on them).
	Claims []BaseClaim

	// Written path data (relative, tenths of a px) of the above.
	borderPath, outlinePath, countryLinePath, graticulePath []byte

	land *landMask // where China's land is, for layout decisions
	// islands is the land of the divisions with no land border
	// (geo.Boundaries.Islands): labels of hubs elsewhere keep off it.
	islands []islandLand
	bytes   int // about what the base holds, for the cache's bound

	// cutPoles are the poles of the parts in view of the divisions the
	// frame cuts, px; made on first use (see cutPole).
	cutPolesOnce sync.Once
	cutPoles     map[int]geo.Pole

	// divMask tells which division holds each cell's centre, cells of
	// the land mask's size.
	divMask *divisionMask

	// wholeCellsOnce makes wholeCells' counts on first use.
	wholeCellsOnce sync.Once
	wholeCounts    []int
	frameCounts    []int // every division's cells, whole or cut

	// coastal tells, per division, whether a cell of it borders a cell
	// of none (the sea, land beyond China); made on first use (see
	// besideCoast).
	coastalOnce sync.Once
	coastal     []bool

	// namesBy are the view's names by language and size, made on first
	// use (see names).
	namesMu sync.Mutex
	namesBy map[namesKey]*viewNames
}

// BaseProvince is one division as the view draws it.
type BaseProvince struct {
	Code  string
	Rings [][]orb.Point // px, clipped; empty when outside the view
	Bound orb.Bound     // of Rings
	path  []byte
	// area is the area, px², of its exteriors before clipping (of the
	// vertices kept: arcs far outside the view keep their ends): how
	// much of it the frame shows (Base.mostlyShown).
	area float64
}

// BaseClaim is a claimed area (geo.Claim) as the view draws it: its
// rings and the border of it China's maps draw, px, clipped; Division
// is the index of its division in the atlas, -1 when it has none.
type BaseClaim struct {
	Division int
	Rings    [][]orb.Point
	Border   [][]orb.Point
	Edge     [][]orb.Point // geo.Claim.Edge
	inside   orb.Point     // geo.Claim.Inside
}

// Country is a neighbouring country as the view draws it.
type Country struct {
	Code, Name, NameZH string
	Rings              [][]orb.Point
	Bound              orb.Bound
	path               []byte
	island             bool     // geo.Country.Island
	rings              *ringSet // Rings, for the tests of points in them
}

// viewKey names what a Base depends on.
type viewKey struct {
	version   string // boundaries and context
	frame     orb.Bound
	tr        geo.Transform
	graticule bool
}

// bases caches the Bases of recent views drawn at least twice, bounded
// by bytes and by 64 entries (see viewCache: a view drawn once is not
// kept). Views that differ only in filter share one Base. A 1200×900
// view takes about 0.5 MB: this keeps the last 8 or so, small beside the
// server's map cache and the atlas, so that under the server's memory
// limit the collector has room (a new view costs a millisecond or two;
// see BenchmarkRenderSizes). With 24 MB, distinct maps under load kept
// 31 MB live against a 44 MB limit and the collector never stopped.
var bases = newViewCache[viewKey](4<<20, 64, func(b *Base) int { return b.bytes })

// baseFor returns the Base of the view of a with transform tr in frame.
func baseFor(a *geo.Atlas, frame orb.Bound, tr geo.Transform, graticule bool) *Base {
	k := viewKey{version: a.Boundaries.Version + contextVersion(a), frame: frame, tr: tr, graticule: graticule}
	return bases.get(k, func() *Base { return buildBase(a, frame, tr, graticule) })
}

func contextVersion(a *geo.Atlas) string {
	if a.Context == nil {
		return ""
	}
	return "+" + a.Context.Version
}

// buildBase projects, simplifies and clips the view's geometry. Arcs
// wholly outside the view are reduced to their ends (the chord stays
// inside the arc's box, so outside the view, and rings through it still
// close before clipping); vertices are selected by weight touching only
// those kept (geo.Topology.Kept).
func buildBase(a *geo.Atlas, frame orb.Bound, tr geo.Transform, graticule bool) *Base {
	b := &Base{Frame: frame, Transform: tr}
	t := a.Topology
	thr := weightPx2 / (tr.Scale * tr.Scale)
	// Clipped at the frame itself: land and lines stop at its edge, as
	// the sea does (they had overhung it by 2 px into the margin). Arcs
	// are selected in a view a little larger.
	clipBox := frame
	pad := frame.Pad(2)
	view := pxView(tr, pad)
	w := projWork.Get().(*projected)
	defer projWork.Put(w)
	px := w.project(t, tr, view, thr)
	used := make([]bool, len(t.Arcs))
	buf := w.ring[:0]
	defer func() { w.ring = buf[:0] }()
	paths := w.paths.start()
	b.Provinces = make([]BaseProvince, len(t.Shapes))
	for si, shape := range t.Shapes {
		p := BaseProvince{Code: a.Divisions[si].Code}
		// The largest exterior is always drawn, however small (Macau).
		largest, largestArea := -1, 0.0
		for pi, poly := range shape {
			buf = geo.Ring(px, poly[0], buf[:0])
			ar := math.Abs(geo.SignedArea(buf))
			if largest < 0 || ar > largestArea {
				largest, largestArea = pi, ar
			}
			p.area += ar
		}
		for pi, poly := range shape {
			for ri, refs := range poly {
				buf = geo.Ring(px, refs, buf[:0])
				if len(buf) < 4 || (pi != largest || ri > 0) && math.Abs(geo.SignedArea(buf)) < minRingPx {
					if ri == 0 {
						break
					}
					continue
				}
				r, rb := w.clip.ring(buf, clipBox)
				if len(r) < 4 {
					if ri == 0 {
						break
					}
					continue
				}
				for _, ref := range refs {
					i, _ := ref.Index()
					used[i] = true
				}
				if len(p.Rings) == 0 {
					p.Bound = rb
				} else {
					p.Bound = p.Bound.Union(rb)
				}
				p.Rings = append(p.Rings, r)
			}
		}
		b.Provinces[si] = p
		paths.rings(p.Rings, &b.Provinces[si].path)
		b.bytes += 16 * countPoints(p.Rings)
	}
	w.lines.reset()
	for i, arc := range px {
		if !used[i] || len(arc) < 2 {
			continue
		}
		if t.Shared[i] {
			b.Borders = w.lines.clip(b.Borders, arc, clipBox)
		} else {
			b.Outline = w.lines.clip(b.Outline, arc, clipBox)
		}
	}
	// Lines inside the view are the projected arcs themselves: copied out
	// of the work buffer, all into one array.
	b.Borders, b.Outline = ownLines(b.Borders, b.Outline)
	paths.lines(b.Borders, &b.borderPath)
	paths.lines(b.Outline, &b.outlinePath)
	b.bytes += 16 * (countPoints(b.Borders) + countPoints(b.Outline))
	b.addCountries(a, tr, clipBox, view, w, paths)
	if graticule {
		b.Graticule = graticuleLines(tr, clipBox)
		paths.lines(b.Graticule, &b.graticulePath)
	}
	b.bytes += paths.finish()
	b.addClaims(a, tr, clipBox, view)
	b.land, b.divMask = newMasks(frame, b.Provinces, b.Claims)
	var n int
	b.islands, n = islandLands(b.Provinces, a.Islands())
	b.bytes += n
	// The names, made later, take about 30 KB a language at 960×720.
	b.bytes += b.land.bytes() + b.divMask.bytes() + 512 + 32<<10
	// What the heap holds is about a quarter more than the counts above
	// (slice headers, allocation size classes; measured at 1000×750 to
	// 1600×1200).
	b.bytes += b.bytes / 4
	return b
}

// projected is the work space of buildBase, recycled: every arc's kept
// vertices in px, in one array, and the path data as it is written.
type projected struct {
	clip  ringClipper
	lines lineClipper
	idx   []int32
	ends  []int
	pts   []orb.Point
	arcs  [][]orb.Point
	ring  []orb.Point
	paths pathSet
}

var projWork = sync.Pool{New: func() any { return new(projected) }}

// project returns the arcs of t in px: the vertices kept at weight thr
// for arcs that touch view, their two ends for the others (the chord
// stays inside the arc's box, so outside the view, and rings through it
// still close before clipping). The arcs are slices of w's array, valid
// until w is used again.
func (w *projected) project(t *geo.Topology, tr geo.Transform, view orb.Bound, thr float64) [][]orb.Point {
	idx, ends := w.idx[:0], w.ends[:0]
	for i, arc := range t.Arcs {
		if !t.Bounds[i].Intersects(view) {
			idx = append(idx, 0, int32(len(arc)-1))
		} else {
			s := len(idx)
			idx = farOutside(arc, t.Kept(i, thr, idx), s, view)
		}
		ends = append(ends, len(idx))
	}
	pts := slices.Grow(w.pts[:0], len(idx))[:len(idx)]
	arcs := slices.Grow(w.arcs[:0], len(t.Arcs))[:len(t.Arcs)]
	start := 0
	for i, arc := range t.Arcs {
		end := ends[i]
		for k := start; k < end; k++ {
			pts[k] = tr.Apply(arc[idx[k]])
		}
		arcs[i] = pts[start:end:end]
		start = end
	}
	w.idx, w.ends, w.pts, w.arcs = idx, ends, pts, arcs
	return arcs
}

// farOutside drops from idx[s:], the vertices of arc kept in a view, each
// vertex that lies beyond one side of view together with the vertices
// kept before and after it, and returns idx shortened. Such a vertex and
// its two neighbours make a triangle beyond that side, so outside the
// view: the shape loses only that triangle, and what clipping at the view
// (or inside it) leaves of a ring is the same area, of a line the same
// pieces. The arc's ends stay, where it meets the others. In a zoomed
// view about three kept vertices in four lie outside, most of them on
// long borders that pass through it; they were all projected and clipped.
func farOutside(arc []orb.Point, idx []int32, s int, view orb.Bound) []int32 {
	n := len(idx)
	if n-s < 3 {
		return idx
	}
	out := s + 1
	last := clipCode(view, arc[idx[s]])
	cur := idx[s+1]
	curCode := clipCode(view, arc[cur])
	for k := s + 2; k < n; k++ {
		next := idx[k]
		nextCode := clipCode(view, arc[next])
		if last&curCode&nextCode == 0 {
			idx[out] = cur
			out++
			last = curCode
		}
		cur, curCode = next, nextCode
	}
	idx[out] = cur
	return idx[:out+1]
}

// ownLines copies the points of the given sets of lines into one new
// array, so that they no longer share the work buffer's.
func ownLines(sets ...[][]orb.Point) ([][]orb.Point, [][]orb.Point) {
	n := 0
	for _, ls := range sets {
		n += countPoints(ls)
	}
	all := make([]orb.Point, 0, n)
	for _, ls := range sets {
		for i, l := range ls {
			k := len(all)
			all = append(all, l...)
			ls[i] = all[k:len(all):len(all)]
		}
	}
	return sets[0], sets[1]
}

// pathSet writes the path data of a Base in one buffer and hands each
// part its slice of one array of the exact size at the end (finish).
type pathSet struct {
	pb    pathBuf
	parts []pathPart
}

type pathPart struct {
	dst        *[]byte
	start, end int
}

func (ps *pathSet) start() *pathSet {
	ps.pb.reset()
	ps.parts = ps.parts[:0]
	return ps
}

func (ps *pathSet) rings(rs [][]orb.Point, dst *[]byte) {
	start := len(ps.pb.b)
	for _, r := range rs {
		ps.pb.ring(r)
	}
	ps.parts = append(ps.parts, pathPart{dst, start, len(ps.pb.b)})
}

func (ps *pathSet) lines(ls [][]orb.Point, dst *[]byte) {
	start := len(ps.pb.b)
	for _, l := range ls {
		ps.pb.line(l)
	}
	ps.parts = append(ps.parts, pathPart{dst, start, len(ps.pb.b)})
}

// finish sets every part's path data and returns their size in bytes.
// An empty part gets nil, as ringsPath and linesPath gave.
func (ps *pathSet) finish() int {
	all := bytes.Clone(ps.pb.b)
	for _, p := range ps.parts {
		if p.end > p.start {
			*p.dst = all[p.start:p.end:p.end]
		}
	}
	return len(all)
}

// addCountries draws the neighbouring countries of a's context, if any.
func (b *Base) addCountries(a *geo.Atlas, tr geo.Transform, clipBox, view orb.Bound, w *projected, paths *pathSet) {
	ctx := a.Context
	if ctx == nil {
		return
	}
	thr := countryWeightPx2 / (tr.Scale * tr.Scale)
	px := w.project(ctx.Topology, tr, view, thr)
	var lines [][]orb.Point
	buf := w.ring[:0]
	defer func() { w.ring = buf[:0] }()
	for ci, shape := range ctx.Topology.Shapes {
		if !ctx.Projected[ci].Intersects(view) {
			continue
		}
		c := Country{Code: ctx.Countries[ci].Code, Name: ctx.Countries[ci].Name, NameZH: ctx.Countries[ci].NameZH, island: ctx.Countries[ci].Island}
		var bounds []orb.Bound
		for _, poly := range shape {
			for ri, refs := range poly {
				buf = geo.Ring(px, refs, buf[:0])
				if len(buf) < 4 || math.Abs(geo.SignedArea(buf)) < minCountryRingPx {
					if ri == 0 {
						break
					}
					continue
				}
				if r, rb := w.clip.ring(buf, clipBox); len(r) >= 4 {
					if len(c.Rings) == 0 {
						c.Bound = rb
					} else {
						c.Bound = c.Bound.Union(rb)
					}
					c.Rings, bounds = append(c.Rings, r), append(bounds, rb)
				}
			}
		}
		if len(c.Rings) == 0 {
			continue
		}
		c.rings = newRingSet(c.Rings, bounds)
		b.Countries = append(b.Countries, c)
		b.bytes += 16 * countPoints(c.Rings)
	}
	// Their path data, once the slice of countries no longer moves.
	for i := range b.Countries {
		paths.rings(b.Countries[i].Rings, &b.Countries[i].path)
	}
	// Borders between countries only: coasts show as the edge of the
	// land against the sea, and borders with China are China's outline.
	w.lines.reset()
	for i, arc := range px {
		if len(arc) >= 2 && ctx.Topology.Shared[i] && ctx.Topology.Bounds[i].Intersects(view) {
			lines = w.lines.clip(lines, arc, clipBox)
		}
	}
	b.CountryLines, _ = ownLines(lines, nil)
	paths.lines(b.CountryLines, &b.countryLinePath)
	b.bytes += 16 * countPoints(lines)
}

// claimTolerance is how far, px, a claimed area's outline may stray
// from the file's in a view (geo.Claim.Level): its vertices are a few
// hundred metres apart, many to a px on a map of all China.
const claimTolerance = 0.25

// mostlyShown reports whether the frame shows at least half of division
// d (by the cells of the division mask against its area), though it may
// cut it: Taiwan at the edge of Fujian's view.
func (b *Base) mostlyShown(d int) bool {
	if d < 0 || d >= len(b.Provinces) || b.divMask == nil || !(b.Provinces[d].area > 0) {
		return false
	}
	return float64(b.frameCells()[d])*landCell*landCell >= 0.5*b.Provinces[d].area
}

// frameCells counts each division's cells of the division mask; made
// once per view.
func (b *Base) frameCells() []int {
	b.wholeCells()
	return b.frameCounts
}

// wholeCells counts, per division the frame shows whole, its cells of
// the division mask (0 for a division the frame cuts: a sliver of it in
// a corner is little of it); made once per view (see landBudget).
func (b *Base) wholeCells() []int {
	b.wholeCellsOnce.Do(func() {
		n := b.divMask.counts(b.divMask.frame, make([]int, len(b.Provinces)))
		b.frameCounts = slices.Clone(n)
		inner := b.Frame.Pad(-1)
		for d, p := range b.Provinces {
			if len(p.Rings) == 0 || !inner.Contains(p.Bound.Min) || !inner.Contains(p.Bound.Max) {
				n[d] = 0
			}
		}
		b.wholeCounts = n
	})
	return b.wholeCounts
}

// addClaims adds the context's claimed areas that the view shows.
func (b *Base) addClaims(a *geo.Atlas, tr geo.Transform, clipBox, view orb.Bound) {
	if a.Context == nil {
		return
	}
	px := func(ls []orb.Point) []orb.Point {
		out := make([]orb.Point, len(ls))
		for i, p := range ls {
			out[i] = tr.Apply(p)
		}
		return out
	}
	var clip ringClipper
	for k := range a.Context.Claims {
		cl := &a.Context.Claims[k]
		if !cl.Projected.Intersects(view) {
			continue
		}
		lv := cl.Level(claimTolerance / tr.Scale)
		c := BaseClaim{Division: a.DivisionIndex(cl.Division), inside: cl.Inside}
		for _, poly := range lv.Shape {
			if cr, _ := clip.ring(px(poly[0]), clipBox); len(cr) >= 4 {
				c.Rings = append(c.Rings, slices.Clone(cr))
			}
		}
		for _, l := range lv.Border {
			c.Border = append(c.Border, clipLine(px(l), clipBox)...)
		}
		for _, l := range lv.Edge {
			c.Edge = append(c.Edge, clipLine(px(l), clipBox)...)
		}
		if len(c.Rings) > 0 {
			b.Claims = append(b.Claims, c)
			b.bytes += 16 * (countPoints(c.Rings) + countPoints(c.Border) + countPoints(c.Edge))
		}
	}
}

// ringClipper clips rings in two buffers of its own, kept from one ring
// to the next.
type ringClipper struct {
	a, b []orb.Point
}

// ring returns r copied when inside box, nil when outside, else clipped
// as orb/clip's Ring clips it, step for step (the same points, computed
// the same way), into c's buffers and copied out at its length; and the
// bound of what it returns (pointsBound), which it has at hand.
func (c *ringClipper) ring(r []orb.Point, box orb.Bound) ([]orb.Point, orb.Bound) {
	rb := pointsBound(r)
	if box.Contains(rb.Min) && box.Contains(rb.Max) {
		return append([]orb.Point(nil), r...), rb
	}
	if !rb.Intersects(box) || len(r) == 0 {
		return nil, orb.Bound{}
	}
	closed := r[0] == r[len(r)-1]
	in, out := append(c.a[:0], r...), c.b[:0]
	defer func() { c.a, c.b = in[:0], out[:0] }()
	for edge := 1; edge <= 8; edge <<= 1 {
		out = out[:0]
		prev := in[len(in)-1]
		if !closed {
			prev = in[0]
		}
		prevInside := clipCode(box, prev)&edge == 0
		for _, p := range in {
			inside := clipCode(box, p)&edge == 0
			if inside != prevInside {
				out = append(out, clipEdge(box, edge, prev, p))
			}
			if inside {
				out = append(out, p)
			}
			prev, prevInside = p, inside
		}
		if len(out) == 0 {
			return nil, orb.Bound{}
		}
		in, out = out, in
	}
	res := make([]orb.Point, len(in), len(in)+1)
	copy(res, in)
	if closed && res[0] != res[len(res)-1] {
		res = append(res, res[0])
	}
	return res, pointsBound(res)
}

// clipCode is orb/clip's bitCode: where p lies around the box, one bit
// per side it is beyond (1 left, 2 right, 4 below, 8 above).
func clipCode(b orb.Bound, p orb.Point) int {
	code := 0
	if p[0] < b.Min[0] {
		code |= 1
	} else if p[0] > b.Max[0] {
		code |= 2
	}
	if p[1] < b.Min[1] {
		code |= 4
	} else if p[1] > b.Max[1] {
		code |= 8
	}
	return code
}

// clipEdge is orb/clip's intersect: where segment ab crosses the side of
// the box that edge names.
func clipEdge(box orb.Bound, edge int, a, b orb.Point) orb.Point {
	switch {
	case edge&8 != 0:
		return orb.Point{a[0] + (b[0]-a[0])*(box.Max[1]-a[1])/(b[1]-a[1]), box.Max[1]}
	case edge&4 != 0:
		return orb.Point{a[0] + (b[0]-a[0])*(box.Min[1]-a[1])/(b[1]-a[1]), box.Min[1]}
	case edge&2 != 0:
		return orb.Point{box.Max[0], a[1] + (b[1]-a[1])*(box.Max[0]-a[0])/(b[0]-a[0])}
	}
	return orb.Point{box.Min[0], a[1] + (b[1]-a[1])*(box.Min[0]-a[0])/(b[0]-a[0])}
}

// clipLine returns the parts of l inside box.
func clipLine(l []orb.Point, box orb.Bound) [][]orb.Point {
	var c lineClipper
	return c.clip(nil, l, box)
}

// lineClipper clips lines to a box, the pieces cut into one array of its
// own that is kept between uses (buildBase's work space): the lines of a
// view are copied out of it (ownLines) before it is used again.
type lineClipper struct {
	pts []orb.Point
}

// reset makes the clipper's array free for new pieces: those it holds
// must have been copied out.
func (c *lineClipper) reset() { c.pts = c.pts[:0] }

// clip appends to dst the parts of l inside box: l itself when it lies
// inside, else pieces in c's array, as orb/clip's MultiLineString cuts
// them (its line, step for step: the same pieces and points).
func (c *lineClipper) clip(dst [][]orb.Point, l []orb.Point, box orb.Bound) [][]orb.Point {
	if len(l) == 0 {
		return dst
	}
	lb := pointsBound(l)
	if box.Contains(lb.Min) && box.Contains(lb.Max) {
		return append(dst, l)
	}
	if !lb.Intersects(box) {
		return dst
	}
	start := -1 // of the piece being cut, in c.pts; -1: none
	push := func(p orb.Point) {
		if start < 0 {
			start = len(c.pts)
		}
		c.pts = append(c.pts, p)
	}
	// A piece ends: its points are in the array the last append made
	// (append copies all of them when it moves), and the pieces cut
	// before it keep the array they were cut in.
	end := func() {
		if start >= 0 {
			dst = append(dst, c.pts[start:len(c.pts):len(c.pts)])
			start = -1
		}
	}
	codeA := clipCode(box, l[0])
	n := len(l)
	for i := 1; i < n; i++ {
		a, b := l[i-1], l[i]
		codeB := clipCode(box, b)
		endCode := codeB
		for {
			if codeA|codeB == 0 {
				push(a)
				if codeB != endCode { // the segment leaves the box
					push(b)
					if i < n-1 {
						end()
					}
				} else if i == n-1 {
					push(b)
				}
				break
			} else if codeA&codeB != 0 {
				break
			} else if codeA != 0 {
				a = clipEdge(box, codeA, a, b)
				codeA = clipCode(box, a)
			} else {
				b = clipEdge(box, codeB, a, b)
				codeB = clipCode(box, b)
			}
		}
		codeA = endCode
	}
	end()
	return dst
}

// graticuleLines draws meridians and parallels every 10°, densified so
// that they curve as the projection does.
func graticuleLines(tr geo.Transform, box orb.Bound) [][]orb.Point {
	var out [][]orb.Point
	for lon := 60.0; lon <= 150; lon += 10 {
		var l []orb.Point
		for lat := 0.0; lat <= 60; lat += 0.5 {
			l = append(l, tr.Apply(geo.China.Forward(orb.Point{lon, lat})))
		}
		out = append(out, clipLine(l, box)...)
	}
	for lat := 0.0; lat <= 60; lat += 10 {
		var l []orb.Point
		for lon := 60.0; lon <= 150; lon += 0.5 {
			l = append(l, tr.Apply(geo.China.Forward(orb.Point{lon, lat})))
		}
		out = append(out, clipLine(l, box)...)
	}
	return out
}

// pointsBound is orb.MultiPoint's Bound, step for step, with the
// built-in min and max: the same bound (they treat NaN and signed zeros
// as math.Min and math.Max do), without a call per point.
func pointsBound(pts []orb.Point) orb.Bound {
	if len(pts) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	}
	b := orb.Bound{Min: pts[0], Max: pts[0]}
	for _, p := range pts {
		switch {
		case b.Min[0] > b.Max[0] || b.Min[1] > b.Max[1]: // empty
			b = orb.Bound{Min: p, Max: p}
		case p[1] < b.Min[1] || b.Max[1] < p[1] || p[0] < b.Min[0] || b.Max[0] < p[0]:
			b = orb.Bound{Min: orb.Point{min(b.Min[0], p[0]), min(b.Min[1], p[1])}, Max: orb.Point{max(b.Max[0], p[0]), max(b.Max[1], p[1])}}
		}
	}
	return b
}

func countPoints(rs [][]orb.Point) int {
	n := 0
	for _, r := range rs {
		n += len(r)
	}
	return n
}

// ringsPath writes rings as one path's data.
func ringsPath(rs [][]orb.Point) []byte {
	var pb pathBuf
	for _, r := range rs {
		pb.ring(r)
	}
	return pb.b
}

// linesPath writes lines as one path's data.
func linesPath(ls [][]orb.Point) []byte {
	var pb pathBuf
	for _, l := range ls {
		pb.line(l)
	}
	return pb.b
}

// landMask is a coarse raster of where China's land lies in a frame: the
// layout keeps legends, keys and insets off it.
type landMask struct {
	frame orb.Bound
	cell  float64
	cols  int
	rows  int
	bits  cellBits
}

const landCell = 6.0 // px

// cellBits is a set of cells, a bit each: the land mask of a 1200×900
// view in 3.8 KB, where a bool a cell took 30 KB of every view's Base.
type cellBits []uint64

func newCellBits(n int) cellBits { return make(cellBits, (n+63)/64) }

func (b cellBits) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b cellBits) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }

// newMasks rasterises the divisions of a view in one pass over their
// edges: where China's land is (landMask: every cell a span of land
// touches) and which division holds each cell's centre (divisionMask).
func newMasks(frame orb.Bound, ps []BaseProvince, claims []BaseClaim) (*landMask, *divisionMask) {
	m := &landMask{frame: frame, cell: landCell}
	m.cols = int((frame.Max[0]-frame.Min[0])/m.cell) + 1
	m.rows = int((frame.Max[1]-frame.Min[1])/m.cell) + 1
	m.bits = newCellBits(m.cols * m.rows)
	dm := &divisionMask{frame: frame, cols: m.cols, rows: m.rows, div: make([]uint16, m.cols*m.rows)}
	if len(ps)+len(claims) >= math.MaxUint16 {
		ps, claims = nil, nil // a file of 65,535 divisions: nothing is told apart
	}
	// The claimed areas are land, and no division's (indices past ps).
	ringsOf := func(di int) [][]orb.Point {
		if di < len(ps) {
			return ps[di].Rings
		}
		return claims[di-len(ps)].Rings
	}
	// Each edge's crossings with the rows' centre lines, row by row: an
	// edge is visited once, for the few rows it spans.
	rowY := func(r int) float64 { return frame.Min[1] + (float64(r)+0.5)*m.cell }
	var rows [][]divCrossing
	if w, ok := landRows.Get().(*[][]divCrossing); ok {
		rows = *w
	}
	rows = emptyRows(rows, m.rows)
	inv := 1 / m.cell
	for di := range len(ps) + len(claims) {
		for _, ring := range ringsOf(di) {
			if len(ring) < 2 {
				continue
			}
			// Most edges are shorter than a cell and cross no row's
			// centre line: passed over when both ends lie surely
			// between the same two lines.
			ka, na := centreBand(ring[0][1], frame.Min[1], inv)
			for i := 0; i+1 < len(ring); i++ {
				a, b := ring[i], ring[i+1]
				kb, nb := centreBand(b[1], frame.Min[1], inv)
				same := ka == kb && !na && !nb
				ka, na = kb, nb
				if same {
					continue
				}
				lo, hi := min(a[1], b[1]), max(a[1], b[1])
				r0, r1 := rowRange(lo, hi, frame.Min[1], m.cell, m.rows)
				if hi-frame.Min[1] < 0 || lo != lo || hi != hi {
					continue
				}
				for r := r0; r <= r1; r++ {
					y := rowY(r)
					if (a[1] <= y) != (b[1] <= y) {
						rows[r] = append(rows[r], divCrossing{a[0] + (y-a[1])/(b[1]-a[1])*(b[0]-a[0]), uint16(di + 1)})
					}
				}
			}
		}
	}
	var open []uint16
	for r, xs := range rows {
		slices.SortFunc(xs, func(p, q divCrossing) int { return cmp.Compare(p.x, q.x) })
		// Land: between pairs of crossings of any division.
		for i := 0; i+1 < len(xs); i += 2 {
			c0 := max(0, int((xs[i].x-frame.Min[0])/m.cell))
			c1 := min(m.cols-1, int((xs[i+1].x-frame.Min[0])/m.cell))
			for c := c0; c <= c1; c++ {
				m.bits.set(r*m.cols + c)
			}
		}
		// Divisions: each is entered and left at its own crossings
		// (even-odd); the cells whose centres lie between are its,
		// while it alone is open.
		open = open[:0]
		for k, x := range xs {
			if j := slices.Index(open, x.div); j >= 0 {
				open = slices.Delete(open, j, j+1)
			} else {
				open = append(open, x.div)
			}
			if len(open) != 1 || k+1 == len(xs) || int(open[0]) > len(ps) {
				continue
			}
			c0 := max(0, int(math.Ceil((x.x-frame.Min[0])/m.cell-0.5)))
			for c := c0; c < m.cols && frame.Min[0]+(float64(c)+0.5)*m.cell <= xs[k+1].x; c++ {
				dm.div[r*m.cols+c] = open[0]
			}
		}
	}
	landRows.Put(&rows)
	return m, dm
}

// centreBand returns between which two rows' centre lines y lies, for
// rows of cells 1/inv high from y0 (band k: between rows k and k+1), and
// whether y lies so near a line, or is so far from finite, that rounding
// might tell another band: two ends in one band, neither near a line,
// have no centre line between them.
func centreBand(y, y0, inv float64) (float64, bool) {
	t := (y-y0)*inv - 0.5
	k := math.Floor(t)
	f := t - k
	return k, !(f >= 1e-6 && f <= 1-1e-6)
}

// rowRange returns the rows, of cells cell high from y0 (rows of them),
// whose centre line may lie in [lo, hi]: one more each side for
// rounding, the caller testing each exactly.
func rowRange(lo, hi, y0, cell float64, rows int) (int, int) {
	return max(0, int((lo-y0)/cell-0.5)-1), min(rows-1, int((hi-y0)/cell-0.5)+1)
}

// emptyRows returns rows resized to n, each emptied, keeping their
// memory.
func emptyRows[T any](rows [][]T, n int) [][]T {
	rows = slices.Grow(rows[:0], n)[:n]
	for r := range rows {
		rows[r] = rows[r][:0]
	}
	return rows
}

// landRows recycles newMasks' crossings per row.
var landRows sync.Pool

func (m *landMask) bytes() int { return 8 * len(m.bits) }

// covered returns the share of box (px) that lies on China's land.
func (m *landMask) covered(box orb.Bound) float64 {
	c0, r0 := int((box.Min[0]-m.frame.Min[0])/m.cell), int((box.Min[1]-m.frame.Min[1])/m.cell)
	c1, r1 := int((box.Max[0]-m.frame.Min[0])/m.cell), int((box.Max[1]-m.frame.Min[1])/m.cell)
	n, land := 0, 0
	for r := max(0, r0); r <= min(m.rows-1, r1); r++ {
		for c := max(0, c0); c <= min(m.cols-1, c1); c++ {
			n++
			if m.bits.has(r*m.cols + c) {
				land++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(land) / float64(n)
}

// landIn counts the land cells whose centres lie in box.
func (m *landMask) landIn(box orb.Bound) int {
	c0, c1, r0, r1 := centresIn(m.frame, m.cols, m.rows, box)
	n := 0
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			if m.bits.has(r*m.cols + c) {
				n++
			}
		}
	}
	return n
}

func (m *landMask) String() string { return fmt.Sprintf("landMask %dx%d", m.cols, m.rows) }
