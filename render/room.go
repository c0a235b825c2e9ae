package render

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// nameRoom is where else a division's name fits wholly inside it, when
// every place around its pole is taken (by the hubs' labels of Zhejiang,
// Fujian, Guangdong: the provinces a map of hubs is about). Worked out on
// first use, once per view, and read-only after: the places depend on
// the view and the name, not on the filter.
type nameRoom struct {
	once  sync.Once
	boxes []orb.Bound // nearest the pole first
	at    []orb.Point // their centres
}

// roomCell is the side, px, of roomRaster's cells, at least: a name box
// found inside lies inside the division, with at most about a cell of
// its room unseen near the edge. A large division (at a large size)
// takes larger cells, so that no raster has more than maxRoomCells.
const roomCell = 2.0

// maxRoomCells bounds the cells of a raster.
const maxRoomCells = 1 << 12

// roomMargin keeps a name this far, px, from its division's edge.
const roomMargin = 1.0

// maxRoomSpots is how many places nameRoom offers a name at most.
const maxRoomSpots = 32

// spots returns the places for a w×h name inside rings (px, even-odd,
// clipped to the frame), nearest pole first, at most maxRoomSpots.
func (r *nameRoom) spots(rings [][]orb.Point, pole orb.Point, w, h float64) ([]orb.Bound, []orb.Point) {
	r.once.Do(func() {
		r.boxes, r.at = roomSpots(rings, pole, w, h)
	})
	return r.boxes, r.at
}

func roomSpots(rings [][]orb.Point, pole orb.Point, w, h float64) ([]orb.Bound, []orb.Point) {
	ra := newRoomRaster(rings)
	if ra == nil {
		return nil, nil
	}
	defer ra.free()
	bw, bh := w+2*roomMargin, h+2*roomMargin
	type spot struct {
		at orb.Point
		d  float64
	}
	var found []spot
	// Box centres an eighth of the name's width and a quarter of its
	// height apart, where a name just fits in a narrow division.
	sx, sy := max(ra.cell, w/8), max(ra.cell, h/4)
	end := orb.Point{ra.origin[0] + float64(ra.cols)*ra.cell, ra.origin[1] + float64(ra.rows)*ra.cell}
	for y := ra.origin[1] + bh/2; y+bh/2 <= end[1]; y += sy {
		for x := ra.origin[0] + bw/2; x+bw/2 <= end[0]; x += sx {
			b := orb.Bound{Min: orb.Point{x - bw/2, y - bh/2}, Max: orb.Point{x + bw/2, y + bh/2}}
			if ra.holds(b) {
				found = append(found, spot{orb.Point{x, y}, math.Hypot(x-pole[0], y-pole[1])})
			}
		}
	}
	slices.SortStableFunc(found, func(a, b spot) int { return cmp.Compare(a.d, b.d) })
	// Each place a name's height from those before it: one label in the
	// way then blocks a few, not all.
	var boxes []orb.Bound
	var at []orb.Point
	for _, s := range found {
		if len(at) == maxRoomSpots {
			break
		}
		if slices.ContainsFunc(at, func(o orb.Point) bool {
			dx, dy := o[0]-s.at[0], o[1]-s.at[1]
			return dx*dx+dy*dy < h*h
		}) {
			continue
		}
		at = append(at, s.at)
		boxes = append(boxes, orb.Bound{Min: orb.Point{s.at[0] - w/2, s.at[1] - h/2}, Max: orb.Point{s.at[0] + w/2, s.at[1] + h/2}})
	}
	return boxes, at
}

// roomRaster marks the cells of a grid over some rings that lie wholly
// inside them: the cell's centre is inside (even-odd) and no edge passes
// through it. A box covered by such cells alone lies inside the rings.
type roomRaster struct {
	origin     orb.Point
	cell       float64 // px
	cols, rows int
	// sums is the summed-area table of the cells inside: sums[r*(cols+1)+c]
	// counts those in rows < r and columns < c.
	sums []int32
	// work space, recycled (roomRasters): per cell, whether an edge
	// passes through; each row's crossings with the rings.
	edge []bool
	xs   [][]float64
}

// roomRasters recycles rasters: a new view works out the room of a few
// divisions, each a raster of up to 2*maxRoomCells cells.
var roomRasters = sync.Pool{New: func() any { return new(roomRaster) }}

