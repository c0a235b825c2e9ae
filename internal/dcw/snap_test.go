package dcw_test

import (
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

// ring closes pts, in projected metres.
func ring(pts ...orb.Point) []orb.Point {
	return append(slices.Clone(pts), pts[0])
}

// shapes nests each division's rings into a multipolygon.
func shapes(divs [][][]orb.Point) []orb.MultiPolygon {
	out := make([]orb.MultiPolygon, len(divs))
	for i, d := range divs {
		out[i], _ = dcw.Nest(d)
	}
	return out
}

// sharedArcs counts the arcs of the divisions' topology that two of them
// use.
func sharedArcs(divs [][][]orb.Point) int {
	topo := geo.BuildTopology(shapes(divs), nil)
	n := 0
	for _, s := range topo.Shared {
		if s {
			n++
		}
	}
	return n
}

// meetExactly fails t unless the divisions neither overlap nor leave a
// gap between them.
func meetExactly(t *testing.T, divs [][][]orb.Point) {
	t.Helper()
	cov := dcw.Measure(shapes(divs))
	if o := cov.TotalOverlap(); o > 1e-6 {
		t.Errorf("divisions overlap by %.3f m²: %+v", o, cov.Overlaps)
	}
	for _, g := range cov.Gaps {
		t.Errorf("gap of %.3f m² at %v", g.Area, g.At)
	}
}

// has reports whether r holds every point of want.
func has(r []orb.Point, want ...orb.Point) bool {
	for _, p := range want {
		if !slices.Contains(r, p) {
			return false
		}
	}
	return true
}

// A is the square 0..1000 m whose east edge the tests have B draw again.
func squareA() []orb.Point {
	return ring(orb.Point{0, 0}, orb.Point{1000, 0}, orb.Point{1000, 250}, orb.Point{1000, 500},
		orb.Point{1000, 750}, orb.Point{1000, 1000}, orb.Point{0, 1000})
}

var eastEdge = []orb.Point{{1000, 0}, {1000, 250}, {1000, 500}, {1000, 750}, {1000, 1000}}

func TestSnap(t *testing.T) {
	for _, c := range []struct {
		name string
		west []orb.Point // B's copy of the border, north to south, between its corners
	}{
		// A few metres off, on its own vertices: the usual DCW case.
		{"jittered copy", []orb.Point{{1004, 700}, {996, 400}, {1003, 150}}},
		// Crossing A's line 120 m either side: the same border drawn
		// loosely (Hong Kong's copy of its land border).
		{"weaving copy", []orb.Point{{1002, 900}, {1120, 700}, {880, 500}, {1120, 300}, {998, 100}}},
		// Bulging 460 m into A without crossing, beyond the reach of a
		// run's loose end: the copy claims A's ground (Macau's copy of its
		// land border lay up to 700 m inside Guangdong).
		{"copy inside the neighbour", []orb.Point{{1002, 950}, {998, 800}, {530, 540}, {530, 460}, {998, 200}, {1001, 50}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := append([]orb.Point{{1003, -2}, {2000, 0}, {2000, 1000}, {1002, 1003}}, c.west...)
			divs := [][][]orb.Point{{squareA()}, {ring(b...)}}
			if snapped, _ := dcw.Snap(divs, 50); snapped == 0 {
				t.Fatal("nothing snapped")
			}
			if !has(divs[1][0], eastEdge...) {
				t.Errorf("B's west edge %v does not follow A's line %v", divs[1][0], eastEdge)
			}
			for _, p := range divs[1][0] {
				if p[0] > 500 && p[0] < 1500 && p[0] != 1000 {
					t.Errorf("B keeps its own vertex %v on the border", p)
				}
			}
			if n := sharedArcs(divs); n != 1 {
				t.Errorf("%d shared arcs, want 1", n)
			}
			meetExactly(t, divs)
		})
	}
}

// A coast facing the neighbour across a channel wider than the snapping
// reach stays where it is.
func TestSnapKeepsChannel(t *testing.T) {
	b := ring(orb.Point{1001, 0}, orb.Point{2000, 0}, orb.Point{2000, 1000}, orb.Point{999, 1000},
		orb.Point{1002, 900}, orb.Point{1600, 700}, orb.Point{1650, 500}, orb.Point{1600, 300}, orb.Point{998, 100})
	divs := [][][]orb.Point{{squareA()}, {b}}
	dcw.Snap(divs, 50)
	if !has(divs[1][0], orb.Point{1600, 700}, orb.Point{1650, 500}, orb.Point{1600, 300}) {
		t.Errorf("the channel coast moved: %v", divs[1][0])
	}
}

func TestSnapEnclave(t *testing.T) {
	outer := ring(orb.Point{0, 0}, orb.Point{3000, 0}, orb.Point{3000, 3000}, orb.Point{0, 3000})
	hole := ring(orb.Point{1000, 1000}, orb.Point{1000, 2000}, orb.Point{2000, 2000}, orb.Point{2000, 1000})
	// The enclave's own copy: other vertices, a few metres off, wound the
	// other way.
	enclave := ring(orb.Point{1003, 998}, orb.Point{1500, 1004}, orb.Point{1999, 1002},
		orb.Point{2002, 2001}, orb.Point{1500, 1996}, orb.Point{998, 1997})
	for _, c := range []struct {
		name  string
		first int // which is processed first: 0 the container, 1 the enclave
	}{{"container first", 0}, {"enclave first", 1}} {
		t.Run(c.name, func(t *testing.T) {
			divs := [][][]orb.Point{{slices.Clone(outer), slices.Clone(hole)}, {slices.Clone(enclave)}}
			if c.first == 1 {
				divs[0], divs[1] = divs[1], divs[0]
			}
			dcw.Snap(divs, 50)
			if c.first == 1 {
				divs[0], divs[1] = divs[1], divs[0]
			}
			h, e := divs[0][1], divs[1][0]
			if len(h) != len(e) || !has(h, e...) {
				t.Errorf("hole %v and enclave %v are not the same ring", h, e)
			}
			mp := shapes(divs)
			if len(mp[0]) != 1 || len(mp[0][0]) != 2 {
				t.Errorf("container nests as %d polygons, want one with a hole", len(mp[0]))
			}
			if n := sharedArcs(divs); n != 1 {
				t.Errorf("%d shared arcs, want 1 (hole = enclave)", n)
			}
			meetExactly(t, divs)
		})
	}
}

// Three divisions meet at (1000, 1000). C draws its south border with
// vertices on both neighbours' borders but none at the junction: left
// alone it would cut the corner and leave a sliver between the three.
func TestSnapTripleJunction(t *testing.T) {
	a := ring(orb.Point{0, 0}, orb.Point{1000, 0}, orb.Point{1000, 500}, orb.Point{1000, 1000},
		orb.Point{500, 1040}, orb.Point{0, 1000})
	b := ring(orb.Point{1004, 3}, orb.Point{2000, 0}, orb.Point{2000, 1000}, orb.Point{1500, 960},
		orb.Point{1003, 1004}, orb.Point{997, 500})
	c := ring(orb.Point{0, 1002}, orb.Point{500, 1043}, orb.Point{800, 1030}, orb.Point{1200, 985},
		orb.Point{1500, 962}, orb.Point{2000, 1003}, orb.Point{2000, 2000}, orb.Point{0, 2000})
	divs := [][][]orb.Point{{a}, {b}, {c}}
	dcw.Snap(divs, 50)
	j := orb.Point{1000, 1000}
	for i, d := range divs {
		if !has(d[0], j) {
			t.Errorf("division %d does not pass through the junction: %v", i, d[0])
		}
	}
	if n := sharedArcs(divs); n != 3 {
		t.Errorf("%d shared arcs, want 3 (A–B, A–C, B–C)", n)
	}
	meetExactly(t, divs)
}

// A country's copy of China's border that strays from the province's by
// more than snapping's reach on the outside still ends up on it; the
// province does not move.
func TestSnapOntoClosesGaps(t *testing.T) {
	province := squareA()
	country := ring(orb.Point{1003, -2}, orb.Point{2000, 0}, orb.Point{2000, 1000}, orb.Point{1002, 1003},
		orb.Point{1001, 950}, orb.Point{1500, 800}, orb.Point{1500, 200}, orb.Point{998, 50})
	divs := [][][]orb.Point{{slices.Clone(province)}, {country}}
	dcw.SnapOnto(divs, 1, 50)
	if !has(divs[1][0], eastEdge...) {
		t.Errorf("the country's west edge %v does not follow the province's %v", divs[1][0], eastEdge)
	}
	for _, p := range province {
		if !slices.Contains(divs[0][0], p) {
			t.Errorf("the province lost %v: %v", p, divs[0][0])
		}
	}
	meetExactly(t, divs)
}
