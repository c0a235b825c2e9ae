package geo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"weak"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// Boundaries is a loaded boundary file: the divisions, the features that
// are not divisions (DataV's South China Sea line), what the file says
// about itself, and the divisions' topology in projected metres (China's
// Albers) with simplification weights, built once at load. Boundaries are
// immutable and safe for concurrent use.
type Boundaries struct {
	Divisions []Division // sorted by code
	Extras    []Extra    // features kept beside the divisions, in file order
	Meta      Meta
	Schema    string // the shape detected: hubatlas, datav, naturalearth or custom

	// Topology holds the divisions' boundaries as shared arcs, in projected
	// metres; Topology.Shapes[i] is Divisions[i].
	Topology *Topology
	// Projected is each division's bound in projected metres, Extent
	// their union: the view of all of China. Core is the bound of each
	// division's largest polygon and the parts near it (coreBound): the
	// view of one division.
	Projected []orb.Bound
	Core      []orb.Bound
	Extent    orb.Bound

	Version string // hash of the file's bytes

	index map[string]int
	names divisionNames

	// loc is the index DivisionAt answers from, 3.4 MB for the embedded
	// provinces. It is needed while hubs are placed (a load, a reload, a
	// preview) and held only weakly between: the collector may take it,
	// and the next placement builds it again (6.4 ms, BenchmarkNewLocator
	// in the commit that made it so).
	locMu sync.Mutex
	loc   atomic.Pointer[weak.Pointer[locator]]

	polesOnce sync.Once
	poles     []Pole

	islandsOnce sync.Once
	islands     []int
}

// islandGap is how far, projected metres, a division must lie from every
// other for Islands to count it an island: more than the few metres by
// which neighbours drawn apart miss each other's border (DCW-GMT's are
// 7 to 33 m apart), less than the narrowest strait between divisions
// (Kinmen lies some 2 km off Xiamen).
const islandGap = 500

// Islands returns the indices of the divisions that border no other:
// none of their vertices lies within islandGap of another division's.
// It does not rely on shared arcs, which a file whose neighbours were
// drawn or simplified apart does not have. Computed on first use and
// shared.
func (b *Boundaries) Islands() []int {
	b.islandsOnce.Do(func() {
		t := b.Topology
		type cell struct{ x, y int64 }
		// Each division's vertices, by cell of islandGap: a vertex's
		// neighbours within islandGap are in its cell or the eight around.
		owners := map[cell][]int32{}
		at := func(p orb.Point) cell {
			return cell{int64(math.Floor(p[0] / islandGap)), int64(math.Floor(p[1] / islandGap))}
		}
		each := func(si int, f func(orb.Point)) {
			for _, poly := range t.Shapes[si] {
				for _, ring := range poly {
					for _, ref := range ring {
						i, _ := ref.Index()
						for _, p := range t.Arcs[i] {
							f(p)
						}
					}
				}
			}
		}
		for si := range t.Shapes {
			each(si, func(p orb.Point) {
				c := at(p)
				if os := owners[c]; len(os) == 0 || os[len(os)-1] != int32(si) {
					owners[c] = append(os, int32(si))
				}
			})
		}
		for si := range t.Shapes {
			near := false
			each(si, func(p orb.Point) {
				if near {
					return
				}
				c := at(p)
				for dx := int64(-1); dx <= 1 && !near; dx++ {
					for dy := int64(-1); dy <= 1 && !near; dy++ {
						for _, o := range owners[cell{c.x + dx, c.y + dy}] {
							if o != int32(si) {
								near = true
								break
							}
						}
					}
				}
			})
			if !near && len(t.Shapes[si]) > 0 {
				b.islands = append(b.islands, si)
			}
		}
	})
	return b.islands
}

// Pole is where a division's name fits best: the pole of inaccessibility
// of its largest polygon, in projected metres, and the radius of the
// largest circle around it inside the division.
type Pole struct {
	At     orb.Point
	Radius float64
}

