package render

import (
	"container/list"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

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

	// Written path data (relative, tenths of a px) of the above.
	borderPath, outlinePath, countryLinePath, graticulePath []byte

	land  *landMask // where China's land is, for layout decisions
	bytes int       // about what the base holds, for the cache's bound

	// cutPoles are the poles of the parts in view of the divisions the
	// frame cuts, px; made on first use (see cutPole).
	cutPolesOnce sync.Once
	cutPoles     map[int]geo.Pole

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
}

// Country is a neighbouring country as the view draws it.
type Country struct {
	Code, Name, NameZH string
	Rings              [][]orb.Point
	Bound              orb.Bound
	path               []byte
}

// viewKey names what a Base depends on.
type viewKey struct {
	version   string // boundaries and context
	frame     orb.Bound
	tr        geo.Transform
	graticule bool
}

// bases caches the Bases of recent views, bounded by bytes. Views that
// differ only in filter share one Base.
var bases = newBaseCache(24 << 20)

type baseCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	ll       *list.List // of *baseEntry, most recent first
	items    map[viewKey]*list.Element
	building map[viewKey]*sync.WaitGroup
}

type baseEntry struct {
	key  viewKey
	base *Base
}

func newBaseCache(maxBytes int) *baseCache {
	return &baseCache{maxBytes: maxBytes, ll: list.New(), items: map[viewKey]*list.Element{}, building: map[viewKey]*sync.WaitGroup{}}
}

// get returns the Base of k, building it with build at most once at a
// time per view.
func (c *baseCache) get(k viewKey, build func() *Base) *Base {
	for {
		c.mu.Lock()
		if e, ok := c.items[k]; ok {
			c.ll.MoveToFront(e)
			c.mu.Unlock()
			return e.Value.(*baseEntry).base
		}
		if wg, ok := c.building[k]; ok {
			c.mu.Unlock()
			wg.Wait()
			continue
		}
		wg := &sync.WaitGroup{}
		wg.Add(1)
		c.building[k] = wg
		c.mu.Unlock()

		b := build()
		c.mu.Lock()
		delete(c.building, k)
		wg.Done()
		if b.bytes <= c.maxBytes/4 {
			c.items[k] = c.ll.PushFront(&baseEntry{k, b})
			c.bytes += b.bytes
			for c.bytes > c.maxBytes && c.ll.Len() > 1 {
				old := c.ll.Back()
				c.ll.Remove(old)
				e := old.Value.(*baseEntry)
				c.bytes -= e.base.bytes
				delete(c.items, e.key)
			}
		}
		c.mu.Unlock()
		return b
	}
}

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
	clipBox := frame.Pad(2)
	view := orb.Bound{Min: tr.Invert(orb.Point{clipBox.Min[0], clipBox.Max[1]}), Max: tr.Invert(orb.Point{clipBox.Max[0], clipBox.Min[1]})}
	px := make([][]orb.Point, len(t.Arcs))
	var idx []int32
	for i, arc := range t.Arcs {
		if !t.Bounds[i].Intersects(view) {
			px[i] = []orb.Point{tr.Apply(arc[0]), tr.Apply(arc[len(arc)-1])}
			continue
		}
		idx = t.Kept(i, thr, idx[:0])
		pts := make([]orb.Point, len(idx))
		for k, v := range idx {
			pts[k] = tr.Apply(arc[v])
		}
		px[i] = pts
	}
	used := make([]bool, len(t.Arcs))
	var buf []orb.Point
	b.Provinces = make([]BaseProvince, len(t.Shapes))
	for si, shape := range t.Shapes {
		p := BaseProvince{Code: a.Divisions[si].Code}
		// The largest exterior is always drawn, however small (Macau).
		largest, largestArea := -1, 0.0
		for pi, poly := range shape {
			buf = geo.Ring(px, poly[0], buf[:0])
			if ar := math.Abs(ringArea(buf)); largest < 0 || ar > largestArea {
				largest, largestArea = pi, ar
			}
		}
		for pi, poly := range shape {
			for ri, refs := range poly {
				buf = geo.Ring(px, refs, buf[:0])
				if len(buf) < 4 || (pi != largest || ri > 0) && math.Abs(ringArea(buf)) < minRingPx {
					if ri == 0 {
						break
					}
					continue
				}
				r := clipRing(buf, clipBox)
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
				p.Rings = append(p.Rings, r)
			}
		}
		if len(p.Rings) > 0 {
			p.Bound = orb.Ring(p.Rings[0]).Bound()
			for _, r := range p.Rings[1:] {
				p.Bound = p.Bound.Union(orb.Ring(r).Bound())
			}
			p.path = ringsPath(p.Rings)
		}
		b.Provinces[si] = p
		b.bytes += len(p.path) + 16*countPoints(p.Rings)
	}
	for i, arc := range px {
		if !used[i] || len(arc) < 2 {
			continue
		}
		lines := clipLine(arc, clipBox)
		if t.Shared[i] {
			b.Borders = append(b.Borders, lines...)
		} else {
			b.Outline = append(b.Outline, lines...)
		}
	}
	b.borderPath, b.outlinePath = linesPath(b.Borders), linesPath(b.Outline)
	b.bytes += len(b.borderPath) + len(b.outlinePath) + 16*(countPoints(b.Borders)+countPoints(b.Outline))
	b.addCountries(a, tr, clipBox, view)
	if graticule {
		b.Graticule = graticuleLines(tr, clipBox)
		b.graticulePath = linesPath(b.Graticule)
	}
	b.land = newLandMask(frame, b.Provinces)
	// The names, made later, take about 30 KB a language at 960×720.
	b.bytes += b.land.bytes() + 512 + 32<<10
	return b
}

