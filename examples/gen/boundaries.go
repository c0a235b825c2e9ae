package main

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"os"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

// province is one division with its source geometry and the simplified
// geometry the boundary fixtures carry (lon/lat degrees, RFC 7946 winding).
type province struct {
	division
	full   orb.MultiPolygon
	simple orb.MultiPolygon
	fullB  orb.Bound
}

// contains reports whether p (lon/lat) lies in both the source and the
// simplified geometry, so a point keeps its province whichever boundary
// file a user loads.
func (p *province) contains(pt orb.Point) bool {
	return p.fullB.Contains(pt) && planar.MultiPolygonContains(p.full, pt) && planar.MultiPolygonContains(p.simple, pt)
}

// loadProvinces reads the repository's boundary file and returns its
// divisions in the order of the divisions table.
func loadProvinces(path string) ([]*province, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	byCode := map[string]orb.MultiPolygon{}
	for i, f := range fc.Features {
		code := f.Properties.MustString("code", "")
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			byCode[code] = g
		case orb.Polygon:
			byCode[code] = orb.MultiPolygon{g}
		default:
			return nil, fmt.Errorf("%s: feature %d (%s): geometry %s, want polygons", path, i, code, f.Geometry.GeoJSONType())
		}
	}
	var ps []*province
	for _, d := range divisions {
		mp, ok := byCode[d.code]
		if !ok {
			return nil, fmt.Errorf("%s: no feature with code %s", path, d.code)
		}
		ps = append(ps, &province{division: d, full: mp, fullB: mp.Bound()})
	}
	if len(byCode) != len(divisions) {
		return nil, fmt.Errorf("%s: %d divisions, want %d", path, len(byCode), len(divisions))
	}
	return ps, nil
}

// shared holds, for every vertex of the source, the divisions that have it
// (bit i for division i) and the junctions: vertices where the set of
// divisions changes along a ring, where borders meet or end.
type shared struct {
	owners    map[orb.Point]uint64
	junctions map[orb.Point]bool
}

func newShared(mps []orb.MultiPolygon) *shared {
	s := &shared{owners: map[orb.Point]uint64{}, junctions: map[orb.Point]bool{}}
	for i, mp := range mps {
		for _, poly := range mp {
			for _, ring := range poly {
				for _, p := range ring[:len(ring)-1] {
					s.owners[p] |= 1 << i
				}
			}
		}
	}
	for _, mp := range mps {
		for _, poly := range mp {
			for _, ring := range poly {
				n := len(ring) - 1
				seen := map[orb.Point]bool{}
				for i, v := range ring[:n] {
					o := s.owners[v]
					if bits.OnesCount64(o) >= 3 || o != s.owners[ring[(i+n-1)%n]] || o != s.owners[ring[(i+1)%n]] || seen[v] {
						s.junctions[v] = true
					}
					seen[v] = true
				}
			}
		}
	}
	return s
}

// alone reports whether no other division has a vertex of ring.
func (s *shared) alone(ring orb.Ring) bool {
	for _, p := range ring {
		if bits.OnesCount64(s.owners[p]) > 1 {
			return false
		}
	}
	return true
}

// arcs cuts a closed ring at its junctions. A ring without junctions comes
// back whole, starting at its least vertex, so that every division holding
// it cuts it the same way.
func (s *shared) arcs(ring orb.Ring) []orb.LineString {
	n := len(ring) - 1
	var cuts []int
	for i, p := range ring[:n] {
		if s.junctions[p] {
			cuts = append(cuts, i)
		}
	}
	if len(cuts) == 0 {
		least := 0
		for i, p := range ring[:n] {
			if less(p, ring[least]) {
				least = i
			}
		}
		arc := make(orb.LineString, 0, n+1)
		for i := range n + 1 {
			arc = append(arc, ring[(least+i)%n])
		}
		return []orb.LineString{arc}
	}
	var out []orb.LineString
	for k, from := range cuts {
		to := cuts[0] + n
		if k+1 < len(cuts) {
			to = cuts[k+1]
		}
		arc := make(orb.LineString, 0, to-from+1)
		for i := from; i <= to; i++ {
			arc = append(arc, ring[i%n])
		}
		out = append(out, arc)
	}
	return out
}

