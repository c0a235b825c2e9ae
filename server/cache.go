package server

import (
	"container/list"
	"sync"
)

// mapCache is a bounded LRU of rendered maps keyed by normalised query.
// It is safe for concurrent use; a size of 0 disables it.
type mapCache struct {
	mu    sync.Mutex
	size  int
	ll    *list.List
	items map[string]*list.Element
}

type cacheEntry struct {
	key  string
	page *rendered
}

func newMapCache(size int) *mapCache {
	return &mapCache{size: size, ll: list.New(), items: map[string]*list.Element{}}
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
	if c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.ll.MoveToFront(e)
		e.Value.(*cacheEntry).page = r
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key, r})
	for c.ll.Len() > c.size {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).key)
	}
}

func (c *mapCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}
