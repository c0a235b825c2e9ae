// Package mainmod finds and builds the hubatlas main module for the
// benchmarks. They drive it through the go command and the binaries it
// builds, never through its Go API, which changes under them; and this
// module does not import it, so no benchmark tool becomes a dependency of
// the product.
package mainmod

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const (
	benchPath = "github.com/hubatlas/hubatlas/bench"
	mainPath  = "github.com/hubatlas/hubatlas"
)

// Module is a checkout of the main module: the working tree next to
// bench/, another directory, or a detached git worktree of a revision.
type Module struct {
	Dir     string   // the module's root directory
	Commit  string   // HEAD of the checkout, 12 hex digits ("" outside git)
	Changed []string // files that differ from Commit, outside bench/
	cleanup func()
}

// BenchDir returns the root of the bench module: the nearest directory at or
// above the working directory whose go.mod declares it.
func BenchDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if modulePath(filepath.Join(dir, "go.mod")) == benchPath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("mainmod: no go.mod of %s at or above the working directory: run from bench/", benchPath)
		}
		dir = parent
	}
}

// Open returns the main module in dir (default: the parent of bench/). With
// rev set, it checks rev out into a temporary git worktree instead, so that
// figures can be had while the working tree is mid-edit; Close removes it.
func Open(dir, rev string) (*Module, error) {
	if dir == "" {
		b, err := BenchDir()
		if err != nil {
			return nil, err
		}
		dir = filepath.Dir(b)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if p := modulePath(filepath.Join(dir, "go.mod")); p != mainPath {
		return nil, fmt.Errorf("mainmod: %s/go.mod declares %q, want %s", dir, p, mainPath)
	}
	m := &Module{Dir: dir, cleanup: func() {}}
	if rev != "" {
		tmp, err := os.MkdirTemp("", "hubatlas-worktree-")
		if err != nil {
			return nil, err
		}
		wt := filepath.Join(tmp, "hubatlas")
		if out, err := exec.Command("git", "-C", dir, "worktree", "add", "--detach", wt, rev).CombinedOutput(); err != nil {
			os.RemoveAll(tmp)
			return nil, fmt.Errorf("mainmod: git worktree add %s: %v\n%s", rev, err, out)
		}
		m.Dir = wt
		m.cleanup = func() {
			exec.Command("git", "-C", dir, "worktree", "remove", "--force", wt).Run()
			os.RemoveAll(tmp)
		}
	}
	if out, err := exec.Command("git", "-C", m.Dir, "rev-parse", "--short=12", "HEAD").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(out))
		st, _ := exec.Command("git", "-C", m.Dir, "status", "--porcelain", "--", ".", ":(exclude)bench").Output()
		for _, line := range strings.Split(string(st), "\n") { // "XY path"
			if len(line) > 3 {
				m.Changed = append(m.Changed, strings.TrimSpace(line[3:]))
			}
		}
	}
	return m, nil
}

// Close removes the worktree Open made, if any.
func (m *Module) Close() { m.cleanup() }

// Describe says which code the figures are of, e.g. "commit cd07a6d3e2f1"
// or "commit cd07a6d3e2f1 + uncommitted changes (geo/meta.go, …)".
func (m *Module) Describe() string {
	if m.Commit == "" {
		return m.Dir + " (not a git checkout)"
	}
	s := "commit " + m.Commit
	if n := len(m.Changed); n > 0 {
		shown := m.Changed[:min(n, 4)]
		more := ""
		if n > 4 {
			more = fmt.Sprintf(", %d more", n-4)
		}
		s += fmt.Sprintf(" + uncommitted changes (%s%s)", strings.Join(shown, ", "), more)
	}
	return s
}

// Go runs the go command with args in the module's directory. While the
// module does not compile (other engineers mid-edit), it retries every 30 s
// until wait has passed, saying so on stderr.
func (m *Module) Go(wait time.Duration, args ...string) error {
	deadline := time.Now().Add(wait)
	for {
		cmd := exec.Command("go", args...)
		cmd.Dir = m.Dir
		out, err := cmd.CombinedOutput()
		if err == nil {
			return nil
		}
		msg := fmt.Errorf("mainmod: go %s in %s: %v\n%s", strings.Join(args, " "), m.Dir, err, bytes.TrimSpace(out))
		if time.Now().Add(30 * time.Second).After(deadline) {
			return errors.Join(msg, errors.New("mainmod: the main module does not build: wait with -wait 5m, or take a committed revision with -rev HEAD"))
		}
		fmt.Fprintf(os.Stderr, "main module does not build yet (%s); retrying in 30 s\n", firstLine(out))
		time.Sleep(30 * time.Second)
	}
}

func firstLine(b []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return "no output"
}

// modulePath is the module path declared by a go.mod file, "" if none.
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// LoadAvg is the machine's load average over the last minute, from
// /proc/loadavg (-1 where there is none): other work on the machine shows
// in the figures, and this says how much there was.
func LoadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	var v float64
	if _, err := fmt.Sscan(string(b), &v); err != nil {
		return -1
	}
	return v
}
