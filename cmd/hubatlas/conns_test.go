package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// helperNofile, when set, makes TestHelperServe run hubatlas serve with
// its open-file limit (RLIMIT_NOFILE) lowered to that many files.
const helperNofile = "TEST_HELPER_SERVE_NOFILE"

// TestHelperServe is not a test: TestIdleFloodDoesNotLockOutClients runs
// the test binary again as it, to serve with a low open-file limit in a
// process of its own.
func TestHelperServe(t *testing.T) {
	n, err := strconv.ParseUint(os.Getenv(helperNofile), 10, 64)
	if err != nil {
		t.Skip("runs as a child of TestIdleFloodDoesNotLockOutClients")
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--config", writeConfig(t, "log:\n  level: error\n")}, os.Stdout, os.Stderr))
}

// TestIdleFloodDoesNotLockOutClients: idle keep-alive connections beyond
// what the open-file limit allows used to make accept fail ("too many
// open files") until one timed out, two minutes later, so no new client
// got an answer. Now serve keeps the connections under the limit and a
// new client takes the place of the longest idle one.
func TestIdleFloodDoesNotLockOutClients(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("RLIMIT_NOFILE as on Linux")
	}
	const nofile, flood = 256, 400
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServe$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", helperNofile, nofile))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if errOut.Len() > 0 {
			t.Logf("serve's stderr: %s", errOut.String())
		}
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	host := regexp.MustCompile(`http://([^/]+)/`).FindStringSubmatch(line)
	if err != nil || host == nil {
		t.Fatalf("serve printed %q, %v", line, err)
	}
	go io.Copy(io.Discard, out)
	addr := host[1]

	// The flood: each connection asks once and stays open, idle.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	answered := 0
	for range flood {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			c.SetDeadline(time.Now().Add(5 * time.Second))
			fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
			res, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			mu.Lock()
			answered++
			mu.Unlock()
		})
	}
	wg.Wait()
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	t.Logf("%d of %d flood connections answered", answered, flood)

	// A new client still gets its answer, quickly.
	client := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	res, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("a new client after %d idle connections (open-file limit %d): %v", flood, nofile, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("a new client: status %d, want 200 in place of an idle connection", res.StatusCode)
	}
	t.Logf("a new client answered %d in %v", res.StatusCode, time.Since(start))
}

