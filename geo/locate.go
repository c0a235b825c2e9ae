package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// locator finds the division containing a point by ray casting, testing
// only the edges that cross the point's latitude band.
type locator struct {
	minLat, band float64
	bands        [][]edge
	ndiv         int
}

type edge struct {
	a, b orb.Point
	div  int32
}

// locatorBands is how many latitude bands the divisions' extent is cut
// into: an edge is listed in every band it spans.
const locatorBands = 2048

func (b *Boundaries) buildLocator() {
	l := &b.loc
	l.ndiv = len(b.Divisions)
	if l.ndiv == 0 {
		return
	}
	ext := b.Divisions[0].Bound
	for _, d := range b.Divisions[1:] {
		ext = ext.Union(d.Bound)
	}
	l.minLat = ext.Min[1]
	l.band = math.Max((ext.Max[1]-ext.Min[1])/locatorBands, 1e-9)
	l.bands = make([][]edge, locatorBands+1)
	for di, d := range b.Divisions {
		for _, poly := range d.Shape {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					p, q := r[i], r[i+1]
					if p[1] == q[1] {
						continue // horizontal edges never cross a ray
					}
					lo, hi := l.bandOf(min(p[1], q[1])), l.bandOf(max(p[1], q[1]))
					for k := lo; k <= hi; k++ {
						l.bands[k] = append(l.bands[k], edge{p, q, int32(di)})
					}
				}
			}
		}
	}
}

func (l *locator) bandOf(lat float64) int {
	k := int((lat - l.minLat) / l.band)
	return max(0, min(k, len(l.bands)-1))
}

// find returns the first division (in code order) whose rings enclose p
// an odd number of times (even-odd, as the rings are exteriors and
// holes), or -1.
func (l *locator) find(p orb.Point) int {
	if len(l.bands) == 0 || math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return -1
	}
	if p[1] < l.minLat || p[1] > l.minLat+l.band*locatorBands {
		return -1
	}
	var inside [64]bool
	var many []bool
	if l.ndiv > len(inside) {
		many = make([]bool, l.ndiv)
	}
	for _, e := range l.bands[l.bandOf(p[1])] {
		a, b := e.a, e.b
		if (a[1] > p[1]) == (b[1] > p[1]) {
			continue
		}
		if x := a[0] + (p[1]-a[1])/(b[1]-a[1])*(b[0]-a[0]); x > p[0] {
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
