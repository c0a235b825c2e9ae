package render

import (
	"container/list"
	"sync"
)

// viewCache keeps what recent views of a map have built — their Base, the
// hubs in their frame — bounded by bytes and by entries, least recently
// used first out, and builds each entry at most once at a time.
//
// A view is kept from its second build on: the first only leaves its key
// with a doorkeeper (seen). Most views are drawn once — a window the
// dashboard zoomed to, a size one client asked for — and keeping each had
// held a share of the live heap for nothing, so that the collector ran
// more often: under the load test, at 020248d against the change, new
// zoom windows came at 779 and 752 a second against 831 and 842, new
// sizes at 525 and 497 against 564 and 552, with a tenth fewer
// collections. A view drawn again (a filter changed on the same map)
// pays one more build, then is kept.
type viewCache[K comparable, V any] struct {
	mu         sync.Mutex
	maxBytes   int
	maxEntries int
	size       func(V) int
	bytes      int
	ll         *list.List // of *viewEntry, most recent first
	items      map[K]*list.Element
	building   map[K]*viewBuild[V]
	seen       doorkeeper[K]
}

type viewEntry[K comparable, V any] struct {
	key K
	val V
}

// viewBuild is a build in progress, which others asking for the same view
// wait for: they take its value whether or not the cache keeps it.
type viewBuild[V any] struct {
	done    chan struct{}
	val     V
	ok      bool // false when the build panicked: the waiters build again
	waiters int  // how many wait, under the cache's lock
}

// seenPerEntry is how many keys of views built once the doorkeeper
// remembers, per entry the cache may keep.
const seenPerEntry = 4

func newViewCache[K comparable, V any](maxBytes, maxEntries int, size func(V) int) *viewCache[K, V] {
	return &viewCache[K, V]{maxBytes: maxBytes, maxEntries: maxEntries, size: size,
		ll: list.New(), items: map[K]*list.Element{}, building: map[K]*viewBuild[V]{},
		seen: newDoorkeeper[K](seenPerEntry * maxEntries)}
}

// get returns the entry of k, building it with build when absent. The
// entry is kept when it was built before while the doorkeeper remembered
// it, and is no larger than a quarter of the bound.
func (c *viewCache[K, V]) get(k K, build func() V) V {
	for {
		c.mu.Lock()
		if e, ok := c.items[k]; ok {
			c.ll.MoveToFront(e)
			c.mu.Unlock()
			return e.Value.(*viewEntry[K, V]).val
		}
		if b, ok := c.building[k]; ok {
			b.waiters++
			c.mu.Unlock()
			<-b.done
			if b.ok {
				return b.val
			}
			continue
		}
		b := &viewBuild[V]{done: make(chan struct{})}
		c.building[k] = b
		c.mu.Unlock()
		return c.buildAs(k, b, build)
	}
}

// buildAs builds k's entry as build b, offers it to the cache, and lets
// b's waiters have it; a build that panics is ended so that the waiters
// build again rather than wait for ever.
func (c *viewCache[K, V]) buildAs(k K, b *viewBuild[V], build func() V) V {
	defer func() {
		c.mu.Lock()
		delete(c.building, k)
		c.mu.Unlock()
		close(b.done)
	}()
	v := build()
	b.val, b.ok = v, true
	c.mu.Lock()
	c.offer(k, v)
	c.mu.Unlock()
	return v
}

// offer keeps v as k's entry when the doorkeeper has seen k, else
// remembers k; c.mu is held.
func (c *viewCache[K, V]) offer(k K, v V) {
	n := c.size(v)
	if n > c.maxBytes/4 || !c.seen.pass(k) {
		return
	}
	c.items[k] = c.ll.PushFront(&viewEntry[K, V]{k, v})
	c.bytes += n
	for (c.bytes > c.maxBytes || c.ll.Len() > c.maxEntries) && c.ll.Len() > 1 {
		old := c.ll.Back()
		c.ll.Remove(old)
		e := old.Value.(*viewEntry[K, V])
		c.bytes -= c.size(e.val)
		delete(c.items, e.key)
	}
}

// doorkeeper remembers the last keys it was shown, up to its size, oldest
// forgotten first.
type doorkeeper[K comparable] struct {
	ring []K
	at   map[K]int // the ring slot of each remembered key
	next int       // the slot the next key takes
	full bool
}

func newDoorkeeper[K comparable](size int) doorkeeper[K] {
	return doorkeeper[K]{ring: make([]K, max(1, size)), at: map[K]int{}}
}

// pass reports whether k was shown before and is still remembered, and
// forgets it then; else it remembers k.
func (d *doorkeeper[K]) pass(k K) bool {
	if _, ok := d.at[k]; ok {
		delete(d.at, k)
		return true
	}
	if d.full {
		// The slot's old key goes, unless it passed since and was shown
		// again: then its slot is a newer one.
		if old := d.ring[d.next]; d.slot(old) == d.next {
			delete(d.at, old)
		}
	}
	d.ring[d.next], d.at[k] = k, d.next
	d.next++
	if d.next == len(d.ring) {
		d.next, d.full = 0, true
	}
	return false
}

// slot returns the ring slot of k, -1 when k is not remembered.
func (d *doorkeeper[K]) slot(k K) int {
	if j, ok := d.at[k]; ok {
		return j
	}
	return -1
}
