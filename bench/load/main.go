// Command load measures `hubatlas serve` under load on loopback with
// vegeta, against a plain Go file server (http.FileServer, a process of its
// own) serving the same map bytes. It builds the server from the main module,
// runs the phases of the table below one after the other, each bounded in
// time, and prints one table: throughput, p50, p99, errors, each phase's
// throughput as a share of the file server's, and the server's peak RSS
// (VmHWM from /proc) after each phase.
//
// Run it from bench/: go run ./load [-phase 5s] [-conns 64] [-rate 500] [-run REGEXP] [-rev HEAD]
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/hubatlas/hubatlas/bench/internal/mainmod"
)

// fileServerEnv makes this binary the plain file server, serving the
// directory it names.
const fileServerEnv = "HUBATLAS_BENCH_FILESERVER_DIR"

// cachedMap is the map the cached phases ask for over and over; the file
// server serves its bytes as map.svg.
const cachedMap = "map.svg?category=footwear"

// phase is one row of the load table. conns and rate of 0 take the -conns
// and -rate flags' values; rate -1 is as fast as the connections go.
type phase struct {
	name   string
	server string // "file" or "hubatlas"
	urls   gen
	conns  int
	rate   int
	gzip   bool
	dur    time.Duration // 0: the -phase flag
}

const asFastAsPossible = -1

// The phases, in the order they run. The first is the yardstick.
var phases = []phase{
	{name: "file server, the map's bytes", server: "file", urls: fixed("map.svg"), rate: asFastAsPossible},
	{name: "cached map", server: "hubatlas", urls: fixed(cachedMap), rate: asFastAsPossible},
	{name: "cached map, gzip", server: "hubatlas", urls: fixed(cachedMap), rate: asFastAsPossible, gzip: true},
	{name: "distinct maps, uncached", server: "hubatlas", urls: sizes(0), rate: asFastAsPossible},
	{name: "distinct filters, one view, uncached", server: "hubatlas", urls: filters(0), rate: asFastAsPossible},
	{name: "distinct filters, one view, uncached, gzip", server: "hubatlas", urls: filters(1), rate: asFastAsPossible, gzip: true},
	{name: "distinct maps, uncached, gzip", server: "hubatlas", urls: sizes(1), rate: asFastAsPossible, gzip: true},
	{name: "zoom maps (bbox), uncached, gzip", server: "hubatlas", urls: zoom(1), rate: asFastAsPossible, gzip: true},
	{name: "distinct maps at a fixed rate, gzip", server: "hubatlas", urls: sizes(2), gzip: true},
	{name: "zoom maps (bbox) at a fixed rate, gzip", server: "hubatlas", urls: zoom(2), gzip: true},
}

// gen makes the URLs of a phase: a description for the table and a
// generator, safe for concurrent use (vegeta's workers share it).
type gen struct {
	desc string
	next func() string // a path and query below the server's root
}

// fixed asks for one URL over and over.
func fixed(path string) gen {
	return gen{"/" + path, func() string { return path }}
}

// sizes asks for 48,000 distinct map sizes, 120 heights (640 to 997 px,
// 3 apart) for each of 400 widths (900 to 1,299 px), far more than the
// server's cache holds (512 entries, 3 MiB) and than a phase asks for (a
// minute at 800 maps a second), so that every request draws a new map:
// with 1,600 sizes, a phase had come round to its first sizes again after
// 3 s, each map then drawn a second time and kept (the server keeps a map
// asked for twice), and a third request would have been a cache hit. Each
// set (0 to 2) has heights of its own, so that no phase asks for a map an
// earlier one did.
func sizes(set int) gen {
	var n atomic.Uint64
	return gen{"/map.svg?width=W&height=H, 400 widths × 120 heights, none repeated", func() string {
		i := n.Add(1) - 1
		return fmt.Sprintf("map.svg?width=%d&height=%d", 900+i/120%400, 640+set+3*int(i%120))
	}}
}

// categoryIDs are the server's categories, read from /api/categories
// before the phases run.
var categoryIDs []string

