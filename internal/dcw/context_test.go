package dcw_test

import (
	"math"
	"os"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

const (
	contextFile = "../../assets/data/context.geojson"
	scsFile     = "../../assets/data/south-china-sea.geojson"
)

func TestTake(t *testing.T) {
	islet := orb.Ring{{123.52, 25.76}, {123.53, 25.76}, {123.53, 25.77}, {123.52, 25.76}}
	coast := orb.Ring{{124, 24}, {125, 24}, {125, 25}, {124, 24}}
	raw := [][]orb.Ring{{coast, islet}}
	islands := []dcw.Island{{Name: "Diaoyu Dao", NameZH: "钓鱼岛", Country: "JP",
		Box: orb.Bound{Min: orb.Point{123.45, 25.70}, Max: orb.Point{123.60, 25.80}}, At: orb.Point{123.47, 25.74}}}
	got := dcw.Take(raw, []dcw.Country{{Code: "JP"}}, islands)
	if len(raw[0]) != 1 || !raw[0][0].Equal(coast) {
		t.Errorf("JP keeps %v, want its coast only", raw[0])
	}
	if len(got[0]) != 1 {
		t.Fatalf("took %v", got)
	}
	if c := got[0][0].Bound().Center(); math.Abs(c[0]-123.47) > 1e-9 || math.Abs(c[1]-25.74) > 1e-9 {
		t.Errorf("island centred at %v, want it moved to 123.47, 25.74", c)
	}
}

// Where DCW-GMT's country outlines and its provinces disagree by more than
// snapping reaches: DCW's Heilongjiang holds the Russian part of Lake
// Khanka, which Russia's outline holds too; the Nepal and Bhutan outlines
// leave out ground near Kalapani and Doklam that no province holds either.
// Everywhere else the countries meet China's border exactly.
var knownDisagreements = map[string]float64{ // km², at most
	"overlap CN-HL RU": 2950,
	"overlap CN-XZ NP": 40,
	"gap CN-XZ BT IN":  95,
	"gap CN-XZ IN NP":  60,
	"gap CN-XJ AF TJ":  5,
	"gap CN-XZ NP":     3.5,
}

func TestShippedContextMeetsChina(t *testing.T) {
	pdata, err := os.ReadFile(provincesFile)
	if err != nil {
		t.Fatal(err)
	}
	cdata, err := os.ReadFile(contextFile)
	if err != nil {
		t.Fatal(err)
	}
	// 388 KB with the clip at 55–150°E, 0–60°N; 524 KB at 40–170°E,
	// 12°S–82°N, for slides, tall pages and phones (the Arctic coast and
	// the Indonesian and Melanesian islands take most of the rest).
	if len(cdata) > 600<<10 {
		t.Errorf("%s is %d bytes, want a few hundred KB at most", contextFile, len(cdata))
	}
	ps, pc := readShapes(t, provincesFile, pdata, "code")
	cs, cc := readShapes(t, contextFile, cdata, "code")
	codes := append(slices.Clone(pc), cc...)
	cov := dcw.Measure(append(slices.Clone(ps), cs...))
	n := len(ps)
	// Half a px at the most detailed view that shows a neighbour (Taiwan's,
	// 444 m per px) is 0.1 km².
	const maxKm2 = 0.1
	check := func(key string, km2 float64, at orb.Point) {
		limit, known := knownDisagreements[key]
		if !known {
			limit = maxKm2
		}
		if km2 > limit {
			t.Errorf("%s: %.4f km² around %.3f, want at most %v", key, km2, geo.China.Inverse(at), limit)
		} else if known {
			t.Logf("%s: %.1f km² (known)", key, km2)
		}
	}
	for _, o := range cov.Overlaps {
		if o.A < n && o.B >= n {
			check("overlap "+codes[o.A]+" "+codes[o.B], o.Area/1e6, o.At)
		}
	}
	for _, g := range cov.Gaps {
		if g.Shapes[0] >= n || g.Shapes[len(g.Shapes)-1] < n {
			continue // not between China and a neighbour
		}
		key := "gap"
		for _, s := range g.Shapes {
			key += " " + codes[s]
		}
		check(key, g.Area/1e6, g.At)
	}
}

func TestShippedSouthChinaSea(t *testing.T) {
	data, err := os.ReadFile(scsFile)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "source", "license", "note"} {
		if s, _ := fc.ExtraMembers[k].(string); s == "" || len(s) > 200 {
			t.Errorf("member %q is %q, want some text of at most 200 bytes", k, s)
		}
	}
	if p, _ := fc.ExtraMembers["properties"].(map[string]any); p["name"] != "South China Sea Islands" || p["name_zh"] != "南海诸岛" {
		t.Errorf("collection properties %v", fc.ExtraMembers["properties"])
	}
	var land []orb.MultiPolygon
	var xizang orb.MultiPolygon
	for _, file := range []string{provincesFile, contextFile} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		s, codes := readShapes(t, file, b, "code")
		land = append(land, s...)
		if i := slices.Index(codes, "CN-XZ"); i >= 0 && file == provincesFile {
			xizang = s[i]
		}
	}
	islands := map[string]orb.Geometry{}
	claims := 0
	for _, f := range fc.Features {
		switch kind := f.Properties.MustString("kind", ""); kind {
		case "dashed-line":
			ml, ok := f.Geometry.(orb.MultiLineString)
			if !ok || len(ml) != 9 {
				t.Fatalf("dashed line is %T with %d dashes, want a MultiLineString of 9", f.Geometry, len(ml))
			}
			for i, dash := range ml {
				if d := distanceToLand(dash, land); d < 15000 {
					t.Errorf("dash %d %v is %.0f m from land, want it at sea", i+1, dash, d)
				}
			}
		case "island":
			if f.Properties.MustString("name_zh", "") == "" {
				t.Errorf("island %v has no Chinese name", f.Properties)
			}
			islands[f.Properties.MustString("name", "")] = f.Geometry
		case "claimed-area", "claimed-border", "claimed-edge":
			claims++
			checkZangnan(t, f, xizang)
		default:
			t.Errorf("feature of kind %q", kind)
		}
	}
	if claims != 3 {
		t.Errorf("%d features of Zangnan, want its area, border and edge", claims)
	}
	// DCW-GMT's CN.TW has none of these: they come from JP and PH, and
	// Diaoyu Dao and Chiwei Yu are moved to their published positions.
	for name, at := range map[string]orb.Point{
		"Diaoyu Dao": {123.473, 25.743}, "Huangwei Yu": {123.682, 25.923},
		"Chiwei Yu": {124.562, 25.922}, "Huangyan Dao": {117.78, 15.15},
	} {
		g, ok := islands[name]
		if !ok {
			t.Errorf("no island %s", name)
			continue
		}
		c := g.Bound().Center()
		p, q := geo.China.Forward(c), geo.China.Forward(at)
		if math.Hypot(p[0]-q[0], p[1]-q[1]) > 3000 {
			t.Errorf("%s centred at %.3f, want within 3 km of %v", name, c, at)
		}
	}
}

