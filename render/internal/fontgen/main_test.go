package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesAreCurrent regenerates the width tables and glyph
// files from the installed fonts and compares them with the committed
// ones; it skips where Debian's Noto packages are not installed.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	for _, f := range faces {
		if _, err := os.Stat(f.path); err != nil {
			t.Skipf("%s not installed (apt-get install fonts-noto-core fonts-noto-cjk)", f.path)
		}
	}
	dir := t.TempDir()
	metrics := filepath.Join(dir, "metrics.go")
	cmd := exec.Command("go", "run", ".", "-metrics", metrics, "-glyphs", dir, "-assets", "../../../assets")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fontgen: %v\n%s", err, out)
	}
	pairs := map[string]string{metrics: "../../metrics.go"}
	for _, f := range faces {
		pairs[filepath.Join(dir, f.file+".glyphs")] = "../glyphs/data/" + f.file + ".glyphs"
	}
	for name := range licences {
		pairs[filepath.Join(dir, name)] = "../glyphs/data/" + name
	}
	for fresh, committed := range pairs {
		a, err := os.ReadFile(fresh)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(committed)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from what fontgen writes now (%d vs %d bytes): run go generate ./render", committed, len(b), len(a))
		}
	}
}