// addCountries draws the neighbouring countries of a's context, if any.
func (b *Base) addCountries(a *geo.Atlas, tr geo.Transform, clipBox, view orb.Bound) {
	ctx := a.Context
	if ctx == nil {
		return
	}
	thr := countryWeightPx2 / (tr.Scale * tr.Scale)
	var idx []int32
	px := make([][]orb.Point, len(ctx.Topology.Arcs))
	for i, arc := range ctx.Topology.Arcs {
		if !ctx.Topology.Bounds[i].Intersects(view) {
			px[i] = []orb.Point{tr.Apply(arc[0]), tr.Apply(arc[len(arc)-1])}
			continue
		}
		idx = ctx.Topology.Kept(i, thr, idx[:0])
		pts := make([]orb.Point, len(idx))
		for k, v := range idx {
			pts[k] = tr.Apply(arc[v])
		}
		px[i] = pts
	}
	var lines [][]orb.Point
	var buf []orb.Point
	for ci, shape := range ctx.Topology.Shapes {
		if !ctx.Projected[ci].Intersects(view) {
			continue
		}
		c := Country{Code: ctx.Countries[ci].Code, Name: ctx.Countries[ci].Name, NameZH: ctx.Countries[ci].NameZH}
		for _, poly := range shape {
			for ri, refs := range poly {
				buf = geo.Ring(px, refs, buf[:0])
				if len(buf) < 4 || math.Abs(ringArea(buf)) < minCountryRingPx {
					if ri == 0 {
						break
					}
					continue
				}
				if r := clipRing(buf, clipBox); len(r) >= 4 {
					c.Rings = append(c.Rings, r)
				}
			}
		}
		if len(c.Rings) == 0 {
			continue
		}
		c.Bound = orb.Ring(c.Rings[0]).Bound()
		for _, r := range c.Rings[1:] {
			c.Bound = c.Bound.Union(orb.Ring(r).Bound())
		}
		c.path = ringsPath(c.Rings)
		b.Countries = append(b.Countries, c)
		b.bytes += len(c.path) + 16*countPoints(c.Rings)
	}
	// Borders between countries only: coasts show as the edge of the
	// land against the sea, and borders with China are China's outline.
	for i, arc := range px {
		if len(arc) >= 2 && ctx.Topology.Shared[i] && ctx.Topology.Bounds[i].Intersects(view) {
			lines = append(lines, clipLine(arc, clipBox)...)
		}
	}
	b.CountryLines = lines
	b.countryLinePath = linesPath(lines)
	b.bytes += len(b.countryLinePath) + 16*countPoints(lines)
}