// filters asks for maps of all of China at the default size, each of its
// own five categories (80,730 sets of the 27 default ones): one view, so
// that each map is drawn on the view's Base, which no filter changes.
// Each start (0 or 1) begins halfway further through the sets, so that
// two phases ask for different maps, none twice below 40,365 requests
// (8,000 a second for 5 s). With sets of four (17,550), a phase had come
// round to its first sets after 4.7 s at 3,700 a second, each map then
// drawn again and kept (the server keeps a map asked for twice).
func filters(start uint64) gen {
	const pick = 5
	var n atomic.Uint64
	return gen{"/map.svg?category=A&…&category=E, every set of 5 in turn", func() string {
		ids := categoryIDs
		k := len(ids)
		total := binom(k, pick)
		if total == 0 {
			return "map.svg"
		}
		// The i-th set, in lexicographic order, wrapping around.
		i := int((n.Add(1) - 1 + start*uint64(total/2)) % uint64(total))
		var q []string
		first := 0
		for j := range pick {
			for c := first; ; c++ {
				m := binom(k-c-1, pick-1-j) // sets with c here
				if i < m {
					q = append(q, "category="+ids[c])
					first = c + 1
					break
				}
				i -= m
			}
		}
		return "map.svg?" + strings.Join(q, "&")
	}}
}

func binom(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	r := 1
	for i := range k {
		r = r * (n - i) / (i + 1)
	}
	return r
}

// zoom asks for maps of random boxes inside China's extent (73–135°E,
// 18–54°N), 2° to 20° wide, each different, so none is cached; each seed
// gives boxes of its own.
func zoom(seed uint64) gen {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(seed, 2))
	return gen{"/map.svg?bbox=W,S,E,N, random boxes 2–20° wide in 73–135°E, 18–54°N", func() string {
		mu.Lock()
		defer mu.Unlock()
		w := 2 + 18*rng.Float64()
		h := w * (0.5 + 0.5*rng.Float64())
		west := 73 + (135-73-w)*rng.Float64()
		south := 18 + (54-18-h)*rng.Float64()
		return fmt.Sprintf("map.svg?bbox=%.3f,%.3f,%.3f,%.3f", west, south, west+w, south+h)
	}}
}

