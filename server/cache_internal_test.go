package server

import (
	"fmt"
	"testing"
)

// A map sent after its buffer was given back would be sent cleared
// (TestMapsNotKeptAreSentWhole).
func init() { clearReleased = true }

// TestDoorkeeperForgetsTheOldest: it remembers the last seenKeys keys,
// no more, and forgets them oldest first.
func TestDoorkeeperForgetsTheOldest(t *testing.T) {
	var d doorkeeper
	key := func(i int) string { return fmt.Sprintf("width=%d", i) }
	for i := range seenKeys {
		if d.saw(key(i)) {
			t.Fatalf("key %d seen before it was shown", i)
		}
	}
	if !d.saw(key(0)) || !d.saw(key(seenKeys-1)) {
		t.Fatal("a key shown lately was forgotten")
	}
	for i := seenKeys; i < seenKeys+10; i++ {
		d.saw(key(i))
	}
	for i := range 10 {
		if d.saw(key(i)) {
			t.Errorf("key %d still remembered after %d newer keys", i, seenKeys)
		}
	}
	if len(d.set) != seenKeys || len(d.ring) != seenKeys {
		t.Errorf("remembers %d hashes in a ring of %d, want %d", len(d.set), len(d.ring), seenKeys)
	}
}

// TestCacheAdmission: an SVG map on its second drawing, a file at once,
// nothing when the cache is off.
func TestCacheAdmission(t *testing.T) {
	c := newMapCache(8, 1<<20)
	if c.admits("a", false) {
		t.Fatal("an SVG map drawn once was admitted")
	}
	if !c.admits("a", false) {
		t.Fatal("an SVG map drawn twice was not admitted")
	}
	if !c.admits("p\x00png", true) {
		t.Fatal("a PNG drawn once was not admitted")
	}
	if c.drawnMaps() != 3 {
		t.Errorf("drawn %d, want 3", c.drawnMaps())
	}
	off := newMapCache(0, 1<<20)
	if off.admits("a", false) || off.admits("a", false) || off.admits("f", true) || off.drawnMaps() != 3 {
		t.Errorf("a cache of size 0 admitted a map, or counted %d drawn", off.drawnMaps())
	}
}
