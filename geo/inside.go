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
}

// Reset indexes p; an empty polygon contains no point.
func (in *Inside) Reset(p orb.Polygon) {
	if len(p) == 0 || len(p[0]) == 0 {
		in.e.p, in.e.bands.at = nil, in.e.bands.at[:0]
		return
	}
	// The bands only: Inside measures no distance (edgeIndex.runs).
	in.e.p, in.e.runs = p, in.e.runs[:0]
	in.e.buildBands(&in.next)
}

// Contains reports whether pt lies inside the polygon last Reset.
func (in *Inside) Contains(pt orb.Point) bool {
	if in.e.bands.bands() == 0 {
		return false
	}
	return in.e.inside(pt)
}

// Release lets go of the polygon, keeping the arrays.
func (in *Inside) Release() { in.e.p = nil }
