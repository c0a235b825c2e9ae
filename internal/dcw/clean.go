package dcw

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/geo"
)

// Options tunes Clean. The zero value is not useful; start from Provinces.
type Options struct {
	SnapMetres float64 // vertices closer than this to a neighbour's border move onto it
	ViewPx     float64 // detail kept: a division filling a ViewPx-wide view still looks right
	WeightPx2  float64 // Visvalingam area kept, in px² of that view
	Decimals   int     // decimals of the written degrees
}

// Provinces is what `hubatlas data import-dcw` uses for the shipped file.
var Provinces = Options{SnapMetres: 50, ViewPx: 1200, WeightPx2: 0.3, Decimals: 5}

// adoptMetres is how far a country ring may lie from a division's copy of
// it and still count as held by that division.
const adoptMetres = 500

// Stats says what Clean did, per division and in total.
type Stats struct {
	VerticesIn, VerticesOut int
	RingsIn, RingsOut       int
	Adopted                 int // rings of the country outline no division held
	Reassigned              int // rings moved to their division (Reassignments)
	Snapped                 int // vertices moved onto a neighbour's border
	SharedRuns              int // border runs replaced by the neighbour's line
	Reoriented              int // rings whose winding was reversed
	Holes                   int
	Collapsed               int                // rings that rounding to Decimals left without area
	AreaIn, AreaOut         map[string]float64 // km² per division code
}

// Clean turns raw DCW rings per division (keyed by code, in degrees) into
// a FeatureCollection ready to ship: rings DCW files under the wrong
// division moved to theirs (Reassign), rings of the country outline that no
// division holds given to the nearest division (Adopt), neighbours'
// duplicate borders snapped onto one shared line (Snap), winding per RFC
// 7946 and holes found by nesting (Nest), and shared arcs simplified once
// so both neighbours keep the same border. Every ring is kept, however
// small: simplification leaves each at least three distinct vertices.
// Features come in the order of infos with properties code, name, name_zh
// and kind. country may be nil. The input rings are not modified.
func Clean(raw map[string][]orb.Ring, country []orb.Ring, infos []geo.DivisionInfo, opt Options) (*geojson.FeatureCollection, Stats, error) {
	st := Stats{AreaIn: map[string]float64{}, AreaOut: map[string]float64{}}
	raw, st.Reassigned = Reassign(raw, Reassignments)
	divs := make([][][]orb.Point, len(infos))
	for i, info := range infos {
		rs, ok := raw[info.Code]
		if !ok || len(rs) == 0 {
			return nil, st, fmt.Errorf("dcw: no DCW rings for %s (%s)", info.Code, info.Name)
		}
		for _, r := range rs {
			st.RingsIn++
			st.VerticesIn += len(r)
			if c := geo.CleanRing(project(r)); len(c) >= 4 {
				divs[i] = append(divs[i], c)
			}
		}
	}
	var whole [][]orb.Point
	for _, r := range country {
		if c := geo.CleanRing(project(r)); len(c) >= 4 {
			whole = append(whole, c)
		}
	}
	st.Adopted = Adopt(divs, whole, adoptMetres)
	for i, info := range infos {
		st.AreaIn[info.Code] = nestedArea(divs[i]) / 1e6
	}

	st.Snapped, st.SharedRuns = Snap(divs, opt.SnapMetres)

	shapes := make([]orb.MultiPolygon, len(infos))
	for i := range infos {
		var n int
		shapes[i], n = Nest(divs[i])
		st.Reoriented += n
		for _, p := range shapes[i] {
			st.Holes += len(p) - 1
		}
	}

	topo := geo.BuildTopology(shapes, nil)
	// An arc is simplified for the smallest division that uses it, and
	// every ring keeps at least three vertices.
	threshold := make([]float64, len(topo.Arcs))
	for i := range threshold {
		threshold[i] = math.Inf(1)
	}
	for s, shape := range topo.Shapes {
		b := shapes[s].Bound()
		px := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) / opt.ViewPx
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					a, _ := ref.Index()
					threshold[a] = math.Min(threshold[a], opt.WeightPx2*px*px)
				}
				topo.Protect(ring)
			}
		}
	}
	arcs := Simplify(topo.Arcs, topo.Weights, func(i, _ int) float64 { return threshold[i] })

	ll := lonLatArcs(arcs, func(int, int) int { return opt.Decimals })
	fc := geojson.NewFeatureCollection()
	for s, shape := range topo.Shapes {
		mp, collapsed := assemble(ll, shape)
		st.Collapsed += collapsed
		f := geojson.NewFeature(mp)
		info := infos[s]
		f.Properties = geojson.Properties{"code": info.Code, "name": info.Name, "name_zh": info.NameZH, "kind": info.Kind}
		fc.Append(f)
		for _, poly := range mp {
			for _, r := range poly {
				st.RingsOut++
				st.VerticesOut += len(r)
			}
		}
		st.AreaOut[info.Code] = Area(mp)
	}
	return fc, st, nil
}

// nestedArea is the area of rings in m², holes (by nesting) subtracted.
func nestedArea(rings [][]orb.Point) float64 {
	mp, _ := Nest(rings)
	a := 0.0
	for _, p := range mp {
		for k, r := range p {
			if k == 0 {
				a += math.Abs(geo.SignedArea(r))
			} else {
				a -= math.Abs(geo.SignedArea(r))
			}
		}
	}
	return a
}
