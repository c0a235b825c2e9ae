package faulttest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// root is the main module's directory; binary the hubatlas built from it
// by TestMain, once for every test of the package.
var root, binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	var err error
	if root, err = filepath.Abs("../.."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dir, err := os.MkdirTemp("", "faulttest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "hubatlas")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// The go command of the toolchain running the tests, else the one on PATH.
	gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gocmd); err != nil {
		gocmd = "go"
	}
	build := exec.CommandContext(ctx, gocmd, "build", "-o", binary, "./cmd/hubatlas")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "faulttest: go build ./cmd/hubatlas: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// syncBuffer collects a process's output; safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// proc is `hubatlas serve` running as a process of its own on a free
// loopback port.
type proc struct {
	t      testing.TB
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:PORT/
	stdout syncBuffer
	stderr syncBuffer
	exited chan struct{} // closed once the process has exited
	state  *os.ProcessState
}

var urlRE = regexp.MustCompile(`http://[^/\s]+/`)

// startServe starts hubatlas serve with the shipped config.yaml (the
// defaults), log level warn (the load tests would otherwise spend their
// CPU on log lines), the environment variables env (HUBATLAS_… overrides,
// KEY=VALUE) and the flags args, and waits until it prints its URL. The
// process is stopped with SIGTERM (SIGKILL after 20 s) when the test ends;
// an exit status other than 0 then fails the test.
func startServe(t testing.TB, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, exited: make(chan struct{})}
	args = append([]string{"serve", "--config", filepath.Join(root, "config.yaml"), "--addr", "127.0.0.1:0"}, args...)
	p.cmd = exec.Command(binary, args...)
	p.cmd.Dir = t.TempDir()
	p.cmd.Env = append(cleanEnv(), "HUBATLAS_LOG_LEVEL=warn")
	p.cmd.Env = append(p.cmd.Env, env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", binary, err)
	}
	go func() {
		p.cmd.Wait()
		p.state = p.cmd.ProcessState
		close(p.exited)
	}()
	t.Cleanup(func() {
		if p.running() {
			code, took := p.stop(syscall.SIGTERM, 20*time.Second)
			if code != 0 {
				t.Errorf("hubatlas serve exited %d after SIGTERM (%v)", code, took.Round(time.Millisecond))
			}
		}
		if t.Failed() {
			t.Logf("server's stderr (last 4 KB):\n%s", tail(p.stderr.String(), 4096))
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for p.base == "" {
		select {
		case <-p.exited:
			t.Fatalf("hubatlas serve exited before serving: %v\n%s", p.state, p.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		p.base = urlRE.FindString(p.stdout.String())
		if p.base == "" && time.Now().After(deadline) {
			t.Fatalf("hubatlas serve printed no URL within 60 s:\n%s", p.stderr.String())
		}
	}
	return p
}

// cleanEnv is the test's environment without HUBATLAS_ settings, which
// would change the server under test.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HUBATLAS_") && !strings.HasPrefix(kv, "GOMEMLIMIT=") && !strings.HasPrefix(kv, "GOGC=") {
			env = append(env, kv)
		}
	}
	return env
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

func (p *proc) running() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// stop sends sig and waits up to grace for the process to exit, then
// kills it (exit code -1). It returns the exit code and the time taken.
func (p *proc) stop(sig syscall.Signal, grace time.Duration) (int, time.Duration) {
	start := time.Now()
	p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
		return p.state.ExitCode(), time.Since(start)
	case <-time.After(grace):
		p.cmd.Process.Kill()
		<-p.exited
		return -1, time.Since(start)
	}
}

// status reads a field of /proc/PID/status given in kB, in bytes.
func (p *proc) status(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.pid()))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// rss is the server's resident set now (VmRSS), hwm its peak (VmHWM), in bytes.
func (p *proc) rss() int64 { return p.status("VmRSS") }
func (p *proc) hwm() int64 { return p.status("VmHWM") }

// fds counts the server's open file descriptors.
func (p *proc) fds() int {
	es, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", p.pid()))
	return len(es)
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// newClient is a keep-alive client for conns concurrent connections.
func newClient(conns int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			MaxIdleConns: conns, MaxIdleConnsPerHost: conns,
			DisableCompression: true, // gzip is asked for explicitly, so that its bytes are checked as sent
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// reply is one response, read to the end.
type reply struct {
	status int
	header http.Header
	body   []byte
	took   time.Duration
	err    error // transport error, or a body shorter than its Content-Length
}

// get fetches url and reads the whole body; gzip asks for gzip. A body
// that ends early (fewer bytes than Content-Length, or a chunked body
// without its last chunk) is an error.
func get(c *http.Client, url string, gzip bool) reply {
	start := time.Now()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return reply{err: err}
	}
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	res, err := c.Do(req)
	if err != nil {
		return reply{err: err, took: time.Since(start)}
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	r := reply{status: res.StatusCode, header: res.Header, body: body, took: time.Since(start), err: err}
	if err == nil && res.ContentLength >= 0 && int64(len(body)) != res.ContentLength {
		r.err = fmt.Errorf("body of %d bytes, Content-Length %d", len(body), res.ContentLength)
	}
	return r
}

// percentile returns the p-th percentile (0 to 100) of sorted ds.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	i := int(float64(len(ds)-1) * p / 100)
	return ds[i]
}
