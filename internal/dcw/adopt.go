package dcw

import (
	"math"

	"github.com/paulmach/orb"
)

// Adopt gives each ring of the whole country that no division holds to
// the division nearest to it, appending it to that division's rings, and
// returns how many rings it gave. DCW-GMT keeps the Paracel Islands in the
// country outline (CN) but in no province (CN.HI stops at 18.16°N), so
// without this they would vanish from the map. A country ring counts as
// held when most of its vertices lie within pad of a division's ring: the
// same island, stored twice on two grids, is a few metres apart. Rings are
// closed, in projected metres; divs is modified in place.
func Adopt(divs [][][]orb.Point, country [][]orb.Point, pad float64) int {
	var rings []*snapRing
	for d, rs := range divs {
		for ri, r := range rs {
			rings = append(rings, &snapRing{div: d, ri: ri, pts: r, bound: orb.Ring(r).Bound()})
		}
	}
	idx := newSegIndex(rings, pad)
	adopted := 0
	for _, r := range country {
		near := 0
		for _, p := range r[:len(r)-1] {
			if idx.nearest(p, pad, nil).ring != nil {
				near++
			}
		}
		if 2*near > len(r)-1 {
			continue
		}
		best, bestD := -1, math.Inf(1)
		for _, s := range rings {
			if boundDist(s.bound, r[0]) >= bestD {
				continue
			}
			for _, q := range s.pts {
				if d := math.Hypot(q[0]-r[0][0], q[1]-r[0][1]); d < bestD {
					best, bestD = s.div, d
				}
			}
		}
		if best >= 0 {
			divs[best] = append(divs[best], r)
			adopted++
		}
	}
	return adopted
}

// boundDist is the distance from p to the nearest point of b.
func boundDist(b orb.Bound, p orb.Point) float64 {
	dx := math.Max(0, math.Max(b.Min[0]-p[0], p[0]-b.Max[0]))
	dy := math.Max(0, math.Max(b.Min[1]-p[1], p[1]-b.Max[1]))
	return math.Hypot(dx, dy)
}
