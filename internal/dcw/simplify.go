package dcw

import (
	"math"

	"github.com/paulmach/orb"
)

// Simplify returns the arcs of a topology keeping the vertices whose
// Visvalingam weight reaches their threshold (threshold(i, k) for vertex k
// of arc i, in planar units², e.g. m²), and then as many more as it takes to keep the topology: no simplified
// segment crosses another, and none cuts off a vertex that another part
// of the map keeps (a small island swallowed by the chord across a bay).
// Per-arc Visvalingam does neither on its own: simplifying an estuary's
// banks separately can make them cross and close the estuary into a lake.
// It restores, in each offending segment, the vertex of highest weight
// among those the segment drops, and repeats until nothing offends or
// nothing can be restored (crossings already in the input). weights are
// not modified; the returned slices are new.
func Simplify(arcs [][]orb.Point, weights [][]float64, threshold func(i, k int) float64) [][]orb.Point {
	keep := make([][]bool, len(arcs))
	for i, w := range weights {
		keep[i] = make([]bool, len(w))
		for k := range w {
			keep[i][k] = w[k] >= threshold(i, k)
		}
	}
	for {
		bad := offending(arcs, keep)
		restored := false
		for _, s := range bad {
			best, bw := -1, math.Inf(-1)
			for k := s.k0 + 1; k < s.k1; k++ {
				if weights[s.arc][k] > bw {
					best, bw = k, weights[s.arc][k]
				}
			}
			if best >= 0 {
				keep[s.arc][best] = true
				restored = true
			}
		}
		if !restored {
			break
		}
	}
	out := make([][]orb.Point, len(arcs))
	for i, a := range arcs {
		for k, p := range a {
			if keep[i][k] {
				out[i] = append(out[i], p)
			}
		}
	}
	return out
}

// span is a simplified segment: arc vertices k0 to k1, those between
// dropped.
type span struct{ arc, k0, k1 int }

const cellMetres = 5000

type cell [2]int32

func cellOf(p orb.Point) cell {
	return cell{int32(math.Floor(p[0] / cellMetres)), int32(math.Floor(p[1] / cellMetres))}
}

// offending returns the simplified segments that cross another one or cut
// off a kept vertex, without duplicates.
func offending(arcs [][]orb.Point, keep [][]bool) []span {
	var spans []span
	segCells := map[cell][]int{}
	type vref struct{ arc, k int }
	vertCells := map[cell][]vref{}
	for i, a := range arcs {
		prev := -1
		for k := range a {
			if !keep[i][k] {
				continue
			}
			vertCells[cellOf(a[k])] = append(vertCells[cellOf(a[k])], vref{i, k})
			if prev >= 0 {
				s := len(spans)
				spans = append(spans, span{i, prev, k})
				forCells(orb.Bound{Min: a[prev], Max: a[prev]}.Extend(a[k]), func(c cell) {
					segCells[c] = append(segCells[c], s)
				})
			}
			prev = k
		}
	}
	isBad := make([]bool, len(spans))
	for _, ss := range segCells {
		for x := 0; x < len(ss); x++ {
			for y := x + 1; y < len(ss); y++ {
				s, t := spans[ss[x]], spans[ss[y]]
				if isBad[ss[x]] && isBad[ss[y]] {
					continue
				}
				p0, p1 := arcs[s.arc][s.k0], arcs[s.arc][s.k1]
				q0, q1 := arcs[t.arc][t.k0], arcs[t.arc][t.k1]
				if crosses(p0, p1, q0, q1) {
					isBad[ss[x]], isBad[ss[y]] = true, true
				}
			}
		}
	}
	for si, s := range spans {
		if isBad[si] || s.k1-s.k0 < 2 {
			continue
		}
		a := arcs[s.arc]
		region := orb.Ring(append(append([]orb.Point(nil), a[s.k0:s.k1+1]...), a[s.k0]))
		b := region.Bound()
		forCells(b, func(c cell) {
			if isBad[si] {
				return
			}
			for _, v := range vertCells[c] {
				p := arcs[v.arc][v.k]
				if v.arc == s.arc && v.k >= s.k0 && v.k <= s.k1 || p == a[s.k0] || p == a[s.k1] || !b.Contains(p) {
					continue
				}
				if inside(region, p) {
					isBad[si] = true
					return
				}
			}
		})
	}
	var bad []span
	for si, s := range spans {
		if isBad[si] {
			bad = append(bad, s)
		}
	}
	return bad
}

func forCells(b orb.Bound, f func(cell)) {
	c0, c1 := cellOf(b.Min), cellOf(b.Max)
	for x := c0[0]; x <= c1[0]; x++ {
		for y := c0[1]; y <= c1[1]; y++ {
			f(cell{x, y})
		}
	}
}

// crosses reports whether segments pq and rs cross at a point interior to
// both (touching at an end or running along each other is not crossing).
func crosses(p, q, r, s orb.Point) bool {
	d1, d2 := orient(r, s, p), orient(r, s, q)
	d3, d4 := orient(p, q, r), orient(p, q, s)
	return (d1 > 0 && d2 < 0 || d1 < 0 && d2 > 0) && (d3 > 0 && d4 < 0 || d3 < 0 && d4 > 0)
}

func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}
