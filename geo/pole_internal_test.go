package geo

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestBandsOfTallEdges: a comb whose teeth span the polygon's whole
// height lists each edge in few bands (at most 8 entries an edge in
// all), and the side found from the bands is the side of a ray cast
// over every edge.
func TestBandsOfTallEdges(t *testing.T) {
	const teeth = 5000
	var r orb.Ring
	for i := range teeth {
		x := float64(i) * 2
		r = append(r, orb.Point{x, 0}, orb.Point{x + 1, 100}, orb.Point{x + 1.5, 100}, orb.Point{x + 1.7, 1})
	}
	r = append(r, orb.Point{2 * teeth, -5}, orb.Point{0, -5}, r[0])
	p := orb.Polygon{r}
	e := &edgeIndex{}
	e.reset(p, r.Bound(), new([]int32))
	if n := len(e.bands.items); n > 9*len(r) {
		t.Errorf("%d entries in the bands for %d edges", n, len(r))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		pt := orb.Point{rng.Float64()*(2*teeth+20) - 10, rng.Float64()*120 - 10}
		in := false
		for i := range r {
			j := (i + len(r) - 1) % len(r)
			a, c := r[i], r[j]
			if (a[1] > pt[1]) != (c[1] > pt[1]) && pt[0] < (c[0]-a[0])*(pt[1]-a[1])/(c[1]-a[1])+a[0] {
				in = !in
			}
		}
		if got := e.inside(pt); got != in {
			t.Fatalf("%v: inside %v, a ray over every edge says %v", pt, got, in)
		}
	}
}
