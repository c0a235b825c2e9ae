package assets

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// resident counts the pages of b in memory.
func resident(t *testing.T, b []byte) (in, all int) {
	t.Helper()
	entries, ok := pageEntries(b)
	if !ok {
		t.Skip("/proc/self/pagemap cannot be read")
	}
	for _, e := range entries {
		if e>>63 == 1 {
			in++
		}
	}
	return in, len(entries)
}

// TestReleasePages: after a read, the boundary file's pages are resident;
// after ReleasePages none is, and a read gives the same bytes again.
func TestReleasePages(t *testing.T) {
	b := wholePages(boundariesData)
	if len(b) < 2<<20 {
		t.Fatalf("whole pages of the boundary file: %d bytes, want about its 2.3 MB", len(b))
	}
	before := sha256.Sum256([]byte(boundariesData))
	if in, all := resident(t, b); in != all {
		t.Fatalf("after a read %d of %d pages resident, want all", in, all)
	}
	ReleasePages()
	if in, all := resident(t, b); in != 0 {
		t.Errorf("after ReleasePages %d of %d pages resident, want none", in, all)
	}
	if after := sha256.Sum256([]byte(boundariesData)); after != before {
		t.Error("the boundary file reads differently after ReleasePages")
	}
	if b := wholePages("short"); b != nil {
		t.Errorf("whole pages of 5 bytes: %d bytes", len(b))
	}
}

// TestAnonymousPagesAreKept: bytes in anonymous memory (the heap here; a
// packed binary's data too) would read back as zeros once dropped, so
// they are not.
func TestAnonymousPagesAreKept(t *testing.T) {
	heap := strings.Repeat("hubatlas", 1<<16) // 512 KB on the heap
	if readOnlyFile(wholePages(heap)) || fromFile(wholePages(heap)) {
		t.Fatal("heap memory taken for a read-only file mapping, or for pages of a file")
	}
	if n := strings.Count(boundariesData, "{"); n == 0 { // read every page
		t.Fatal("no { in the boundary file")
	}
	if in, all := resident(t, wholePages(boundariesData)); in != all || !fromFile(wholePages(boundariesData)) {
		t.Fatal("the embedded boundary file's pages in memory are not the file's")
	}
	if !readOnlyFile(wholePages(boundariesData)) {
		t.Fatal("the embedded boundary file not found in a read-only file mapping")
	}
	releasePages(heap)
	if strings.Count(heap, "hubatlas") != 1<<16 {
		t.Error("heap bytes changed by releasePages")
	}
}
