// Package atlastest loads the embedded atlas once for the tests of every
// package: loading takes a tenth of a second and the atlas is read-only.
package atlastest

import (
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
	once.Do(func() { atlas, err = geo.Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories) })
	if err != nil {
		t.Fatal(err)
	}
	return atlas
}
