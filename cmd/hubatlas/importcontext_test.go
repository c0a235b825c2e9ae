package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestImportContextReproducesShippedFiles regenerates the neighbouring
// countries and the South China Sea file from Debian's gmt-dcw and the
// shipped provinces, and checks that both are byte for byte the shipped
// ones.
func TestImportContextReproducesShippedFiles(t *testing.T) {
	if _, err := exec.LookPath("gmt"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("gmt not installed: .ci/run must install Debian packages gmt and gmt-dcw")
		}
		t.Skip("gmt not installed (Debian packages gmt, gmt-dcw)")
	}
	if testing.Short() {
		t.Skip("takes about 35 s")
	}
	dir := t.TempDir()
	out, scs := filepath.Join(dir, "context.geojson"), filepath.Join(dir, "south-china-sea.geojson")
	var stdout, stderr bytes.Buffer
	args := []string{"-o", out, "-scs", scs, "-provinces", "../../assets/data/china-provinces.geojson"}
	if err := runImportContext(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	for got, want := range map[string]string{out: "../../assets/data/context.geojson", scs: "../../assets/data/south-china-sea.geojson"} {
		g, err := os.ReadFile(got)
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.ReadFile(want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, w) {
			t.Errorf("import differs from %s (%d vs %d bytes): run `go run ./cmd/hubatlas data import-context` and commit", want, len(g), len(w))
		}
	}
	t.Logf("%s", stderr.String())
}
