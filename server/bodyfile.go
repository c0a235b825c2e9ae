package server

import (
	"container/list"
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
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
// connections' share of the open-file limit (a file is pushed out before
// the one that replaces it is made). The files' memory is not in the
// process's RSS nor under the Go memory limit, so it is kept to a few hot
// maps, counting a file pushed out while a slow client is still sent
// from it until that send ends: with 4 MiB, the load test's phases
// filled 1.9 MiB while the server's RSS peaked at 57.8 MB. Only maps the
// cache took (rendered.kept) get files. A request that finds no
// description free, a file that cannot be made for now, or a system
// without memory files writes the body from the heap as before. Safe for
// concurrent use.
type bodyFiles struct {
	mu      sync.Mutex
	ll      *list.List // *bodyFile, sent most lately first
	items   map[string]*list.Element
	bytes   int
	readers int // descriptions open, in use or free
	// pinned is the bytes of files pushed out but still being sent
	// from, counted in bytes until the last send ends.
	pinned int
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
	key   string
	mem   *os.File // the memory file
	path  string   // a path that opens a new description of mem
	size  int64
	free  []*os.File // descriptions not in use
	inUse int        // descriptions being sent from
	gone  bool       // pushed out: descriptions are closed as they come back
}

func newBodyFiles() *bodyFiles {
	return &bodyFiles{ll: list.New(), items: map[string]*list.Element{}}
}

// mapBody is a response's body, whose size and first bytes are known
// before the rest: bytes at hand (p), or a map's SVG (m), which a kept
// map unpacks from its gzip form (rendered.plain) only when no memory
// file holds it already; done gives back what unpacking took.
type mapBody struct {
	p       []byte
	m       *rendered
	release func()
}

func (b *mapBody) size() int {
	if b.m != nil {
		return b.m.size()
	}
	return len(b.p)
}

// head returns the first sniffLen bytes, or all when fewer.
func (b *mapBody) head() ([]byte, error) {
	if b.m != nil && b.m.head != nil {
		return b.m.head, nil
	}
	p, err := b.bytes()
	return p[:min(sniffLen, len(p))], err
}

// bytes returns all of it.
func (b *mapBody) bytes() ([]byte, error) {
	if b.m != nil && b.p == nil {
		p, release, err := b.m.plain()
		if err != nil {
			return nil, err
		}
		b.p, b.release = p, release
	}
	return b.p, nil
}

func (b *mapBody) done() {
	if b.release != nil {
		b.release()
		b.release = nil
	}
}

// send sends body, known by key (its ETag and coding: one key, one body),
// through w's ReadFrom from a memory file, and reports whether it did;
// when it did not, nothing was written.
func (b *bodyFiles) send(w io.Writer, key string, body *mapBody) bool {
	rf, ok := w.(io.ReaderFrom)
	if !ok || body.size() < minBodyFileBytes || body.size() > maxBodyFileBytes || b.off.Load() {
		return false
	}
	head, err := body.head()
	if err != nil {
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
	skip := 0
	fl, flushes := w.(http.Flusher)
	if flushes {
		skip = len(head)
	}
	if _, err := d.Seek(int64(skip), io.SeekStart); err != nil {
		return false
	}
	if flushes {
		w.Write(head)
		fl.Flush()
	}
	// An error here is the client's connection failing: the response is
	// lost either way.
	rf.ReadFrom(&io.LimitedReader{R: d, N: f.size - int64(skip)})
	return true
}

// sniffLen is how much net/http reads of a body to sniff its type.
const sniffLen = 512

// acquire returns key's file, made from body if it has none, and a
// description of it for the caller alone, or a nil description.
func (b *bodyFiles) acquire(key string, body *mapBody, now time.Time) (*bodyFile, *os.File) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e, ok := b.items[key]
	if !ok {
		if e = b.add(key, body, now); e == nil {
			return nil, nil
		}
	}
	b.ll.MoveToFront(e)
	f := e.Value.(*bodyFile)
	if f.size != int64(body.size()) {
		// One key, one body: never send other bytes than the header says.
		return nil, nil
	}
	var d *os.File
	if n := len(f.free); n > 0 {
		d = f.free[n-1]
		f.free = f.free[:n-1]
	} else {
		if b.readers >= maxBodyReaders && !b.reclaim() {
			return nil, nil
		}
		// Opened under the lock, while f.mem is open: once it is closed
		// its number may name another file.
		var err error
		if d, err = os.Open(f.path); err != nil {
			b.failed(err)
			return nil, nil
		}
		b.readers++
	}
	f.inUse++
	return f, d
}

// add makes a file of body for key, pushing out the files sent least
// lately to make room, and returns its element, or nil. b.mu held.
func (b *bodyFiles) add(key string, body *mapBody, now time.Time) *list.Element {
	// A file still being sent from after it was pushed out holds its
	// memory until then: room is what the others leave.
	n := body.size()
	if b.pinned+n > maxBodyFileBytes {
		return nil
	}
	full := func() bool { return b.ll.Len() >= maxBodyFiles || b.bytes+n > maxBodyFileBytes }
	if full() {
		// A full set takes a new file at most every replaceEvery, so
		// that more bodies in turn than it holds do not make a file per
		// request.
		if now.Sub(b.replaced) < replaceEvery {
			return nil
		}
		// Pushing out a file being sent from gives back no memory yet:
		// the files sent least lately that are not go first, and none
		// goes unless that makes room.
		idle := 0
		for e := b.ll.Front(); e != nil; e = e.Next() {
			if f := e.Value.(*bodyFile); f.inUse == 0 {
				idle += int(f.size)
			}
		}
		if b.bytes-idle+n > maxBodyFileBytes {
			return nil
		}
		for full() {
			e := b.ll.Back()
			if e == nil {
				return nil
			}
			for x := e; x != nil; x = x.Prev() {
				if x.Value.(*bodyFile).inUse == 0 {
					e = x
					break
				}
			}
			b.evict(e)
		}
		b.replaced = now
	}
	// Made under the lock: files are made once per body, and a second
	// request for a body being made must not make it again.
	p, err := body.bytes()
	if err != nil || len(p) != n {
		return nil
	}
	mem, path, err := newMemFile(p)
	if err != nil {
		b.failed(err)
		return nil
	}
	e := b.ll.PushFront(&bodyFile{key: key, mem: mem, path: path, size: int64(n)})
	b.items[key] = e
	b.bytes += n
	return e
}

// failed turns memory files off for good when err says the system has
// none (no memfd_create, no /proc): every file is then pushed out. Other
// errors (out of files or memory for now) fail this request only. b.mu
// held.
func (b *bodyFiles) failed(err error) {
	if !unsupported(err) {
		return
	}
	b.off.Store(true)
	for b.ll.Len() > 0 {
		b.evict(b.ll.Back())
	}
}

// unsupported reports whether err says a system lacks what bodyFiles
// needs, rather than that it is short of something for now.
func unsupported(err error) bool {
	for _, e := range []error{syscall.ENOSYS, syscall.EPERM, syscall.EACCES, syscall.ENOENT, syscall.EINVAL, errNoMemFiles} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// newMemFile is memFile; the tests make it fail.
var newMemFile = memFile

// errNoMemFiles is memFile's error where there are no memory files.
var errNoMemFiles = errors.New("no memory files on this system")

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
	f.inUse--
	if !f.gone {
		f.free = append(f.free, d)
		return
	}
	d.Close()
	b.readers--
	if f.inUse == 0 {
		b.bytes -= int(f.size)
		b.pinned -= int(f.size)
	}
}

// evict pushes out e: it closes its file and free descriptions; those in
// use are closed as they are released, the last one giving back the
// file's memory. b.mu held.
func (b *bodyFiles) evict(e *list.Element) {
	f := e.Value.(*bodyFile)
	b.ll.Remove(e)
	delete(b.items, f.key)
	f.gone = true
	f.mem.Close()
	for _, d := range f.free {
		d.Close()
	}
	b.readers -= len(f.free)
	f.free = nil
	if f.inUse == 0 {
		b.bytes -= int(f.size)
	} else {
		b.pinned += int(f.size)
	}
}

// open reports the files and descriptions b holds.
func (b *bodyFiles) open() (files, readers int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ll.Len(), b.readers
}
