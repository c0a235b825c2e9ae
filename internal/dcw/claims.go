package dcw

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"

	"github.com/hubatlas/hubatlas/geo"
)

// Claim is an area China's maps show as part of one of its divisions that
// DCW-GMT, drawing the line held on the ground, keeps in another country:
// State, a DCW state of that country, whose outline is the area's.
type Claim struct {
	Name, NameZH string
	State        string // DCW code, as Coast takes it
	Division     string // the division China's maps put it in (ISO 3166-2)
}

// Claims are the areas `hubatlas data import-context` writes into the
// South China Sea file for the mainland edition. Zangnan (藏南), the land
// between Bhutan and Myanmar south of the McMahon line, is China's
// Xizang on maps published in mainland China and India's Arunachal
// Pradesh in DCW-GMT, whose outline of the state stands for it here (an
// approximation: the line China's maps draw follows the foot of the
// hills, close to the state's southern border). Aksai Chin is China's in
// DCW-GMT already.
var Claims = []Claim{
	{Name: "Zangnan", NameZH: "藏南", State: "IN.AR", Division: "CN-XZ"},
}

// claimTolerance is the Douglas–Peucker tolerance of a claim's outline,
// degrees (about 300 m: a tenth of a px on the closest views of Xizang),
// and claimSnap how near (degrees, about 2 km) a vertex of it must lie to
// its division's boundary to be moved onto it: that part of its outline
// is the line DCW draws between the two, which the division's boundary
// already holds.
const (
	claimTolerance = 0.003
	claimSnap      = 0.02
)

// ClaimFeatures returns a claim's three features: the area as a Polygon
// with kind "claimed-area" (its ring simplified, the vertices near the
// division's boundary moved onto it, counter-clockwise); as a
// MultiLineString with kind "claimed-border" the runs of its outline
// off that boundary (its borders with the other countries, which China's
// maps draw as the national border); and with kind "claimed-edge" the
// runs on it (the line the boundary data draws between the two, which
// China's maps do not), rounded to decimals. ring is the
// state's outline (its largest ring), division the division's rings,
// lon/lat; both are left as they are.
func ClaimFeatures(c Claim, ring orb.Ring, division []orb.Ring, decimals int) []*geojson.Feature {
	r := simplify.DouglasPeucker(claimTolerance).Ring(ring.Clone())
	scale := math.Pow10(decimals)
	round := func(v float64) float64 { return math.Round(v*scale) / scale }
	on := make([]bool, len(r))
	var q orb.Ring
	var qOn []bool
	for i, p := range r {
		if n, ok := nearestOn(division, p, claimSnap); ok {
			p, on[i] = n, true
		}
		p = orb.Point{round(p[0]), round(p[1])}
		if len(q) > 0 && q[len(q)-1] == p {
			qOn[len(qOn)-1] = qOn[len(qOn)-1] || on[i]
			continue
		}
		q, qOn = append(q, p), append(qOn, on[i])
	}
	if q[0] != q[len(q)-1] {
		q, qOn = append(q, q[0]), append(qOn, qOn[0])
	}
	if q.Orientation() != orb.CCW {
		q.Reverse()
		for i, j := 0, len(qOn)-1; i < j; i, j = i+1, j-1 {
			qOn[i], qOn[j] = qOn[j], qOn[i]
		}
	}
	// The border: edges with an end off the division's boundary, in runs,
	// started where the ring leaves the boundary so that no run is split
	// at the ring's closing vertex.
	n := len(q) - 1
	start := 0
	for i := range n {
		if qOn[i] && !qOn[(i+1)%n] {
			start = i
			break
		}
	}
	var border, edge orb.MultiLineString
	var run orb.LineString
	runOn := false
	end := func() {
		if len(run) > 1 {
			if runOn {
				edge = append(edge, run)
			} else {
				border = append(border, run)
			}
		}
		run = nil
	}
	for k := range n {
		i, j := (start+k)%n, (start+k+1)%n
		if on := qOn[i] && qOn[j]; on != runOn || len(run) == 0 {
			end()
			runOn = on
			run = orb.LineString{q[i]}
		}
		run = append(run, q[j])
	}
	end()
	props := func(kind string) geojson.Properties {
		return geojson.Properties{"kind": kind, "name": c.Name, "name_zh": c.NameZH, "division": c.Division}
	}
	area := geojson.NewFeature(orb.Polygon{q})
	area.Properties = props("claimed-area")
	line := geojson.NewFeature(border)
	line.Properties = props("claimed-border")
	shared := geojson.NewFeature(edge)
	shared.Properties = props("claimed-edge")
	return []*geojson.Feature{area, line, shared}
}

// nearestOn returns the point of rings' edges nearest p when it lies
// within d (degrees).
func nearestOn(rings []orb.Ring, p orb.Point, d float64) (orb.Point, bool) {
	best, bestD := orb.Point{}, d*d
	found := false
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			a, b := r[i], r[i+1]
			if math.Min(a[0], b[0]) > p[0]+d || math.Max(a[0], b[0]) < p[0]-d || math.Min(a[1], b[1]) > p[1]+d || math.Max(a[1], b[1]) < p[1]-d {
				continue
			}
			if d2 := geo.SegmentDistance2(p, a, b); d2 <= bestD {
				best, bestD, found = closestOnSegment(p, a, b), d2, true
			}
		}
	}
	return best, found
}

func closestOnSegment(p, a, b orb.Point) orb.Point {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return a
	}
	t := max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	return orb.Point{a[0] + t*dx, a[1] + t*dy}
}
