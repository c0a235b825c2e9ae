package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// parseHubsGeoJSON reads a FeatureCollection of Point features whose
// properties are the columns of a hubs table (id, name, name_zh,
// province, products, categories, value, url…); products and categories
// may be arrays or ';'-separated strings. Top-level title, source, url,
// date and license say what the file is.
func parseHubsGeoJSON(ps *problems, hf *HubFile, data []byte, opt HubOptions) {
	if d := jsonDepth(data); d > opt.Limits.MaxDepth {
		ps.add(1, "", "", "nested %d levels deep, at most %d: not a GeoJSON hubs file", d, opt.Limits.MaxDepth)
		return
	}
	var top struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
		Meta
	}
	if err := json.Unmarshal(data, &top); err != nil {
		ps.add(jsonErrorLine(data, err), "", "", "not valid JSON: %v", err)
		return
	}
	checkMeta(ps, 1, top.Meta)
	hf.Meta = top.Meta
	if top.Type != "FeatureCollection" {
		ps.add(1, "", "type", "want a GeoJSON FeatureCollection of Point features, got type %q", truncate(Clean(top.Type)))
		return
	}
	if len(top.Features) > opt.Limits.MaxHubs {
		ps.add(1, "", "features", "%d features, at most %d", len(top.Features), opt.Limits.MaxHubs)
		return
	}
	lines := featureLines(data, top.Features)
	m := &columnMap{has: map[string]bool{}}
	for i, raw := range top.Features {
		if ps.full() {
			return
		}
		rec := fmt.Sprintf("feature %d", i+1)
		at := pos{line: lines[i]}
		f, err := geojson.UnmarshalFeature(raw)
		if err != nil {
			field, msg := featureProblem(raw, err)
			ps.addAt(at, rec, field, "%s", msg)
			continue
		}
		p, ok := f.Geometry.(orb.Point)
		// orb reads [113] as [113, 0], a point on the equator: a latitude
		// of 0 is looked at again (no other costs a second parse).
		if ok && p[1] == 0 {
			if n := pointNumbers(raw); n >= 0 && n < 2 {
				ps.addAt(at, rec, "geometry.coordinates", "want [lon, lat], got %d number(s)", n)
				continue
			}
		}
		if !ok {
			typ := "no geometry"
			if f.Geometry != nil {
				typ = f.Geometry.GeoJSONType()
			}
			ps.addAt(at, rec, "geometry", "want a Point, got %s", typ)
			continue
		}
		// The properties as a row of a table whose header is their names.
		// In the order of their names, so that of two properties of one
		// field the same is read every time (the members come in no
		// order).
		header := slices.Sorted(maps.Keys(f.Properties))
		vals := make([]string, len(header))
		for i, k := range header {
			vals[i] = propText(f.Properties[k])
		}
		m.field = m.field[:0]
		for _, h := range header {
			k, lang := headerKey(h)
			field := fieldFor(k)
			if field != "" {
				field = inLanguage(field, lang)
			}
			m.field = append(m.field, field)
			// The first name in order of the value's properties (the
			// features' members come in no order).
			if name := truncate(strings.TrimSpace(Clean(h))); field == "value" && (hf.ValueName == "" || name < hf.ValueName) {
				hf.ValueName = name
			}
		}
		r, _ := m.row(ps, rec, vals, func(int) pos { return at }, false)
		if id, ok := f.ID.(string); ok && r.ID == "" {
			r.ID = id
		}
		if r.ID != "" {
			r.Record = fmt.Sprintf("feature %d (%s)", i+1, truncate(Clean(r.ID)))
		}
		// Out of range is reported by NewAtlas, which knows where the
		// point lies when lat and lon are swapped.
		r.Lon, r.Lat = p[0], p[1]
		if !finite(p[0]) || !finite(p[1]) {
			ps.addAt(at, r.Record, "geometry.coordinates", "%v is not lon/lat in degrees", p)
			r.Lon, r.Lat, r.bad = math.NaN(), math.NaN(), true
		}
		hf.Rows = append(hf.Rows, r)
	}
}

// propText turns a property value into the text a table cell would hold:
// arrays joined with ';'.
func propText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, propText(e))
		}
		return strings.Join(parts, ";")
	}
	return ""
}

// pointNumbers is how many numbers a feature's geometry.coordinates holds
// (of a Point: two or three), -1 when it cannot tell.
func pointNumbers(raw []byte) int {
	var g struct {
		Geometry struct {
			Coordinates []json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	}
	if json.Unmarshal(raw, &g) != nil {
		return -1
	}
	return len(g.Geometry.Coordinates)
}

// featureProblem words why a feature could not be read, naming the
// member that holds a number out of range (JSON's decoder names none:
// "cannot unmarshal number 1e999 into Go value of type float64").
func featureProblem(raw []byte, err error) (field, msg string) {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || !strings.HasPrefix(te.Value, "number ") {
		return "", "not a GeoJSON feature: " + err.Error()
	}
	number := strings.TrimPrefix(te.Value, "number ")
	var f struct {
		Geometry   json.RawMessage            `json:"geometry"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	field = "geometry"
	if json.Unmarshal(raw, &f) == nil {
		var v any
		if json.Unmarshal(f.Geometry, &v) == nil {
			field = ""
			for k, p := range f.Properties {
				if json.Unmarshal(p, &v) != nil && (field == "" || "properties."+k < field) {
					field = "properties." + k
				}
			}
		}
	}
	return field, number + " is not a number hubatlas can read (out of range)"
}
