package server

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// openFDs counts the process's open files.
func openFDs(t *testing.T) int {
	t.Helper()
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	return len(es)
}

// getMap fetches target over the network with the given Accept-Encoding
// and returns the SVG, decoded.
func getMap(t *testing.T, c *http.Client, target, coding string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", coding)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d %v", target, res.StatusCode, err)
	}
	if n := res.Header.Get("Content-Length"); n != "" && n != fmt.Sprint(len(body)) {
		t.Errorf("%s: Content-Length %s for %d bytes", target, n, len(body))
	}
	var r io.Reader
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		if r, err = gzip.NewReader(bytes.NewReader(body)); err != nil {
			t.Fatal(err)
		}
	case "deflate":
		r = flate.NewReader(bytes.NewReader(body))
	case "":
		return body
	default:
		t.Fatalf("%s: Content-Encoding %q", target, res.Header.Get("Content-Encoding"))
	}
	svg, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return svg
}

// TestKeptMapsSentFromMemoryFiles: a map asked for again is sent from a
// memory file (with sendfile), identity and gzip alike, byte for byte the
// map drawn for the first request; deflate, left to chi's Compress, and
// HEAD still work.
func TestKeptMapsSentFromMemoryFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("memory files are made on Linux")
	}
	s := newOneSlotServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	c := ts.Client()
	target := ts.URL + "/map.svg?category=footwear"
	first := getMap(t, c, target, "identity")
	if !bytes.HasPrefix(first, []byte("<?xml")) && !bytes.HasPrefix(first, []byte("<svg")) {
		t.Fatalf("not an SVG: %.40q", first)
	}
	if f, _ := s.files.open(); f != 0 {
		t.Fatalf("%d memory files after one request; the map is not kept yet", f)
	}
	for _, coding := range []string{"identity", "gzip", "identity", "gzip", "deflate"} {
		if got := getMap(t, c, target, coding); !bytes.Equal(got, first) {
			t.Fatalf("Accept-Encoding %s: %d bytes differ from the first map's %d", coding, len(got), len(first))
		}
	}
	if f, r := s.files.open(); f != 2 || r < 1 {
		t.Errorf("%d memory files, %d descriptions; want 2 (identity and gzip) and some", f, r)
	}
	res, err := c.Head(target)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if len(body) != 0 || res.Header.Get("Content-Length") != fmt.Sprint(len(first)) {
		t.Errorf("HEAD: %d bytes of body, Content-Length %q", len(body), res.Header.Get("Content-Length"))
	}
	// The download is the same map, sent the same way.
	if got := getMap(t, c, strings.Replace(target, "map.svg", "export.svg", 1), "identity"); !bytes.Equal(got, first) {
		t.Error("export.svg differs from map.svg")
	}
}

// TestBodyFilesUnderChurn: requests at once for more maps than files are
// kept each get their own map whole, while files are made and pushed
// out; afterwards the files and descriptions held are within bounds and
// no file is left open beyond them.
func TestBodyFilesUnderChurn(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("memory files are made on Linux")
	}
	s := newOneSlotServer(t)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer c.CloseIdleConnections()
	before := openFDs(t)

	// Each map is drawn once, then kept on its second request.
	const maps = maxBodyFiles + 8
	want := make([][]byte, maps)
	target := func(i int) string { return fmt.Sprintf("%s/map.svg?width=%d&height=600", ts.URL, 700+i) }
	for i := range maps {
		want[i] = getMap(t, c, target(i), "identity")
		getMap(t, c, target(i), "gzip")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*maps)
	deadline := time.Now().Add(2 * time.Second)
	for w := range 16 {
		wg.Go(func() {
			for i := w; time.Now().Before(deadline); i += 7 {
				m := i % maps
				coding := []string{"identity", "gzip"}[i%2]
				if got := getMap(t, c, target(m), coding); !bytes.Equal(got, want[m]) {
					errs <- fmt.Sprintf("map %d (%s): %d bytes, want %d", m, coding, len(got), len(want[m]))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	files, readers := s.files.open()
	if files > maxBodyFiles || readers > maxBodyReaders || files == 0 {
		t.Errorf("%d files and %d descriptions held; want 1 to %d and at most %d", files, readers, maxBodyFiles, maxBodyReaders)
	}
	c.CloseIdleConnections()
	ts.CloseClientConnections()
	// Connections close asynchronously; what stays open is the files held.
	var leaked int
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if leaked = openFDs(t) - before - files - readers; leaked <= 0 {
			break
		}
	}
	if leaked > 0 {
		t.Errorf("%d files open beyond the %d memory files and %d descriptions held", leaked, files, readers)
	}
}

// TestBodyFilesBounds: descriptions are given out up to maxBodyReaders,
// then refused (the caller writes from the heap); a full set takes a new
// file at most every replaceEvery; a pushed-out file's description is
// closed when it comes back.
func TestBodyFilesBounds(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("memory files are made on Linux")
	}
	b := newBodyFiles()
	body := bytes.Repeat([]byte("x"), minBodyFileBytes)
	now := time.Unix(1e9, 0)
	type held struct {
		f *bodyFile
		d *os.File
	}
	var out []held
	for i := range maxBodyReaders {
		f, d := b.acquire("a", body, now)
		if d == nil {
			t.Fatalf("description %d refused", i+1)
		}
		out = append(out, held{f, d})
	}
	if _, d := b.acquire("a", body, now); d != nil {
		t.Fatalf("description %d given; at most %d", maxBodyReaders+1, maxBodyReaders)
	}
	for _, h := range out {
		b.release(h.f, h.d)
	}
	// Fill the set; one description of "a" stays in use.
	fa, da := b.acquire("a", body, now)
	for i := 1; i < maxBodyFiles; i++ {
		f, d := b.acquire(fmt.Sprint(i), body, now)
		b.release(f, d)
	}
	f, d := b.acquire("new", body, now)
	if d == nil {
		t.Fatal("a full set took no new file")
	}
	b.release(f, d)
	if _, ok := b.items["a"]; ok {
		t.Fatal(`"a", sent least lately, was not pushed out`)
	}
	if f, d := b.acquire("newer", body, now.Add(replaceEvery-1)); d != nil || f != nil {
		t.Fatalf("a full set took a second new file within %v", replaceEvery)
	}
	f, d = b.acquire("newer", body, now.Add(replaceEvery))
	if d == nil {
		t.Fatalf("a full set took no new file %v after the last", replaceEvery)
	}
	b.release(f, d)
	files, readers := b.open()
	b.release(fa, da)
	if _, r := b.open(); r != readers-1 || files != maxBodyFiles {
		t.Errorf("%d files; descriptions %d, then %d after the pushed-out file's came back; want %d files and one fewer", files, readers, r, maxBodyFiles)
	}
	if _, err := da.Stat(); err == nil {
		t.Error("the pushed-out file's description is still open")
	}
	// send reads the file through the writer's ReadFrom; bytes.Buffer has
	// one (it reads, where a connection would sendfile).
	var buf bytes.Buffer
	if !b.send(&buf, "1", body) || !bytes.Equal(buf.Bytes(), body) {
		t.Errorf("send of a kept body: %d bytes sent of %d", buf.Len(), len(body))
	}
	buf.Reset()
	if b.send(&buf, "small", body[:minBodyFileBytes-1]) || buf.Len() != 0 {
		t.Error("send took a body under minBodyFileBytes")
	}
}
