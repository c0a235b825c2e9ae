package geo

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
)

// Context is what a map shows around China: neighbouring countries, and
// the South China Sea's islands and dashed line for the inset of the cn
// edition. It is drawn, never queried; immutable once loaded.
type Context struct {
	Countries []Country
	// Topology holds the countries as arcs in projected metres with
	// simplification weights, like the divisions'; Projected is each
	// country's bound.
	Topology  *Topology
	Projected []orb.Bound
	Meta      Meta

	SeaLine orb.MultiLineString // the dashed line, lon/lat; nil when none
	Islands []Island            // islands shown in the inset besides the divisions'
	Claims  []Claim             // areas the mainland edition shows as a division's
	SeaMeta Meta
	Version string
}

// Country is a neighbouring country: ISO 3166-1 alpha-2 code, names and
// its shape in lon/lat.
type Country struct {
	Code, Name, NameZH string
	Shape              orb.MultiPolygon
	// Island tells that the country shares no border with another of
	// the file: its land in view is islands (Japan, the Philippines).
	Island bool
}

// Claim is an area that maps published in mainland China show as part of
// one of China's divisions and the boundary data as another country's
// (Zangnan, in Xizang): the area (lon/lat), the division's code, and
// Border, the parts of its outline those maps draw as China's border
// (the rest is the division's boundary already).
type Claim struct {
	Name, NameZH string
	Division     string
	Shape        orb.MultiPolygon
	Border       orb.MultiLineString
	// Edge is the rest of its outline: the line the boundary data draws
	// between it and the division, which those maps do not.
	Edge orb.MultiLineString
	// Inside is a point well inside the area (its largest part's pole),
	// lon/lat: whether the division holds it tells whether the boundary
	// data shows the area as China's already.
	Inside orb.Point
	// Projected is the bound of the area in projected metres (China's
	// Albers); Levels are the area, border and edge projected and
	// simplified, finest first, for views to take the coarsest they may.
	Projected orb.Bound
	Levels    []ClaimLevel
}

// ClaimLevel is a claim in projected metres, simplified (Douglas–Peucker)
// to within Tolerance metres (0: as the file has it).
type ClaimLevel struct {
	Tolerance    float64
	Shape        orb.MultiPolygon
	Border, Edge orb.MultiLineString
}

// claimTolerances are the levels of a claim, metres.
var claimTolerances = []float64{0, 100, 300, 1000, 3000, 10000}

// Level returns the coarsest level of c simplified to within most metres.
func (c *Claim) Level(most float64) *ClaimLevel {
	l := &c.Levels[0]
	for k := range c.Levels {
		if c.Levels[k].Tolerance <= most {
			l = &c.Levels[k]
		}
	}
	return l
}

// Island is a named island of the inset (Diaoyu Dao, Chiwei Yu).
type Island struct {
	Name, NameZH string
	Shape        orb.MultiPolygon
}

// LoadContext reads the countries and South China Sea files from fsys
// (see ParseContext).
func LoadContext(fsys fs.FS, countries, sea string) (*Context, error) {
	cdata, err := fs.ReadFile(fsys, countries)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	sdata, err := fs.ReadFile(fsys, sea)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return ParseContext(countries, cdata, sea, sdata)
}

// ParseContext reads the countries file (a FeatureCollection of
// (Multi)Polygons with properties code, name, name_zh) and, when sea is
// not nil, the South China Sea file (a MultiLineString feature with kind
// "dashed-line" and Polygon features with kind "island"). Problems come
// back as Problems; the files ship with hubatlas, so they are expected
// to be well formed.
func ParseContext(name string, data []byte, seaName string, sea []byte) (*Context, error) {
	ps := &problems{file: name}
	var top struct {
		Type     string             `json:"type"`
		Features []*geojson.Feature `json:"features"`
		Meta
	}
	if err := json.Unmarshal(data, &top); err != nil {
		ps.add(jsonErrorLine(data, err), "", "", "not valid GeoJSON: %v", err)
		return nil, ps.list
	}
	c := &Context{Meta: top.Meta}
	var shapes []orb.MultiPolygon
	for i, f := range top.Features {
		code, _ := f.Properties["code"].(string)
		rec := fmt.Sprintf("feature %d (%s)", i+1, truncate(code))
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		default:
			ps.add(0, rec, "geometry", "want Polygon or MultiPolygon")
			continue
		}
		if !checkShape(ps, 0, rec, mp, false) {
			continue
		}
		orient(mp)
		n, _ := f.Properties["name"].(string)
		zh, _ := f.Properties["name_zh"].(string)
		c.Countries = append(c.Countries, Country{Code: code, Name: n, NameZH: zh, Shape: mp})
		pr := China.ForwardMulti(mp)
		shapes = append(shapes, pr)
		c.Projected = append(c.Projected, pr.Bound())
	}
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	c.Topology = BuildTopology(shapes, nil)
	c.Topology.Index()
	for ci, shape := range c.Topology.Shapes {
		c.Countries[ci].Island = true
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					if i, _ := ref.Index(); c.Topology.Shared[i] {
						c.Countries[ci].Island = false
					}
				}
			}
		}
	}
	c.Version = BoundaryVersion(data)
	if sea != nil {
		if err := c.parseSea(seaName, sea); err != nil {
			return nil, err
		}
		c.Version = BoundaryVersion(append(append([]byte(c.Version), 0), sea...))
	}
	return c, nil
}

