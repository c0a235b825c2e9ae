package server_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hubatlas/hubatlas/server"
)

// BenchmarkMapUncached asks for a different map each time (the cache is
// off), with and without gzip: the full cost of a render served over HTTP.
func BenchmarkMapUncached(b *testing.B) {
	for _, enc := range []string{"", "gzip"} {
		b.Run("encoding="+enc, func(b *testing.B) {
			h := newServer(b, server.Options{CacheEntries: -1}).Handler()
			i := 0
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/map.svg?width=%d&height=720", 900+i%100), nil)
				if enc != "" {
					req.Header.Set("Accept-Encoding", enc)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
				i++
			}
		})
	}
}

// BenchmarkMapCached asks for the same map: a cache hit.
func BenchmarkMapCached(b *testing.B) {
	h := newServer(b, server.Options{}).Handler()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/map.svg?category=footwear", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
}
