package main

import (
	"bytes"
	"container/list"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/hubatlas/hubatlas/server"
)

// connLimit is a listener that keeps at most max connections open, so
// that a flood of idle keep-alive connections cannot use up the open
// files and lock new clients out (accept failing with "too many open
// files" until one times out, minutes later). When it is full, a new
// connection takes the place of the one idle longest, which is closed
// (its client's next request opens another), else of the oldest that
// has not sent a request yet (a flood of silent connections must not
// hold every place until read_header_timeout); when every connection is
// busy with a request, the new one is answered 503 with Retry-After: 1
// on the raw connection and closed. golang.org/x/net/netutil.LimitListener would instead stop
// accepting, leaving new clients waiting on idle connections.
//
// http.Server must report its connections' states to track. Safe for
// concurrent use.
type connLimit struct {
	net.Listener
	max int
	log *slog.Logger

	mu       sync.Mutex
	open     int
	idle     list.List // *limitedConn, the one idle longest first
	fresh    list.List // *limitedConn not yet past its first request's start, oldest first
	lastWarn time.Time

	// refusing bounds the 503s being written at once, each holding a
	// file for at most refusalTime.
	refusing chan struct{}
}

// Refusals being written at once, and how long one may take; fdReserve
// is what the open-file limit must leave besides connections: refusals,
// the listener, data files being reloaded, the file watch, the runtime's
// own, the standard streams and the server's memory files of cached
// maps (server.FilesHeld).
const (
	maxRefusing = 32
	refusalTime = time.Second
	fdReserve   = maxRefusing + 64 + server.FilesHeld
)

func newConnLimit(ln net.Listener, max int, log *slog.Logger) *connLimit {
	return &connLimit{Listener: ln, max: max, log: log, refusing: make(chan struct{}, maxRefusing)}
}

// limitedConn is an accepted connection, counted until it closes.
type limitedConn struct {
	net.Conn
	l *connLimit
	// Guarded by l.mu: where it is in l.idle or l.fresh (in), and
	// whether it has been counted out.
	elem   *list.Element
	in     *list.List
	closed bool
}

// Close closes the connection and counts it out, once.
func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	l := c.l
	l.mu.Lock()
	if !c.closed {
		c.closed = true
		l.open--
		c.unlist()
	}
	l.mu.Unlock()
	return err
}

// unlist takes c off the list it is on; l.mu held.
func (c *limitedConn) unlist() {
	if c.elem != nil {
		c.in.Remove(c.elem)
		c.elem, c.in = nil, nil
	}
}

// ReadFrom is the connection's own, so that net/http sends files (and
// bodyFiles' memory files) through it with sendfile.
func (c *limitedConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(struct{ io.Writer }{c.Conn}, r)
}

// list puts c at the back of ls; l.mu held.
func (c *limitedConn) list(ls *list.List) {
	c.unlist()
	c.elem, c.in = ls.PushBack(c), ls
}

// Accept returns the next connection there is room for, making room by
// closing the connection idle longest; one there is no room for is
// answered 503 and Accept waits for the next.
func (l *connLimit) Accept() (net.Conn, error) {
	for {
		nc, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		l.mu.Lock()
		var victim *limitedConn
		if l.open >= l.max {
			for _, ls := range []*list.List{&l.idle, &l.fresh} {
				if ls.Len() > 0 {
					victim = ls.Front().Value.(*limitedConn)
					victim.unlist()
					break
				}
			}
		}
		l.mu.Unlock()
		if victim != nil {
			victim.Close()
		}
		l.mu.Lock()
		if l.open < l.max {
			l.open++
			c := &limitedConn{Conn: nc, l: l}
			c.list(&l.fresh)
			l.mu.Unlock()
			return c, nil
		}
		warn := time.Since(l.lastWarn) > 10*time.Second
		if warn {
			l.lastWarn = time.Now()
		}
		l.mu.Unlock()
		if warn {
			l.log.Warn("refusing connections: all are busy (at most 1 warning in 10 s)", "open", l.max, "limit", "server.max_connections")
		}
		l.refuse(nc)
	}
}

// track is http.Server's ConnState: it keeps the idle connections in
// the order they went idle, and takes a new connection off the fresh
// list once its first request starts.
func (l *connLimit) track(nc net.Conn, state http.ConnState) {
	c, ok := nc.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case c.closed:
		c.unlist()
	case state == http.StateNew:
		// listed as fresh by Accept already
	case state == http.StateIdle:
		c.list(&l.idle)
	default:
		c.unlist()
	}
}

// refusal is the whole answer to a connection over the limit.
var refusal = func() string {
	body := `{"error":"the server has server.max_connections connections open and none idle; try again in a second","reason":"connections"}` + "\n"
	return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\n" +
		"Cache-Control: no-store\r\nConnection: close\r\n" + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}()

// refuse answers nc 503 and closes it: it reads the request's headers
// first (a response sent before the request arrives is one clients
// discard as unsolicited), then writes the answer and reads what else
// the client sends until it closes (closing with a request unread would
// reset the connection and the client could lose the answer), all within
// refusalTime. With maxRefusing answers under way already, nc is closed
// at once.
func (l *connLimit) refuse(nc net.Conn) {
	select {
	case l.refusing <- struct{}{}:
	default:
		nc.Close()
		return
	}
	go func() {
		defer func() { <-l.refusing }()
		defer nc.Close()
		nc.SetDeadline(time.Now().Add(refusalTime))
		if !readHeaders(nc, 16<<10) {
			return
		}
		if _, err := io.WriteString(nc, refusal); err != nil {
			return
		}
		if tc, ok := nc.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
		io.Copy(io.Discard, io.LimitReader(nc, 64<<10))
	}()
}

// readHeaders reads from r up to the blank line that ends a request's
// headers, at most limit bytes; false when the client sent none.
func readHeaders(r io.Reader, limit int) bool {
	buf := make([]byte, 0, 1024)
	tmp := make([]byte, 1024)
	for len(buf) < limit {
		n, err := r.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if bytes.Contains(buf, []byte("\r\n\r\n")) || bytes.Contains(buf, []byte("\n\n")) {
			return true
		}
		if err != nil {
			return len(buf) > 0
		}
	}
	return true
}

// connectionLimit is max lowered, when need be, so that the open
// connections and fdReserve fit in the open-file limit (RLIMIT_NOFILE,
// which Go raises to its hard limit at start): the second result says
// why it was lowered, "" when it was not.
func connectionLimit(max int) (int, string, error) {
	files, ok := openFileLimit()
	switch {
	case !ok:
		return max, "", nil
	case files < fdReserve+16:
		return 0, "", fmt.Errorf("server.max_connections: the open-file limit is %d; serve needs %d or more (ulimit -n)", files, fdReserve+16)
	case files-fdReserve >= uint64(max):
		return max, "", nil
	}
	return int(files - fdReserve), fmt.Sprintf("the open-file limit is %d", files), nil
}