// checkZangnan checks a feature of Zangnan (藏南), which the mainland
// edition draws as Xizang's (shape: projected): the area about as large as
// Arunachal Pradesh, whose outline it is; the edge on Xizang's boundary
// along the line DCW-GMT draws (the McMahon line), which the edition
// hides; the border, from Bhutan round to Myanmar, beginning and ending
// on Xizang's boundary.
func checkZangnan(t *testing.T, f *geojson.Feature, xizang orb.MultiPolygon) {
	t.Helper()
	kind := f.Properties.MustString("kind", "")
	if f.Properties.MustString("name_zh", "") != "藏南" || f.Properties.MustString("division", "") != "CN-XZ" {
		t.Errorf("%s: properties %v", kind, f.Properties)
	}
	fromXizang := func(p orb.Point) float64 {
		q := geo.China.Forward(p)
		best := math.Inf(1)
		for _, poly := range xizang {
			for _, r := range poly {
				for i := 0; i+1 < len(r); i++ {
					best = min(best, geo.SegmentDistance2(q, r[i], r[i+1]))
				}
			}
		}
		return math.Sqrt(best)
	}
	length := func(ls orb.MultiLineString) float64 {
		m := 0.0
		for _, l := range ls {
			for i := 1; i < len(l); i++ {
				a, b := geo.China.Forward(l[i-1]), geo.China.Forward(l[i])
				m += math.Hypot(a[0]-b[0], a[1]-b[1])
			}
		}
		return m / 1000
	}
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		km2 := math.Abs(geo.SignedArea(geo.China.ForwardMulti(orb.MultiPolygon{g})[0][0])) / 1e6
		if kind != "claimed-area" || km2 < 75000 || km2 > 90000 {
			t.Errorf("%s: a polygon of %.0f km², want Zangnan's area, about Arunachal Pradesh's 83,743", kind, km2)
		}
	case orb.MultiLineString:
		km := length(g)
		switch kind {
		case "claimed-edge":
			for _, l := range g {
				for _, p := range l {
					if d := fromXizang(p); d > 5 {
						t.Errorf("edge vertex %v is %.0f m from Xizang's boundary", p, d)
					}
				}
			}
			if km < 900 || km > 1300 {
				t.Errorf("edge of %.0f km, want the McMahon line's length (about 1,000 km)", km)
			}
		case "claimed-border":
			if len(g) != 1 || fromXizang(g[0][0]) > 5 || fromXizang(g[0][len(g[0])-1]) > 5 || fromXizang(g[0][len(g[0])/2]) < 50000 {
				t.Errorf("border of %d lines, want one from Xizang's boundary round Zangnan and back", len(g))
			}
			if km < 1200 || km > 1800 {
				t.Errorf("border of %.0f km, want its borders with Bhutan, India and Myanmar (about 1,450 km)", km)
			}
		default:
			t.Errorf("%s: lines", kind)
		}
	default:
		t.Errorf("%s: geometry %T", kind, g)
	}
}

// distanceToLand returns the least distance in metres between a line in
// lon/lat and the edges of shapes in projected metres (0 when they cross).
func distanceToLand(line orb.LineString, shapes []orb.MultiPolygon) float64 {
	a, b := geo.China.Forward(line[0]), geo.China.Forward(line[len(line)-1])
	best := math.Inf(1)
	for _, mp := range shapes {
		for _, p := range mp {
			for _, r := range p {
				for i := 0; i+1 < len(r); i++ {
					best = math.Min(best, segSegDist(a, b, r[i], r[i+1]))
				}
			}
		}
	}
	return best
}

func segSegDist(a, b, c, d orb.Point) float64 {
	orient := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	if (orient(a, b, c) > 0) != (orient(a, b, d) > 0) && (orient(c, d, a) > 0) != (orient(c, d, b) > 0) {
		return 0
	}
	pd := func(p, s, e orb.Point) float64 {
		dx, dy := e[0]-s[0], e[1]-s[1]
		t := 0.0
		if l := dx*dx + dy*dy; l > 0 {
			t = math.Max(0, math.Min(1, ((p[0]-s[0])*dx+(p[1]-s[1])*dy)/l))
		}
		return math.Hypot(p[0]-s[0]-t*dx, p[1]-s[1]-t*dy)
	}
	return math.Min(math.Min(pd(a, c, d), pd(b, c, d)), math.Min(pd(c, a, b), pd(d, a, b)))
}
