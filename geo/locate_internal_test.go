package geo

import (
	"runtime"
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
	if a.loc.Value() != nil {
		t.Fatal("the index of edges outlived two collections with nothing holding it")
	}
	after := [2]string{a.Divisions[a.DivisionAt(guangzhou)].Code, a.Divisions[a.DivisionAt(lhasa)].Code}
	if before != after || before != [2]string{"CN-GD", "CN-XZ"} {
		t.Errorf("divisions before and after a rebuild: %v, %v; want CN-GD, CN-XZ both times", before, after)
	}
}
