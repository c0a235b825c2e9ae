package server

import "sync"

// draws are the maps being drawn, by cache key: a request for a map
// already being drawn waits for that drawing rather than drawing it
// again. Without it, the visitors of a page that all ask for its map at
// once after a reload (or after the map left the cache) each drew it,
// and a dozen clicks on an A4 PNG export drew a dozen PNGs of a second
// each.
type draws struct {
	mu    sync.Mutex
	calls map[string]*drawCall
}

// drawCall is one drawing that other requests may wait for.
type drawCall struct {
	done    chan struct{}
	waiters int
	// Set before done is closed.
	r     *rendered
	err   error
	ended bool // by the leader only
}

// join returns the drawing of key under way, counting the caller as
// waiting for it, or starts one (leader true): the caller draws the map
// and gives it to end.
func (d *draws) join(key string) (c *drawCall, leader bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.calls[key]; ok {
		c.waiters++
		return c, false
	}
	if d.calls == nil {
		d.calls = map[string]*drawCall{}
	}
	c = &drawCall{done: make(chan struct{})}
	d.calls[key] = c
	return c, true
}

// leave counts out a waiter whose own request went away before the
// drawing ended: a map nobody else waits for is not kept for it.
func (d *draws) leave(key string, c *drawCall) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.calls[key] == c && c.waiters > 0 {
		c.waiters--
	}
}

// shared ends the drawing's time for newcomers and reports whether any
// request waits for it: its map is then shared, so the leader copies it
// out of its buffer (and the cache keeps it, for it was asked for more
// than once). Requests that come after draw the map again, or find it in
// the cache.
func (d *draws) shared(key string, c *drawCall) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.calls[key] == c {
		delete(d.calls, key)
	}
	return c.waiters > 0
}

// end hands the drawing's outcome to those waiting; shared must have
// been called first.
func (c *drawCall) end(r *rendered, err error) {
	c.r, c.err, c.ended = r, err, true
	close(c.done)
}
