package main

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// dashes are the approximate ends (lon, lat) of the dashes DataV's full
// China file draws in the South China Sea, each a thin polygon in its
// "100000_JD" feature. They only stand for that feature's shape.
var dashes = [][2]orb.Point{
	{{108.95, 17.70}, {109.20, 16.60}},
	{{109.60, 14.60}, {109.50, 13.30}},
	{{109.50, 10.80}, {109.40, 9.60}},
	{{110.00, 7.60}, {110.80, 6.60}},
	{{112.00, 4.60}, {113.00, 3.90}},
	{{115.20, 5.40}, {116.00, 6.30}},
	{{117.30, 8.30}, {118.00, 9.40}},
	{{119.00, 11.30}, {119.20, 12.60}},
	{{119.30, 15.30}, {119.50, 16.50}},
	{{120.90, 19.80}, {121.30, 20.80}},
}

// dashWidth is the width of a dash polygon in degrees.
const dashWidth = 0.06

// dashPolygons returns the dashes as counter-clockwise rectangles.
func dashPolygons() orb.MultiPolygon {
	var mp orb.MultiPolygon
	for _, d := range dashes {
		a, b := d[0], d[1]
		dx, dy := b[0]-a[0], b[1]-a[1]
		l := math.Hypot(dx, dy)
		nx, ny := -dy/l*dashWidth/2, dx/l*dashWidth/2
		r := orb.Ring{{a[0] + nx, a[1] + ny}, {a[0] - nx, a[1] - ny}, {b[0] - nx, b[1] - ny}, {b[0] + nx, b[1] + ny}}
		for i, p := range r {
			r[i] = roundPoint(p, 4)
		}
		r = append(r, r[0])
		if r.Orientation() != orb.CCW {
			slices.Reverse(r)
		}
		mp = append(mp, orb.Polygon{r})
	}
	return mp
}

// geometry is a GeoJSON geometry; coordinates are written as given.
type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

// feature is a GeoJSON feature whose properties keep their field order.
type feature struct {
	Type       string   `json:"type"`
	Properties any      `json:"properties"`
	Geometry   geometry `json:"geometry"`
}

// collectionHead is what a FeatureCollection says about itself. Its
// members come before "features" so a reader sees them first.
type collectionHead struct {
	Type    string `json:"type"`
	Title   string `json:"title,omitempty"`
	Source  string `json:"source,omitempty"`
	Date    string `json:"date,omitempty"`
	License string `json:"license,omitempty"`
	Noun    string `json:"noun,omitempty"`
	NounZH  string `json:"noun_zh,omitempty"`
}

