package server_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/hubatlas/hubatlas/server"
)

// discardWriter is a ResponseWriter that keeps nothing but the header.
type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(int)             {}

// BenchmarkCachedChain is what the handler chain (middleware, query
// memo, cache, ETag, headers) costs for a cached map without gzip, with
// the body written nowhere: the part of serving it that is hubatlas's
// own, besides net/http and the kernel (bench/README.md).
func BenchmarkCachedChain(b *testing.B) {
	h := newServer(b, server.Options{}).Handler()
	u, _ := url.Parse("/map.svg?category=footwear")
	req := &http.Request{Method: http.MethodGet, URL: u, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}, RemoteAddr: "127.0.0.1:1", Host: "x", RequestURI: u.String()}
	for range 2 {
		req.Header = http.Header{"Accept-Encoding": {"identity"}}
		h.ServeHTTP(&discardWriter{h: http.Header{}}, req)
	}
	b.ReportAllocs()
	for b.Loop() {
		req.Header = http.Header{"Accept-Encoding": {"identity"}}
		h.ServeHTTP(&discardWriter{h: http.Header{}}, req.WithContext(b.Context()))
	}
}
