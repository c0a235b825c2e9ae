package geo

import (
	"runtime"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/paulmach/orb"
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
