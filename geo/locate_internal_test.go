package geo

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The index of edges is held weakly between placements: a collection
// takes it, and the next question builds it again with the same answers.
func TestLocatorIsRebuiltAfterCollection(t *testing.T) {
	a, err := Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories)
	if err != nil {
		t.Fatal(err)
	}
	guangzhou, lhasa := orb.Point{113.26, 23.13}, orb.Point{91.11, 29.65}
	before := [2]string{a.Divisions[a.DivisionAt(guangzhou)].Code, a.Divisions[a.DivisionAt(lhasa)].Code}
	runtime.GC()
	runtime.GC()
	if a.heldLocator() != nil {
		t.Fatal("the index of edges outlived two collections with nothing holding it")
	}
	after := [2]string{a.Divisions[a.DivisionAt(guangzhou)].Code, a.Divisions[a.DivisionAt(lhasa)].Code}
	if before != after || before != [2]string{"CN-GD", "CN-XZ"} {
		t.Errorf("divisions before and after a rebuild: %v, %v; want CN-GD, CN-XZ both times", before, after)
	}
}

// TestLocatorConcurrent: placements at once, while collections take
// the index and placements build it again, all get the same answers.
func TestLocatorConcurrent(t *testing.T) {
	a, err := Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories)
	if err != nil {
		t.Fatal(err)
	}
	var pts []orb.Point
	for lon := 74.0; lon < 134; lon += 3.7 {
		for lat := 19.0; lat < 53; lat += 2.9 {
			pts = append(pts, orb.Point{lon, lat})
		}
	}
	want := make([]int, len(pts))
	for i, p := range pts {
		want[i] = a.DivisionAt(p)
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for round := range 4 {
				if (g+round)%3 == 0 {
					runtime.GC()
				}
				for i, p := range pts {
					if got := a.DivisionAt(p); got != want[i] {
						t.Errorf("%v: division %d, then %d", p, want[i], got)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestLocatorOfLongEdges: a star of long spikes gets fewer bands and
// cells than the full sizes (its edges would each be listed in hundreds
// of bands and flag thousands of cells), and still finds the division
// a ray cast over every edge finds.
func TestLocatorOfLongEdges(t *testing.T) {
	const spikes = 3000
	var r orb.Ring
	for i := range 2 * spikes {
		a := float64(i) * math.Pi / spikes
		rad := 10.0
		if i%2 == 1 {
			rad = 0.3
		}
		r = append(r, orb.Point{105 + rad*math.Cos(a), 35 + rad*math.Sin(a)})
	}
	r = append(r, r[0])
	divs := []Division{{Shape: orb.MultiPolygon{{r}}, Bound: r.Bound()}}
	bands, cells := locatorSize(divs, r.Bound())
	if bands >= locatorBands || cells >= locatorCells {
		t.Errorf("%d bands, %d cells a side for %d long edges", bands, cells, len(r)-1)
	}
	l := newLocator(divs)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		p := orb.Point{94 + 22*rng.Float64(), 24 + 22*rng.Float64()}
		want := -1
		if planar.RingContains(r, p) {
			want = 0
		}
		if got := l.find(p); got != want {
			t.Fatalf("%v: division %d, want %d", p, got, want)
		}
	}
}
