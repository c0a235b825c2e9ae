package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportDCWReproducesShippedFile regenerates the boundary file from
// Debian's gmt-dcw and checks that it is byte for byte the shipped one, and
// that every division's area is within 2 % of the full-resolution data
// (Macau, 19 km² and three rings, excepted: it loses the 1.7 km² its copy
// of the border claimed inside Guangdong).
func TestImportDCWReproducesShippedFile(t *testing.T) {
	if _, err := exec.LookPath("gmt"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gmt not installed: .ci/run must install Debian packages gmt and gmt-dcw")
		}
		t.Skip("gmt not installed (Debian packages gmt, gmt-dcw)")
	}
	if testing.Short() {
		t.Skip("takes about 20 s")
	}
	out := filepath.Join(t.TempDir(), "provinces.geojson")
	var stdout, stderr bytes.Buffer
	if err := runImportDCW(context.Background(), []string{"-o", out}, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../assets/data/china-provinces.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("import differs from the shipped file (%d vs %d bytes): run `go run ./cmd/hubatlas data import-dcw` and commit", len(got), len(want))
	}
	if len(want) > 4<<20 {
		t.Errorf("shipped file is %d bytes, want under 4 MB", len(want))
	}
	divisions := 0
	for _, line := range strings.Split(stderr.String(), "\n") {
		f := strings.Fields(line)
		if len(f) < 3 || !strings.HasPrefix(f[0], "CN-") {
			continue
		}
		divisions++
		pct, err := strconv.ParseFloat(strings.TrimSuffix(f[len(f)-1], "%"), 64)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if f[0] != "CN-MO" && math.Abs(pct) > 2 {
			t.Errorf("%s: area changed by %.2f %% against full resolution", f[0], pct)
		}
	}
	if divisions != 34 {
		t.Errorf("import reported %d divisions, want 34:\n%s", divisions, stderr.String())
	}
	t.Logf("%s", stderr.String())
}
