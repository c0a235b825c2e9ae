// Command peers times hubatlas's whole-China map against the tools people
// would otherwise use to draw it, on the same data and view:
// assets/data/china-provinces.geojson, 960×720 px, Albers equal-area conic
// (25°N/47°N, 105°E) fitted to the extent with a 16 px margin.
//
//   - hubatlas: the main module's whole-China render benchmark (go test
//     -bench, ns/op), and `hubatlas render --width 960 --height 720` for the
//     SVG bytes;
//   - d3-geo + TopoJSON: topology and Visvalingam weights once, then per
//     render a filter by weight for the scale (1 px²), a filter of rings
//     under 2 px², topojson.feature and d3.geoPath per province;
//   - the same on a topology projected once (geoIdentity per render);
//   - d3-geo on the GeoJSON as shipped, no simplification;
//   - ECharts server-side rendering of a map series to an SVG string.
//
// The npm packages (package.json, package-lock.json) are installed under a
// scratch directory, bench/.scratch/peers by default. Rounds alternate
// hubatlas and the peers so that the machine's noise falls on all of them;
// the table gives the median of the rounds' medians and the fastest render.
//
// Run it from bench/: go run ./peers [-rounds 3] [-benchtime 2s] [-rev HEAD]
package main

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hubatlas/hubatlas/bench/internal/mainmod"
)

var (
	//go:embed peers.mjs
	script []byte
	//go:embed package.json
	packageJSON []byte
	//go:embed package-lock.json
	packageLock []byte
)

// The view every renderer draws.
const (
	width     = 960
	height    = 720
	margin    = 16
	weightPx2 = 1 // Visvalingam area below which a vertex goes, as hubatlas
	ringPx2   = 2 // rings smaller than this are dropped, as hubatlas
	// hubatlas's map frame leaves these bands to its title and footer.
	headerH = 64
	footerH = 24
)

// peer is one renderer in the node process, in table order.
type peer struct {
	id, name, draws  string
	warmup, minIters int
	budget           func(round time.Duration) time.Duration
}

var peers = []peer{
	{"d3-topojson", "d3-geo + TopoJSON, filter by weight", "boundaries", 10, 20, same},
	{"d3-topojson-projected", "same, topology projected once (geoIdentity)", "boundaries", 10, 20, same},
	{"echarts", "ECharts SSR, map series", "boundaries", 2, 5, same},
	{"d3-raw", "d3-geo, raw GeoJSON, no simplification", "boundaries", 1, 2, func(time.Duration) time.Duration { return 0 }},
}

