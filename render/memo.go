package render

import "sync"

// memo keeps the results of a pure function for up to most keys, and
// forgets them all when full.
type memo[K comparable, V any] struct {
	mu   sync.Mutex
	most int
	m    map[K]V
}

// get returns f's result for k, computed once while k is kept.
func (c *memo[K, V]) get(k K, f func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = f()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.most {
		c.m = make(map[K]V, c.most)
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}
