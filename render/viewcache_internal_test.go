package render

import "testing"

// TestViewCacheBounds: entries go, least recently used first, when there
// are more than maxEntries of them or more than maxBytes in all; one
// larger than a quarter of maxBytes is built but not kept.
func TestViewCacheBounds(t *testing.T) {
	built := 0
	c := newViewCache[int](100, 3, func(v int) int { return v })
	get := func(k, size int) {
		c.get(k, func() int { built++; return size })
	}
	for k := range 5 {
		get(k, 1)
	}
	if c.ll.Len() != 3 {
		t.Fatalf("%d small entries kept, want 3 (maxEntries)", c.ll.Len())
	}
	built = 0
	get(4, 1)
	get(2, 1)
	get(0, 1)
	if built != 1 {
		t.Errorf("built %d of the entries 4, 2 and 0, want only 0 (evicted)", built)
	}
	c2 := newViewCache[int](100, 64, func(v int) int { return v })
	for k := range 6 {
		c2.get(k, func() int { return 20 })
	}
	if c2.ll.Len() != 5 || c2.bytes != 100 {
		t.Errorf("%d entries of 20 bytes kept (%d bytes), want 5 (maxBytes 100)", c2.ll.Len(), c2.bytes)
	}
	c2.get(99, func() int { return 26 })
	if _, ok := c2.items[99]; ok {
		t.Error("an entry over a quarter of maxBytes was kept")
	}
}