// arc is a stretch of border between junctions, or a whole ring without
// any, in a canonical direction, so the copies of a border that two
// divisions hold become the same arc.
type arc struct {
	line   orb.LineString
	tol    float64      // Douglas–Peucker tolerance, degrees
	forced map[int]bool // indexes of vertices kept to undo crossings
}

// arcKey names an arc by its canonical ends.
type arcKey struct {
	first, second, last orb.Point
	n                   int
}

// canonical puts a copy of line in the direction both divisions agree on:
// an open arc starts at its lesser end, a closed one runs towards its
// lesser neighbour of the start.
func canonical(line orb.LineString) orb.LineString {
	line = slices.Clone(line)
	last := len(line) - 1
	if line[0] == line[last] {
		if last > 1 && less(line[last-1], line[1]) {
			slices.Reverse(line)
		}
	} else if less(line[last], line[0]) {
		slices.Reverse(line)
	}
	return line
}

// simplified returns the vertices Douglas–Peucker keeps. A closed arc is
// simplified as two halves so that it keeps an area.
func (a *arc) simplified() []orb.Point {
	dp := simplify.DouglasPeucker(a.tol)
	var out []orb.Point
	if a.line[0] == a.line[len(a.line)-1] {
		m := len(a.line) / 2
		head := dp.LineString(slices.Clone(a.line[:m+1]))
		out = append(head, dp.LineString(slices.Clone(a.line[m:]))...)
	} else {
		out = dp.LineString(slices.Clone(a.line))
	}
	for i := range a.forced {
		out = append(out, a.line[i])
	}
	return out
}

// refine keeps, for every edge of the simplified arc that is in bad, the
// original vertex between its ends farthest from it: one more step of
// Douglas–Peucker where edges cross. It reports whether it added any.
func (a *arc) refine(keep map[orb.Point]bool, bad map[segKey]bool, decimals int) bool {
	added := false
	prev := -1
	for i, p := range a.line {
		if !keep[p] {
			continue
		}
		if prev >= 0 && i > prev+1 && bad[segKeyOf(roundPoint(a.line[prev], decimals), roundPoint(p, decimals))] {
			far, dist := -1, -1.0
			for k := prev + 1; k < i; k++ {
				if d := planar.DistanceFromSegment(a.line[prev], p, a.line[k]); d > dist {
					far, dist = k, d
				}
			}
			a.forced[far] = true
			added = true
		}
		prev = i
	}
	return added
}

// simplifyShared simplifies the divisions together, the way TopoJSON does:
// rings are cut into arcs at junctions, every arc is simplified once, and
// the neighbours along a border keep exactly the same vertices. Tolerance
// tol (degrees) is lowered for short arcs, so small divisions keep their
// shape. Where simplified edges cross or touch, the farthest vertex
// between is put back until none do; what that cannot mend is repaired.
// Islands and holes smaller than minArea (square degrees) that touch no
// other division are dropped, except each division's largest polygon.
// Coordinates are rounded to decimals places. The input is not changed.
func simplifyShared(mps []orb.MultiPolygon, tol, minArea float64, decimals int) ([]orb.MultiPolygon, error) {
	s := newShared(mps)
	// The largest polygon of each division goes first and is always kept.
	kept := make([]orb.MultiPolygon, len(mps))
	for i, mp := range mps {
		mp = slices.Clone(mp)
		slices.SortStableFunc(mp, func(a, b orb.Polygon) int { return cmp.Compare(ringArea(b[0]), ringArea(a[0])) })
		for k, poly := range mp {
			if k > 0 && ringArea(poly[0]) < minArea && s.alone(poly[0]) {
				continue
			}
			out := orb.Polygon{poly[0]}
			for _, hole := range poly[1:] {
				if ringArea(hole) >= minArea || !s.alone(hole) {
					out = append(out, hole)
				}
			}
			kept[i] = append(kept[i], out)
		}
	}
	var arcs []*arc
	seen := map[arcKey]bool{}
	for _, mp := range kept {
		for _, poly := range mp {
			for _, ring := range poly {
				for _, line := range s.arcs(ring) {
					line = canonical(line)
					k := arcKey{line[0], line[1], line[len(line)-1], len(line)}
					if seen[k] {
						continue
					}
					seen[k] = true
					b := line.Bound()
					arcs = append(arcs, &arc{line, min(tol, math.Hypot(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])/20), map[int]bool{}})
				}
			}
		}
	}
	keep := map[orb.Point]bool{}
	for range 50 {
		clear(keep)
		for p := range s.junctions {
			keep[p] = true
		}
		for _, a := range arcs {
			for _, p := range a.simplified() {
				keep[p] = true
			}
		}
		out, err := s.filter(kept, keep, decimals)
		if err != nil {
			return nil, err
		}
		bad := badSegments(out)
		if len(bad) == 0 {
			return out, nil
		}
		refined := false
		for _, a := range arcs {
			if a.refine(keep, bad, decimals) {
				refined = true
			}
		}
		if !refined {
			break
		}
	}
	return s.repair(kept, keep, decimals)
}

