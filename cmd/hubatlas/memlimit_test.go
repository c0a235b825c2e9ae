package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hubatlas/hubatlas/geo"
)

func TestMemoryLimitFor(t *testing.T) {
	for _, c := range []struct {
		mb      int
		live    uint64
		ceiling int64
		want    int64
	}{
		{44, 8 << 20, 0, 44 << 20},                         // the embedded data: the configured limit
		{44, 18 << 20, 0, 44 << 20},                        // 2×18+8 = 44: still the configured one
		{44, 54 << 20, 0, 116 << 20},                       // 50,000 suppliers: 2×54+8
		{44, 54 << 20, 100 << 20, 100 << 20},               // but not above the container's ceiling
		{44, 54 << 20, 30 << 20, 44 << 20},                 // nor below the configured limit
		{0, 54 << 20, 0, math.MaxInt64},                    // no limit configured: none
		{-1, 1 << 20, 0, math.MaxInt64},                    // nor for a negative one
		{44, math.MaxUint64, 0, math.MaxInt64/4*2 + 8<<20}, // no overflow
	} {
		if got := memoryLimitFor(c.mb, c.live, c.ceiling); got != c.want {
			t.Errorf("memoryLimitFor(%d MiB, %d, ceiling %d) = %d, want %d", c.mb, c.live, c.ceiling, got, c.want)
		}
	}
}

func TestCeilingOf(t *testing.T) {
	for in, want := range map[string]int64{
		"max\n":        0,
		"536870912\n":  512<<20 - ceilingRoom,
		"1048576\n":    0, // under the room itself: no ceiling
		"":             0,
		"-1":           0,
		"not a number": 0,
	} {
		if got := ceilingOf(in); got != want {
			t.Errorf("ceilingOf(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestReloadLiftsAndFitsTheLimit: the limit is lifted while the reloader
// loads, fit to the data after a good or a failed load, and fit again
// once the reload has settled.
func TestReloadLiftsAndFitsTheLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(1 << 40) // neither what lift nor what fit sets
	var during []int64
	fail := false
	r := newReloader(nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.mem = &memoryLimit{configuredMB: 4096}
	r.settle = 50 * time.Millisecond
	r.load = func(context.Context) (*geo.Atlas, error) {
		during = append(during, debug.SetMemoryLimit(-1))
		if fail {
			return nil, errors.New("a bad file")
		}
		return &geo.Atlas{}, nil
	}
	r.swap, r.fail = func(*geo.Atlas) {}, func(error) {}
	for _, f := range []bool{false, true} {
		fail = f
		debug.SetMemoryLimit(1 << 40)
		r.reload(context.Background(), "test")
		if got := debug.SetMemoryLimit(-1); got != 4096<<20 {
			t.Errorf("after a reload (failed: %v): limit %d MiB, want the configured 4096", f, got>>20)
		}
	}
	for i, l := range during {
		if l != math.MaxInt64 {
			t.Errorf("load %d ran under a limit of %d MiB, want none", i, l>>20)
		}
	}
	// The settled fit: the reloader's loop fits again, settle after the
	// reload's own fit.
	r.settle = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	debug.SetMemoryLimit(1 << 40)
	go r.run(ctx)
	r.request("test")
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for debug.SetMemoryLimit(-1) != 4096<<20 {
			if time.Now().After(deadline) {
				t.Fatalf("the limit was not fit %s", what)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor("after the reload")
	debug.SetMemoryLimit(1 << 40)
	waitFor("again once the reload settled")
}

// serveLimit starts serve with args, reads the memory limit once it
// serves, stops it, and returns the limit with what serve logged of it:
// the live heap and the limit in MiB, or -1s when it kept the configured
// limit. The live heap is the test process's: other tests' data count.
func serveLimit(t *testing.T, args ...string) (limit int64, liveMB, limitMB int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	var errOut strings.Builder
	go func() {
		err := runServe(ctx, append([]string{"--config", writeConfig(t, "log:\n  level: info\n"), "--addr", "127.0.0.1:0"}, args...), pw, &errOut)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	go io.Copy(io.Discard, pr)
	limit = debug.SetMemoryLimit(-1)
	cancel()
	if err2 := <-done; err2 != nil {
		t.Fatalf("%v: %s", err2, errOut.String())
	}
	if err != nil || !strings.Contains(line, "serving") {
		t.Fatalf("serve printed %q (%v)", line, err)
	}
	liveMB, limitMB = -1, -1
	if m := regexp.MustCompile(`memory limit raised.* live_heap_mb=(\d+) limit_mb=(\d+)`).FindStringSubmatch(errOut.String()); m != nil {
		liveMB, _ = strconv.Atoi(m[1])
		limitMB, _ = strconv.Atoi(m[2])
	}
	return limit, liveMB, limitMB
}

// TestServeFitsTheMemoryLimitToTheData: the configured limit (44 MiB)
// for the embedded data, unless the process holds more; for 50,000
// suppliers, whose live heap is above it, twice the live heap plus 8 MiB.
func TestServeFitsTheMemoryLimitToTheData(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	limit, liveMB, limitMB := serveLimit(t)
	switch {
	case limitMB < 0 && limit != 44<<20:
		t.Errorf("embedded data: limit %d MiB, want the configured 44", limit>>20)
	case limitMB >= 0 && (liveMB < 18 || int64(limitMB) != limit>>20):
		t.Errorf("embedded data: limit raised to %d MiB (set: %d MiB) for a live heap of %d MiB", limitMB, limit>>20, liveMB)
	}

	// 50,000 suppliers: the 5,000 of the example ten times over.
	f, err := os.Open(filepath.Join("..", "..", "examples", "suppliers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "suppliers-50k.csv")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.Write(rows[0])
	n := 0
	for range 10 {
		for _, r := range rows[1:] {
			r = append([]string(nil), r...)
			r[0] = fmt.Sprintf("s%d", n) // the id column
			n++
			w.Write(r)
		}
	}
	w.Flush()
	out.Close()
	if n != 50_000 {
		t.Fatalf("%d rows, want 50,000", n)
	}
	limit, liveMB, limitMB = serveLimit(t, "--hubs", path, "--categories", filepath.Join("..", "..", "examples", "categories.yaml"))
	if limitMB < 0 || liveMB < 44 || limit>>20 != int64(limitMB) || limitMB < 2*liveMB+7 || limitMB > 2*liveMB+9 {
		t.Errorf("50,000 suppliers: limit %d MiB, logged %d MiB for a live heap of %d MiB; want twice the live heap (at least 44 MiB) plus 8", limit>>20, limitMB, liveMB)
	}
}
