package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// newOneSlotServer is a server that draws one map at a time.
func newOneSlotServer(t testing.TB) *Server {
	t.Helper()
	web, err := fs.Sub(assets.FS, assets.Web)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(atlastest.Embedded(t), web, Options{CacheEntries: 64, Renders: 1})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// waitersOf is how many requests wait for the drawing of key, -1 when
// none is under way.
func waitersOf(s *Server, key string) int {
	d := &s.state.Load().draws
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.calls[key]; ok {
		return c.waiters
	}
	return -1
}

func waitUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// fetchMap asks h for target, with gzip or not, and returns the status
// and the SVG.
func fetchMap(ctx context.Context, h http.Handler, target string, gz bool) (int, []byte) {
	req := httptest.NewRequest(http.MethodGet, target, nil).WithContext(ctx)
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.Bytes()
	if rec.Header().Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return 0, nil
		}
		body, _ = io.ReadAll(zr)
	}
	return rec.Code, body
}

const drawnAtOnce = "/map.svg?width=700&height=500"

// TestOneDrawingForRequestsAtOnce: requests for a map that is being
// drawn wait for that drawing, and each gets the whole map, with gzip or
// without whatever the drawing's own request asked; the map is then
// kept, for it was asked for more than once.
func TestOneDrawingForRequestsAtOnce(t *testing.T) {
	s := newOneSlotServer(t)
	h := s.Handler()
	key := s.state.Load().atlasKey(t, drawnAtOnce)
	s.drawing <- struct{}{} // the only slot: the first request waits for it
	const n = 12
	codes, bodies := make([]int, n), make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { codes[i], bodies[i] = fetchMap(t.Context(), h, drawnAtOnce, i%2 == 1) })
	}
	waitUntil(t, "all but one wait for the drawing", func() bool { return waitersOf(s, key) == n-1 })
	<-s.drawing
	wg.Wait()
	checkSameMap(t, codes, bodies)
	st := s.state.Load()
	if st.cache.drawnMaps() != 1 {
		t.Errorf("%d requests at once drew the map %d times, want 1", n, st.cache.drawnMaps())
	}
	if _, ok := st.cache.get(key); !ok {
		t.Error("a map asked for by several requests was not kept")
	}
	if waitersOf(s, key) != -1 {
		t.Error("the drawing is still listed")
	}
}

// TestWaitersDrawWhenTheDrawingFails: when the request a drawing is for
// goes away before it is drawn, those that waited for it still get the
// map, drawn once.
func TestWaitersDrawWhenTheDrawingFails(t *testing.T) {
	s := newOneSlotServer(t)
	h := s.Handler()
	key := s.state.Load().atlasKey(t, drawnAtOnce)
	s.drawing <- struct{}{}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	wg.Go(func() { fetchMap(ctx, h, drawnAtOnce, false) })
	waitUntil(t, "the first request draws", func() bool { return waitersOf(s, key) == 0 })
	const n = 3
	codes, bodies := make([]int, n), make([][]byte, n)
	for i := range n {
		wg.Go(func() { codes[i], bodies[i] = fetchMap(t.Context(), h, drawnAtOnce, false) })
	}
	waitUntil(t, "the others wait for it", func() bool { return waitersOf(s, key) == n })
	cancel()
	waitUntil(t, "one of the others draws and the rest wait", func() bool { return waitersOf(s, key) == n-1 })
	<-s.drawing
	wg.Wait()
	checkSameMap(t, codes, bodies)
	if d := s.state.Load().cache.drawnMaps(); d != 1 {
		t.Errorf("drawn %d times, want 1", d)
	}
}

// atlasKey is the cache key of the map target asks for.
func (st *state) atlasKey(t *testing.T, target string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	s := &Server{}
	q, bad := s.parseQuery(st.atlas, req.URL.RawQuery)
	if bad != nil {
		t.Fatal(bad.Msg)
	}
	return q.key()
}

// TestWaiterWhoLeavesIsCountedOut: a map drawn while the only request
// that waited for it went away is not kept on its account (an SVG map
// is kept on its second drawing, or when shared).
func TestWaiterWhoLeavesIsCountedOut(t *testing.T) {
	s := newOneSlotServer(t)
	h := s.Handler()
	key := s.state.Load().atlasKey(t, drawnAtOnce)
	s.drawing <- struct{}{}
	var wg sync.WaitGroup
	wg.Go(func() { fetchMap(t.Context(), h, drawnAtOnce, false) })
	waitUntil(t, "the first request draws", func() bool { return waitersOf(s, key) == 0 })
	ctx, cancel := context.WithCancel(t.Context())
	wg.Go(func() { fetchMap(ctx, h, drawnAtOnce, false) })
	waitUntil(t, "the second waits", func() bool { return waitersOf(s, key) == 1 })
	cancel()
	waitUntil(t, "the second is counted out", func() bool { return waitersOf(s, key) == 0 })
	<-s.drawing
	wg.Wait()
	if _, ok := s.state.Load().cache.get(key); ok {
		t.Error("a map drawn once, for one request, was kept")
	}
}

// checkSameMap fails unless every response is a 200 with the same SVG.
func checkSameMap(t *testing.T, codes []int, bodies [][]byte) {
	t.Helper()
	for i := range codes {
		if codes[i] != http.StatusOK || !bytes.Contains(bodies[i], []byte("<svg")) || !bytes.Equal(bodies[i], bodies[0]) {
			t.Errorf("request %d: %d, %d bytes, not the map the others got", i, codes[i], len(bodies[i]))
		}
	}
}
