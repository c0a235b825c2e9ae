package server

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// skipWithoutMemFiles skips a test of memory files where none are made.
func skipWithoutMemFiles(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("memory files are made on Linux")
	}
}

// memFileServer is a server on loopback, on a system with memory files.
func memFileServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	skipWithoutMemFiles(t)
	s := newOneSlotServer(t)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// noFileServer is a server on loopback that makes no memory files, as on
// a system without them: kept maps are written from memory.
func noFileServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s := newOneSlotServer(t)
	s.files.off.Store(true)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

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
func getMap(c *http.Client, target, coding string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", coding)
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %v", target, res.StatusCode, err)
	}
	var r io.Reader
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		if r, err = gzip.NewReader(bytes.NewReader(body)); err != nil {
			return nil, err
		}
	case "deflate": // the zlib format (RFC 9110 8.4.1.2)
		if r, err = zlib.NewReader(bytes.NewReader(body)); err != nil {
			return nil, err
		}
	case "":
		return body, nil
	default:
		return nil, fmt.Errorf("%s: Content-Encoding %q", target, res.Header.Get("Content-Encoding"))
	}
	return io.ReadAll(r)
}

func mustGetMap(t *testing.T, c *http.Client, target, coding string) []byte {
	t.Helper()
	b, err := getMap(c, target, coding)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestKeptMapsSentFromMemoryFiles: a map asked for again is sent from a
// memory file (with sendfile), identity and gzip alike, byte for byte the
// map drawn for the first request; deflate, left to chi's Compress, and
// HEAD still work.
func TestKeptMapsSentFromMemoryFiles(t *testing.T) {
	s, ts := memFileServer(t)
	c := ts.Client()
	target := ts.URL + "/map.svg?category=footwear"
	first := mustGetMap(t, c, target, "identity")
	if !bytes.HasPrefix(first, []byte("<?xml")) && !bytes.HasPrefix(first, []byte("<svg")) {
		t.Fatalf("not an SVG: %.40q", first)
	}
	if f, _ := s.files.open(); f != 0 {
		t.Fatalf("%d memory files after one request; the map is not kept yet", f)
	}
	for _, coding := range []string{"identity", "gzip", "identity", "gzip", "deflate"} {
		if got := mustGetMap(t, c, target, coding); !bytes.Equal(got, first) {
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
	if got := mustGetMap(t, c, strings.Replace(target, "map.svg", "export.svg", 1), "identity"); !bytes.Equal(got, first) {
		t.Error("export.svg differs from map.svg")
	}
}

// TestKeptMapsHoldTheirGzipOnly: the cache holds a kept SVG map as gzip
// and its first bytes, a third of the SVG, and counts only that; without
// memory files, a client that takes no gzip gets the map unpacked, byte
// for byte the map first drawn, as HEAD, the download and the page do.
func TestKeptMapsHoldTheirGzipOnly(t *testing.T) {
	s, ts := noFileServer(t)
	c := ts.Client()
	target := ts.URL + "/map.svg?category=footwear"
	first := mustGetMap(t, c, target, "identity")
	for _, coding := range []string{"identity", "gzip", "identity", "deflate"} {
		if got := mustGetMap(t, c, target, coding); !bytes.Equal(got, first) {
			t.Fatalf("Accept-Encoding %s: %d bytes differ from the first map's %d", coding, len(got), len(first))
		}
	}
	st := s.state.Load()
	var kept *rendered
	for _, e := range st.cache.items {
		kept = e.Value.(*cacheEntry).page
	}
	if len(st.cache.items) != 1 || kept == nil {
		t.Fatalf("%d maps kept; want the one asked for again", len(st.cache.items))
	}
	if kept.svg != nil || kept.buf != nil || len(kept.gz) == 0 || len(kept.gz) > len(first)/2 || !bytes.Equal(kept.head, first[:sniffLen]) {
		t.Errorf("kept: %d bytes of SVG, %d of gzip, head %.20q; want only the gzip form (under half the map's %d) and its first %d bytes",
			len(kept.svg), len(kept.gz), kept.head, len(first), sniffLen)
	}
	if got, want := cost(kept), len(kept.gz)+sniffLen; got != want || st.cache.bytes != want {
		t.Errorf("cost %d, cache bytes %d; want %d", got, st.cache.bytes, want)
	}
	res, err := c.Head(target)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Content-Length") != fmt.Sprint(len(first)) {
		t.Errorf("HEAD: Content-Length %q; want %d", res.Header.Get("Content-Length"), len(first))
	}
	if got := mustGetMap(t, c, strings.Replace(target, "map.svg", "export.svg", 1), "identity"); !bytes.Equal(got, first) {
		t.Error("export.svg differs from map.svg")
	}
	// The page draws its map at its own size: kept from its second
	// drawing on, and inlined whole from the gzip form after that.
	page := ts.URL + "/?category=footwear&width=1000&height=750"
	pageMap := mustGetMap(t, c, ts.URL+"/map.svg?category=footwear&width=1000&height=750", "identity")
	for range 2 {
		body := mustGetMap(t, c, page+"&lang=en", "identity")
		if !bytes.Contains(body, pageMap[bytes.Index(pageMap, []byte("<svg")):]) {
			t.Fatal("the page does not hold its map whole")
		}
		page += "&x=1"
	}
}

// TestAFailedUnpackAnswersAWhole500: a kept map whose gzip form does not
// unpack to its length (a bug, made here by hand) answers 500 with the
// error's own body and length, not the map's Content-Length over a short
// body (which a client reads as a broken connection).
func TestAFailedUnpackAnswersAWhole500(t *testing.T) {
	s, ts := noFileServer(t)
	c := ts.Client()
	target := ts.URL + "/export.svg?category=footwear"
	mustGetMap(t, c, target, "identity")
	mustGetMap(t, c, target, "identity")
	st := s.state.Load()
	for _, e := range st.cache.items {
		e.Value.(*cacheEntry).page.plainLen++
	}
	req, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d, body %.80q, read: %v; want 500 read whole", res.StatusCode, body, err)
	}
	if cl := res.Header.Get("Content-Length"); cl != "" && cl != fmt.Sprint(len(body)) {
		t.Errorf("Content-Length %s over a body of %d bytes", cl, len(body))
	}
	if cd := res.Header.Get("Content-Disposition"); cd != "" {
		t.Errorf("an error named as a download: %s", cd)
	}
}

// TestBodyFilesUnderChurn: requests at once for more maps than files are
// kept each get their own map whole, while files are made and pushed
// out; afterwards the files and descriptions held are within bounds and
// no file is left open beyond them.
func TestBodyFilesUnderChurn(t *testing.T) {
	s, ts := memFileServer(t)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer c.CloseIdleConnections()
	before := openFDs(t)

	// Each map is drawn once, then kept on its second request.
	const maps = maxBodyFiles + 8
	want := make([][]byte, maps)
	target := func(i int) string { return fmt.Sprintf("%s/map.svg?width=%d&height=600", ts.URL, 700+i) }
	for i := range maps {
		want[i] = mustGetMap(t, c, target(i), "identity")
		mustGetMap(t, c, target(i), "gzip")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16*maps)
	deadline := time.Now().Add(2 * time.Second)
	for w := range 16 {
		wg.Go(func() {
			for i := w; time.Now().Before(deadline); i += 7 {
				m := i % maps
				coding := []string{"identity", "gzip"}[i%2]
				got, err := getMap(c, target(m), coding)
				if err != nil || !bytes.Equal(got, want[m]) {
					errs <- fmt.Sprintf("map %d (%s): %d bytes, want %d (%v)", m, coding, len(got), len(want[m]), err)
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
	skipWithoutMemFiles(t)
	b := newBodyFiles()
	body := bytes.Repeat([]byte("x"), minBodyFileBytes)
	now := time.Unix(1e9, 0)
	type held struct {
		f *bodyFile
		d *os.File
	}
	var out []held
	for i := range maxBodyReaders {
		f, d := b.acquire("a", &mapBody{p: body}, now)
		if d == nil {
			t.Fatalf("description %d refused", i+1)
		}
		out = append(out, held{f, d})
	}
	if _, d := b.acquire("a", &mapBody{p: body}, now); d != nil {
		t.Fatalf("description %d given; at most %d", maxBodyReaders+1, maxBodyReaders)
	}
	for _, h := range out {
		b.release(h.f, h.d)
	}
	// Fill the set; one description of "a" stays in use.
	fa, da := b.acquire("a", &mapBody{p: body}, now)
	for i := 1; i < maxBodyFiles; i++ {
		f, d := b.acquire(fmt.Sprint(i), &mapBody{p: body}, now)
		b.release(f, d)
	}
	f, d := b.acquire("new", &mapBody{p: body}, now)
	if d == nil {
		t.Fatal("a full set took no new file")
	}
	b.release(f, d)
	if _, ok := b.items["1"]; ok {
		t.Fatal(`"1", sent least lately of the files not in use, was not pushed out`)
	}
	if _, ok := b.items["a"]; !ok {
		t.Fatal(`"a", being sent from, was pushed out while others were free to go`)
	}
	b.release(fa, da)
	if f, d := b.acquire("newer", &mapBody{p: body}, now.Add(replaceEvery-1)); d != nil || f != nil {
		t.Fatalf("a full set took a second new file within %v", replaceEvery)
	}
	f, d = b.acquire("newer", &mapBody{p: body}, now.Add(replaceEvery))
	if d == nil {
		t.Fatalf("a full set took no new file %v after the last", replaceEvery)
	}
	b.release(f, d)
	// send reads the file through the writer's ReadFrom; bytes.Buffer has
	// one (it reads, where a connection would sendfile).
	var buf bytes.Buffer
	if !b.send(&buf, "1", &mapBody{p: body}) || !bytes.Equal(buf.Bytes(), body) {
		t.Errorf("send of a kept body: %d bytes sent of %d", buf.Len(), len(body))
	}
	buf.Reset()
	if b.send(&buf, "small", &mapBody{p: body[:minBodyFileBytes-1]}) || buf.Len() != 0 {
		t.Error("send took a body under minBodyFileBytes")
	}
}

// TestOneOffMapsMakeNoFiles: maps drawn for one request each, with gzip
// as browsers ask, make no memory file; they had (a review found 17 for
// 20 maps), each pushing out a map asked for again and again.
func TestOneOffMapsMakeNoFiles(t *testing.T) {
	s, ts := memFileServer(t)
	for i := range 20 {
		mustGetMap(t, ts.Client(), fmt.Sprintf("%s/map.svg?width=%d&height=600", ts.URL, 700+i), "gzip")
	}
	if f, _ := s.files.open(); f != 0 {
		t.Errorf("%d memory files for 20 maps asked for once", f)
	}
}

// TestBodyFilesMemoryBound: files of bodies large enough that memory,
// not their number, fills the set: a new one pushes out only files not
// being sent from, one at most every replaceEvery; a file pushed out
// while being sent from keeps its memory counted until the send ends;
// the files and descriptions open never pass FilesHeld.
func TestBodyFilesMemoryBound(t *testing.T) {
	skipWithoutMemFiles(t)
	base := openFDs(t)
	b := newBodyFiles()
	check := func(when string) {
		t.Helper()
		if n := openFDs(t) - base; n > FilesHeld {
			t.Fatalf("%s: %d files open, FilesHeld is %d", when, n, FilesHeld)
		}
		if b.bytes > maxBodyFileBytes {
			t.Fatalf("%s: %d bytes in memory files, at most %d", when, b.bytes, maxBodyFileBytes)
		}
	}
	const size = 128 << 10
	body := func(i int) []byte { return bytes.Repeat([]byte{byte('a' + i)}, size) }
	now := time.Unix(1e9, 0)
	type held struct {
		f *bodyFile
		d *os.File
	}
	var out []held
	for i := range maxBodyFileBytes / size {
		f, d := b.acquire(fmt.Sprint(i), &mapBody{p: body(i)}, now)
		if d == nil {
			t.Fatalf("body %d refused", i)
		}
		out = append(out, held{f, d})
		check(fmt.Sprint("body ", i))
	}
	if f, d := b.acquire("new", &mapBody{p: body(20)}, now); d != nil || f != nil {
		t.Fatal("a new file while every file is being sent from")
	}
	if files, _ := b.open(); files != maxBodyFileBytes/size {
		t.Fatalf("%d files after a refused new one; none should have been pushed out", files)
	}
	b.release(out[3].f, out[3].d)
	f, d := b.acquire("new", &mapBody{p: body(20)}, now)
	if d == nil {
		t.Fatal("no new file though one file was free to push out")
	}
	check("new")
	if _, ok := b.items["3"]; ok {
		t.Error("the file not being sent from was not the one pushed out")
	}
	b.release(f, d)
	if f, d := b.acquire("newer", &mapBody{p: body(21)}, now.Add(replaceEvery-1)); d != nil || f != nil {
		t.Fatalf("a second new file within %v", replaceEvery)
	}
	for i, h := range out {
		if i != 3 {
			b.release(h.f, h.d)
		}
	}

	// Pushed out while being sent from: 16 small files, all in use, and a
	// 17th pushes out the one sent least lately.
	b, base = newBodyFiles(), openFDs(t) // the first set's files stay open until collected
	small := bytes.Repeat([]byte("x"), minBodyFileBytes)
	out = out[:0]
	for i := range maxBodyFiles {
		f, d := b.acquire(fmt.Sprint(i), &mapBody{p: small}, now)
		out = append(out, held{f, d})
	}
	f, d = b.acquire("17th", &mapBody{p: small}, now)
	if d == nil {
		t.Fatal("no 17th file")
	}
	check("17th")
	if b.pinned != len(small) || b.bytes != (maxBodyFiles+1)*len(small) {
		t.Fatalf("pinned %d, bytes %d; want the pushed-out file's %d counted until its send ends", b.pinned, b.bytes, len(small))
	}
	b.release(out[0].f, out[0].d)
	if b.pinned != 0 || b.bytes != maxBodyFiles*len(small) {
		t.Errorf("after its send ended: pinned %d, bytes %d", b.pinned, b.bytes)
	}
	if _, err := out[0].d.Stat(); err == nil {
		t.Error("the pushed-out file's description is still open")
	}
}

// TestBodyFilesFailures: a memory file that cannot be made for now (out
// of files) fails that request only; one the system cannot make at all
// turns memory files off and closes those held. Either way the map is
// written from memory.
func TestBodyFilesFailures(t *testing.T) {
	skipWithoutMemFiles(t)
	defer func(f func([]byte) (*os.File, string, error)) { newMemFile = f }(newMemFile)
	b := newBodyFiles()
	body := bytes.Repeat([]byte("y"), minBodyFileBytes)
	var buf bytes.Buffer
	if !b.send(&buf, "ok", &mapBody{p: body}) {
		t.Fatal("no file made")
	}
	newMemFile = func([]byte) (*os.File, string, error) { return nil, "", syscall.EMFILE }
	if b.send(&buf, "emfile", &mapBody{p: body}) || b.off.Load() {
		t.Fatalf("out of files: sent %v, off %v; want neither", true, b.off.Load())
	}
	newMemFile = func([]byte) (*os.File, string, error) { return nil, "", syscall.ENOSYS }
	if b.send(&buf, "enosys", &mapBody{p: body}) || !b.off.Load() {
		t.Fatal("no memfd_create: memory files still on")
	}
	if files, readers := b.open(); files != 0 || readers != 0 {
		t.Errorf("off, yet %d files and %d descriptions held", files, readers)
	}
	if b.send(&buf, "ok", &mapBody{p: body}) {
		t.Error("sent from a file after memory files were turned off")
	}
}

// BenchmarkKeptMapUnpack unpacks a kept map of China (the default size)
// from its gzip form, as a client that takes no gzip has it done when the
// map has no memory file.
func BenchmarkKeptMapUnpack(b *testing.B) {
	s := newOneSlotServer(b)
	ts := httptest.NewServer(s.Handler())
	b.Cleanup(ts.Close)
	c := ts.Client()
	target := ts.URL + "/map.svg?category=footwear"
	for range 2 {
		if _, err := getMap(c, target, "gzip"); err != nil {
			b.Fatal(err)
		}
	}
	var kept *rendered
	for _, e := range s.state.Load().cache.items {
		kept = e.Value.(*cacheEntry).page
	}
	if kept == nil {
		b.Fatal("no map kept")
	}
	b.SetBytes(int64(kept.plainLen))
	for b.Loop() {
		_, done, err := kept.plain()
		if err != nil {
			b.Fatal(err)
		}
		done()
	}
}