func same(d time.Duration) time.Duration { return d }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run() error {
	mainDir := flag.String("main", "", "the main module's directory (default: the parent of bench/)")
	rev := flag.String("rev", "", "benchmark this git revision of the main module (a temporary worktree) instead of its working tree")
	wait := flag.Duration("wait", 0, "while the main module does not compile, retry for this long")
	scratch := flag.String("scratch", "", "scratch directory for npm packages and SVGs (default bench/.scratch/peers)")
	rounds := flag.Int("rounds", 3, "rounds, each running hubatlas and every peer once")
	benchtime := flag.Duration("benchtime", 2*time.Second, "time per renderer per round (go test -benchtime; the peers' budget)")
	rawRenders := flag.Int("raw", 2, "renders of d3-geo on the raw GeoJSON per round (each takes a few hundred ms)")
	benchRE := flag.String("bench", "RenderChina$", "the main module's whole-China render benchmark, in ./render")
	sameFrame := flag.Bool("same-frame", false, "fit the peers' view into hubatlas's map frame (below its 64 px title block, above its 24 px footer) instead of the whole 960×720")
	verbose := flag.Bool("v", false, "print every round's figures")
	flag.Parse()
	if *rounds < 1 || *benchtime <= 0 {
		return errors.New("-rounds and -benchtime must be positive")
	}

	benchDir, err := mainmod.BenchDir()
	if err != nil {
		return err
	}
	if *scratch == "" {
		*scratch = filepath.Join(benchDir, ".scratch", "peers")
	}
	if *scratch, err = filepath.Abs(*scratch); err != nil {
		return err
	}
	out := filepath.Join(*scratch, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	mod, err := mainmod.Open(*mainDir, *rev)
	if err != nil {
		return err
	}
	defer mod.Close()

	// Build once, so that every round times the same code even while the
	// working tree changes under us.
	logf("building the main module (%s)", mod.Describe())
	renderTest := filepath.Join(*scratch, "render.test")
	bin := filepath.Join(*scratch, "hubatlas")
	if err := mod.Go(*wait, "test", "-c", "-o", renderTest, "./render"); err != nil {
		return err
	}
	if err := mod.Go(*wait, "build", "-o", bin, "./cmd/hubatlas"); err != nil {
		return err
	}
	benchName, err := pickBenchmark(renderTest, filepath.Join(mod.Dir, "render"), *benchRE)
	if err != nil {
		return err
	}
	hubSVG := filepath.Join(out, "hubatlas.svg")
	cmd := exec.Command(bin, "render", "--width", strconv.Itoa(width), "--height", strconv.Itoa(height), "-o", hubSVG)
	cmd.Dir = mod.Dir
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("hubatlas render: %v\n%s", err, b)
	}

	if err := npmInstall(*scratch); err != nil {
		return err
	}
	node, err := startNode(*scratch)
	if err != nil {
		return err
	}
	defer node.close()
	var ver struct {
		Node     string
		Versions map[string]string
	}
	if err := node.call(map[string]any{"cmd": "versions"}, &ver); err != nil {
		return err
	}
	var setup struct {
		Setup       map[string]float64
		Scale       float64
		ArcVertices int
		Arcs        int
	}
	top, bottom, view := 0, 0, fmt.Sprintf("%d×%d px", width, height)
	if *sameFrame {
		top, bottom = headerH, footerH
		view = fmt.Sprintf("%d×%d px below a %d px title block", width, height-headerH-footerH, headerH)
	}
	geojson := filepath.Join(mod.Dir, "assets", "data", "china-provinces.geojson")
	if err := node.call(map[string]any{"cmd": "setup", "geojson": geojson, "out": out,
		"width": width, "height": height, "margin": margin, "top": top, "bottom": bottom,
		"weightPx2": weightPx2, "minRingPx2": ringPx2}, &setup); err != nil {
		return err
	}

	hub := &series{}
	res := make([]*series, len(peers))
	for i := range res {
		res[i] = &series{stages: map[string][]float64{}}
	}
	loads := []float64{mainmod.LoadAvg()}
	for r := 1; r <= *rounds; r++ {
		logf("round %d/%d", r, *rounds)
		ms, err := goBench(renderTest, filepath.Join(mod.Dir, "render"), benchName, *benchtime)
		if err != nil {
			return err
		}
		hub.add([]float64{ms})
		if *verbose {
			logf("  hubatlas %.3f ms", ms)
		}
		for i, p := range peers {
			budget, minIters := p.budget(*benchtime), p.minIters
			if p.id == "d3-raw" {
				minIters = *rawRenders
			}
			warmup := p.warmup
			if r > 1 {
				warmup = max(1, warmup/5)
			}
			var got struct {
				Times  []float64
				Stages map[string][]float64
				SVG    string
			}
			if err := node.call(map[string]any{"cmd": "run", "peer": p.id, "budgetMs": budget.Milliseconds(),
				"minIters": minIters, "maxIters": 100000, "warmup": warmup}, &got); err != nil {
				return err
			}
			res[i].add(got.Times)
			for k, v := range got.Stages {
				res[i].stages[k] = append(res[i].stages[k], v...)
			}
			res[i].svg = got.SVG
			if *verbose {
				logf("  %-22s %4d renders, median %.3f ms, min %.3f ms", p.id, len(got.Times), median(got.Times), slices.Min(got.Times))
			}
		}
		loads = append(loads, mainmod.LoadAvg())
	}

	// The table.
	fmt.Printf("\nWhole China; hubatlas %s of the main module, %d×%d px; peers' view %s; %d rounds, %s per renderer per round; node %s.\n",
		mod.Describe(), width, height, view, *rounds, *benchtime, ver.Node)
	fmt.Printf("%s, d3-geo %s, topojson-server %s, topojson-client %s, topojson-simplify %s, echarts %s.\n\n",
		"npm packages", ver.Versions["d3-geo"], ver.Versions["topojson-server"], ver.Versions["topojson-client"],
		ver.Versions["topojson-simplify"], ver.Versions["echarts"])
	fmt.Println("| renderer | draws | ms per render, median | min | SVG bytes | gzip bytes | time ÷ hubatlas |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|")
	hubMed := hub.median()
	row := func(name, draws string, s *series, file string) error {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", name, draws, msFmt(s.median()), msFmt(s.min()),
			thousands(len(data)), thousands(gzipLen(data)), ratio(s.median()/hubMed))
		return nil
	}
	if err := row("hubatlas `"+benchName+"`", "whole map: boundaries, hubs, labels, legend", hub, hubSVG); err != nil {
		return err
	}
	for i, p := range peers {
		if err := row(p.name, p.draws, res[i], res[i].svg); err != nil {
			return err
		}
	}
	fmt.Printf("\nRounds (median ms): hubatlas %s", roundsFmt(hub.rounds))
	for i, p := range peers {
		fmt.Printf("; %s %s", p.id, roundsFmt(res[i].rounds))
	}
	fmt.Println(".")
	for i, p := range peers {
		if len(res[i].stages) == 0 {
			continue
		}
		var parts []string
		for _, k := range inOrder(res[i].stages) {
			parts = append(parts, fmt.Sprintf("%s %s", k, msFmt(median(res[i].stages[k]))))
		}
		fmt.Printf("%s, per stage (median ms): %s.\n", p.id, strings.Join(parts, ", "))
	}
	var setupParts []string
	for _, k := range inOrder(setup.Setup) {
		setupParts = append(setupParts, fmt.Sprintf("%s %.0f", strings.TrimSuffix(k, "Ms"), setup.Setup[k]))
	}
	fmt.Printf("Peer setup, once (ms): %s. d3 scale %.1f px/rad; %d arcs, %d vertices.\n",
		strings.Join(setupParts, ", "), setup.Scale, setup.Arcs, setup.ArcVertices)
	fmt.Printf("Load average (1 min) at the start and after each round: %s (the machine has %d CPUs).\n", loadsFmt(loads), runtime.NumCPU())
	fmt.Printf("SVGs in %s.\n", out)
	return nil
}

