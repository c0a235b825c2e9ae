package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/server"
)

// TestAcceptEncoding: the content coding follows RFC 9110 §12.5.3 on
// every route, whoever compresses (the map handler's own gzip, chi's
// Compress for the rest): q=0 refuses a coding whatever the case of q,
// its spaces or its zeros; identity;q=0 and *;q=0 refuse the unencoded
// form, yet when nothing listed is available the answer goes unencoded
// rather than as a 406; the ETag names the coding sent.
func TestAcceptEncoding(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	routes := []string{"/map.svg?category=toys", "/api/hubs?category=toys", "/api/categories", "/", "/static/app.js"}
	for _, c := range []struct{ accept, want string }{
		{"gzip;Q=0", ""},
		{"gzip;q=0", ""},
		{"gzip; q=0.0", ""},
		{"gzip;q=0.000", ""},
		{"gzip ;  Q=0.000 , deflate;q=0", ""},
		{"GZIP;Q=0, identity", ""},
		{"gzip;q=0, deflate", "deflate"},
		{"gzip;level=9;q=0", ""},
		{"gzip;q=0.001", "gzip"},
		{"GZip", "gzip"},
		{"x-gzip", "gzip"},
		{"deflate, gzip", "gzip"},
		{"deflate, gzip;q=0.5", "deflate"},
		{"gzip;q=0.5, identity", ""},
		{"br, gzip;q=0.8", "gzip"},
		{"*", "gzip"},
		{"*;q=0", ""},
		{"*;q=0, gzip", "gzip"},
		{"*;q=0, identity", ""},
		{"identity;q=0", ""},
		{"identity;q=0, gzip", "gzip"},
		{"identity;q=0, *", "gzip"},
		{"gzip;q=1.5", ""},
		{"gzip;q=abc", ""},
		{"gzip;q=0.0001", ""},
		{"", ""},
	} {
		for _, route := range routes {
			res, _ := get(t, h, route, "Accept-Encoding", c.accept)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s with %q: status %d", route, c.accept, res.StatusCode)
			}
			if got := res.Header.Get("Content-Encoding"); got != c.want {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, want %q", route, c.accept, got, c.want)
			}
			tag := strings.Trim(res.Header.Get("ETag"), `"`)
			coded := strings.HasSuffix(tag, "-gzip") || strings.HasSuffix(tag, "-deflate")
			if tag != "" && coded != (c.want != "") {
				t.Errorf("%s with Accept-Encoding %q: ETag %s for coding %q", route, c.accept, tag, c.want)
			}
		}
	}
}
