package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// TestMain lets the test binary double as the plain Go file server that
// BenchmarkServeLoad compares with, in a process of its own.
func TestMain(m *testing.M) {
	if dir := os.Getenv("HUBATLAS_FILESERVER_DIR"); dir != "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("http://%s/\n", ln.Addr())
		http.Serve(ln, http.FileServer(http.Dir(dir)))
		return
	}
	os.Exit(m.Run())
}

// BenchmarkServeLoad measures hubatlas serve under load on loopback, with
// vegeta at 64 connections, each phase bounded to a few seconds:
//
//   - cached: /map.svg?category=footwear over and over, against a plain Go
//     file server (http.FileServer, own process) serving the same bytes;
//   - uncached: a different map every request (distinct sizes, more than
//     the cache holds), without and with gzip, as fast as it goes and at
//     500 requests a second;
//   - the server's peak RSS (VmHWM) over the whole run.
//
// Run it with: go test ./cmd/hubatlas -run XXX -bench ServeLoad -benchtime 1x
func BenchmarkServeLoad(b *testing.B) {
	if b.N > 1 {
		b.Skip("one run is a full load test: use -benchtime 1x")
	}
	phase := envDuration("HUBATLAS_LOAD_SECONDS", 5*time.Second)
	bin := filepath.Join(b.TempDir(), "hubatlas")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	cfg := filepath.Join(b.TempDir(), "config.yaml")
	os.WriteFile(cfg, []byte("log:\n  level: warn\n"), 0o644)
	srv, base := start(b, exec.Command(bin, "serve", "--config", cfg, "--addr", "127.0.0.1:0"))

	// The bytes the file server serves are the ones hubatlas serves.
	res, err := http.Get(base + "map.svg?category=footwear")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	dir := b.TempDir()
	os.WriteFile(filepath.Join(dir, "map.svg"), body, 0o644)
	fs := exec.Command(os.Args[0])
	fs.Env = append(os.Environ(), "HUBATLAS_FILESERVER_DIR="+dir)
	_, fileBase := start(b, fs)

	identity := http.Header{"Accept-Encoding": []string{"identity"}}
	gz := http.Header{"Accept-Encoding": []string{"gzip"}}
	one := func(url string, h http.Header) vegeta.Targeter {
		return vegeta.NewStaticTargeter(vegeta.Target{Method: "GET", URL: url, Header: h})
	}
	distinct := func(h http.Header) vegeta.Targeter {
		var ts []vegeta.Target
		for w := 900; w < 1300; w++ { // 400 × 4 sizes: more than the cache's 512
			for _, ht := range []int{700, 760, 820, 880} {
				ts = append(ts, vegeta.Target{Method: "GET", URL: fmt.Sprintf("%smap.svg?width=%d&height=%d", base, w, ht), Header: h})
			}
		}
		return vegeta.NewStaticTargeter(ts...)
	}

	warm := attack(b, one(base+"map.svg?category=footwear", identity), time.Second)
	_ = warm
	file := attack(b, one(fileBase+"map.svg", identity), phase)
	cached := attack(b, one(base+"map.svg?category=footwear", identity), phase)
	cachedGz := attack(b, one(base+"map.svg?category=footwear", gz), phase)
	uncached := attack(b, distinct(identity), phase)
	uncachedGz := attack(b, distinct(gz), phase)
	paced := attackAt(b, distinct(gz), 500, phase)
	rss := peakRSS(b, srv.Process.Pid)

	report := func(name string, m *vegeta.Metrics) {
		b.Logf("%-22s %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms  success %.1f %%  %d requests",
			name, m.Throughput, ms(m.Latencies.P50), ms(m.Latencies.P99), 100*m.Success, m.Requests)
	}
	report("file server", file)
	report("cached map", cached)
	report("cached map, gzip", cachedGz)
	report("uncached maps", uncached)
	report("uncached maps, gzip", uncachedGz)
	report("uncached, 500/s, gzip", paced)
	b.Logf("cached / file server: %.0f %%; server peak RSS %.1f MB", 100*cached.Throughput/file.Throughput, rss)
	b.ReportMetric(cached.Throughput/file.Throughput, "cached/file")
	b.ReportMetric(uncached.Throughput, "uncached-req/s")
	b.ReportMetric(uncachedGz.Throughput, "uncached-gzip-req/s")
	b.ReportMetric(ms(cached.Latencies.P99), "cached-p99-ms")
	b.ReportMetric(ms(paced.Latencies.P99), "uncached-500/s-p99-ms")
	b.ReportMetric(rss, "peak-RSS-MB")
}

// attack runs one phase at the highest rate 64 connections sustain.
func attack(b *testing.B, t vegeta.Targeter, d time.Duration) *vegeta.Metrics {
	return attackAt(b, t, 0, d)
}

// attackAt runs one phase at perSecond requests a second (0: as fast as 64
// connections go).
func attackAt(b *testing.B, t vegeta.Targeter, perSecond int, d time.Duration) *vegeta.Metrics {
	b.Helper()
	a := vegeta.NewAttacker(vegeta.Workers(64), vegeta.MaxWorkers(64), vegeta.Connections(64),
		vegeta.MaxConnections(64), vegeta.MaxBody(0), vegeta.Timeout(10*time.Second))
	var m vegeta.Metrics
	for r := range a.Attack(t, vegeta.Rate{Freq: perSecond, Per: time.Second}, d, "load") {
		m.Add(r)
	}
	m.Close()
	if m.Success < 0.999 {
		b.Errorf("%.2f %% success, errors %v, codes %v", 100*m.Success, m.Errors, m.StatusCodes)
	}
	return &m
}

// start runs a server process and returns it with the URL it printed.
func start(b *testing.B, cmd *exec.Cmd) (*exec.Cmd, string) {
	b.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatalf("%v: %v", cmd.Args, err)
	}
	go io.Copy(io.Discard, out)
	u := regexp.MustCompile(`http://[^/\s]+/`).FindString(line)
	if u == "" {
		b.Fatalf("no URL in %q", line)
	}
	return cmd, u
}

// peakRSS is the process's VmHWM in MB.
func peakRSS(b *testing.B, pid int) float64 {
	s, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(s), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func envDuration(name string, def time.Duration) time.Duration {
	if s := os.Getenv(name); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 && n <= 60 {
			return time.Duration(n) * time.Second
		}
	}
	return def
}