// stageOrder is the order in which peers.mjs runs its stages.
var stageOrder = []string{
	"parseMs", "rewindMs", "fitMs", "topologyMs", "presimplifyMs", "projectedTopologyMs", "registerMapMs",
	"simplify", "filterRings", "feature", "geoPath",
	"init", "setOption", "renderToSVGString", "dispose",
}

// inOrder returns m's keys in stageOrder, unknown ones last.
func inOrder[V any](m map[string]V) []string {
	rank := func(k string) int {
		if i := slices.Index(stageOrder, k); i >= 0 {
			return i
		}
		return len(stageOrder)
	}
	return slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
	})
}

// series collects one renderer's times (ms) by round.
type series struct {
	rounds [][]float64
	stages map[string][]float64
	svg    string
}

func (s *series) add(times []float64) { s.rounds = append(s.rounds, times) }

// median is the median of the rounds' medians.
func (s *series) median() float64 {
	var m []float64
	for _, r := range s.rounds {
		m = append(m, median(r))
	}
	return median(m)
}

func (s *series) min() float64 {
	v := s.rounds[0][0]
	for _, r := range s.rounds {
		v = min(v, slices.Min(r))
	}
	return v
}

func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pickBenchmark returns the benchmark matching re in the render test
// binary, or failing that the one whose name says China (the whole-China
// benchmark may be renamed while the main module changes).
func pickBenchmark(testBin, dir, re string) (string, error) {
	cmd := exec.Command(testBin, "-test.list", "^Benchmark")
	cmd.Dir = dir
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s -test.list: %v", testBin, err)
	}
	names := strings.Fields(string(b))
	rx, err := regexp.Compile(re)
	if err != nil {
		return "", err
	}
	var hit, china []string
	for _, n := range names {
		if rx.MatchString(n) {
			hit = append(hit, n)
		}
		if strings.Contains(n, "China") {
			china = append(china, n)
		}
	}
	switch {
	case len(hit) == 1:
		return hit[0], nil
	case len(hit) == 0 && len(china) == 1:
		logf("no benchmark matches %q; taking %s", re, china[0])
		return china[0], nil
	}
	return "", fmt.Errorf("want one whole-China benchmark in ./render, matching %q or naming China; have %v (choose with -bench)", re, names)
}