// Poles returns each division's Pole, indexed like Divisions; computed
// on first use (tens of milliseconds) and shared.
func (b *Boundaries) Poles() []Pole {
	b.polesOnce.Do(func() {
		b.poles = make([]Pole, len(b.Divisions))
		for i, d := range b.Divisions {
			best, bestArea := -1, 0.0
			var proj orb.Polygon
			for pi, poly := range d.Shape {
				pr := make(orb.Ring, len(poly[0]))
				for k, pt := range poly[0] {
					pr[k] = China.Forward(pt)
				}
				if a := math.Abs(SignedArea(pr)); best < 0 || a > bestArea {
					best, bestArea = pi, a
					proj = orb.Polygon{pr}
					for _, hole := range poly[1:] {
						hr := make(orb.Ring, len(hole))
						for k, pt := range hole {
							hr[k] = China.Forward(pt)
						}
						proj = append(proj, hr)
					}
				}
			}
			if best >= 0 {
				at, r := PoleOf(proj, 3000)
				b.poles[i] = Pole{At: at, Radius: r}
			}
		}
	})
	return b.poles
}

// Division is one provincial-level division with its boundary in lon/lat
// degrees as read from the boundary file.
type Division struct {
	DivisionInfo
	Shape orb.MultiPolygon // lon/lat, exteriors counter-clockwise
	Bound orb.Bound        // lon/lat
}

// Extra is a feature of a boundary file that is not a division, such as
// the South China Sea dashed line DataV files carry (adcode "100000_JD").
type Extra struct {
	ID   string // the feature's code or adcode as written
	Name string
	Kind string // "dashed-line" for DataV's *_JD features, else "other"
	// Shape holds polygons, Lines line strings; lon/lat degrees.
	Shape orb.MultiPolygon
	Lines orb.MultiLineString
}

// BoundaryOptions says how to read a boundary file. The zero value detects
// the shape: hubatlas's own (property code), DataV/GeoAtlas (adcode and a
// Chinese name) and Natural Earth admin-1 (iso_3166_2). The property
// fields name the properties of any other shape.
type BoundaryOptions struct {
	CodeProperty   string // division code, e.g. "code", "adcode", "iso_3166_2"
	NameProperty   string // English name
	NameZHProperty string // Chinese name
	Limits         Limits // zero fields take DefaultLimits
}

