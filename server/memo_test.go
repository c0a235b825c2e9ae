package server_test

import (
	"bytes"
	"net/http"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/server"
)

// TestRepeatedMapQueries: a map asked for again, by the same query
// string, gets what the first request got (the parsed query is
// remembered), also when many ask at once; a bad query is a 400 every
// time; spelling the same query differently gives the same map.
func TestRepeatedMapQueries(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	type answer struct {
		status                   int
		etag, ctype, disposition string
		body                     []byte
	}
	ask := func(target string, header ...string) answer {
		res, body := get(t, h, target, header...)
		return answer{res.StatusCode, res.Header.Get("ETag"), res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"), body}
	}
	targets := []string{
		"/map.svg",
		"/map.svg?category=footwear",
		"/map.svg?province=CN-GD&lang=zh",
		"/map.svg?lang=zh&province=cn-gd",
		"/map.svg?bbox=112,21,118,26&width=960&height=720",
		"/export.svg?category=toys&title=Toys",
		"/map.svg?category=nonsense",
		"/map.svg?width=12",
	}
	for _, target := range targets {
		first := ask(target)
		var wg sync.WaitGroup
		again := make([]answer, 8)
		for i := range again {
			wg.Go(func() {
				if i%2 == 0 {
					again[i] = ask(target)
				} else {
					again[i] = ask(target, "Accept-Encoding", "gzip")
					again[i].etag = first.etag // the gzip form's tag says so
				}
			})
		}
		wg.Wait()
		for i, a := range again {
			if a.status != first.status || a.etag != first.etag || a.ctype != first.ctype || a.disposition != first.disposition || !bytes.Equal(a.body, first.body) {
				t.Errorf("%s, request %d: status %d, tag %s, %d bytes; the first got %d, %s, %d bytes",
					target, i+2, a.status, a.etag, len(a.body), first.status, first.etag, len(first.body))
			}
		}
		if wantBad := target == "/map.svg?category=nonsense" || target == "/map.svg?width=12"; wantBad != (first.status == http.StatusBadRequest) {
			t.Errorf("%s: status %d", target, first.status)
		}
	}
	a, b := ask(targets[2]), ask(targets[3])
	if a.etag != b.etag || !bytes.Equal(a.body, b.body) {
		t.Errorf("the same query spelt two ways got different maps: %s, %s", a.etag, b.etag)
	}
}

// TestIDsInCapitals: a category or industry written with capitals, and
// any value of a fixed list (lang=ZH), is the same map as the id (category=Footwear and industry=Machinery had
// been refused for their capitals alone, where province=guangdong is
// taken); a word that is no id in any case is still refused.
func TestIDsInCapitals(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range [][2]string{
		{"/map.svg?category=Footwear", "/map.svg?category=footwear"},
		{"/map.svg?industry=MACHINERY&lang=zh", "/map.svg?industry=machinery&lang=zh"},
		{"/api/hubs?category=Toys&category=footwear", "/api/hubs?category=toys&category=footwear"},
		// Every value of a fixed list, as page=A4 had been taken where
		// lang=ZH and edition=CN were refused.
		{"/map.svg?lang=ZH&edition=CN&shade=None&graticule=ON&products=Off&province-names=OFF", "/map.svg?lang=zh&edition=cn&shade=none&graticule=on&products=off&province-names=off"},
	} {
		a, ab := get(t, h, c[0])
		b, bb := get(t, h, c[1])
		if a.StatusCode != http.StatusOK || a.Header.Get("ETag") != b.Header.Get("ETag") || !bytes.Equal(ab, bb) {
			t.Errorf("%s: %d %s; %s: %d %s", c[0], a.StatusCode, a.Header.Get("ETag"), c[1], b.StatusCode, b.Header.Get("ETag"))
		}
	}
	for _, bad := range []string{"category=Shoes", "lang=Zh-CN"} {
		if res, _ := get(t, h, "/map.svg?"+bad); res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
	}
}
