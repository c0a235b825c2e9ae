package dcw

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

func ringsBound(rings [][]orb.Point) orb.Bound {
	b := orb.Ring(rings[0]).Bound()
	for _, r := range rings[1:] {
		b = b.Union(orb.Ring(r).Bound())
	}
	return b
}

// project returns a copy of r in projected metres (geo.China).
func project(r []orb.Point) []orb.Point {
	out := make([]orb.Point, len(r))
	for i, p := range r {
		out[i] = geo.China.Forward(p)
	}
	return out
}

// Area returns the area of a lon/lat multipolygon in km², computed in
// geo.China's equal-area projection; holes are subtracted.
func Area(mp orb.MultiPolygon) float64 {
	a := 0.0
	for _, p := range mp {
		for k, r := range p {
			s := math.Abs(geo.SignedArea(project(r)))
			if k > 0 {
				s = -s
			}
			a += s
		}
	}
	return a / 1e6
}

// Nest sorts copies of rings into polygons: a ring inside an odd number of
// others is a hole of the smallest ring containing it. Exteriors come out
// counter-clockwise and holes clockwise (RFC 7946; the projection does not
// mirror), the largest exterior first. Rings must not cross one another.
// reoriented counts the rings whose winding was reversed.
func Nest(rings [][]orb.Point) (mp orb.MultiPolygon, reoriented int) {
	type ring struct {
		r     orb.Ring
		bound orb.Bound
		area  float64
	}
	rs := make([]ring, len(rings))
	for i, r := range rings {
		rs[i] = ring{slices.Clone(orb.Ring(r)), orb.Ring(r).Bound(), math.Abs(geo.SignedArea(r))}
	}
	slices.SortStableFunc(rs, func(a, b ring) int { return cmp.Compare(b.area, a.area) })
	owner := make([]int, len(rs)) // polygon of each exterior ring; -1 for holes
	for i, r := range rs {
		depth, parent := 0, -1
		probe := interiorProbe(r.r)
		for j := i - 1; j >= 0; j-- {
			if rs[j].bound.Contains(probe) && inside(rs[j].r, probe) {
				depth++
				if parent < 0 {
					parent = j
				}
			}
		}
		if depth%2 == 0 || owner[parent] < 0 {
			owner[i] = len(mp)
			mp = append(mp, orb.Polygon{r.r})
			continue
		}
		owner[i] = -1
		mp[owner[parent]] = append(mp[owner[parent]], r.r)
	}
	for _, p := range mp {
		for k, r := range p {
			if (r.Orientation() == orb.CCW) != (k == 0) {
				r.Reverse()
				reoriented++
			}
		}
	}
	return mp, reoriented
}

// inside reports whether p lies inside the closed ring r (even-odd rule;
// a point on the ring may go either way).
func inside(r []orb.Point, p orb.Point) bool {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}

// interiorProbe returns the midpoint of the first edge of r, a point that
// is not a vertex of r, so that containment tests do not hit shared
// vertices.
func interiorProbe(r orb.Ring) orb.Point {
	a, b := r[0], r[1]
	return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
}

// lonLatArcs returns arcs in projected metres as lon/lat degrees, vertex k
// of arc i rounded to decimals(i, k) decimals.
func lonLatArcs(arcs [][]orb.Point, decimals func(i, k int) int) [][]orb.Point {
	out := make([][]orb.Point, len(arcs))
	for i, a := range arcs {
		out[i] = make([]orb.Point, len(a))
		for k, p := range a {
			ll := geo.China.Inverse(p)
			scale := math.Pow10(decimals(i, k))
			out[i][k] = orb.Point{math.Round(ll[0]*scale) / scale, math.Round(ll[1]*scale) / scale}
		}
	}
	return out
}

// assemble returns a shape's polygons from lon/lat arcs, exteriors
// counter-clockwise and holes clockwise (RFC 7946). Rings that rounding
// left without area are dropped, with their polygon if exterior, and
// counted.
func assemble(arcs [][]orb.Point, shape geo.Shape) (mp orb.MultiPolygon, collapsed int) {
	for _, poly := range shape {
		var out orb.Polygon
		for ri, refs := range poly {
			r := orb.Ring(geo.Ring(arcs, refs, nil))
			if len(r) < 4 || geo.SignedArea(r) == 0 {
				collapsed++
				if ri == 0 {
					break // exterior collapsed: drop the polygon
				}
				continue
			}
			if (r.Orientation() == orb.CCW) != (ri == 0) {
				r.Reverse()
			}
			out = append(out, r)
		}
		if len(out) > 0 {
			mp = append(mp, out)
		}
	}
	return mp, collapsed
}