var nsPerOp = regexp.MustCompile(`^(Benchmark\S*?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op`)

// goBench runs the benchmark once for d and returns its ns/op in ms.
func goBench(testBin, dir, name string, d time.Duration) (float64, error) {
	cmd := exec.Command(testBin, "-test.run", "^$", "-test.bench", "^"+name+"$", "-test.benchtime", d.String())
	cmd.Dir = dir
	b, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", name, err, b)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if m := nsPerOp.FindStringSubmatch(line); m != nil && m[1] == name {
			ns, err := strconv.ParseFloat(m[2], 64)
			return ns / 1e6, err
		}
	}
	return 0, fmt.Errorf("%s: no ns/op in\n%s", name, b)
}

// npmInstall installs the pinned packages under dir with npm ci, unless the
// lock file there already matches the embedded one.
func npmInstall(dir string) error {
	lock := filepath.Join(dir, "package-lock.json")
	if old, err := os.ReadFile(lock); err == nil && bytes.Equal(old, packageLock) {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "echarts", "package.json")); err == nil {
			return nil
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), packageJSON, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(lock, packageLock, 0o644); err != nil {
		return err
	}
	logf("npm ci in %s", dir)
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		os.Remove(lock) // try again next time
		return fmt.Errorf("npm ci: %v\n%s", err, b)
	}
	return nil
}

// nodeProc is the node process running peers.mjs, one JSON line each way.
type nodeProc struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func startNode(dir string) (*nodeProc, error) {
	if err := os.WriteFile(filepath.Join(dir, "peers.mjs"), script, 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command("node", "peers.mjs")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("node: %w", err)
	}
	return &nodeProc{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20)}, nil
}

func (n *nodeProc) call(req map[string]any, resp any) error {
	b, _ := json.Marshal(req)
	if _, err := n.in.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("node: %w", err)
	}
	line, err := n.out.ReadBytes('\n')
	if err != nil {
		return fmt.Errorf("node: %v: %w", req["cmd"], err)
	}
	var status struct {
		OK    bool
		Error string
	}
	if err := json.Unmarshal(line, &status); err != nil {
		return fmt.Errorf("node: %v: %w", req["cmd"], err)
	}
	if !status.OK {
		return fmt.Errorf("node: %v: %s", req["cmd"], status.Error)
	}
	return json.Unmarshal(line, resp)
}

func (n *nodeProc) close() {
	n.in.Close()
	done := make(chan struct{})
	go func() { n.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		n.cmd.Process.Kill()
		<-done
	}
}

// gzipLen is the size of data gzipped at Go's default level (gzip -6).
func gzipLen(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func msFmt(ms float64) string {
	switch {
	case ms < 10:
		return strconv.FormatFloat(ms, 'f', 2, 64)
	case ms < 100:
		return strconv.FormatFloat(ms, 'f', 1, 64)
	}
	return thousands(int(ms + 0.5))
}

func ratio(r float64) string {
	if r < 10 {
		return fmt.Sprintf("%.1f×", r)
	}
	return thousands(int(r+0.5)) + "×"
}

func roundsFmt(r [][]float64) string {
	var s []string
	for _, t := range r {
		s = append(s, msFmt(median(t)))
	}
	return strings.Join(s, " ")
}

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

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
}