// repair drops, one at a time, the vertex whose removal leaves fewest
// crossing or touching edges, until none are left. It mends what no
// tolerance can: the source's own defects (small bow-ties, edges running
// back over each other) and crossings made by rounding. keep is changed.
func (s *shared) repair(kept []orb.MultiPolygon, keep map[orb.Point]bool, decimals int) ([]orb.MultiPolygon, error) {
	byRounded := map[orb.Point][]orb.Point{}
	for p := range keep {
		q := roundPoint(p, decimals)
		byRounded[q] = append(byRounded[q], p)
	}
	count := func() (int, map[segKey]bool, error) {
		out, err := s.filter(kept, keep, decimals)
		if err != nil {
			return 0, nil, err
		}
		bad := badSegments(out)
		return len(bad), bad, nil
	}
	n, bad, err := count()
	if err != nil {
		return nil, err
	}
	for n > 0 {
		var cands []orb.Point
		for k := range bad {
			for _, q := range []orb.Point{k.a, k.b} {
				for _, p := range byRounded[q] {
					if keep[p] && !slices.Contains(cands, p) {
						cands = append(cands, p)
					}
				}
			}
		}
		// Try vertices of one division, then of two, then junctions of three.
		slices.SortFunc(cands, func(a, b orb.Point) int {
			if c := cmp.Compare(min(bits.OnesCount64(s.owners[a]), 3), min(bits.OnesCount64(s.owners[b]), 3)); c != 0 {
				return c
			}
			return comparePoints(a, b)
		})
		best, bestN := orb.Point{}, n
		for _, p := range cands {
			keep[p] = false
			m, _, err := count()
			keep[p] = true
			if err == nil && m < bestN {
				best, bestN = p, m
			}
		}
		if bestN == n {
			return nil, fmt.Errorf("%d edges cross or touch and dropping a vertex does not help: %v", n, anyKey(bad))
		}
		keep[best] = false
		if n, bad, err = count(); err != nil {
			return nil, err
		}
	}
	return s.filter(kept, keep, decimals)
}

// filter builds the output rings from the vertices in keep, rounded.
func (s *shared) filter(kept []orb.MultiPolygon, keep map[orb.Point]bool, decimals int) ([]orb.MultiPolygon, error) {
	out := make([]orb.MultiPolygon, len(kept))
	for i, mp := range kept {
		for k, poly := range mp {
			var np orb.Polygon
			for r, ring := range poly {
				var nr orb.Ring
				for _, p := range ring[:len(ring)-1] {
					if !keep[p] {
						continue
					}
					if q := roundPoint(p, decimals); len(nr) == 0 || nr[len(nr)-1] != q {
						nr = append(nr, q)
					}
				}
				for len(nr) > 1 && nr[len(nr)-1] == nr[0] {
					nr = nr[:len(nr)-1]
				}
				if len(nr) < 3 {
					if s.alone(ring) && !(k == 0 && r == 0) {
						if r == 0 {
							break // an island too small to keep: drop it with its holes
						}
						continue
					}
					return nil, fmt.Errorf("division %d: polygon %d ring %d collapses", i, k, r)
				}
				np = append(np, append(nr, nr[0]))
			}
			if len(np) > 0 {
				out[i] = append(out[i], np)
			}
		}
	}
	return out, nil
}

// ringArea is the area of r in square degrees, whatever its winding.
func ringArea(r orb.Ring) float64 {
	return math.Abs(planar.Area(r))
}

// comparePoints orders points by lon, then lat.
func comparePoints(a, b orb.Point) int {
	if c := cmp.Compare(a[0], b[0]); c != 0 {
		return c
	}
	return cmp.Compare(a[1], b[1])
}

// less orders points by lon, then lat.
func less(a, b orb.Point) bool {
	return a[0] < b[0] || a[0] == b[0] && a[1] < b[1]
}