// TestConnectionCap: with server.max_connections open, a new client
// takes the place of a connection that has sent nothing yet, or of one
// idle between requests; when every one is in the middle of a request it
// gets a 503 with Retry-After at once, written on the raw connection.
func TestConnectionCap(t *testing.T) {
	const limit = 16
	s := startServe(t, "--config", writeConfig(t, fmt.Sprintf("server:\n  max_connections: %d\nlog:\n  level: error\n", limit)))
	addr := strings.TrimSuffix(strings.TrimPrefix(s.base, "http://"), "/")
	client := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	dial := func(sends []string) []net.Conn {
		var cs []net.Conn
		for _, send := range sends {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprint(c, send)
			cs = append(cs, c)
		}
		time.Sleep(100 * time.Millisecond) // accepted, and read from
		return cs
	}
	// closedOf counts the connections the server has closed.
	closedOf := func(cs []net.Conn) int {
		var wg sync.WaitGroup
		var mu sync.Mutex
		n := 0
		for _, c := range cs {
			wg.Go(func() {
				c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
				buf := make([]byte, 4096)
				for {
					_, err := c.Read(buf)
					if err == io.EOF {
						mu.Lock()
						n++
						mu.Unlock()
						return
					}
					if err != nil {
						return
					}
				}
			})
		}
		wg.Wait()
		return n
	}
	get := func() (*http.Response, string, time.Duration) {
		start := time.Now()
		res, err := client.Get(s.base + "healthz")
		if err != nil {
			t.Fatalf("a new client: %v", err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res, string(body), time.Since(start)
	}

	// Silent connections (a flood that never sends a byte) give way.
	silent := dial(make([]string, limit))
	if res, _, _ := get(); res.StatusCode != http.StatusOK {
		t.Errorf("with %d silent connections open: %d, want 200 in the place of one", limit, res.StatusCode)
	}
	if n := closedOf(silent); n != 1 {
		t.Errorf("%d silent connections closed for a new client; want 1", n)
	}
	for _, c := range silent {
		c.Close()
	}
	time.Sleep(100 * time.Millisecond)

	// Connections whose request is being answered stay (slow exports,
	// waiting for a CPU): a new client is refused at once. (Half-sent
	// headers do not count as a request: a slowloris gives way too.)
	var slow []string
	for i := range limit {
		slow = append(slow, fmt.Sprintf("GET /export.png?page=a4&dpi=300&title=busy%d HTTP/1.1\r\nHost: x\r\n\r\n", i))
	}
	busy := dial(slow)
	res, body, took := get()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" ||
		!strings.Contains(body, "server.max_connections") || took > time.Second {
		t.Errorf("over the cap: %d, Retry-After %q, %s after %v; want 503, 1 and a message naming server.max_connections at once",
			res.StatusCode, res.Header.Get("Retry-After"), body, took)
	}

	// Once they have had their answers and idle, a new client gets in,
	// in the place of one of them.
	for _, c := range busy {
		c.SetDeadline(time.Now().Add(time.Minute))
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		c.SetDeadline(time.Time{})
	}
	if res, _, _ := get(); res.StatusCode != http.StatusOK {
		t.Fatalf("with %d idle connections open: %d", limit, res.StatusCode)
	}
	if n := closedOf(busy); n != 1 {
		t.Errorf("%d idle connections closed for a new client; want 1", n)
	}
}

// pipeListener accepts the server ends of net.Pipe connections given
// to it.
type pipeListener chan net.Conn

func (l pipeListener) Accept() (net.Conn, error) {
	c, ok := <-l
	if !ok {
		return nil, net.ErrClosed
	}
	return c, nil
}
func (l pipeListener) Close() error   { return nil }
func (l pipeListener) Addr() net.Addr { return &net.TCPAddr{} }

// dial gives l a connection and returns its client end.
func (l pipeListener) dial() net.Conn {
	server, client := net.Pipe()
	l <- server
	return client
}

// TestConnLimitClosesTheLongestIdle: at the limit, a new connection
// takes the place of the one that went idle longest ago (active and new
// ones stay); with none idle it is answered 503 and closed, and Accept
// goes on to the next.
func TestConnLimitClosesTheLongestIdle(t *testing.T) {
	pl := make(pipeListener, 1)
	l := newConnLimit(pl, 3, slog.New(slog.DiscardHandler))
	accept := func() (client, server net.Conn) {
		t.Helper()
		client = pl.dial()
		server, err := l.Accept()
		if err != nil {
			t.Fatal(err)
		}
		return client, server
	}
	isClosed := func(c net.Conn) bool {
		c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
		_, err := c.Read(make([]byte, 1))
		return err == io.EOF || errors.Is(err, io.ErrClosedPipe)
	}
	c1, s1 := accept()
	c2, s2 := accept()
	c3, s3 := accept()
	l.track(s1, http.StateActive)
	l.track(s1, http.StateIdle)
	l.track(s2, http.StateActive)
	l.track(s2, http.StateIdle)
	l.track(s3, http.StateActive)
	l.track(s1, http.StateActive) // s1 busy again: s2 is idle longest
	l.track(s1, http.StateIdle)
	c4, s4 := accept()
	if !isClosed(c2) || isClosed(c1) || isClosed(c3) {
		t.Fatal("the fourth connection did not take the place of the second, idle longest")
	}
	c5, s5 := accept()
	if !isClosed(c1) || isClosed(c3) || isClosed(c4) {
		t.Fatal("the fifth connection did not take the place of the first, idle next")
	}
	// s4 and s5 have sent nothing yet: a newcomer takes the place of the
	// older silent one rather than being refused.
	c8, s8 := accept()
	if !isClosed(c4) || isClosed(c5) || isClosed(c3) {
		t.Fatal("the next connection did not take the place of the oldest silent one")
	}
	l.track(s5, http.StateActive)
	l.track(s8, http.StateActive)

	// None idle or silent now: a sixth is refused, and Accept waits for
	// a seventh.
	got := make(chan net.Conn)
	go func() {
		c, err := l.Accept()
		if err != nil {
			t.Error(err)
		}
		got <- c
	}()
	c6 := pl.dial()
	fmt.Fprint(c6, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	res, err := http.ReadResponse(bufio.NewReader(c6), nil)
	if err != nil || res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "1" {
		t.Fatalf("over the limit with none idle: %v %v", res, err)
	}
	c6.Close()
	s3.Close() // a slot comes free
	c7 := pl.dial()
	if s7 := <-got; s7 == nil {
		t.Fatal("the seventh connection was not accepted")
	}
	for _, c := range []net.Conn{c3, c4, c5, c7, c8, s4, s5, s8} {
		c.Close()
	}
}

// readFromConn is a connection that takes ReadFrom, as *net.TCPConn does
// (with sendfile), counting what it took.
type readFromConn struct {
	net.Conn
	n int64
}

func (c *readFromConn) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(io.Discard, r)
	c.n += n
	return n, err
}

// TestLimitedConnPassesReadFromOn: the connection limiter's wrapper hands
// ReadFrom to the connection it wraps, so that net/http sends files and
// the server's memory files with sendfile through it; without it
// net/http copies them through a buffer, and no test of the server
// package (which serves on bare connections) would notice.
func TestLimitedConnPassesReadFromOn(t *testing.T) {
	var _ io.ReaderFrom = (*limitedConn)(nil)
	inner := &readFromConn{}
	c := &limitedConn{Conn: inner}
	if n, err := c.ReadFrom(strings.NewReader("a map's bytes")); n != 13 || err != nil || inner.n != 13 {
		t.Errorf("ReadFrom: %d, %v; the wrapped connection took %d of 13 bytes", n, err, inner.n)
	}
}

// memFDs counts this process's open memory files of maps.
func memFDs(t *testing.T) int {
	t.Helper()
	es, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	n := 0
	for _, e := range es {
		if l, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && strings.HasPrefix(l, "/memfd:hubatlas-map") {
			n++
		}
	}
	return n
}

// TestServeSendsCachedMapsFromMemoryFiles: serve, with its connection
// limiter in front, sends a map asked for again from a memory file, the
// same bytes as the first time.
func TestServeSendsCachedMapsFromMemoryFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("memory files are made on Linux")
	}
	before := memFDs(t)
	s := startServe(t, "--config", writeConfig(t, "log:\n  level: error\n"))
	client := &http.Client{Timeout: 10 * time.Second}
	var bodies [][]byte
	for range 3 {
		res, err := client.Get(s.base + "map.svg?category=toys")
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("%d %v", res.StatusCode, err)
		}
		bodies = append(bodies, b)
	}
	if !bytes.Equal(bodies[0], bodies[2]) || !bytes.Equal(bodies[1], bodies[2]) {
		t.Errorf("the map sent again differs: %d, %d, %d bytes", len(bodies[0]), len(bodies[1]), len(bodies[2]))
	}
	if n := memFDs(t) - before; n < 1 {
		t.Errorf("%d memory files open after a map was asked for three times; want its file", n)
	}
}
