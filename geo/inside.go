package geo

import "github.com/paulmach/orb"

// Inside tells, for many points, whether each lies inside a polygon
// (even-odd over its rings), testing only the edges of the point's
// horizontal band: the ray test of every edge, each with the same
// arithmetic, so the same answer at a fraction of the work once a few
// points are asked about. The zero value is ready for Reset; its arrays
// are kept from one polygon to the next. Not safe for concurrent use.
type Inside struct {
	e    edgeIndex
	next []int32
	// slow is set for a polygon with a coordinate that is not finite (a
	// NaN or an infinity), which the bands cannot hold: Contains then
	// tests every edge, as RingContains does.
	slow bool
}

// Reset indexes p; an empty polygon contains no point.
func (in *Inside) Reset(p orb.Polygon) {
	in.slow = false
	if len(p) == 0 || len(p[0]) == 0 {
		in.e.p, in.e.bands.at = nil, in.e.bands.at[:0]
		return
	}
	in.e.p, in.e.runs = p, in.e.runs[:0]
	// Every coordinate, not the box: orb's Bound passes over a point
	// whose latitude is NaN.
	for _, r := range p {
		for _, pt := range r {
			if !finite(pt[0]) || !finite(pt[1]) {
				in.slow = true
				return
			}
		}
	}
	// The bands only: Inside measures no distance (edgeIndex.runs).
	in.e.buildBands(&in.next)
}

// Contains reports whether pt lies inside the polygon last Reset.
func (in *Inside) Contains(pt orb.Point) bool {
	if in.slow {
		c := false
		for _, r := range in.e.p {
			c = c != RingContains(r, pt)
		}
		return c
	}
	if in.e.bands.bands() == 0 {
		return false
	}
	return in.e.inside(pt)
}

// Release lets go of the polygon, keeping the arrays.
func (in *Inside) Release() { in.e.p = nil }

// RingContains reports whether p lies inside r (even-odd): the ray from p
// towards +x crosses an odd number of its edges, edge i joining point i
// to the one before it (the last, for the first). Inside answers the
// same for many points of one polygon.
func RingContains(r []orb.Point, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}
