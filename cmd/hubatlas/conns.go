package main

import (
	"container/list"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// connLimit is a listener that keeps at most max connections open, so
// that a flood of idle keep-alive connections cannot use up the open
// files and lock new clients out (accept failing with "too many open
// files" until one times out, minutes later). When it is full, a new
// connection takes the place of the one idle longest, which is closed
// (its client's next request opens another); when none is idle, the
// new one is answered 503 with Retry-After: 1 on the raw connection and
// closed. golang.org/x/net/netutil.LimitListener would instead stop
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
	lastWarn time.Time

	// refusing bounds the 503s being written at once, each holding a
	// file for at most refusalTime.
	refusing chan struct{}
}

// Refusals being written at once, and how long one may take; fdReserve
// is what the open-file limit must leave besides connections: refusals,
// the listener, data files being reloaded, the file watch, the runtime's
// own and the standard streams.
const (
	maxRefusing = 32
	refusalTime = time.Second
	fdReserve   = maxRefusing + 64
)

func newConnLimit(ln net.Listener, max int, log *slog.Logger) *connLimit {
	return &connLimit{Listener: ln, max: max, log: log, refusing: make(chan struct{}, maxRefusing)}
}

// limitedConn is an accepted connection, counted until it closes.
type limitedConn struct {
	net.Conn
	l *connLimit
	// Guarded by l.mu: where it is in l.idle while idle, and whether
	// it has been counted out.
	elem   *list.Element
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
		if c.elem != nil {
			l.idle.Remove(c.elem)
			c.elem = nil
		}
	}
	l.mu.Unlock()
	return err
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
		if l.open >= l.max && l.idle.Len() > 0 {
			victim = l.idle.Remove(l.idle.Front()).(*limitedConn)
			victim.elem = nil
		}
		l.mu.Unlock()
		if victim != nil {
			victim.Close()
		}
		l.mu.Lock()
		if l.open < l.max {
			l.open++
			l.mu.Unlock()
			return &limitedConn{Conn: nc, l: l}, nil
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
// the order they went idle.
func (l *connLimit) track(nc net.Conn, state http.ConnState) {
	c, ok := nc.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if c.elem != nil {
		l.idle.Remove(c.elem)
		c.elem = nil
	}
	if state == http.StateIdle && !c.closed {
		c.elem = l.idle.PushBack(c)
	}
}

// refusal is the whole answer to a connection over the limit.
var refusal = func() string {
	body := `{"error":"the server has server.max_connections connections open and none idle; try again in a second","reason":"connections"}` + "\n"
	return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\n" +
		"Cache-Control: no-store\r\nConnection: close\r\n" + fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body)) + body
}()

// refuse answers nc 503 before reading its request, then reads what the
// client sends until it closes (or refusalTime passes): closing with a
// request unread would reset the connection and the client could lose
// the answer. With maxRefusing answers under way already, nc is closed
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
		if _, err := io.WriteString(nc, refusal); err != nil {
			return
		}
		if tc, ok := nc.(*net.TCPConn); ok {
			tc.CloseWrite()
		}
		io.Copy(io.Discard, io.LimitReader(nc, 64<<10))
	}()
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