func (c *Context) parseSea(name string, data []byte) error {
	ps := &problems{file: name}
	var top struct {
		Features []*geojson.Feature `json:"features"`
		Meta
	}
	if err := json.Unmarshal(data, &top); err != nil {
		ps.add(jsonErrorLine(data, err), "", "", "not valid GeoJSON: %v", err)
		return ps.list
	}
	c.SeaMeta = top.Meta
	claim := func(f *geojson.Feature) *Claim {
		n, _ := f.Properties["name"].(string)
		for k := range c.Claims {
			if c.Claims[k].Name == n {
				return &c.Claims[k]
			}
		}
		zh, _ := f.Properties["name_zh"].(string)
		div, _ := f.Properties["division"].(string)
		c.Claims = append(c.Claims, Claim{Name: n, NameZH: zh, Division: div})
		return &c.Claims[len(c.Claims)-1]
	}
	for i, f := range top.Features {
		kind, _ := f.Properties["kind"].(string)
		rec := fmt.Sprintf("feature %d (%s)", i+1, kind)
		switch kind {
		case "claimed-area":
			g, ok := polygons(f.Geometry)
			if !ok {
				ps.add(0, rec, "geometry", "want a polygon")
			} else if checkShape(ps, 0, rec, g, false) {
				claim(f).Shape = g
			}
			continue
		case "claimed-border", "claimed-edge":
			var ls orb.MultiLineString
			switch g := f.Geometry.(type) {
			case orb.MultiLineString:
				ls = g
			case orb.LineString:
				ls = orb.MultiLineString{g}
			default:
				ps.add(0, rec, "geometry", "want a line")
				continue
			}
			if c := claim(f); kind == "claimed-border" {
				c.Border = ls
			} else {
				c.Edge = ls
			}
			continue
		}
		switch g := f.Geometry.(type) {
		case orb.MultiLineString:
			c.SeaLine = append(c.SeaLine, g...)
		case orb.LineString:
			c.SeaLine = append(c.SeaLine, g)
		case orb.Polygon, orb.MultiPolygon:
			mp, ok := g.(orb.MultiPolygon)
			if !ok {
				mp = orb.MultiPolygon{g.(orb.Polygon)}
			}
			if checkShape(ps, 0, rec, mp, false) {
				n, _ := f.Properties["name"].(string)
				zh, _ := f.Properties["name_zh"].(string)
				c.Islands = append(c.Islands, Island{Name: n, NameZH: zh, Shape: mp})
			}
		default:
			ps.add(0, rec, "geometry", "want a line or a polygon")
		}
	}
	lines := []orb.MultiLineString{c.SeaLine}
	for k := range c.Claims {
		cl := &c.Claims[k]
		if len(cl.Shape) == 0 {
			ps.add(0, cl.Name, "", "a claimed area's border with no area")
			continue
		}
		lines = append(lines, cl.Border, cl.Edge)
		largest := cl.Shape[0]
		for _, p := range cl.Shape[1:] {
			if math.Abs(SignedArea(p[0])) > math.Abs(SignedArea(largest[0])) {
				largest = p
			}
		}
		cl.Inside, _ = PoleWithin(largest, 0.01, 0.1)
		shape := China.ForwardMulti(cl.Shape)
		border, edge := forwardLines(cl.Border), forwardLines(cl.Edge)
		cl.Projected = shape.Bound()
		for _, tol := range claimTolerances {
			l := ClaimLevel{Tolerance: tol, Shape: shape.Clone(), Border: border.Clone(), Edge: edge.Clone()}
			if tol > 0 {
				dp := simplify.DouglasPeucker(tol)
				for i := range l.Shape {
					for j := range l.Shape[i] {
						l.Shape[i][j] = dp.Ring(l.Shape[i][j])
					}
				}
				for i := range l.Border {
					l.Border[i] = dp.LineString(l.Border[i])
				}
				for i := range l.Edge {
					l.Edge[i] = dp.LineString(l.Edge[i])
				}
			}
			cl.Levels = append(cl.Levels, l)
		}
	}
	for _, ls := range lines {
		for _, l := range ls {
			for _, p := range l {
				if math.IsNaN(p[0]) || !lonLatOK(p[0], p[1]) {
					ps.add(0, "line", "", "position %v is not lon/lat", p)
					break
				}
			}
		}
	}
	return ps.err()
}

// forwardLines projects lines to China's Albers.
func forwardLines(ls orb.MultiLineString) orb.MultiLineString {
	out := make(orb.MultiLineString, len(ls))
	for k, l := range ls {
		out[k] = make(orb.LineString, len(l))
		for i, p := range l {
			out[k][i] = China.Forward(p)
		}
	}
	return out
}

// polygons returns g as a MultiPolygon when it is a Polygon or one.
func polygons(g orb.Geometry) (orb.MultiPolygon, bool) {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}, true
	case orb.MultiPolygon:
		return g, true
	}
	return nil, false
}
