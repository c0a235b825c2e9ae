package geo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Boundaries is the content of a boundary file.
type Boundaries struct {
	Divisions   []Division // sorted by code
	Attribution string     // the optional "attribution" member
	License     string     // the optional "license" member
}

// Division is one provincial-level division with its boundary in lon/lat
// degrees as read from the boundary file.
type Division struct {
	DivisionInfo
	Shape orb.MultiPolygon // lon/lat, exteriors counter-clockwise
	Bound orb.Bound        // lon/lat
}

var (
	codeRE  = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
	idRE    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	colorRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
)

var kinds = []string{KindProvince, KindAutonomous, KindMunicipality, KindSAR}

// ParseBoundaries reads a GeoJSON FeatureCollection of Polygon or
// MultiPolygon features with properties code, name, name_zh and kind. It
// checks every feature and returns all problems at once as Problems, each
// naming file (name), the line where the feature starts, the feature and the
// field. Divisions come sorted by code. Winding is normalised (RFC 7946).
func ParseBoundaries(name string, data []byte) (*Boundaries, error) {
	ps := &problems{file: name}
	var top struct {
		Type        string            `json:"type"`
		Features    []json.RawMessage `json:"features"`
		Attribution string            `json:"attribution"`
		License     string            `json:"license"`
	}
	if err := json.Unmarshal(data, &top); err != nil {
		ps.add(jsonErrorLine(data, err), "", "", "not valid JSON: %v", err)
		return nil, ps.list
	}
	if top.Type != "FeatureCollection" {
		ps.add(1, "", "type", "want a GeoJSON FeatureCollection, got type %q", top.Type)
		return nil, ps.list
	}
	if len(top.Features) == 0 {
		ps.add(1, "", "features", "no features")
		return nil, ps.list
	}
	lines := featureLines(data, top.Features)
	var divs []Division
	seen := map[string]int{}
	for i, raw := range top.Features {
		line := lines[i]
		rec := fmt.Sprintf("feature %d", i+1)
		f, err := geojson.UnmarshalFeature(raw)
		if err != nil {
			ps.add(line, rec, "geometry", "not a GeoJSON feature: %v", err)
			continue
		}
		code, _ := f.Properties["code"].(string)
		if code != "" {
			rec = fmt.Sprintf("feature %d (%s)", i+1, code)
		}
		d := Division{}
		d.Code = code
		d.Name, _ = f.Properties["name"].(string)
		d.NameZH, _ = f.Properties["name_zh"].(string)
		d.Kind, _ = f.Properties["kind"].(string)
		switch {
		case code == "":
			ps.add(line, rec, "properties.code", "missing (want an ISO 3166-2 code such as CN-FJ)")
		case !codeRE.MatchString(code):
			ps.add(line, rec, "properties.code", "%q is not an ISO 3166-2 code such as CN-FJ", code)
		case seen[code] > 0:
			ps.add(line, rec, "properties.code", "duplicate code %q (also feature %d)", code, seen[code])
		default:
			seen[code] = i + 1
		}
		if d.Name == "" {
			ps.add(line, rec, "properties.name", "missing")
		}
		if d.NameZH == "" {
			ps.add(line, rec, "properties.name_zh", "missing")
		}
		if !slices.Contains(kinds, d.Kind) {
			ps.add(line, rec, "properties.kind", "%q is not one of %q", d.Kind, kinds)
		}
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			d.Shape = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			d.Shape = g
		case nil:
			ps.add(line, rec, "geometry", "missing")
		default:
			ps.add(line, rec, "geometry", "want Polygon or MultiPolygon, got %s", g.GeoJSONType())
		}
		if d.Shape != nil && checkShape(ps, line, rec, d.Shape) {
			orient(d.Shape)
			d.Bound = d.Shape.Bound()
		}
		divs = append(divs, d)
	}
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	slices.SortFunc(divs, func(a, b Division) int { return cmpString(a.Code, b.Code) })
	return &Boundaries{divs, truncateN(top.Attribution, maxText), truncateN(top.License, maxText)}, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// checkShape reports rings that are not closed, too short, or hold
// coordinates that are not finite lon/lat degrees.
func checkShape(ps *problems, line int, rec string, mp orb.MultiPolygon) bool {
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
			if r[0] != r[len(r)-1] {
				ps.add(line, rec, field, "ring is not closed (first position differs from last)")
				ok = false
			}
			for k, p := range r {
				if !finite(p[0]) || !finite(p[1]) || !inRange(p[0], p[1]) {
					ps.add(line, rec, fmt.Sprintf("%s[%d]", field, k), "position %v is not lon/lat in degrees", p)
					ok = false
					break
				}
			}
		}
	}
	return ok
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// orient makes exteriors counter-clockwise and holes clockwise, in place.
func orient(mp orb.MultiPolygon) {
	for _, p := range mp {
		for k, r := range p {
			if (signedArea(r) > 0) != (k == 0) {
				r.Reverse()
			}
		}
	}
}

// featureLines returns the 1-based line on which each feature starts.
// json.Unmarshal does not say where values were, so the array is walked
// again with a token decoder.
func featureLines(data []byte, feats []json.RawMessage) []int {
	lines := make([]int, len(feats))
	dec := json.NewDecoder(bytes.NewReader(data))
	// Walk to the "features" array of the top-level object.
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
				for i := range feats {
					off := dec.InputOffset()
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						return lines
					}
					lines[i] = 1 + bytes.Count(data[:firstNonSpace(data, off)], []byte("\n"))
				}
				return lines
			}
		}
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