// featureCollection writes head and features, one feature per line.
func featureCollection(head collectionHead, features []feature) ([]byte, error) {
	head.Type = "FeatureCollection"
	h, err := marshal(head)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(h[:len(h)-1])
	b.WriteString(`,"features":[`)
	for i, f := range features {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
		fb, err := marshal(f)
		if err != nil {
			return nil, err
		}
		b.Write(fb)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping (names contain "&").
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// datavProps are the properties of a province in a DataV/GeoAtlas file,
// in DataV's order.
type datavProps struct {
	Adcode          int        `json:"adcode"`
	Name            string     `json:"name"`
	Center          [2]float64 `json:"center"`
	Centroid        [2]float64 `json:"centroid"`
	ChildrenNum     int        `json:"childrenNum"`
	Level           string     `json:"level"`
	Parent          adcodeRef  `json:"parent"`
	SubFeatureIndex int        `json:"subFeatureIndex"`
	Acroutes        []int      `json:"acroutes"`
}

type adcodeRef struct {
	Adcode int `json:"adcode"`
}

// datavExtra is the non-division feature of DataV's full files.
type datavExtra struct {
	Adcode string `json:"adcode"`
	Name   string `json:"name"`
}

// dataV builds the DataV/GeoAtlas-shaped fixture: MultiPolygons in
// adcode order, then the "100000_JD" feature.
func dataV(ps []*province) ([]byte, error) {
	var fs []feature
	for i, p := range ps {
		c, _ := planar.CentroidArea(p.simple)
		fs = append(fs, feature{"Feature", datavProps{
			Adcode: p.adcode, Name: p.zhFull, Center: p.capital, Centroid: roundPoint(c, 6),
			ChildrenNum: p.children, Level: "province", Parent: adcodeRef{100000},
			SubFeatureIndex: i, Acroutes: []int{100000},
		}, geometry{"MultiPolygon", p.simple}})
	}
	fs = append(fs, feature{"Feature", datavExtra{Adcode: "100000_JD", Name: ""}, geometry{"MultiPolygon", dashPolygons()}})
	return featureCollection(collectionHead{
		Title:   "China provincial-level divisions in the DataV/GeoAtlas shape (constructed test fixture)",
		Source:  "Constructed by hubatlas examples/gen from assets/data/china-provinces.geojson (DCW-GMT 2.1.1), heavily simplified; not DataV data. The 100000_JD dashes are approximate.",
		License: "LGPL-3.0-or-later",
	}, fs)
}

// neProps are the Natural Earth admin-1 properties hubatlas may read, with
// a few of the others such files carry.
type neProps struct {
	Featurecla string  `json:"featurecla"`
	Scalerank  int     `json:"scalerank"`
	Adm0A3     string  `json:"adm0_a3"`
	Admin      string  `json:"admin"`
	IsoA2      string  `json:"iso_a2"`
	Iso3166_2  string  `json:"iso_3166_2"`
	Name       string  `json:"name"`
	NameEN     string  `json:"name_en"`
	NameZH     string  `json:"name_zh"`
	Type       string  `json:"type"`
	TypeEN     string  `json:"type_en"`
	Latitude   float64 `json:"latitude"`
	Longitude  float64 `json:"longitude"`
}

// numericISO lists the divisions whose iso_3166_2 the Natural Earth
// fixture writes in the numeric form ISO used before 2017, as real files
// mix both.
var numericISO = []string{"CN-GD", "CN-GX", "CN-HK", "CN-NM", "CN-NX", "CN-XJ", "CN-XZ"}

// naturalEarth builds the Natural Earth admin-1-shaped fixture. Rings run
// clockwise as in the shapefiles these files are converted from, and a
// division of one polygon is a Polygon.
func naturalEarth(ps []*province) ([]byte, error) {
	var fs []feature
	for _, p := range ps {
		iso := p.code
		if slices.Contains(numericISO, p.code) {
			iso = p.isoNumber
		}
		name := p.nameEN
		if p.nameNE != "" {
			name = p.nameNE
		}
		c, _ := planar.CentroidArea(p.simple)
		c = roundPoint(c, 4)
		mp := clockwise(p.simple)
		g := geometry{"MultiPolygon", mp}
		if len(mp) == 1 {
			g = geometry{"Polygon", mp[0]}
		}
		fs = append(fs, feature{"Feature", neProps{
			Featurecla: "Admin-1 states provinces", Scalerank: 2, Adm0A3: "CHN", Admin: "China", IsoA2: "CN",
			Iso3166_2: iso, Name: name, NameEN: p.nameEN, NameZH: p.zhFull, Type: p.typeNE, TypeEN: p.typeEN,
			Latitude: c[1], Longitude: c[0],
		}, g})
	}
	return featureCollection(collectionHead{
		Title:   "China provincial-level divisions in the Natural Earth admin-1 shape (constructed test fixture)",
		Source:  "Constructed by hubatlas examples/gen from assets/data/china-provinces.geojson (DCW-GMT 2.1.1), heavily simplified; not Natural Earth data.",
		License: "LGPL-3.0-or-later",
	}, fs)
}

// clockwise returns a copy of mp with every ring reversed.
func clockwise(mp orb.MultiPolygon) orb.MultiPolygon {
	out := mp.Clone()
	for _, poly := range out {
		for _, r := range poly {
			slices.Reverse(r)
		}
	}
	return out
}

// roundPoint rounds both coordinates to d decimals.
func roundPoint(p orb.Point, d int) orb.Point {
	return orb.Point{round(p[0], d), round(p[1], d)}
}

func round(v float64, d int) float64 {
	s := math.Pow(10, float64(d))
	return math.Round(v*s) / s
}
