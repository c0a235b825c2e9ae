package render

import (
	"sync"
	"testing"
	"time"
)

// keep gets k from c twice, so that c keeps it (a view is kept from its
// second build on).
func keep(c *viewCache[int, int], k, size int) {
	c.get(k, func() int { return size })
	c.get(k, func() int { return size })
}

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
		keep(c, k, 1)
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
		keep(c2, k, 20)
	}
	if c2.ll.Len() != 5 || c2.bytes != 100 {
		t.Errorf("%d entries of 20 bytes kept (%d bytes), want 5 (maxBytes 100)", c2.ll.Len(), c2.bytes)
	}
	keep(c2, 99, 26)
	if _, ok := c2.items[99]; ok {
		t.Error("an entry over a quarter of maxBytes was kept")
	}
}

// TestViewCacheKeepsViewsBuiltTwice: a view built once is not kept, one
// built again while the doorkeeper remembers it is; the doorkeeper
// forgets the oldest keys first, seenPerEntry per entry.
func TestViewCacheKeepsViewsBuiltTwice(t *testing.T) {
	built := 0
	c := newViewCache[int](1000, 4, func(v int) int { return 1 })
	get := func(k int) { c.get(k, func() int { built++; return k }) }
	get(1)
	if c.ll.Len() != 0 {
		t.Fatal("a view built once was kept")
	}
	get(1)
	get(1)
	if built != 2 || c.ll.Len() != 1 {
		t.Fatalf("view 1 built %d times, %d kept; want 2 builds, then kept", built, c.ll.Len())
	}
	// 16 keys (seenPerEntry × 4) after key 2, the doorkeeper has
	// forgotten it; key 3, fifteen after, it still knows.
	get(2)
	get(3)
	for k := 100; k < 100+seenPerEntry*4-1; k++ {
		get(k)
	}
	built = 0
	get(3)
	get(2)
	if _, ok := c.items[3]; !ok {
		t.Error("a view built again within the doorkeeper's memory was not kept")
	}
	if _, ok := c.items[2]; ok {
		t.Error("a view built again after the doorkeeper forgot it was kept")
	}
	// A key passed and shown again keeps its newer slot when its old one
	// is taken.
	d := newDoorkeeper[int](2)
	d.pass(7) // slot 0
	d.pass(7) // passes, forgotten
	d.pass(8) // slot 1
	d.pass(7) // slot 0 again
	d.pass(9) // slot 1: 8 goes
	if d.slot(7) != 0 || d.slot(8) != -1 || d.slot(9) != 1 {
		t.Errorf("slots of 7, 8, 9: %d, %d, %d; want 0, -1, 1", d.slot(7), d.slot(8), d.slot(9))
	}
}

// TestViewCacheShareBuild: those who ask for a view while it is built get
// the same value from that one build, kept or not; when the build panics,
// they build again instead of waiting for ever.
func TestViewCacheShareBuild(t *testing.T) {
	c := newViewCache[int](1000, 4, func(v int) int { return 1 })
	release := make(chan struct{})
	var mu sync.Mutex
	built := 0
	build := func() int {
		mu.Lock()
		built++
		mu.Unlock()
		<-release
		return 42
	}
	var wg sync.WaitGroup
	got := make([]int, 4)
	for i := range got {
		wg.Go(func() { got[i] = c.get(1, build) })
	}
	for {
		c.mu.Lock()
		b, ok := c.building[1]
		waiting := ok && b.waiters == len(got)-1
		c.mu.Unlock()
		if waiting {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	if built != 1 || got[0] != 42 || got[1] != 42 || got[2] != 42 || got[3] != 42 {
		t.Errorf("built %d times, got %v; want one build, 42 for all", built, got)
	}
	if c.ll.Len() != 0 {
		t.Error("a view built once was kept")
	}

	// A build that panics once another waits for it.
	proceed := make(chan struct{})
	waiter := make(chan int)
	started := make(chan struct{})
	go func() {
		defer func() { recover() }()
		c.get(2, func() int { close(started); <-proceed; panic("boom") })
	}()
	<-started
	go func() { waiter <- c.get(2, func() int { return 7 }) }()
	for {
		c.mu.Lock()
		b, ok := c.building[2]
		waiting := ok && b.waiters == 1
		c.mu.Unlock()
		if waiting {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(proceed)
	select {
	case v := <-waiter:
		if v != 7 {
			t.Errorf("after a build panicked, got %d, want 7 from a build of its own", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a get waited for a build that panicked")
	}
}
