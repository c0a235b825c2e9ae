package server

import (
	"container/list"
	"hash/maphash"
	"sync"
)

// mapCache is an LRU of rendered maps keyed by normalised query, bounded
// by entries and by bytes. It is safe for concurrent use; a size of 0
// disables it.
//
// An SVG map enters it on its second drawing only (see admits): a run of
// maps each asked for once — every window of a zoom, every size of a
// resized page — then neither pushes out the maps asked for again and
// again nor fills the heap with maps nobody asks for twice. Under the
// load test's uncached phases those filled the cache's 8 MiB, a third of
// the live heap (bench/README.md). A kept SVG map is held as gzip only
// (see rendered.plain).
type mapCache struct {
	mu       sync.Mutex
	size     int
	maxBytes int
	bytes    int
	ll       *list.List
	items    map[string]*list.Element
	seen     doorkeeper
	drawn    int // maps drawn, kept or not
}

// doorkeeper remembers the hashes of the last keys it was shown, at most
// len(ring). A hash collision admits a map a drawing early: harmless.
type doorkeeper struct {
	seed maphash.Seed
	ring []uint64
	next int
	set  map[uint64]struct{}
}

// seenKeys is how many keys the doorkeeper remembers: eight times the
// default number of cache entries, so that a map asked for again after
// hundreds of others still gets in; about 135 KB (a map of 4,096 hashes
// and their ring, measured once with runtime.ReadMemStats).
const seenKeys = 4096

// saw reports whether key was shown lately, and remembers it.
func (d *doorkeeper) saw(key string) bool {
	if d.set == nil {
		d.seed = maphash.MakeSeed()
		d.ring = make([]uint64, 0, seenKeys)
		d.set = make(map[uint64]struct{}, seenKeys)
	}
	h := maphash.String(d.seed, key)
	if _, ok := d.set[h]; ok {
		return true
	}
	if len(d.ring) < cap(d.ring) {
		d.ring = append(d.ring, h)
	} else {
		delete(d.set, d.ring[d.next])
		d.ring[d.next] = h
		d.next = (d.next + 1) % len(d.ring)
	}
	d.set[h] = struct{}{}
	return false
}

// cost counts what a map holds: an SVG map's gzip form (about a third of
// the SVG) and first bytes, or its PNG or PDF.
func cost(r *rendered) int { return len(r.gz) + len(r.head) + len(r.file) }

type cacheEntry struct {
	key  string
	page *rendered
}

func newMapCache(size, maxBytes int) *mapCache {
	return &mapCache{size: size, maxBytes: maxBytes, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *mapCache) get(key string) (*rendered, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry).page, true
	}
	return nil, false
}

// admits reports whether a map just drawn for key is to be kept, and
// counts it: a PNG or PDF (file) at once, for it took tens of
// milliseconds to seconds to draw; an SVG map (about a millisecond) when
// it was drawn once before lately.
func (c *mapCache) admits(key string, file bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.drawn++
	return c.size > 0 && (file || c.seen.saw(key))
}

// takes reports whether put keeps r: a cache of size 0 or a map over the
// cache's bytes takes nothing.
func (c *mapCache) takes(r *rendered) bool { return c.size > 0 && cost(r) <= c.maxBytes }

func (c *mapCache) put(key string, r *rendered) {
	if !c.takes(r) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.ll.MoveToFront(e)
		c.bytes += cost(r) - cost(e.Value.(*cacheEntry).page)
		e.Value.(*cacheEntry).page = r
	} else {
		c.items[key] = c.ll.PushFront(&cacheEntry{key, r})
		c.bytes += cost(r)
	}
	for c.ll.Len() > c.size || c.bytes > c.maxBytes {
		old := c.ll.Back()
		c.ll.Remove(old)
		e := old.Value.(*cacheEntry)
		c.bytes -= cost(e.page)
		delete(c.items, e.key)
	}
}

func (c *mapCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

// drawnMaps is how many maps were drawn from this cache's atlas.
func (c *mapCache) drawnMaps() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.drawn
}

func (c *mapCache) usedBytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
