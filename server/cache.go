package server

import (
	"container/list"
	"sync"
)

// mapCache is an LRU of rendered maps keyed by normalised query, bounded
// by entries and by bytes. It is safe for concurrent use; a size of 0
// disables it.
type mapCache struct {
	mu       sync.Mutex
	size     int
	maxBytes int
	bytes    int
	ll       *list.List
	items    map[string]*list.Element
}

// cost counts a map's SVG and its gzip form, about a third of it, or its
// PNG or PDF.
func cost(r *rendered) int { return len(r.svg) + len(r.svg)/3 + len(r.file) }

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

func (c *mapCache) put(key string, r *rendered) {
	if c.size <= 0 || cost(r) > c.maxBytes {
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

func (c *mapCache) usedBytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