func main() {
	if dir := os.Getenv(fileServerEnv); dir != "" {
		serveFiles(dir)
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// serveFiles is the plain Go file server the phases compare with.
func serveFiles(dir string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	http.Serve(ln, http.FileServer(http.Dir(dir)))
}

func run() error {
	mainDir := flag.String("main", "", "the main module's directory (default: the parent of bench/)")
	rev := flag.String("rev", "", "load-test this git revision of the main module (a temporary worktree) instead of its working tree")
	wait := flag.Duration("wait", 0, "while the main module does not compile, retry for this long")
	scratch := flag.String("scratch", "", "scratch directory for the built server (default bench/.scratch/load)")
	config := flag.String("config", "", "config file for hubatlas serve (default: its defaults, log level warn)")
	phaseDur := flag.Duration("phase", 5*time.Second, "duration of each phase")
	conns := flag.Int("conns", 64, "connections (and vegeta workers)")
	rate := flag.Int("rate", 500, "requests per second of the fixed-rate phases")
	only := flag.String("run", "", "run only the phases whose name matches this regexp (the file server always runs)")
	flag.Parse()
	if *phaseDur <= 0 || *phaseDur > time.Minute || *conns < 1 || *rate < 1 {
		return errors.New("-phase must be in (0, 1m], -conns and -rate positive")
	}
	sel, err := regexp.Compile(*only)
	if err != nil {
		return err
	}

	benchDir, err := mainmod.BenchDir()
	if err != nil {
		return err
	}
	if *scratch == "" {
		*scratch = filepath.Join(benchDir, ".scratch", "load")
	}
	if *scratch, err = filepath.Abs(*scratch); err != nil {
		return err
	}
	if err := os.MkdirAll(*scratch, 0o755); err != nil {
		return err
	}
	mod, err := mainmod.Open(*mainDir, *rev)
	if err != nil {
		return err
	}
	defer mod.Close()
	logf("building hubatlas (%s)", mod.Describe())
	bin := filepath.Join(*scratch, "hubatlas")
	if err := mod.Go(*wait, "build", "-o", bin, "./cmd/hubatlas"); err != nil {
		return err
	}

	args := []string{"serve", "--addr", "127.0.0.1:0"}
	if *config != "" {
		if *config, err = filepath.Abs(*config); err != nil {
			return err
		}
		args = append(args, "--config", *config)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = *scratch // no config.yaml here: the defaults
	// The collector's trace says how often it ran in each phase and what
	// stayed live: under the memory limit, what most limits uncached maps.
	cmd.Env = append(os.Environ(), "HUBATLAS_LOG_LEVEL=warn", "GODEBUG=gctrace=1")
	gcs := &gcLog{}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	go gcs.read(stderr)
	srv, base, err := start(cmd)
	if err != nil {
		return err
	}
	defer srv.stop()

	cats, _, err := get(base+"api/categories", "identity")
	if err != nil {
		return err
	}
	var list []struct{ ID string }
	if err := json.Unmarshal(cats, &list); err != nil {
		return fmt.Errorf("/api/categories: %w", err)
	}
	for _, c := range list {
		categoryIDs = append(categoryIDs, c.ID)
	}

	// The bytes the file server serves are the ones hubatlas serves.
	body, _, err := get(base+cachedMap, "identity")
	if err != nil {
		return err
	}
	dir := filepath.Join(*scratch, "files")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "map.svg"), body, 0o644); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fcmd := exec.Command(self)
	fcmd.Env = append(os.Environ(), fileServerEnv+"="+dir)
	fsrv, fileBase, err := start(fcmd)
	if err != nil {
		return err
	}
	defer fsrv.stop()
	bases := map[string]string{"file": fileBase, "hubatlas": base}
	pids := map[string]int{"file": fsrv.cmd.Process.Pid, "hubatlas": srv.cmd.Process.Pid}

	// Warm up the server's code paths and cache (not reported).
	attack(phase{urls: fixed(cachedMap), conns: *conns, rate: asFastAsPossible}, base, time.Second)

	type row struct {
		p       phase
		m       *vegeta.Metrics
		skipped string
		hwm     float64
		size    int     // bytes of one response (the probe's)
		cpu     float64 // the server's CPU ms per request (user and system)
		gcs     int     // hubatlas's collections during the phase
		live    float64 // MB live after the phase's last collection
	}
	var rows []row
	loads := []float64{mainmod.LoadAvg()}
	memfd := 0.0 // MB of memory files after a phase, at most
	began := time.Now()
	for i, p := range phases {
		if i > 0 && !sel.MatchString(p.name) {
			continue
		}
		if p.conns == 0 {
			p.conns = *conns
		}
		if p.rate == 0 {
			p.rate = *rate
		}
		d := p.dur
		if d == 0 {
			d = *phaseDur
		}
		b := bases[p.server]
		// A server that does not know a parameter answers 400: say so
		// instead of timing error responses.
		// The probe's size is the table's sample of a response's size.
		probe, status, err := get(b+p.urls.next(), "identity")
		if err != nil {
			return err
		}
		if status == http.StatusBadRequest {
			rows = append(rows, row{p: p, skipped: "not supported yet (400: " + reason(probe) + ")"})
			logf("%-40s not supported yet", p.name)
			continue
		}
		if p.gzip {
			if probe, _, err = get(b+p.urls.next(), "gzip"); err != nil {
				return err
			}
		}
		logf("%-40s %s", p.name, d)
		cpu0 := cpuSeconds(pids[p.server])
		gc0, _ := gcs.snapshot()
		m := attack(p, b, d)
		cpu := (cpuSeconds(pids[p.server]) - cpu0) * 1000 / float64(max(m.Requests, 1))
		gc1, live := gcs.snapshot()
		hwm := 0.0
		if p.server == "hubatlas" {
			if hwm, err = peakRSS(srv.cmd.Process.Pid); err != nil {
				return err
			}
			memfd = max(memfd, memFiles(srv.cmd.Process.Pid))
		}
		r := row{p: p, m: m, hwm: hwm, size: len(probe), cpu: cpu}
		if p.server == "hubatlas" {
			r.gcs, r.live = gc1-gc0, live
		}
		rows = append(rows, r)
		loads = append(loads, mainmod.LoadAvg())
	}
	total := time.Since(began)
	peak, err := peakRSS(srv.cmd.Process.Pid)
	if err != nil {
		return err
	}

	fmt.Printf("\nhubatlas serve (%s) and a plain Go file server on loopback, vegeta; %s per phase, %s in all.\n\n",
		mod.Describe(), *phaseDur, total.Round(time.Second))
	fmt.Println("| phase | URLs | conns | rate | gzip | req/s | × file server | p50 ms | p99 ms | errors | bytes/response | server VmHWM MB | server CPU ms/request | collections (live MB after the last) |")
	fmt.Println("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var file *vegeta.Metrics
	var notes []string
	for _, r := range rows {
		rateS := "max"
		if r.p.rate > 0 {
			rateS = strconv.Itoa(r.p.rate) + "/s"
		}
		gz := "no"
		if r.p.gzip {
			gz = "yes"
		}
		head := fmt.Sprintf("| %s | `%s` | %d | %s | %s |", r.p.name, r.p.urls.desc, r.p.conns, rateS, gz)
		if r.m == nil {
			fmt.Printf("%s %s | | | | | | | | |\n", head, r.skipped)
			continue
		}
		m := r.m
		if file == nil && r.p.server == "file" {
			file = m
		}
		share := "–"
		if file != nil && file.Throughput > 0 {
			share = fmt.Sprintf("%.0f %%", 100*m.Throughput/file.Throughput)
		}
		failed := m.Requests - uint64(float64(m.Requests)*m.Success+0.5)
		hwm := "–"
		if r.hwm > 0 {
			hwm = fmt.Sprintf("%.1f", r.hwm)
		}
		gc := "–"
		if r.p.server == "hubatlas" {
			gc = fmt.Sprintf("%d (%.0f)", r.gcs, r.live)
		}
		fmt.Printf("%s %s | %s | %.2f | %.2f | %d of %s | %s | %s | %.3f | %s |\n", head, thousands(int(m.Throughput+0.5)), share,
			ms(m.Latencies.P50), ms(m.Latencies.P99), failed, thousands(int(m.Requests)), thousands(r.size), hwm, r.cpu, gc)
		if failed > 0 {
			notes = append(notes, fmt.Sprintf("%s: status codes %v, errors %v", r.p.name, m.StatusCodes, firstN(m.Errors, 3)))
		}
	}
	fmt.Printf("\nServer peak RSS (VmHWM) over the run: %.1f MB.\n", peak)
	fmt.Printf("Memory files (memfd, the bodies sent with sendfile; not in RSS) after a phase: at most %.1f MB.\n", memfd)
	fmt.Printf("Load average (1 min) at the start and after each phase: %s (the machine has %d CPUs).\n", loadsFmt(loads), runtime.NumCPU())
	for _, n := range notes {
		fmt.Println(n)
	}
	return nil
}

func encoding(gzip bool) string {
	if gzip {
		return "gzip"
	}
	return "identity"
}

// attack runs one phase against base for d.
func attack(p phase, base string, d time.Duration) *vegeta.Metrics {
	n := uint64(p.conns)
	// A transport of the phase's own, closed at its end: otherwise every
	// phase's connections would stay open, idle, until the server's
	// idle_timeout, and the next phases would measure a server holding
	// hundreds of them.
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment, DialContext: (&net.Dialer{KeepAlive: 30 * time.Second}).DialContext}
	defer tr.CloseIdleConnections()
	a := vegeta.NewAttacker(vegeta.Client(&http.Client{Transport: tr}), vegeta.Workers(n), vegeta.MaxWorkers(n),
		vegeta.Connections(p.conns), vegeta.MaxConnections(p.conns), vegeta.MaxBody(0), vegeta.Timeout(10*time.Second))
	h := http.Header{"Accept-Encoding": []string{encoding(p.gzip)}}
	targeter := func(t *vegeta.Target) error {
		*t = vegeta.Target{Method: "GET", URL: base + p.urls.next(), Header: h}
		return nil
	}
	freq := max(p.rate, 0) // 0: as fast as the workers go
	var m vegeta.Metrics
	for r := range a.Attack(targeter, vegeta.Rate{Freq: freq, Per: time.Second}, d, p.name) {
		m.Add(r)
	}
	m.Close()
	return &m
}

// get fetches one URL and returns its body and status.
func get(url, enc string) ([]byte, int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Accept-Encoding", enc)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return body, res.StatusCode, err
}

// proc is a server process this program started.
type proc struct{ cmd *exec.Cmd }

// start runs a server and returns it with the first http:// URL it prints
// on stdout.
func start(cmd *exec.Cmd) (*proc, string, error) {
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if cmd.Stderr == nil { // hubatlas's goes through gcLog
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	p := &proc{cmd}
	urlRE := regexp.MustCompile(`http://[^/\s]+/?`)
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		sent := false
		for sc.Scan() {
			if u := urlRE.FindString(sc.Text()); u != "" && !sent {
				found <- strings.TrimSuffix(u, "/") + "/"
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case u, ok := <-found:
		if ok {
			return p, u, nil
		}
		p.stop()
		return nil, "", fmt.Errorf("%s exited without printing its URL", cmd.Args[0])
	case <-time.After(time.Minute):
		p.stop()
		return nil, "", fmt.Errorf("%s printed no URL within a minute", cmd.Args[0])
	}
}

// stop interrupts the process and kills it if it has not ended in 10 s.
func (p *proc) stop() {
	p.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// peakRSS is the process's VmHWM in MB (MiB, as /proc counts kB).
func peakRSS(pid int) (float64, error) {
	s, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(s), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseFloat(f[1], 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// cpuSeconds is the CPU time (user and system) the process has used, in
// seconds, from /proc (clock ticks of 1/100 s, Linux's USER_HZ); 0 where
// there is no /proc.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command's closing parenthesis: state is the
	// first, utime and stime the 12th and 13th.
	_, rest, ok := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0
	}
	ut, err1 := strconv.ParseFloat(f[11], 64)
	st, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return (ut + st) / 100
}

// gcLog reads a Go program's standard error with GODEBUG=gctrace=1: it
// counts the collections and keeps the heap live after the last one's
// mark (the third figure of "26->28->20 MB"), and passes every other
// line on to this program's standard error.
type gcLog struct {
	mu   sync.Mutex
	n    int
	live float64
}

var gcLine = regexp.MustCompile(`^gc \d+ .* \d+->\d+->(\d+) MB`)

func (g *gcLog) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if m := gcLine.FindStringSubmatch(sc.Text()); m != nil {
			live, _ := strconv.ParseFloat(m[1], 64)
			g.mu.Lock()
			g.n, g.live = g.n+1, live
			g.mu.Unlock()
			continue
		}
		fmt.Fprintln(os.Stderr, sc.Text())
	}
}

// snapshot returns the collections so far and the heap live after the
// last, in MB.
func (g *gcLog) snapshot() (int, float64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n, g.live
}

// reason is the "error" of a JSON error body, or its first line, cut short.
func reason(body []byte) string {
	var e struct{ Error string }
	if json.Unmarshal(body, &e) == nil && e.Error != "" {
		body = []byte(e.Error)
	}
	s := firstLine(body, 60)
	if i := strings.Index(s, ": valid "); i > 0 {
		s = s[:i] // the list of valid parameters is long
	}
	return s
}

func firstLine(b []byte, n int) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return strings.ReplaceAll(s, "|", "/")
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func loadsFmt(v []float64) string {
	var s []string
	for _, x := range v {
		s = append(s, strconv.FormatFloat(x, 'f', 2, 64))
	}
	return strings.Join(s, " ")
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
