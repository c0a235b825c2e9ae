package geo_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
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

// BenchmarkLoad50k reads and checks a supplier list of 50,000 rows (CSV)
// against the embedded boundaries, with a categories file: parse,
// classify, place every point in its province, build the search index.
// The boundaries are loaded once, outside the loop, as a reload of the
// hubs alone does.
func BenchmarkLoad50k(b *testing.B) {
	data := atlastest.SuppliersCSV(b, 50_000)
	bnd := embedded(b).Boundaries
	cdata, err := os.ReadFile(atlastest.ExamplePath("categories.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		cat, err := geo.ParseCatalog("categories.yaml", cdata, geo.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		hf, err := geo.ParseHubFile("suppliers.csv", data, geo.HubOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := geo.NewAtlas(bnd, hf, cat, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelect50k filters 50,000 hubs by category, by a search for a
// category and by a search for a product.
func BenchmarkSelect50k(b *testing.B) {
	a := atlastest.Large(b)
	for _, f := range []geo.Filter{{Categories: []string{"toys"}}, {Query: "toys"}, {Query: "backpack"}} {
		b.Run(fmt.Sprint(f), func(b *testing.B) {
			for b.Loop() {
				a.Select(f)
			}
		})
	}
}
