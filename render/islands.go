package render

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// islandLand is the land in view of a division that borders no other
// (Taiwan, Hainan): a label of a hub elsewhere may not lie on it, for a
// name across a strait reads as the island's own ("Jinjiang" printed on
// Taiwan, "Shantou" on its southern tip). Labels may cross the land of
// mainland neighbours, where a name a little over a border is still read
// as its marker's.
type islandLand struct {
	div        int // the division's index
	bound      orb.Bound
	rings      [][]orb.Point // px
	ringBounds []orb.Bound   // each ring's (Kinmen, Matsu and Penghu are Taiwan's)
	// The land as a raster over bound, cells of cell px, as a table of
	// sums: sat[r*(cols+1)+c] counts the land cells above and left of
	// cell (c, r), so that the land in any box is four look-ups.
	cell       float64
	cols, rows int
	sat        []int32
}

// islandCells bounds the raster of an island: a cell of a pixel, larger
// for an island drawn larger than this many pixels across.
const islandCells = 256

// islandLands makes the land in view of divisions divs (the atlas's
// islands, geo.Boundaries.Islands) and returns it with its bytes.
func islandLands(ps []BaseProvince, divs []int) ([]islandLand, int) {
	var out []islandLand
	n := 0
	for _, d := range divs {
		if p := &ps[d]; len(p.Rings) > 0 {
			l := newIslandLand(d, p.Rings, p.Bound)
			n += 4*len(l.sat) + 32*len(l.ringBounds)
			out = append(out, l)
		}
	}
	return out, n
}

func newIslandLand(div int, rings [][]orb.Point, bound orb.Bound) islandLand {
	l := islandLand{div: div, bound: bound, rings: rings}
	for _, r := range rings {
		l.ringBounds = append(l.ringBounds, pointsBound(r))
	}
	w, h := bound.Max[0]-bound.Min[0], bound.Max[1]-bound.Min[1]
	l.cell = max(1, w/islandCells, h/islandCells)
	l.cols, l.rows = int(w/l.cell)+1, int(h/l.cell)+1
	l.sat = make([]int32, (l.cols+1)*(l.rows+1))
	stride := l.cols + 1
	var xs []float64
	row := make([]int32, l.cols) // a row's cells, 1 on land
	for r := range l.rows {
		// The crossings of the row's centre line, even-odd.
		y := bound.Min[1] + (float64(r)+0.5)*l.cell
		xs = xs[:0]
		for _, ring := range rings {
			for k := 1; k < len(ring); k++ {
				a, c := ring[k-1], ring[k]
				if (a[1] <= y) != (c[1] <= y) {
					xs = append(xs, a[0]+(y-a[1])/(c[1]-a[1])*(c[0]-a[0]))
				}
			}
		}
		slices.Sort(xs)
		clear(row)
		for k := 0; k+1 < len(xs); k += 2 {
			// Cells whose centre lies between the two crossings.
			c0 := max(0, int(math.Ceil((xs[k]-bound.Min[0])/l.cell-0.5)))
			c1 := min(l.cols-1, int(math.Floor((xs[k+1]-bound.Min[0])/l.cell-0.5)))
			for c := c0; c <= c1; c++ {
				row[c] = 1
			}
		}
		sum := int32(0)
		for c := range l.cols {
			sum += row[c]
			l.sat[(r+1)*stride+c+1] = l.sat[r*stride+c+1] + sum
		}
	}
	return l
}

// landIn is the island's land in box b, px², to within a cell along
// each edge.
func (l *islandLand) landIn(b orb.Bound) float64 {
	c0 := max(0, int(math.Round((b.Min[0]-l.bound.Min[0])/l.cell)))
	r0 := max(0, int(math.Round((b.Min[1]-l.bound.Min[1])/l.cell)))
	c1 := min(l.cols, int(math.Round((b.Max[0]-l.bound.Min[0])/l.cell)))
	r1 := min(l.rows, int(math.Round((b.Max[1]-l.bound.Min[1])/l.cell)))
	if c0 >= c1 || r0 >= r1 {
		return 0
	}
	st := l.cols + 1
	n := l.sat[r1*st+c1] - l.sat[r0*st+c1] - l.sat[r1*st+c0] + l.sat[r0*st+c0]
	return float64(n) * l.cell * l.cell
}

// maxIslandShare is how much of a label's box may lie on the land of
// an island not its own: a name that touches the coast across a strait
// still reads as its marker's, one that runs over the island does not.
const maxIslandShare = 0.10

// covers reports whether more than maxIslandShare of box b lies on the
// island's land.
func (l *islandLand) covers(b orb.Bound) bool {
	return intersects(b, l.bound) && l.landIn(b) > maxIslandShare*(b.Max[0]-b.Min[0])*(b.Max[1]-b.Min[1])
}

// crossed reports whether the leader from a to b runs over the island's
// land: crosses its coast or ends on it.
func (l *islandLand) crossed(a, b orb.Point) bool {
	lb := orb.Bound{Min: orb.Point{min(a[0], b[0]), min(a[1], b[1])}, Max: orb.Point{max(a[0], b[0]), max(a[1], b[1])}}
	if !intersects(lb, l.bound) {
		return false
	}
	for i, r := range l.rings {
		if !intersects(lb, l.ringBounds[i]) {
			continue
		}
		for k := 1; k < len(r); k++ {
			if segmentsCross(a, b, r[k-1], r[k]) {
				return true
			}
		}
	}
	return l.holds(a, 0) || l.holds(b, 0)
}

// holds reports whether p lies on the island's land or within near px
// of its coast (a coastal city's point may fall just offshore of the
// simplified coast).
func (l *islandLand) holds(p orb.Point, near float64) bool {
	if !l.bound.Pad(near).Contains(p) {
		return false
	}
	in := false
	for i, r := range l.rings {
		// A ring whose box is farther than near holds p no more than it
		// comes near it (Kinmen and Matsu put Taiwan's box over Fujian).
		if !l.ringBounds[i].Pad(near).Contains(p) {
			continue
		}
		for k := 1; k < len(r); k++ {
			a, c := r[k-1], r[k]
			if (a[1] > p[1]) != (c[1] > p[1]) && p[0] < (c[0]-a[0])*(p[1]-a[1])/(c[1]-a[1])+a[0] {
				in = !in
			}
			if near > 0 && geo.SegmentDistance2(p, a, c) <= near*near {
				return true
			}
		}
	}
	return in
}
