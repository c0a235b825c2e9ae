package geo_test

import (
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

// BenchmarkLoad loads the embedded atlas: parse and validate both files,
// project, build the shared-arc topology and its simplification weights.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := geo.Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSelect(b *testing.B) {
	a := embedded(b)
	f := geo.Filter{Query: "backpack"}
	for b.Loop() {
		a.Select(f)
	}
}
