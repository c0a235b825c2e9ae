package geo

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// snapKm is how far off a division's land in the boundary file a hub may
// lie and still be placed in it. The shipped boundaries are drawn at
// 1:1,000,000: reclaimed land (Caofeidian, 3.8 km out; Hong Kong's
// airport; Macao's Cotai) and ports at the shore (Shekou, Shenzhen Bay)
// lie off their coast, and places beside an inner border (Luohu station,
// 0.1 km into Hong Kong's polygon) across it. A point in a neighbouring
// country is never moved: Móng Cái lies 1.8 km from Guangxi's polygon,
// Sinuiju 1.9 km from Liaoning's.
const snapKm = 5

// hintKm is how far the land nearest a point off it is looked for, for
// a problem to say where it is when it is beyond snapKm.
const hintKm = 30

// maxNearSearches bounds the searches for land near a point a hubs file
// may ask for: each reads the edges of the divisions near it (points
// searched before are remembered, to a metre).
const maxNearSearches = 5000

// maxNearNotes is how many points placed are noted one by one; a note
// then counts the others.
const maxNearNotes = 100

// nearLand finds the division a point off the boundary file's land
// belongs to.
type nearLand struct {
	b        *Boundaries
	around   *Context // the countries around China; nil: none known
	notes    *problems
	noted    int // points placed, noted or not
	searches int
	out      bool // a search was refused: maxNearSearches spent
	// beyond is the land nearest the last point searched, when it lies
	// beyond snapKm (div -1 for none): its problem says where.
	beyond nearest
	memo   map[[2]int64]nearest
	// lastAt and lastCountry remember the last country lookup: placing
	// a point in a neighbouring country asks for it up to three times.
	lastAt      orb.Point
	lastCountry *int
}

// nearest is what a search for land near a point found.
type nearest struct {
	div int
	km  float64
}

// note notes a point placed, the first maxNearNotes one by one.
func (n *nearLand) note(at pos, record, format string, args ...any) {
	if n.noted++; n.noted <= maxNearNotes {
		n.notes.addAt(at, record, "lon/lat", format, args...)
	}
}

// allNotes are the notes, with a count of the points not noted.
func (n *nearLand) allNotes() Problems {
	out := slices.Clone(n.notes.list)
	if more := n.noted - maxNearNotes; more > 0 {
		out = append(out, Problem{File: n.notes.file, Field: "lon/lat", Msg: fmt.Sprintf("%d more hubs placed from just off the boundary file's land or border, as above", more)})
	}
	return out
}

// stopped says, in a problem of a point in no division, where the land
// nearest it lies, within hintKm, or that it was not searched because
// the searches were spent.
func (n *nearLand) stopped(divs []Division) string {
	switch {
	case n.beyond.div >= 0 && n.beyond.div < len(divs):
		d := divs[n.beyond.div]
		return fmt.Sprintf("; the nearest land, %s (%s), lies %s km away, beyond the %d km a point is placed from", d.Code, d.Name, formatKm(n.beyond.km), snapKm)
	case n.out:
		return fmt.Sprintf("; land within %d km was looked for near the first %d such points only", snapKm, maxNearSearches)
	}
	return ""
}

// country returns the index of the neighbouring country whose land holds
// p, -1 for none.
func (n *nearLand) country(p orb.Point) int {
	if n.around == nil {
		return -1
	}
	if n.lastAt == p && n.lastCountry != nil {
		return *n.lastCountry // asked again for the point just placed
	}
	i := n.countryOf(p)
	n.lastAt, n.lastCountry = p, &i
	return i
}

// countryOf is country without the memory of the last point.
func (n *nearLand) countryOf(p orb.Point) int {
	for i, c := range n.around.Countries {
		for _, poly := range c.Shape {
			if len(poly) == 0 || !poly[0].Bound().Contains(p) || !RingContains(poly[0], p) {
				continue
			}
			inHole := false
			for _, h := range poly[1:] {
				if RingContains(h, p) {
					inHole = true
					break
				}
			}
			if !inHole {
				return i
			}
		}
	}
	return -1
}

// distanceKm returns how far p lies from division d's land, km, within
// hintKm (+Inf beyond); ok says it is at most snapKm.
func (n *nearLand) distanceKm(p orb.Point, d int) (km float64, ok bool) {
	k := math.Cos(p[1] * math.Pi / 180)
	const kmPerDeg = 111.32
	dLat := hintKm / kmPerDeg
	dLon := dLat / math.Max(k, 0.01)
	near := orb.Bound{Min: orb.Point{p[0] - dLon, p[1] - dLat}, Max: orb.Point{p[0] + dLon, p[1] + dLat}}
	div := &n.b.Divisions[d]
	if !div.Bound.Intersects(near) {
		return math.Inf(1), false
	}
	best := math.Inf(1)
	local := func(x orb.Point) orb.Point {
		return orb.Point{(x[0] - p[0]) * k * kmPerDeg, (x[1] - p[1]) * kmPerDeg}
	}
	for _, poly := range div.Shape {
		for _, r := range poly {
			for j := 1; j < len(r); j++ {
				a, b := r[j-1], r[j]
				if math.Max(a[0], b[0]) < near.Min[0] || math.Min(a[0], b[0]) > near.Max[0] ||
					math.Max(a[1], b[1]) < near.Min[1] || math.Min(a[1], b[1]) > near.Max[1] {
					continue
				}
				best = math.Min(best, SegmentDistance2(orb.Point{}, local(a), local(b)))
			}
		}
	}
	km = math.Sqrt(best)
	return km, km <= snapKm
}

// spend counts a search and reports whether one was left.
func (n *nearLand) spend() bool {
	if n.searches >= maxNearSearches {
		n.out = true
		return false
	}
	n.searches++
	return true
}

// nearest returns the division whose land lies nearest p within hintKm,
// and how far, or -1 (also when the searches are spent).
func (n *nearLand) nearest(p orb.Point) (int, float64) {
	key := [2]int64{int64(math.Round(p[0] * 1e5)), int64(math.Round(p[1] * 1e5))}
	if f, ok := n.memo[key]; ok {
		return f.div, f.km
	}
	if !n.spend() {
		return -1, 0
	}
	best, bestKm := -1, math.Inf(1)
	for d := range n.b.Divisions {
		if km, _ := n.distanceKm(p, d); km <= hintKm && km < bestKm {
			best, bestKm = d, km
		}
	}
	if n.memo == nil {
		n.memo = map[[2]int64]nearest{}
	}
	n.memo[key] = nearest{best, bestKm}
	return best, bestKm
}
