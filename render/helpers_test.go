package render_test

import (
	"bytes"
	"compress/gzip"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

var (
	atlasOnce sync.Once
	theAtlas  *geo.Atlas
	atlasErr  error
)

func atlas(t testing.TB) *geo.Atlas {
	t.Helper()
	atlasOnce.Do(func() { theAtlas, atlasErr = geo.Load(assets.FS, assets.Boundaries, assets.Hubs) })
	if atlasErr != nil {
		t.Fatal(atlasErr)
	}
	return theAtlas
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}
