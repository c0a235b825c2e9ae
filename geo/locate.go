package geo

import (
	"math"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// locator finds the division containing a point. A grid over the
// divisions' extent remembers, for every cell that no edge crosses, the
// division it lies in, found once by a ray cast from the first point
// queried there; points in cells that edges cross are cast each time,
// testing only the edges of their latitude band. Most hubs lie inland,
// away from borders, so most queries are one array read.
type locator struct {
	ext        orb.Bound
	band       float64 // latitude band height, degrees
	nb         int     // bands
	bands      bandList[edge]
	ndiv       int
	cols, rows int
	cw, ch     float64        // cell size, degrees
	cells      []atomic.Int32 // 0 unknown, -1 crossed by an edge, -2 outside, d+1 inside division d
}

// edge is a ring edge in float32 degrees (about a metre at China's
// latitudes): a provincial file's edges fill the bands several times
// over, and the locator stays in memory for uploads.
type edge struct {
	ax, ay, bx, by float32
	div            int32
}

// locatorBands and locatorCells size the band list and the grid.
const (
	locatorBands = 512
	locatorCells = 512
)

func newLocator(divs []Division) *locator {
	l := &locator{ndiv: len(divs)}
	if l.ndiv == 0 {
		return l
	}
	ext := divs[0].Bound
	for _, d := range divs[1:] {
		ext = ext.Union(d.Bound)
	}
	l.ext = ext
	nb, cells := locatorSize(divs, ext)
	l.band = math.Max((ext.Max[1]-ext.Min[1])/float64(nb), 1e-9)
	l.cols, l.rows = cells, cells
	l.cw = math.Max((ext.Max[0]-ext.Min[0])/float64(l.cols), 1e-9)
	l.ch = math.Max((ext.Max[1]-ext.Min[1])/float64(l.rows), 1e-9)
	l.cells = make([]atomic.Int32, l.cols*l.rows)
	// nb+1 bands: the last holds the extent's top edge.
	l.nb = nb + 1
	l.bands = newBandList(l.nb, func(add func(lo, hi int, e edge)) { l.eachEdge(divs, add) })
	for _, d := range divs {
		for _, poly := range d.Shape {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					l.markCrossed(r[i], r[i+1])
				}
			}
		}
	}
	return l
}

// eachEdge calls f with every edge of the divisions' rings that a ray
// along +x can cross (horizontal ones never do) and the range of bands
// it spans.
func (l *locator) eachEdge(divs []Division, f func(lo, hi int, e edge)) {
	for di, d := range divs {
		for _, poly := range d.Shape {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					p, q := r[i], r[i+1]
					if p[1] == q[1] {
						continue
					}
					lo, hi := l.bandOf(min(p[1], q[1])), l.bandOf(max(p[1], q[1]))
					f(lo, hi, edge{float32(p[0]), float32(p[1]), float32(q[0]), float32(q[1]), int32(di)})
				}
			}
		}
	}
}

// locatorSize returns how many bands and cells a side the locator of
// divs takes: locatorBands and locatorCells, fewer when the edges are so
// long that listing each in every band it spans, or flagging every cell
// of its box, would make more than 8 band entries or 16 flagged cells an
// edge (plus the grid itself): a file of long edges (a star of spikes
// across the country) meets a bound, not the machine's memory or hours
// of flagging. The embedded provinces keep the full sizes.
func locatorSize(divs []Division, ext orb.Bound) (bands, cells int) {
	w, h := ext.Max[0]-ext.Min[0], ext.Max[1]-ext.Min[1]
	n, tall, wide, area := 0.0, 0.0, 0.0, 0.0 // edges, and their heights, widths and box areas in extents
	for _, d := range divs {
		for _, poly := range d.Shape {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					dx, dy := math.Abs(r[i+1][0]-r[i][0])/w, math.Abs(r[i+1][1]-r[i][1])/h
					n++
					tall += dy
					wide += dx
					area += dx * dy
				}
			}
		}
	}
	bands, cells = bandCount(locatorBands, n, tall), locatorCells
	// An edge's box covers about (dx·c+1)(dy·c+1) cells of a c×c grid.
	flagged := func(c float64) float64 { return area*c*c + (wide+tall)*c + n }
	for cells > 1 && !(flagged(float64(cells)) <= 16*n+float64(cells*cells)) {
		cells /= 2
	}
	return bands, cells
}

// markCrossed flags the cells of the edge's bounding box.
func (l *locator) markCrossed(p, q orb.Point) {
	c0, r0 := l.cell(orb.Point{min(p[0], q[0]), min(p[1], q[1])})
	c1, r1 := l.cell(orb.Point{max(p[0], q[0]), max(p[1], q[1])})
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			l.cells[r*l.cols+c].Store(-1)
		}
	}
}

func (l *locator) cell(p orb.Point) (int, int) {
	c := int((p[0] - l.ext.Min[0]) / l.cw)
	r := int((p[1] - l.ext.Min[1]) / l.ch)
	return max(0, min(c, l.cols-1)), max(0, min(r, l.rows-1))
}

func (l *locator) bandOf(lat float64) int {
	k := int((lat - l.ext.Min[1]) / l.band)
	return max(0, min(k, l.nb-1))
}

// find returns the first division (in code order) whose rings enclose p
// an odd number of times (even-odd, as the rings are exteriors and
// holes), or -1. Safe for concurrent use.
func (l *locator) find(p orb.Point) int {
	if l.bands.bands() == 0 || math.IsNaN(p[0]) || math.IsNaN(p[1]) || !l.ext.Contains(p) {
		return -1
	}
	c, r := l.cell(p)
	slot := &l.cells[r*l.cols+c]
	switch v := slot.Load(); {
	case v > 0:
		return int(v - 1)
	case v == -2:
		return -1
	case v == -1:
		return l.cast(p)
	}
	d := l.cast(p)
	if d < 0 {
		slot.CompareAndSwap(0, -2)
	} else {
		slot.CompareAndSwap(0, int32(d+1))
	}
	return d
}

// cast counts the crossings of a ray from p towards +x per division.
func (l *locator) cast(p orb.Point) int {
	var inside [64]bool
	var many []bool
	if l.ndiv > len(inside) {
		many = make([]bool, l.ndiv)
	}
	for _, e := range l.bands.band(l.bandOf(p[1])) {
		ax, ay, bx, by := float64(e.ax), float64(e.ay), float64(e.bx), float64(e.by)
		if (ay > p[1]) == (by > p[1]) {
			continue
		}
		if x := ax + (p[1]-ay)/(by-ay)*(bx-ax); x > p[0] {
			if many != nil {
				many[e.div] = !many[e.div]
			} else {
				inside[e.div] = !inside[e.div]
			}
		}
	}
	for i := 0; i < l.ndiv; i++ {
		if many != nil && many[i] || many == nil && inside[i] {
			return i
		}
	}
	return -1
}
