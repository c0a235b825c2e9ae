package main

import (
	"math"

	"github.com/paulmach/orb"
)

// segKey names an edge whichever way it runs.
type segKey struct{ a, b orb.Point }

func segKeyOf(a, b orb.Point) segKey {
	if less(b, a) {
		a, b = b, a
	}
	return segKey{a, b}
}

// badSegments returns the edges of mps that cross or touch another edge
// anywhere but at a shared end. An edge two neighbours share counts once;
// two edges meeting at an end are fine unless they overlap. The check is
// exact for coordinates with few decimals.
func badSegments(mps []orb.MultiPolygon) map[segKey]bool {
	const cell = 0.25 // degrees
	segs := map[segKey]bool{}
	for _, mp := range mps {
		for _, poly := range mp {
			for _, ring := range poly {
				for i := 1; i < len(ring); i++ {
					segs[segKeyOf(ring[i-1], ring[i])] = true
				}
			}
		}
	}
	grid := map[[2]int][]segKey{}
	for s := range segs {
		x0, x1 := int(math.Floor(s.a[0]/cell)), int(math.Floor(s.b[0]/cell))
		y0, y1 := int(math.Floor(min(s.a[1], s.b[1])/cell)), int(math.Floor(max(s.a[1], s.b[1])/cell))
		for x := x0; x <= x1; x++ {
			for y := y0; y <= y1; y++ {
				grid[[2]int{x, y}] = append(grid[[2]int{x, y}], s)
			}
		}
	}
	bad := map[segKey]bool{}
	for _, ss := range grid {
		for i, s := range ss {
			for _, t := range ss[i+1:] {
				if conflict(s, t) {
					bad[s], bad[t] = true, true
				}
			}
		}
	}
	return bad
}

// conflict reports whether edges s and t meet other than at one shared end.
func conflict(s, t segKey) bool {
	shared := 0
	for _, p := range []orb.Point{s.a, s.b} {
		if p == t.a || p == t.b {
			shared++
		}
	}
	if shared == 2 {
		return false // the same edge
	}
	d1, d2 := orient(t.a, t.b, s.a), orient(t.a, t.b, s.b)
	d3, d4 := orient(s.a, s.b, t.a), orient(s.a, s.b, t.b)
	if shared == 1 {
		// Meeting at an end is fine unless the edges run along each other.
		return d1 == 0 && d2 == 0 && overlapsBeyondEnd(s, t)
	}
	if d1*d2 < 0 && d3*d4 < 0 {
		return true
	}
	return d1 == 0 && onSegment(t, s.a) || d2 == 0 && onSegment(t, s.b) ||
		d3 == 0 && onSegment(s, t.a) || d4 == 0 && onSegment(s, t.b)
}

// overlapsBeyondEnd reports whether collinear edges sharing one end
// overlap in more than that end.
func overlapsBeyondEnd(s, t segKey) bool {
	return onSegment(s, t.a) && t.a != s.a && t.a != s.b || onSegment(s, t.b) && t.b != s.a && t.b != s.b ||
		onSegment(t, s.a) && s.a != t.a && s.a != t.b || onSegment(t, s.b) && s.b != t.a && s.b != t.b
}

// orient is the sign of the turn a -> b -> c: 1 left, -1 right, 0 straight.
func orient(a, b, c orb.Point) int {
	v := (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether p, collinear with s, lies within its box.
func onSegment(s segKey, p orb.Point) bool {
	return min(s.a[0], s.b[0]) <= p[0] && p[0] <= max(s.a[0], s.b[0]) &&
		min(s.a[1], s.b[1]) <= p[1] && p[1] <= max(s.a[1], s.b[1])
}

// anyKey returns the least key of m, for messages.
func anyKey(m map[segKey]bool) segKey {
	var k segKey
	first := true
	for s := range m {
		if first || less(s.a, k.a) || s.a == k.a && less(s.b, k.b) {
			k, first = s, false
		}
	}
	return k
}
