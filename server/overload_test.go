package server_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/server"
)

// slowExport is a render that takes most of a second here: an A4 PNG at
// 300 dpi (0.7 to 1.7 s measured on the 2-core machine), each title a
// map of its own, so none comes from the cache.
func slowExport(i int) string { return fmt.Sprintf("/export.png?page=a4&dpi=300&title=busy%d", i) }

type outcome struct {
	status     int
	retryAfter string
	reason     string
	header     http.Header
	took       time.Duration
}

// burst sends n slow exports at once and returns how each went.
func burst(t *testing.T, h http.Handler, n int) []outcome {
	t.Helper()
	out := make([]outcome, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, slowExport(i), nil))
			var body struct{ Reason string }
			if rec.Code != http.StatusOK {
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
					t.Errorf("%d: not JSON: %q", rec.Code, rec.Body.String())
				}
			}
			out[i] = outcome{rec.Code, rec.Header().Get("Retry-After"), body.Reason, rec.Header(), time.Since(start)}
		})
	}
	wg.Wait()
	return out
}

// check counts the outcomes: ok 200s and busy 503s with Retry-After: 1
// and the reason (and no download name or ETag: the body is an error),
// every 503 answered before the first 200 was done.
func check(t *testing.T, out []outcome, ok, busy int, reason string) {
	t.Helper()
	var oks, busies int
	firstOK, lastBusy := time.Duration(1<<62), time.Duration(0)
	for _, o := range out {
		switch o.status {
		case http.StatusOK:
			oks++
			firstOK = min(firstOK, o.took)
		case http.StatusServiceUnavailable:
			busies++
			lastBusy = max(lastBusy, o.took)
			if o.retryAfter != "1" || o.reason != reason {
				t.Errorf("503 with Retry-After %q, reason %q; want 1 and %s", o.retryAfter, o.reason, reason)
			}
			if d, tag := o.header.Get("Content-Disposition"), o.header.Get("ETag"); d != "" || tag != "" {
				t.Errorf("503 named as a download (%q) or tagged (%q)", d, tag)
			}
		default:
			t.Errorf("status %d", o.status)
		}
	}
	t.Logf("%d answered 200 (the first after %v), %d answered 503 (the last after %v)", oks, firstOK, busies, lastBusy)
	if oks != ok || busies != busy {
		t.Errorf("%d × 200 and %d × 503; want %d and %d", oks, busies, ok, busy)
	}
	if busies > 0 && lastBusy >= firstOK {
		t.Errorf("the last 503 took %v, the first map %v: refusals must not wait for renders", lastBusy, firstOK)
	}
}

// TestOverloadQueueFull: with every drawing slot taken and the queue
// full, a render is refused at once with 503 and Retry-After, while the
// admitted ones complete.
func TestOverloadQueueFull(t *testing.T) {
	h := newServer(t, server.Options{Renders: 1, MaxQueue: 1, QueueTimeout: time.Minute}).Handler()
	check(t, burst(t, h, 6), 2, 4, "queue_full")
}

// TestOverloadQueueTimeout: a render that waits longer than the queue
// allows is refused with 503 and Retry-After after that wait, not after
// the renders before it.
func TestOverloadQueueTimeout(t *testing.T) {
	h := newServer(t, server.Options{Renders: 1, MaxQueue: 10, QueueTimeout: 100 * time.Millisecond}).Handler()
	out := burst(t, h, 3)
	check(t, out, 1, 2, "queue_timeout")
	for _, o := range out {
		if o.status == http.StatusServiceUnavailable && o.took < 100*time.Millisecond {
			t.Errorf("refused after %v, before the queue timeout", o.took)
		}
	}
}

// TestOverloadPageAndView: the page and /api/view wait in the same
// bounded queue as the maps, and a busy page says so in HTML.
func TestOverloadPageAndView(t *testing.T) {
	h := newServer(t, server.Options{Renders: 1, MaxQueue: 1, QueueTimeout: time.Minute}).Handler()
	// Two slow exports take the slot and the queue.
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, slowExport(100+i), nil))
		})
	}
	time.Sleep(100 * time.Millisecond)
	for _, c := range []struct{ path, typ string }{
		{"/?category=footwear&lang=zh", "text/html; charset=utf-8"},
		{"/api/view?width=701&height=501&category=toys", "application/json; charset=utf-8"},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != "1" || rec.Header().Get("Content-Type") != c.typ {
			t.Errorf("%s while busy: %d, Retry-After %q, %s", c.path, rec.Code, rec.Header().Get("Retry-After"), rec.Header().Get("Content-Type"))
		}
	}
	wg.Wait()
}

// TestOverloadSortedLists: a long list sorted by a column of text waits
// in the drawing slots' bounded queue, as a map does, and is refused with
// 503 and Retry-After when it is full; lists by rank, and short ones, do
// not wait. Sorting a preview's 50,000 hubs by their texts had taken any
// number of cores at once.
func TestOverloadSortedLists(t *testing.T) {
	web, err := fs.Sub(assets.FS, assets.Web)
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(atlastest.Large(t), web, server.Options{Renders: 1, MaxQueue: 1, QueueTimeout: time.Minute, CacheEntries: 64, MaxAge: 300})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, slowExport(200+i), nil))
		})
	}
	time.Sleep(100 * time.Millisecond)
	for _, c := range []struct {
		path string
		want int
	}{
		{"/api/hubs?sort=name&limit=10", http.StatusServiceUnavailable},
		{"/download.csv?sort=-products", http.StatusServiceUnavailable},
		{"/api/hubs?sort=-rank&limit=10", http.StatusOK},
		{"/api/hubs?sort=name&limit=10&province=CN-XZ", http.StatusOK},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		if rec.Code != c.want || c.want != http.StatusOK && (rec.Header().Get("Retry-After") != "1" || rec.Header().Get("Content-Disposition") != "") {
			t.Errorf("%s while busy: %d (want %d), Retry-After %q, Content-Disposition %q", c.path, rec.Code, c.want, rec.Header().Get("Retry-After"), rec.Header().Get("Content-Disposition"))
		}
	}
	wg.Wait()
}
