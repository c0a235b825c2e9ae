package render

import (
	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// ringSet answers whether points lie in the rings of one shape in view (a
// neighbouring country), for the many points a view's names and labels
// ask about: a ring's bound first, which most points miss, then the ring
// itself (geo.RingContains). Testing every ring's every edge for each
// point had taken a tenth of a new view's render (countryLabelSpots,
// offNeighbours, onCountry); an index of the rings by band (geo.Inside)
// took longer to build than the few tests left after the bounds saved.
// Read-only once made.
type ringSet struct {
	rings   [][]orb.Point
	bounds  []orb.Bound // pointsBound of each ring
	largest int         // largestRing(rings)
}

func newRingSet(rings [][]orb.Point, bounds []orb.Bound) *ringSet {
	return &ringSet{rings: rings, bounds: bounds, largest: largestRing(rings)}
}

// contains reports whether ring i holds p, as geo.RingContains does. A
// point beyond the ring's bound lies in it by no even-odd ray test: the
// ray crosses no edge, or every edge at its height, of which a closed
// ring has an even number.
func (s *ringSet) contains(i int, p orb.Point) bool {
	return s.bounds[i].Contains(p) && geo.RingContains(s.rings[i], p)
}

// anyContains reports whether any ring holds p.
func (s *ringSet) anyContains(p orb.Point) bool {
	for i := range s.rings {
		if s.contains(i, p) {
			return true
		}
	}
	return false
}
