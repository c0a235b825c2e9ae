package dcw_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

// circle is a ring of n vertices around (lon, lat) with radius r degrees,
// clockwise as DCW writes exteriors.
func circle(lon, lat, r float64, n int) orb.Ring {
	var out orb.Ring
	for i := range n {
		a := -2 * math.Pi * float64(i) / float64(n)
		out = append(out, orb.Point{lon + r*math.Cos(a), lat + r*math.Sin(a)})
	}
	return append(out, out[0])
}

var twoDivisions = []geo.DivisionInfo{
	{Code: "XX-BG", Name: "Big", NameZH: "大", Kind: geo.KindProvince},
	{Code: "XX-SM", Name: "Small", NameZH: "小", Kind: geo.KindSAR},
}

func polygons(t *testing.T, fc *geojson.FeatureCollection, i int) orb.MultiPolygon {
	t.Helper()
	mp, ok := fc.Features[i].Geometry.(orb.MultiPolygon)
	if !ok {
		t.Fatalf("feature %d is %T", i, fc.Features[i].Geometry)
	}
	return mp
}

func TestCleanKeepsEveryRing(t *testing.T) {
	raw := map[string][]orb.Ring{
		"XX-BG": {
			circle(110, 30, 1, 400),         // the mainland
			circle(111.2, 30, 0.05, 40),     // an island
			circle(111.1, 30.3, 0.0003, 24), // a rock 30 m across: far below any detail kept
		},
		// A division whose only ring is far smaller than its neighbour.
		"XX-SM": {circle(108.99, 30, 0.0005, 30)},
	}
	// The whole country's outline adds an islet no division holds, and
	// repeats one that the big division holds.
	country := []orb.Ring{circle(112, 29, 0.002, 12), circle(111.2, 30, 0.05, 40)}
	for _, weight := range []float64{dcw.Provinces.WeightPx2, 1e9} {
		opt := dcw.Provinces
		opt.WeightPx2 = weight
		fc, st, err := dcw.Clean(raw, country, twoDivisions, opt)
		if err != nil {
			t.Fatal(err)
		}
		if st.Adopted != 1 {
			t.Errorf("weight %g: adopted %d country rings, want 1 (the islet)", weight, st.Adopted)
		}
		for i, want := range []int{4, 1} {
			mp := polygons(t, fc, i)
			if len(mp) != want {
				t.Errorf("weight %g: %s has %d polygons, want %d", weight, twoDivisions[i].Code, len(mp), want)
			}
			for _, p := range mp {
				r := p[0]
				if len(r) < 4 || r.Orientation() != orb.CCW || dcw.Area(orb.MultiPolygon{p}) <= 0 {
					t.Errorf("weight %g: %s ring %v is no longer a ring", weight, twoDivisions[i].Code, r)
				}
			}
		}
	}
}

func TestCleanNormalisesWinding(t *testing.T) {
	outer := circle(110, 30, 1, 60)  // clockwise, as DCW writes exteriors
	hole := circle(110, 30, 0.3, 30) // the same way round, as one Hunan hole
	fc, st, err := dcw.Clean(map[string][]orb.Ring{"XX-BG": {outer, hole}, "XX-SM": {circle(115, 30, 0.2, 20)}}, nil, twoDivisions, dcw.Provinces)
	if err != nil {
		t.Fatal(err)
	}
	mp := polygons(t, fc, 0)
	if len(mp) != 1 || len(mp[0]) != 2 {
		t.Fatalf("got %d polygons, want one with a hole", len(mp))
	}
	if mp[0][0].Orientation() != orb.CCW || mp[0][1].Orientation() != orb.CW {
		t.Errorf("exterior %v, hole %v; want counter-clockwise and clockwise (RFC 7946)", mp[0][0].Orientation(), mp[0][1].Orientation())
	}
	if st.Holes != 1 || st.Reoriented != 2 {
		t.Errorf("stats %+v, want 1 hole, 2 rings reoriented", st)
	}
}

func TestCleanShares(t *testing.T) {
	// Two squares in lon/lat, the second's copy of the shared meridian
	// a few metres off on its own vertices.
	west := orb.Ring{{110, 30}, {110, 31}, {111, 31}, {111, 30.5}, {111, 30}, {110, 30}}
	east := orb.Ring{{111.00004, 29.99997}, {110.99996, 30.3}, {111.00003, 30.7}, {110.99998, 31.00002}, {112, 31}, {112, 30}, {111.00004, 29.99997}}
	fc, _, err := dcw.Clean(map[string][]orb.Ring{"XX-BG": {west}, "XX-SM": {east}}, nil, twoDivisions, dcw.Provinces)
	if err != nil {
		t.Fatal(err)
	}
	a, b := polygons(t, fc, 0)[0][0], polygons(t, fc, 1)[0][0]
	onBorder := func(r orb.Ring) map[orb.Point]bool {
		s := map[orb.Point]bool{}
		for _, p := range r {
			if math.Abs(p[0]-111) < 0.01 {
				s[p] = true
			}
		}
		return s
	}
	sa, sb := onBorder(a), onBorder(b)
	if len(sa) < 3 || len(sa) != len(sb) {
		t.Fatalf("border vertices differ: %v and %v", sa, sb)
	}
	for p := range sa {
		if !sb[p] {
			t.Errorf("%v is on one side of the border only", p)
		}
	}
	if props := fc.Features[1].Properties; props["code"] != "XX-SM" || props["name_zh"] != "小" || props["kind"] != geo.KindSAR {
		t.Errorf("properties %v", props)
	}
}

// TestReassign moves only the rings wholly inside the box, to the end of
// the other division's, and leaves its input alone.
func TestReassign(t *testing.T) {
	sq := func(x, y float64) orb.Ring {
		return orb.Ring{{x, y}, {x + 0.01, y}, {x + 0.01, y + 0.01}, {x, y + 0.01}, {x, y}}
	}
	raw := map[string][]orb.Ring{
		"CN-SH": {sq(121.4, 30.69), sq(122.45, 30.72), {{121.5, 30.8}, {122.0, 30.8}, {122.0, 31.0}, {121.5, 30.8}}},
		"CN-ZJ": {sq(122.2, 30.3)},
	}
	out, n := dcw.Reassign(raw, dcw.Reassignments)
	if n != 1 || len(out["CN-SH"]) != 2 || len(out["CN-ZJ"]) != 2 || out["CN-ZJ"][1][0] != (orb.Point{122.45, 30.72}) {
		t.Errorf("moved %d: Shanghai %v, Zhejiang %v", n, out["CN-SH"], out["CN-ZJ"])
	}
	if len(raw["CN-SH"]) != 3 || len(raw["CN-ZJ"]) != 1 {
		t.Error("the input was modified")
	}
}
