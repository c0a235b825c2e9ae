package server_test

import (
	"fmt"
	"math/rand/v2"
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

// BenchmarkMapZoom asks for maps of random windows 2° to 20° wide in
// China, gzipped, as the load test's zoom phase does: each its own view,
// none cached.
func BenchmarkMapZoom(b *testing.B) {
	h := newServer(b, server.Options{}).Handler()
	rng := rand.New(rand.NewPCG(1, 2))
	total, n := 0, 0
	for b.Loop() {
		w := 2 + 18*rng.Float64()
		hgt := w * (0.5 + 0.5*rng.Float64())
		west := 73 + (135-73-w)*rng.Float64()
		south := 18 + (54-18-hgt)*rng.Float64()
		req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/map.svg?bbox=%.3f,%.3f,%.3f,%.3f", west, south, west+w, south+hgt), nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code, rec.Body.String())
		}
		total += rec.Body.Len()
		n++
	}
	b.ReportMetric(float64(total)/float64(n), "gzip-bytes")
}
