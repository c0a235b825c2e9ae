package dcw

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/paulmach/orb/geojson"
)

// Meta is what a data file says about itself: top-level members written
// before its features, in this order, empty ones left out. The runtime
// reads title, source, url, date and license and credits them on maps.
type Meta struct {
	Title       string
	Source      string
	URL         string
	Date        string // of the source's release, YYYY-MM-DD
	License     string // SPDX expression
	Attribution string // the credit line a map shows
	Note        string
	// Properties describe the collection as a whole, written as a
	// "properties" member (GeoJSON allows foreign members).
	Properties map[string]string
}

// DCW is DCW-GMT's part of the meta of every file derived from it.
var DCW = Meta{
	Source:  "DCW-GMT 2.1.1 (Digital Chart of the World for GMT)",
	URL:     "https://www.soest.hawaii.edu/pwessel/dcw/",
	Date:    "2022-05-20",
	License: "LGPL-3.0-or-later",
}

// Encode writes fc as a GeoJSON FeatureCollection with meta's members
// first and one feature per line, so that diffs of shipped files stay
// readable. The same input gives the same bytes.
func Encode(meta Meta, fc *geojson.FeatureCollection) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection"`)
	for _, m := range []struct{ key, v string }{
		{"title", meta.Title}, {"source", meta.Source}, {"url", meta.URL}, {"date", meta.Date},
		{"license", meta.License}, {"attribution", meta.Attribution}, {"note", meta.Note},
	} {
		if m.v != "" {
			j, err := json.Marshal(m.v)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, ",%q:%s", m.key, j)
		}
	}
	if len(meta.Properties) > 0 {
		b.WriteString(`,"properties":{`)
		keys := make([]string, 0, len(meta.Properties))
		for k := range meta.Properties {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			j, err := json.Marshal(meta.Properties[k])
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(&b, "%q:%s", k, j)
		}
		b.WriteByte('}')
	}
	b.WriteString(",\"features\":[\n")
	for i, f := range fc.Features {
		j, err := json.Marshal(f)
		if err != nil {
			return nil, fmt.Errorf("dcw: feature %d: %w", i+1, err)
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		b.Write(j)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}
