package dcw

import (
	"math"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Island is a small island the base map shows as China's that DCW-GMT
// keeps in another country's outline: the rings of Country lying wholly
// inside Box (lon/lat). When At is set, the outline is moved so that the
// centre of its bounding box lies there: DCW, at 1:1,000,000, puts Diaoyu
// Dao 6 km and Chiwei Yu 3 km from where China's State Oceanic
// Administration published them in 2012.
type Island struct {
	Name, NameZH string
	Country      string
	Box          orb.Bound
	At           orb.Point
}

// Islands are the islands `hubatlas data import-context` takes out of the
// neighbours and writes into the South China Sea file. DCW-GMT's CN.TW has
// none of the Diaoyu Islands (JP holds three rings) and no country but PH
// holds Huangyan Dao (Scarborough Shoal, six rocks).
var Islands = []Island{
	{"Diaoyu Dao", "钓鱼岛", "JP", orb.Bound{Min: orb.Point{123.45, 25.70}, Max: orb.Point{123.60, 25.80}}, orb.Point{123 + 28.4/60, 25 + 44.6/60}},
	{"Huangwei Yu", "黄尾屿", "JP", orb.Bound{Min: orb.Point{123.60, 25.85}, Max: orb.Point{123.75, 25.98}}, orb.Point{}},
	{"Chiwei Yu", "赤尾屿", "JP", orb.Bound{Min: orb.Point{124.50, 25.85}, Max: orb.Point{124.62, 25.95}}, orb.Point{124 + 33.7/60, 25 + 55.3/60}},
	{"Huangyan Dao", "黄岩岛", "PH", orb.Bound{Min: orb.Point{117.60, 15.00}, Max: orb.Point{117.90, 15.30}}, orb.Point{}},
}

// dashes is the South China Sea dashed line, nine dashes from the Gulf of
// Tonkin's mouth round to the Luzon Strait, in lon/lat degrees: indicative
// only, good to about half a degree. The positions are hubatlas's own
// reading of the schematic inset Apache ECharts draws for China
// (src/coord/geo/fix/nanhai.ts): the inset's Hainan and Taiwan's southern
// cape were fitted by least squares to DCW-GMT's (lon = 105.77 + 0.2699 u,
// lat = 23.76 − 0.2429 v, residuals under 0.15°) and each dash's midline
// read off. The inset draws no Philippines; read that way, dashes 5, 7 and
// 9 fell on Balabac, Cape Bolinao and the Batanes, so they were moved west
// by 0.4°, 0.4° and 0.6°.
var dashes = [][2]orb.Point{
	{{109.1, 15.9}, {109.7, 14.4}},
	{{110.4, 12.2}, {109.1, 10.8}},
	{{107.7, 8.1}, {108.1, 6.8}},
	{{112.2, 3.7}, {113.7, 4.4}},
	{{115.6, 6.6}, {117.1, 8.6}},
	{{119.0, 11.3}, {119.8, 12.7}},
	{{119.4, 15.3}, {119.4, 16.8}},
	{{119.9, 18.3}, {120.7, 19.5}},
	{{121.1, 20.7}, {122.0, 22.1}},
}

// SouthChinaSeaMeta is what the South China Sea file says about itself.
var SouthChinaSeaMeta = Meta{
	Title:      "South China Sea Islands: dashed line and islands; areas the mainland edition shows as China's",
	Source:     "Dashes: hubatlas's reading of Apache ECharts' South China Sea inset (src/coord/geo/fix/nanhai.ts); islands and Zangnan (DCW-GMT's outline of IN.AR): DCW-GMT 2.1.1",
	License:    "LGPL-3.0-or-later",
	Note:       "Indicative, not authoritative: dashes are good to about half a degree, Zangnan's outline is a state's of DCW-GMT. Not an approved map; maps published in mainland China need an approved base map.",
	Properties: map[string]string{"name": "South China Sea Islands", "name_zh": "南海诸岛"},
}

// Take removes from raw (rings per country, in the order of countries) the
// rings of each island and returns them per island, moved to the
// island's At when set. raw is modified.
func Take(raw [][]orb.Ring, countries []Country, islands []Island) [][]orb.Ring {
	out := make([][]orb.Ring, len(islands))
	for c, country := range countries {
		kept := raw[c][:0]
		for _, r := range raw[c] {
			i := -1
			for k, is := range islands {
				if is.Country == country.Code && within(r, is.Box) {
					i = k
				}
			}
			if i < 0 {
				kept = append(kept, r)
				continue
			}
			out[i] = append(out[i], r)
		}
		raw[c] = kept
	}
	for i, is := range islands {
		if is.At == (orb.Point{}) || len(out[i]) == 0 {
			continue
		}
		b := out[i][0].Bound()
		for _, r := range out[i][1:] {
			b = b.Union(r.Bound())
		}
		dx, dy := is.At[0]-b.Center()[0], is.At[1]-b.Center()[1]
		for _, r := range out[i] {
			for k := range r {
				r[k] = orb.Point{r[k][0] + dx, r[k][1] + dy}
			}
		}
	}
	return out
}

func within(r orb.Ring, b orb.Bound) bool {
	for _, p := range r {
		if !b.Contains(p) {
			return false
		}
	}
	return len(r) > 0
}

// SouthChinaSea returns the South China Sea file's features: the dashed
// line as a MultiLineString with kind "dashed-line", then each island
// (rings from Take, lon/lat) as a Polygon or MultiPolygon with kind
// "island", name and name_zh, rounded to decimals. Islands with no rings
// are left out.
func SouthChinaSea(islands []Island, rings [][]orb.Ring, decimals int) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	var line orb.MultiLineString
	for _, d := range dashes {
		line = append(line, orb.LineString{d[0], d[1]})
	}
	f := geojson.NewFeature(line)
	f.Properties = geojson.Properties{"kind": "dashed-line", "name": "South China Sea dashed line", "name_zh": "南海断续线"}
	fc.Append(f)
	scale := math.Pow10(decimals)
	round := func(v float64) float64 { return math.Round(v*scale) / scale }
	for i, is := range islands {
		var mp orb.MultiPolygon
		for _, r := range rings[i] {
			var q orb.Ring
			for _, p := range r {
				if p = (orb.Point{round(p[0]), round(p[1])}); len(q) == 0 || q[len(q)-1] != p {
					q = append(q, p)
				}
			}
			if q[0] != q[len(q)-1] {
				q = append(q, q[0])
			}
			if len(q) < 4 || geo.SignedArea(q) == 0 {
				continue
			}
			if q.Orientation() != orb.CCW {
				q.Reverse()
			}
			mp = append(mp, orb.Polygon{q})
		}
		var g orb.Geometry = mp
		switch len(mp) {
		case 0:
			continue
		case 1:
			g = mp[0]
		}
		f := geojson.NewFeature(g)
		f.Properties = geojson.Properties{"kind": "island", "name": is.Name, "name_zh": is.NameZH}
		fc.Append(f)
	}
	return fc
}
