package render

import (
	"container/list"
	"sync"
)

// viewCache keeps what recent views of a map have built — their Base, the
// hubs in their frame — bounded by bytes and by entries, least recently
// used first out, and builds each entry at most once at a time.
type viewCache[K comparable, V any] struct {
	mu         sync.Mutex
	maxBytes   int
	maxEntries int
	size       func(V) int
	bytes      int
	ll         *list.List // of *viewEntry, most recent first
	items      map[K]*list.Element
	building   map[K]*sync.WaitGroup
}

type viewEntry[K comparable, V any] struct {
	key K
	val V
}

func newViewCache[K comparable, V any](maxBytes, maxEntries int, size func(V) int) *viewCache[K, V] {
	return &viewCache[K, V]{maxBytes: maxBytes, maxEntries: maxEntries, size: size,
		ll: list.New(), items: map[K]*list.Element{}, building: map[K]*sync.WaitGroup{}}
}

// get returns the entry of k, building it with build when absent; an
// entry larger than a quarter of the bound is returned but not kept.
func (c *viewCache[K, V]) get(k K, build func() V) V {
	for {
		c.mu.Lock()
		if e, ok := c.items[k]; ok {
			c.ll.MoveToFront(e)
			c.mu.Unlock()
			return e.Value.(*viewEntry[K, V]).val
		}
		if wg, ok := c.building[k]; ok {
			c.mu.Unlock()
			wg.Wait()
			continue
		}
		wg := &sync.WaitGroup{}
		wg.Add(1)
		c.building[k] = wg
		c.mu.Unlock()

		v := build()
		n := c.size(v)
		c.mu.Lock()
		delete(c.building, k)
		wg.Done()
		if n <= c.maxBytes/4 {
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
		c.mu.Unlock()
		return v
	}
}