// newRoomRaster rasterises rings; nil when they are empty or not finite.
// Hand it back with free.
func newRoomRaster(rings [][]orb.Point) *roomRaster {
	var bound orb.Bound
	first := true
	for _, r := range rings {
		if len(r) == 0 {
			continue
		}
		if rb := pointsBound(r); first {
			bound, first = rb, false
		} else {
			bound = bound.Union(rb)
		}
	}
	if first || !(bound.Max[0] > bound.Min[0]) || !(bound.Max[1] > bound.Min[1]) {
		return nil
	}
	bw, bh := bound.Max[0]-bound.Min[0], bound.Max[1]-bound.Min[1]
	cell := max(roomCell, math.Sqrt(bw*bh/maxRoomCells))
	cols, rows := int(math.Ceil(bw/cell))+1, int(math.Ceil(bh/cell))+1
	if !(bw*bh < 1e12) || cols*rows > 2*maxRoomCells {
		return nil // NaN, or more than rounding can add
	}
	ra := roomRasters.Get().(*roomRaster)
	ra.origin, ra.cell, ra.cols, ra.rows = bound.Min, cell, cols, rows
	ra.edge = slices.Grow(ra.edge[:0], cols*rows)[:cols*rows]
	clear(ra.edge)
	// Inside: each row's centre line, crossed by the edges, filled
	// between pairs of crossings.
	ra.xs = emptyRows(ra.xs, rows)
	for _, ring := range rings {
		for i := 0; i+1 < len(ring); i++ {
			a, b := ring[i], ring[i+1]
			ra.markEdge(a, b)
			lo, hi := min(a[1], b[1]), max(a[1], b[1])
			r0, r1 := rowRange(lo, hi, ra.origin[1], cell, rows)
			for r := r0; r <= r1; r++ {
				y := ra.origin[1] + (float64(r)+0.5)*cell
				if (a[1] <= y) != (b[1] <= y) {
					ra.xs[r] = append(ra.xs[r], a[0]+(y-a[1])/(b[1]-a[1])*(b[0]-a[0]))
				}
			}
		}
	}
	ra.sums = slices.Grow(ra.sums[:0], (cols+1)*(rows+1))[:(cols+1)*(rows+1)]
	clear(ra.sums)
	for r, xs := range ra.xs {
		slices.Sort(xs)
		// This row's crossings, in pairs: the cells between are inside.
		var run int32
		c := 0
		for k := 0; k+1 < len(xs); k += 2 {
			c0 := max(c, int(math.Ceil((xs[k]-ra.origin[0])/cell-0.5)))
			for ; c < c0 && c < cols; c++ {
				ra.sums[(r+1)*(cols+1)+c+1] = ra.sums[r*(cols+1)+c+1] + run
			}
			for ; c < cols && ra.origin[0]+(float64(c)+0.5)*cell <= xs[k+1]; c++ {
				if !ra.edge[r*cols+c] {
					run++
				}
				ra.sums[(r+1)*(cols+1)+c+1] = ra.sums[r*(cols+1)+c+1] + run
			}
		}
		for ; c < cols; c++ {
			ra.sums[(r+1)*(cols+1)+c+1] = ra.sums[r*(cols+1)+c+1] + run
		}
	}
	return ra
}

// free hands ra back for reuse; it must not be used after.
func (ra *roomRaster) free() { roomRasters.Put(ra) }

// markEdge marks the cells segment ab passes through: in steps no
// longer than a cell, the cells of each step's box.
func (ra *roomRaster) markEdge(a, b orb.Point) {
	n := max(1, min(int(math.Ceil(math.Hypot(b[0]-a[0], b[1]-a[1])/ra.cell)), ra.cols+ra.rows))
	for k := range n {
		p := orb.Point{a[0] + (b[0]-a[0])*float64(k)/float64(n), a[1] + (b[1]-a[1])*float64(k)/float64(n)}
		q := orb.Point{a[0] + (b[0]-a[0])*float64(k+1)/float64(n), a[1] + (b[1]-a[1])*float64(k+1)/float64(n)}
		c0, c1 := ra.col(min(p[0], q[0])), ra.col(max(p[0], q[0]))
		r0, r1 := ra.row(min(p[1], q[1])), ra.row(max(p[1], q[1]))
		for r := max(0, r0); r <= min(ra.rows-1, r1); r++ {
			for c := max(0, c0); c <= min(ra.cols-1, c1); c++ {
				ra.edge[r*ra.cols+c] = true
			}
		}
	}
}

func (ra *roomRaster) col(x float64) int { return int(math.Floor((x - ra.origin[0]) / ra.cell)) }
func (ra *roomRaster) row(y float64) int { return int(math.Floor((y - ra.origin[1]) / ra.cell)) }

// holds reports whether box b lies on cells wholly inside the rings.
func (ra *roomRaster) holds(b orb.Bound) bool {
	c0, c1 := ra.col(b.Min[0]), ra.col(b.Max[0])
	r0, r1 := ra.row(b.Min[1]), ra.row(b.Max[1])
	if c0 < 0 || r0 < 0 || c1 >= ra.cols || r1 >= ra.rows {
		return false
	}
	w := int32((c1 - c0 + 1) * (r1 - r0 + 1))
	s := ra.sums
	n := s[(r1+1)*(ra.cols+1)+c1+1] - s[r0*(ra.cols+1)+c1+1] - s[(r1+1)*(ra.cols+1)+c0] + s[r0*(ra.cols+1)+c0]
	return n == w
}
