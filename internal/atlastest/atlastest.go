// Package atlastest loads the embedded atlas once for the tests of every
// package: loading takes a tenth of a second and the atlas is read-only.
package atlastest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

var (
	once  sync.Once
	atlas *geo.Atlas
	err   error
)

// Embedded returns the atlas of the embedded data files, failing t if it
// does not load.
func Embedded(t testing.TB) *geo.Atlas {
	t.Helper()
	once.Do(func() {
		atlas, err = geo.Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories)
		if err == nil {
			atlas.Context, err = geo.LoadContext(assets.FS, assets.Context, assets.SouthChinaSea)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return atlas
}

// root is the repository's top directory, found from this file's path.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// ExamplePath returns the path of a file of examples/.
func ExamplePath(name string) string { return filepath.Join(root(), "examples", name) }

// SuppliersCSV returns a supplier list of n rows in the columns of
// examples/suppliers.csv: its 5,000 synthetic factories repeated under new
// ids (the same places, so that every row stays inside its province).
func SuppliersCSV(t testing.TB, n int) []byte {
	t.Helper()
	data, err := os.ReadFile(ExamplePath("suppliers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.Write(recs[0])
	rows := recs[1:]
	for i := range n {
		rec := slices.Clone(rows[i%len(rows)])
		rec[0] = fmt.Sprintf("x%06d", i+1)
		if i >= len(rows) {
			rec[1] = fmt.Sprintf("%s (%d)", rec[1], i/len(rows)+1) // names made into ids stay unique
		}
		w.Write(rec)
	}
	w.Flush()
	return out.Bytes()
}

var (
	largeOnce  sync.Once
	large      *geo.Atlas
	largeError error
)

// Large returns an atlas of the embedded boundaries with 50,000 hubs (see
// SuppliersCSV) and the categories of examples/categories.yaml, loaded
// once.
func Large(t testing.TB) *geo.Atlas {
	t.Helper()
	largeOnce.Do(func() {
		b := Embedded(t).Boundaries
		cat, err := exampleCatalog()
		if err != nil {
			largeError = err
			return
		}
		hf, err := geo.ParseHubFile("suppliers.csv", SuppliersCSV(t, 50_000), geo.HubOptions{})
		if err != nil {
			largeError = err
			return
		}
		large, largeError = geo.NewAtlas(b, hf, cat, nil)
		if largeError == nil {
			large.Context = Embedded(t).Context
		}
	})
	if largeError != nil {
		t.Fatal(largeError)
	}
	return large
}

// exampleCatalog reads examples/categories.yaml.
func exampleCatalog() (*geo.Catalog, error) {
	cdata, err := os.ReadFile(ExamplePath("categories.yaml"))
	if err != nil {
		return nil, err
	}
	return geo.ParseCatalog("categories.yaml", cdata, geo.Limits{})
}

// Catalog returns the categories of examples/categories.yaml.
func Catalog(t testing.TB) *geo.Catalog {
	t.Helper()
	cat, err := exampleCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// Example returns an atlas of the embedded boundaries and context with
// the hubs of examples/name (suppliers.csv, suppliers.yaml…) and the
// categories of examples/categories.yaml.
func Example(t testing.TB, name string) *geo.Atlas {
	t.Helper()
	data, err := os.ReadFile(ExamplePath(name))
	if err != nil {
		t.Fatal(err)
	}
	hf, err := geo.ParseHubFile(name, data, geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	emb := Embedded(t)
	a, err := geo.NewAtlas(emb.Boundaries, hf, Catalog(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	a.Context = emb.Context
	return a
}
