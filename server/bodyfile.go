package server

import (
	"container/list"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// bodyFiles keeps the bodies of the maps sent most lately from the cache
// in sealed memory files (memfd_create(2) on Linux), so that net/http
// sends them as a file server sends a file: with sendfile(2), the kernel
// handing the file's pages to the socket, where a body written from the
// heap is first copied into the socket's buffers. On this 2-core machine
// class the server's CPU per cached map of China (125 KB, no gzip) went
// from about 100 µs to 60 µs, where the file server of bench/load spends
// 65 µs (perf and /proc/PID/stat during its cached phase).
//
// It holds at most maxBodyFiles files of maxBodyFileBytes in all, and at
// most maxBodyReaders open descriptions of them: each request reading a
// file needs one of its own, for sendfile reads from a description's
// offset. FilesHeld is the sum, which cmd/hubatlas leaves out of the
// connections' share of the open-file limit. The files' memory is not in
// the process's RSS nor under the Go memory limit, so it is kept to a few
// hot maps: with 4 MiB, the load test's phases filled 1.9 MiB of it
// while the server's RSS peaked at 57.8 MB. A request that finds
// no description free, or a system without memory files, writes the body
// from the heap as before. Safe for concurrent use.
type bodyFiles struct {
	mu      sync.Mutex
	ll      *list.List // *bodyFile, sent most lately first
	items   map[string]*list.Element
	bytes   int
	readers int // descriptions open, in use or free
	// replaced is when a file last pushed another out.
	replaced time.Time

	// off is set when memory files cannot be made or opened here.
	off atomic.Bool
}

// Limits of bodyFiles; a body under minBodyFileBytes is written from the
// heap, for a sendfile call costs more than copying a few kilobytes.
const (
	maxBodyFiles     = 16
	maxBodyFileBytes = 1 << 20
	maxBodyReaders   = 32
	minBodyFileBytes = 16 << 10
	replaceEvery     = 100 * time.Millisecond
)

// FilesHeld is the most files a Server keeps open for bodies.
const FilesHeld = maxBodyFiles + maxBodyReaders

// bodyFile is one body in a memory file.
type bodyFile struct {
	key  string
	mem  *os.File // the memory file
	path string   // a path that opens a new description of mem
	size int64
	free []*os.File // descriptions not in use
	gone bool       // pushed out: descriptions are closed as they come back
}

func newBodyFiles() *bodyFiles {
	return &bodyFiles{ll: list.New(), items: map[string]*list.Element{}}
}

// send sends body, known by key (its ETag and coding: one key, one body),
// through w's ReadFrom from a memory file, and reports whether it did;
// when it did not, nothing was written.
func (b *bodyFiles) send(w io.Writer, key string, body []byte) bool {
	rf, ok := w.(io.ReaderFrom)
	if !ok || len(body) < minBodyFileBytes || len(body) > maxBodyFileBytes || b.off.Load() {
		return false
	}
	f, d := b.acquire(key, body, time.Now())
	if d == nil {
		return false
	}
	defer b.release(f, d)
	// The first bytes go from the heap with the header: net/http, its
	// header written, then sends the rest with no read of its own (it
	// reads 512 bytes for sniffing before it sends a file).
	head := 0
	fl, flushes := w.(http.Flusher)
	if flushes {
		head = sniffLen
	}
	if _, err := d.Seek(int64(head), io.SeekStart); err != nil {
		return false
	}
	if flushes {
		w.Write(body[:head])
		fl.Flush()
	}
	// An error here is the client's connection failing: the response is
	// lost either way.
	rf.ReadFrom(&io.LimitedReader{R: d, N: f.size - int64(head)})
	return true
}

// sniffLen is how much net/http reads of a body to sniff its type.
const sniffLen = 512

// acquire returns key's file, made from body if it has none, and a
// description of it for the caller alone, or a nil description.
func (b *bodyFiles) acquire(key string, body []byte, now time.Time) (*bodyFile, *os.File) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.items[key]
	if !ok {
		// A full set takes a new file at most every replaceEvery, so
		// that more bodies in turn than it holds do not make a file per
		// request.
		full := b.ll.Len() >= maxBodyFiles
		if full && now.Sub(b.replaced) < replaceEvery {
			return nil, nil
		}
		// Made under the lock: files are made once per body, and a second
		// request for a body being made must not make it again.
		mem, path, err := memFile(body)
		if err != nil {
			b.off.Store(true)
			return nil, nil
		}
		e = b.ll.PushFront(&bodyFile{key: key, mem: mem, path: path, size: int64(len(body))})
		b.items[key] = e
		b.bytes += len(body)
		for b.ll.Len() > maxBodyFiles || b.bytes > maxBodyFileBytes {
			b.evict(b.ll.Back())
			b.replaced = now
		}
	}
	b.ll.MoveToFront(e)
	f := e.Value.(*bodyFile)
	if n := len(f.free); n > 0 {
		d := f.free[n-1]
		f.free = f.free[:n-1]
		return f, d
	}
	if b.readers >= maxBodyReaders && !b.reclaim() {
		return nil, nil
	}
	// Opened under the lock, while f.mem is open: once it is closed its
	// number may name another file.
	d, err := os.Open(f.path)
	if err != nil {
		b.off.Store(true)
		return nil, nil
	}
	b.readers++
	return f, d
}

// reclaim closes a free description of the file sent least lately that
// has one, and reports whether there was one. b.mu held.
func (b *bodyFiles) reclaim() bool {
	for e := b.ll.Back(); e != nil; e = e.Prev() {
		f := e.Value.(*bodyFile)
		if n := len(f.free); n > 0 {
			f.free[n-1].Close()
			f.free = f.free[:n-1]
			b.readers--
			return true
		}
	}
	return false
}

// release gives back a description acquire returned.
func (b *bodyFiles) release(f *bodyFile, d *os.File) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if f.gone {
		d.Close()
		b.readers--
		return
	}
	f.free = append(f.free, d)
}

// evict closes e's file and its free descriptions; those in use are
// closed as they are released. b.mu held.
func (b *bodyFiles) evict(e *list.Element) {
	f := e.Value.(*bodyFile)
	b.ll.Remove(e)
	delete(b.items, f.key)
	b.bytes -= int(f.size)
	f.gone = true
	f.mem.Close()
	for _, d := range f.free {
		d.Close()
	}
	b.readers -= len(f.free)
	f.free = nil
}

// open reports the files and descriptions b holds.
func (b *bodyFiles) open() (files, readers int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ll.Len(), b.readers
}