// clipRing returns r clipped to box, or r itself (not copied) when it
// lies inside.
func clipRing(r []orb.Point, box orb.Bound) []orb.Point {
	rb := orb.Ring(r).Bound()
	if box.Contains(rb.Min) && box.Contains(rb.Max) {
		return append([]orb.Point(nil), r...)
	}
	if !rb.Intersects(box) {
		return nil
	}
	return clip.Ring(box, orb.Ring(append([]orb.Point(nil), r...)))
}

// clipLine returns the parts of l inside box.
func clipLine(l []orb.Point, box orb.Bound) [][]orb.Point {
	lb := orb.LineString(l).Bound()
	if box.Contains(lb.Min) && box.Contains(lb.Max) {
		return [][]orb.Point{l}
	}
	if !lb.Intersects(box) {
		return nil
	}
	var out [][]orb.Point
	for _, ls := range clip.MultiLineString(box, orb.MultiLineString{append(orb.LineString(nil), l...)}) {
		out = append(out, ls)
	}
	return out
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

func countPoints(rs [][]orb.Point) int {
	n := 0
	for _, r := range rs {
		n += len(r)
	}
	return n
}

func ringArea(r []orb.Point) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
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
	bits  []bool
}

const landCell = 6.0 // px

func newLandMask(frame orb.Bound, ps []BaseProvince) *landMask {
	m := &landMask{frame: frame, cell: landCell}
	m.cols = int((frame.Max[0]-frame.Min[0])/m.cell) + 1
	m.rows = int((frame.Max[1]-frame.Min[1])/m.cell) + 1
	m.bits = make([]bool, m.cols*m.rows)
	var xs []float64
	for r := range m.rows {
		y := frame.Min[1] + (float64(r)+0.5)*m.cell
		xs = xs[:0]
		for _, p := range ps {
			if y < p.Bound.Min[1] || y > p.Bound.Max[1] {
				continue
			}
			for _, ring := range p.Rings {
				for i := 0; i+1 < len(ring); i++ {
					a, b := ring[i], ring[i+1]
					if (a[1] <= y) != (b[1] <= y) {
						xs = append(xs, a[0]+(y-a[1])/(b[1]-a[1])*(b[0]-a[0]))
					}
				}
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			c0 := max(0, int((xs[i]-frame.Min[0])/m.cell))
			c1 := min(m.cols-1, int((xs[i+1]-frame.Min[0])/m.cell))
			for c := c0; c <= c1; c++ {
				m.bits[r*m.cols+c] = true
			}
		}
	}
	return m
}

func (m *landMask) bytes() int { return len(m.bits) }

// covered returns the share of box (px) that lies on China's land.
func (m *landMask) covered(box orb.Bound) float64 {
	c0, r0 := int((box.Min[0]-m.frame.Min[0])/m.cell), int((box.Min[1]-m.frame.Min[1])/m.cell)
	c1, r1 := int((box.Max[0]-m.frame.Min[0])/m.cell), int((box.Max[1]-m.frame.Min[1])/m.cell)
	n, land := 0, 0
	for r := max(0, r0); r <= min(m.rows-1, r1); r++ {
		for c := max(0, c0); c <= min(m.cols-1, c1); c++ {
			n++
			if m.bits[r*m.cols+c] {
				land++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(land) / float64(n)
}

func (m *landMask) String() string { return fmt.Sprintf("landMask %dx%d", m.cols, m.rows) }
