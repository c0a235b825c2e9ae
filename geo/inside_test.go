package geo

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// TestInsideIsTheRayTest: Inside answers as RingContains, the ray test
// over every edge, does for random rings (open and closed, with horizontal runs and
// repeated points, a few with a NaN) and points in and around their
// boxes, vertices and edges included, one Inside reused for all.
func TestInsideIsTheRayTest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var in Inside
	for n := range 400 {
		r := make([]orb.Point, 3+rng.IntN(200))
		p := orb.Point{rng.Float64() * 100, rng.Float64() * 100}
		for i := range r {
			switch rng.IntN(6) {
			case 0: // a horizontal edge
				p[0] += rng.NormFloat64() * 10
			case 1: // a repeated point
			default:
				p = orb.Point{p[0] + rng.NormFloat64()*10, p[1] + rng.NormFloat64()*10}
			}
			r[i] = p
		}
		if n%2 == 0 {
			r = append(r, r[0])
		}
		if n%25 == 1 { // a coordinate that is not a number: no bands
			r[rng.IntN(len(r))][rng.IntN(2)] = math.NaN()
		}
		in.Reset(orb.Polygon{r})
		b := orb.Ring(r).Bound().Pad(5)
		for k := range 300 {
			q := orb.Point{b.Min[0] + rng.Float64()*(b.Max[0]-b.Min[0]), b.Min[1] + rng.Float64()*(b.Max[1]-b.Min[1])}
			switch k % 5 {
			case 0:
				q = r[rng.IntN(len(r))]
			case 1:
				a, c := r[rng.IntN(len(r))], r[rng.IntN(len(r))]
				q = orb.Point{(a[0] + c[0]) / 2, a[1]}
			}
			if got, want := in.Contains(q), RingContains(r, q); got != want {
				t.Fatalf("ring %d (%d points), point %v: Contains %v, the ray test %v", n, len(r), q, got, want)
			}
		}
	}
	in.Reset(nil)
	if in.Contains(orb.Point{1, 1}) {
		t.Error("an empty polygon contains a point")
	}
}