var (
	codeRE  = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
	anyCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$`)
	idRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

var kinds = []string{KindProvince, KindAutonomous, KindMunicipality, KindSAR}

// The shapes ParseBoundaries recognises.
const (
	SchemaHubatlas     = "hubatlas"
	SchemaDataV        = "datav"
	SchemaNaturalEarth = "naturalearth"
	SchemaCustom       = "custom"
)

// schema is how the properties of one shape of boundary file are read.
type schema struct {
	name                   string
	code, nameEN, nameZH   []string // property names, first present wins
	kind                   string
	detect                 func(props map[string]any) bool
	normalise              func(code string) string
	strictKind, strictCode bool
}

var schemas = []schema{
	{name: SchemaHubatlas, code: []string{"code"}, nameEN: []string{"name"}, nameZH: []string{"name_zh"}, kind: "kind",
		detect:    func(p map[string]any) bool { _, ok := p["code"]; return ok },
		normalise: strings.ToUpper, strictKind: true, strictCode: true},
	{name: SchemaDataV, code: []string{"adcode"}, nameZH: []string{"name"},
		detect:    func(p map[string]any) bool { _, ok := p["adcode"]; return ok },
		normalise: dataVCode},
	{name: SchemaNaturalEarth, code: []string{"iso_3166_2"}, nameEN: []string{"name_en", "name"}, nameZH: []string{"name_zh"},
		detect:    func(p map[string]any) bool { _, ok := p["iso_3166_2"]; return ok },
		normalise: naturalEarthCode},
}

// dataVCode turns a GB/T 2260 code into an ISO 3166-2 code where it names a
// provincial-level division; other codes (prefectures) stay as written.
func dataVCode(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		if c, ok := chinaByAdcode(n); ok {
			return c
		}
	}
	return s
}

// naturalEarthCode accepts today's letter codes and the numeric ones ISO
// used before 2017 (CN-44 for CN-GD).
func naturalEarthCode(s string) string {
	s = strings.ToUpper(s)
	if c, ok := chinaByISONum(s); ok {
		return c
	}
	return s
}

// ParseBoundaries reads a GeoJSON FeatureCollection of Polygon or
// MultiPolygon features, detects its shape (see BoundaryOptions), checks
// every feature and returns all problems at once as Problems, each naming
// file (name), the line where the feature starts, the feature and the
// field. Features that are not divisions are kept as Extras when the shape
// marks them (DataV's dashed line), else reported. Divisions come sorted
// by code; winding is normalised (RFC 7946); coordinates are rounded to
// 1e-7 degrees (1 cm) so that neighbours' copies of a vertex match; then
// the topology is built.
func ParseBoundaries(name string, data []byte, opt BoundaryOptions) (*Boundaries, error) {
	lim := opt.Limits.withDefaults()
	ps := &problems{file: name}
	data = bytes.TrimPrefix(data, utf8BOM) // as hubs files
	if d := jsonDepth(data); d > lim.MaxDepth {
		ps.add(1, "", "", "nested %d levels deep, at most %d: not a GeoJSON boundary file", d, lim.MaxDepth)
		return nil, ps.list
	}
	var top struct {
		Type        string            `json:"type"`
		Features    []json.RawMessage `json:"features"`
		Attribution string            `json:"attribution"`
		Meta
	}
	if err := json.Unmarshal(data, &top); err != nil {
		ps.add(jsonErrorLine(data, err), "", "", "not valid JSON: %v", err)
		return nil, ps.list
	}
	if top.Source == "" && top.Attribution != "" {
		top.Source = strings.TrimPrefix(top.Attribution, "Boundaries: ")
	}
	checkMeta(ps, 1, top.Meta)
	if top.Type != "FeatureCollection" {
		ps.add(1, "", "type", "want a GeoJSON FeatureCollection, got type %q", truncate(top.Type))
		return nil, ps.list
	}
	if len(top.Features) == 0 {
		ps.add(1, "", "features", "no features")
		return nil, ps.list
	}
	if len(top.Features) > lim.MaxDivisions {
		ps.add(1, "", "features", "%d features, at most %d", len(top.Features), lim.MaxDivisions)
		return nil, ps.list
	}
	lines := featureLines(data, top.Features)
	var sch *schema
	b := &Boundaries{Meta: top.Meta}
	if b.Meta.IsZero() {
		b.Meta.Title = path.Base(name) // a file that says nothing is credited by name
	}
	seen := map[string]int{}
	vertices := 0
	var where []featureAt // per division
	for i, raw := range top.Features {
		if ps.full() {
			break
		}
		line := lines[i]
		rec := fmt.Sprintf("feature %d", i+1)
		f, err := geojson.UnmarshalFeature(raw)
		if err != nil {
			field, msg := featureProblem(raw, err)
			if field == "" {
				field = "geometry"
			}
			ps.add(line, rec, field, "%s", msg)
			continue
		}
		if sch == nil {
			sch = pickSchema(f.Properties, opt)
			b.Schema = sch.name
		}
		d, extra, ok := sch.division(ps, line, &rec, f.Properties, seen, i+1)
		var shape orb.MultiPolygon
		var lines orb.MultiLineString
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			shape = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			shape = g
		case orb.LineString:
			lines = orb.MultiLineString{g}
		case orb.MultiLineString:
			lines = g
		case nil:
			ps.add(line, rec, "geometry", "missing")
			continue
		default:
			ps.add(line, rec, "geometry", "want Polygon or MultiPolygon, got %s", g.GeoJSONType())
			continue
		}
		vertices += countPoints(shape, lines)
		if vertices > lim.MaxVertices {
			ps.add(line, rec, "geometry", "the file holds more than %d positions: simplify it first (mapshaper -simplify, QGIS Simplify)", lim.MaxVertices)
			break
		}
		if extra {
			e := Extra{ID: d.Code, Name: d.NameZH, Kind: "other", Lines: lines}
			if strings.HasSuffix(strings.ToUpper(d.Code), "_JD") {
				e.Kind = "dashed-line"
			}
			if shape != nil && checkShape(ps, line, rec, shape, false) {
				e.Shape = shape
			}
			for li, l := range lines {
				checkPositions(ps, line, rec, fmt.Sprintf("geometry.coordinates[%d]", li), l)
			}
			b.Extras = append(b.Extras, e)
			continue
		}
		if lines != nil {
			ps.add(line, rec, "geometry", "want Polygon or MultiPolygon for a division, got %s", f.Geometry.GeoJSONType())
			continue
		}
		if !ok {
			continue
		}
		if checkShape(ps, line, rec, shape, true) {
			quantize(shape)
			orient(shape)
			d.Shape = compact(shape)
			d.Bound = shape.Bound()
			if areaKm2(shape) <= 1e-6 || hasFlatRing(shape) {
				ps.add(line, rec, "geometry", "has no area (degenerate rings)")
				continue
			}
		}
		b.Divisions = append(b.Divisions, d)
		where = append(where, featureAt{line, rec})
	}
	checkOverlaps(ps, b.Divisions, where)
	if len(b.Divisions) == 0 && len(ps.list) == 0 {
		ps.add(1, "", "features", "no usable polygons: no feature is a division with a Polygon or MultiPolygon")
	}
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	slices.SortFunc(b.Divisions, func(x, y Division) int { return strings.Compare(x.Code, y.Code) })
	b.Version = BoundaryVersion(data)
	b.index = map[string]int{}
	for i, d := range b.Divisions {
		b.index[d.Code] = i
	}
	b.names = newDivisionNames(b.Divisions)
	b.buildTopology()
	return b, nil
}

// featureAt is where a division stands in its file, for messages.
type featureAt struct {
	line int
	rec  string
}

// checkOverlaps reports divisions that overlap another: the middle of
// one's largest polygon (its centroid, where that lies inside it) lying
// inside another. A file whose CN-BJ covered the world had been reported
// only through its hubs, 26 of them "in CN-BJ", never the feature. Shared
// borders, and slivers along them, leave every middle outside the others.
func checkOverlaps(ps *problems, divs []Division, where []featureAt) {
	mids := make([]orb.Point, len(divs))
	has := make([]bool, len(divs))
	for i, d := range divs {
		best, area := -1, 0.0
		for k, poly := range d.Shape {
			if a := math.Abs(planar.Area(poly)); best < 0 || a > area {
				best, area = k, a
			}
		}
		if best < 0 || area == 0 {
			continue
		}
		c, _ := planar.CentroidArea(d.Shape[best])
		mids[i], has[i] = c, planar.PolygonContains(d.Shape[best], c)
	}
	for i := range divs {
		if !has[i] {
			continue
		}
		for j, o := range divs {
			if i == j || !o.Bound.Contains(mids[i]) || !planar.MultiPolygonContains(o.Shape, mids[i]) {
				continue
			}
			ps.add(where[i].line, where[i].rec, "geometry", "overlaps %s, which covers its middle (%.4f, %.4f): the divisions of a boundary file must not overlap",
				where[j].rec, mids[i][0], mids[i][1])
			break
		}
	}
}

// BoundaryVersion is the Version a boundary file's bytes give: a loader
// holding Boundaries of the same version need not parse the file again.
func BoundaryVersion(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// propertyNames lists a feature's property names for a message: sorted,
// cleaned, the first eight.
func propertyNames(props map[string]any) string {
	var names []string
	for k := range props {
		names = append(names, truncate(Clean(k)))
	}
	slices.Sort(names)
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	if len(names) == 0 {
		return "no properties"
	}
	return strings.Join(names, ", ")
}

// pickSchema chooses the schema from the options or the first feature.
func pickSchema(props map[string]any, opt BoundaryOptions) *schema {
	if opt.CodeProperty != "" || opt.NameProperty != "" || opt.NameZHProperty != "" {
		s := &schema{name: SchemaCustom, code: []string{"code"}, nameEN: []string{"name"}, nameZH: []string{"name_zh"}, kind: "kind",
			normalise: func(c string) string { return naturalEarthCode(dataVCode(c)) }}
		if opt.CodeProperty != "" {
			s.code = []string{opt.CodeProperty}
		}
		if opt.NameProperty != "" {
			s.nameEN = []string{opt.NameProperty}
		}
		if opt.NameZHProperty != "" {
			s.nameZH = []string{opt.NameZHProperty}
		}
		return s
	}
	for i := range schemas {
		if schemas[i].detect(props) {
			return &schemas[i]
		}
	}
	return &schemas[0] // reports the missing code
}

// division reads one feature's properties. extra reports a feature that
// the shape marks as not a division; ok is false when the properties have
// problems (reported).
func (s *schema) division(ps *problems, line int, rec *string, props map[string]any, seen map[string]int, n int) (d Division, extra, ok bool) {
	raw, field := s.prop(props, s.code)
	code := s.normalise(raw)
	if code != "" {
		*rec = fmt.Sprintf("feature %d (%s)", n, truncate(code))
	}
	d.Code = code
	d.Name, _ = s.prop(props, s.nameEN)
	d.NameZH, _ = s.prop(props, s.nameZH)
	if s.kind != "" {
		d.Kind, _ = s.prop(props, []string{s.kind})
	}
	if s.name == SchemaDataV && (strings.Contains(raw, "_") || d.NameZH == "") {
		return d, true, true // 100000_JD and other non-division features
	}
	d.NameZH = shortZH(d.NameZH)
	if info, known := chinaInfo(code); known {
		// Known divisions get hubatlas's names where the file has none.
		if d.Name == "" || s.name == SchemaDataV {
			d.Name = info.Name
		}
		if d.NameZH == "" {
			d.NameZH = info.NameZH
		}
		if d.Kind == "" {
			d.Kind = info.Kind
		}
	}
	if d.Kind == "" {
		d.Kind = KindProvince
	}
	if d.Name == "" && !s.strictCode {
		d.Name = d.NameZH
	}
	ok = true
	bad := func(f, format string, args ...any) {
		ps.add(line, *rec, f, format, args...)
		ok = false
	}
	switch {
	case code == "" && s.name == SchemaHubatlas:
		bad("properties."+field, "missing (want a division code such as CN-FJ); the shape is not DataV/GeoAtlas or Natural Earth: "+
			"name the code and name properties of this file (it has %s) with data.boundary_code_property and data.boundary_name_property",
			propertyNames(props))
	case code == "":
		bad("properties."+field, "missing (want a division code such as CN-FJ)")
	case s.strictCode && !codeRE.MatchString(code):
		bad("properties."+field, "%q is not an ISO 3166-2 code such as CN-FJ", truncate(code))
	case !anyCode.MatchString(code):
		bad("properties."+field, "%q is not a code: want 1 to 16 letters, digits, '-', '_' or '.'", truncate(code))
	case seen[code] > 0:
		bad("properties."+field, "duplicate code %q (also feature %d)", code, seen[code])
	default:
		seen[code] = n
	}
	if d.Name == "" {
		_, f := s.prop(props, s.nameEN)
		bad("properties."+f, "missing")
	}
	if d.NameZH == "" && s.strictCode {
		bad("properties.name_zh", "missing")
	}
	_, nameField := s.prop(props, s.nameEN)
	_, nameZHField := s.prop(props, s.nameZH)
	for _, t := range []struct{ f, v string }{{nameField, d.Name}, {nameZHField, d.NameZH}, {"kind", d.Kind}} {
		if msg := textProblem(t.v, 100); msg != "" {
			bad("properties."+t.f, "%s", msg)
		}
	}
	if s.strictKind && !slices.Contains(kinds, d.Kind) {
		bad("properties.kind", "%q is not one of %q", truncate(d.Kind), kinds)
	}
	return d, false, ok
}

// prop returns the first of the named properties that is set, as text,
// and the name of the property read (the first name when none is set).
func (s *schema) prop(props map[string]any, names []string) (string, string) {
	for _, n := range names {
		switch v := props[n].(type) {
		case string:
			if strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v), n
			}
		case float64:
			if v == math.Trunc(v) && math.Abs(v) < 1e15 {
				return strconv.FormatInt(int64(v), 10), n
			}
			return strconv.FormatFloat(v, 'g', -1, 64), n
		}
	}
	if len(names) == 0 {
		return "", ""
	}
	return "", names[0]
}

func countPoints(mp orb.MultiPolygon, ls orb.MultiLineString) int {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	for _, l := range ls {
		n += len(l)
	}
	return n
}

// checkShape reports rings that are not closed, too short, without area
// or holding coordinates that are not finite lon/lat degrees.
func checkShape(ps *problems, line int, rec string, mp orb.MultiPolygon, needArea bool) bool {
	ok := true
	if len(mp) == 0 {
		ps.add(line, rec, "geometry.coordinates", "no polygons")
		return false
	}
	for pi, poly := range mp {
		if len(poly) == 0 {
			ps.add(line, rec, fmt.Sprintf("geometry.coordinates[%d]", pi), "polygon without rings")
			ok = false
		}
		for ri, r := range poly {
			field := fmt.Sprintf("geometry.coordinates[%d][%d]", pi, ri)
			if len(r) < 4 {
				ps.add(line, rec, field, "ring has %d positions, want at least 4", len(r))
				ok = false
				continue
			}
			if !checkPositions(ps, line, rec, field, orb.LineString(r)) {
				ok = false
				continue
			}
			if r[0] != r[len(r)-1] {
				ps.add(line, rec, field, "ring is not closed (first position differs from last)")
				ok = false
			}
		}
	}
	return ok
}

// checkPositions reports the first position that is not finite lon/lat.
func checkPositions(ps *problems, line int, rec, field string, l orb.LineString) bool {
	for k, p := range l {
		if !finite(p[0]) || !finite(p[1]) || !lonLatOK(p[0], p[1]) {
			ps.add(line, rec, fmt.Sprintf("%s[%d]", field, k), "position %v is not lon/lat in degrees", p)
			return false
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func lonLatOK(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// quantize rounds positions to 1e-7 degrees in place, so that copies of a
// vertex that differ by float noise become one vertex of the topology.
func quantize(mp orb.MultiPolygon) {
	for _, p := range mp {
		for _, r := range p {
			for k := range r {
				r[k] = orb.Point{math.Round(r[k][0]*1e7) / 1e7, math.Round(r[k][1]*1e7) / 1e7}
			}
		}
	}
}

// compact returns mp with all its points in one array of exact size: the
// JSON decoder's rings, grown by appending, leave a quarter of the
// provinces' 2.6 MB unused, held as long as the data is served.
func compact(mp orb.MultiPolygon) orb.MultiPolygon {
	n := 0
	for _, p := range mp {
		for _, r := range p {
			n += len(r)
		}
	}
	all := make([]orb.Point, 0, n)
	out := make(orb.MultiPolygon, len(mp))
	for pi, p := range mp {
		out[pi] = make(orb.Polygon, len(p))
		for ri, r := range p {
			k := len(all)
			all = append(all, r...)
			out[pi][ri] = all[k:len(all):len(all)]
		}
	}
	return out
}

// orient makes exteriors counter-clockwise and holes clockwise, in place.
func orient(mp orb.MultiPolygon) {
	for _, p := range mp {
		for k, r := range p {
			if (SignedArea(r) > 0) != (k == 0) {
				r.Reverse()
			}
		}
	}
}

// minRingDeg2 is the least area of a ring in square degrees, about a
// square metre in China: a ring with less is degenerate, even one that the
// projection, which bends the parallels, gives some area.
const minRingDeg2 = 1e-10

// hasFlatRing reports whether a ring of mp has (near) zero area in
// degrees, such as one whose positions all lie on one parallel.
func hasFlatRing(mp orb.MultiPolygon) bool {
	for _, p := range mp {
		for _, r := range p {
			if math.Abs(SignedArea(r)) <= minRingDeg2 {
				return true
			}
		}
	}
	return false
}

// areaKm2 returns the area of a lon/lat multipolygon in km², computed
// in the equal-area projection (exact up to its numerical error).
func areaKm2(mp orb.MultiPolygon) float64 {
	a := 0.0
	var pr []orb.Point
	for _, p := range mp {
		for k, r := range p {
			pr = pr[:0]
			for _, pt := range r {
				pr = append(pr, China.Forward(pt))
			}
			if k == 0 {
				a += math.Abs(SignedArea(pr))
			} else {
				a -= math.Abs(SignedArea(pr))
			}
		}
	}
	return a / 1e6
}

// buildTopology projects the divisions and joins them into shared arcs.
// Every division's largest ring is protected so that no division (Macau)
// ever disappears from a map.
func (b *Boundaries) buildTopology() {
	shapes := make([]orb.MultiPolygon, len(b.Divisions))
	b.Projected = make([]orb.Bound, len(b.Divisions))
	b.Core = make([]orb.Bound, len(b.Divisions))
	for i, d := range b.Divisions {
		mp := China.ForwardMulti(d.Shape)
		shapes[i] = mp
		b.Projected[i] = mp.Bound()
		b.Core[i] = coreBound(mp)
		if i == 0 {
			b.Extent = b.Projected[i]
		}
		b.Extent = b.Extent.Union(b.Projected[i])
	}
	b.Topology = BuildTopology(shapes, nil)
	var buf []orb.Point
	for _, shape := range b.Topology.Shapes {
		best, bestArea := -1, -1.0
		for pi, poly := range shape {
			buf = Ring(b.Topology.Arcs, poly[0], buf[:0])
			if ar := math.Abs(SignedArea(buf)); ar > bestArea {
				best, bestArea = pi, ar
			}
		}
		if best >= 0 {
			b.Topology.Protect(shape[best][0])
		}
	}
	b.Topology.Index()
}

// Division returns the division with the given code.
func (b *Boundaries) Division(code string) (*Division, bool) {
	i, ok := b.index[code]
	if !ok {
		return nil, false
	}
	return &b.Divisions[i], true
}

// DivisionIndex returns the index of code in Divisions, or -1.
func (b *Boundaries) DivisionIndex(code string) int {
	if i, ok := b.index[code]; ok {
		return i
	}
	return -1
}

// FindDivision returns the index of the division that s names, by code or
// by name as users write them: CN-GD, CN-44, 440000, Guangdong, 广东 or
// 广东省 (case and spacing ignored).
func (b *Boundaries) FindDivision(s string) (int, bool) { return b.names.find(s) }

// DivisionCodes returns the division codes in order.
func (b *Boundaries) DivisionCodes() []string {
	out := make([]string, len(b.Divisions))
	for i, d := range b.Divisions {
		out[i] = d.Code
	}
	return out
}

// ProvinceAt returns the code of the division containing the lon/lat point.
func (b *Boundaries) ProvinceAt(p orb.Point) (string, bool) {
	if i := b.DivisionAt(p); i >= 0 {
		return b.Divisions[i].Code, true
	}
	return "", false
}

// DivisionAt returns the index of the division containing the lon/lat
// point, or -1. It answers from an index of the divisions' edges by
// latitude band, built on first use, so that placing 50,000 hubs costs
// milliseconds, not the seconds of testing every polygon.
func (b *Boundaries) DivisionAt(p orb.Point) int {
	return b.locator().find(p)
}

// locator returns the index of edges, built if there is none. A caller
// placing many points holds the result (runtime.KeepAlive) so that it is
// not built again between them.
func (b *Boundaries) locator() *locator {
	if l := b.heldLocator(); l != nil {
		return l
	}
	b.locMu.Lock()
	defer b.locMu.Unlock()
	if l := b.heldLocator(); l != nil {
		return l
	}
	l := newLocator(b.Divisions)
	wp := weak.Make(l)
	b.loc.Store(&wp)
	return l
}

// heldLocator returns the index if the collector has not taken it.
func (b *Boundaries) heldLocator() *locator {
	if wp := b.loc.Load(); wp != nil {
		return wp.Value()
	}
	return nil
}

// featureLines returns the 1-based line on which each feature starts.
// json.Unmarshal does not say where values were, so the array is walked
// again with a token decoder.
func featureLines(data []byte, feats []json.RawMessage) []int {
	lines := make([]int, len(feats))
	dec := json.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return lines
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && t == "features" {
				if _, err := dec.Token(); err != nil { // '['
					return lines
				}
				lineAt := newLineCounter(data)
				for i := range feats {
					off := dec.InputOffset()
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						return lines
					}
					lines[i] = lineAt(firstNonSpace(data, off))
				}
				return lines
			}
		}
	}
}

// newLineCounter returns a function giving the line of a byte offset;
// offsets must not decrease between calls.
func newLineCounter(data []byte) func(off int64) int {
	line, at := 1, int64(0)
	return func(off int64) int {
		off = min(off, int64(len(data)))
		if off > at {
			line += bytes.Count(data[at:off], []byte("\n"))
			at = off
		}
		return line
	}
}

func firstNonSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// jsonDepth returns the deepest nesting of arrays and objects in data,
// ignoring brackets inside strings; it stops counting past 1000.
func jsonDepth(data []byte) int {
	depth, deepest, inString, escaped := 0, 0, false, false
	for _, c := range data {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > 1000 {
					return deepest
				}
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// jsonErrorLine returns the line of a JSON syntax error, or 0.
func jsonErrorLine(data []byte, err error) int {
	var off int64
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	default:
		return 0
	}
	off = min(off, int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// coreFar is how far from a division's largest polygon, as a share of
// that polygon's larger side, and at least coreNear metres (Macao's
// islands beside its peninsula), a part of it still belongs to the
// view of the division.
const (
	coreFar  = 0.5
	coreNear = 50e3
)

// coreBound is the bound of mp's largest polygon (by area) and of every
// polygon whose bound comes within coreFar of its larger side of it: the
// land a view of the division frames. Hainan's view had framed the
// Xisha Islands too, 300 km out at sea, its island in a corner of an
// empty sea and the reefs drawn as specks of outline.
func coreBound(mp orb.MultiPolygon) orb.Bound {
	main, best := -1, 0.0
	for k, poly := range mp {
		if len(poly) == 0 {
			continue
		}
		if a := math.Abs(SignedArea(poly[0])); main < 0 || a > best {
			main, best = k, a
		}
	}
	if main < 0 {
		return mp.Bound()
	}
	mb := mp[main].Bound()
	far := max(coreNear, coreFar*math.Max(mb.Max[0]-mb.Min[0], mb.Max[1]-mb.Min[1]))
	out := mb
	for k, poly := range mp {
		if k == main || len(poly) == 0 {
			continue
		}
		pb := poly.Bound()
		dx := max(0, pb.Min[0]-mb.Max[0], mb.Min[0]-pb.Max[0])
		dy := max(0, pb.Min[1]-mb.Max[1], mb.Min[1]-pb.Max[1])
		if math.Hypot(dx, dy) <= far {
			out = out.Union(pb)
		}
	}
	return out
}
