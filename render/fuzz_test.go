package render_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// Two square provinces, enough to draw a map around arbitrary hub data.
const fuzzBoundaries = `{"type":"FeatureCollection","attribution":"test","features":[
{"type":"Feature","properties":{"code":"CN-AA","name":"Aa","name_zh":"甲","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[110,30],[115,30],[115,35],[110,35],[110,30]]]}},
{"type":"Feature","properties":{"code":"CN-BB","name":"Bb","name_zh":"乙","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[115,30],[120,30],[120,35],[115,35],[115,30]]]}}
]}`

// FuzzWriteSVG feeds arbitrary names, products, categories and titles
// through the loader and the renderer: whatever the data, the SVG is
// well-formed XML within the export profile, with no element, attribute,
// script, link or style coming from data.
func FuzzWriteSVG(f *testing.F) {
	f.Add("Quanzhou", "泉州", "Backpacks", "Bags & luggage", "bag", "Title")
	f.Add(`<script>alert(1)</script>`, `" onload="alert(1)`, `]]><foreignObject>`, `&amp;&#0;`, `javascript:`, `<style>*{}</style>`)
	f.Add("\xff\xfe", "a\x00b", "\u202e", `'><svg onload=x>`, "href=x", "x\" style=\"fill:red")
	f.Fuzz(func(t *testing.T, name, nameZH, product, category, keyword, title string) {
		doc := map[string]any{
			"industries": []map[string]any{{"id": "ind", "name": category, "name_zh": nameZH, "color": "#cc6677"}},
			"categories": []map[string]any{{"id": "cat", "name": category, "name_zh": category, "industry": "ind", "keywords": []string{keyword}}},
			"hubs": []map[string]any{
				{"id": "one", "name": name, "name_zh": nameZH, "province": "CN-AA", "lon": 112.5, "lat": 32.5, "rank": 1,
					"specialties": []map[string]any{{"product": product, "product_zh": nameZH, "category": "cat", "description": product}}},
				{"id": "two", "name": product, "name_zh": name, "province": "CN-BB", "lon": 117.5, "lat": 32.5,
					"specialties": []map[string]any{{"product": name, "category": "cat"}}},
			},
		}
		y, err := yaml.Marshal(doc)
		if err != nil {
			return
		}
		a, err := geo.LoadBytes("b.geojson", []byte(fuzzBoundaries), "hubs.yaml", y)
		if err != nil {
			return // rejected data never reaches the renderer
		}
		for _, lang := range render.Langs {
			s, err := render.Build(context.Background(), a, render.Request{Filter: geo.Filter{Query: keyword}, Options: render.Options{Title: title, Lang: lang, Products: render.ProductsOn}})
			if err != nil {
				s, err = render.Build(context.Background(), a, render.Request{Options: render.Options{Lang: lang, Products: render.ProductsOn}})
				if err != nil {
					t.Fatalf("Build: %v", err)
				}
			}
			var buf bytes.Buffer
			if err := render.WriteSVG(&buf, s); err != nil {
				t.Fatal(err)
			}
			checkProfile(t, buf.Bytes())
			checkNoEventAttrs(t, buf.Bytes())
			out := strings.ToLower(buf.String())
			for _, bad := range []string{"<script", "<style", "<foreignobject", "href=", "style=", "javascript:"} {
				if i := strings.Index(out, bad); i >= 0 && !insideText(buf.Bytes(), i) {
					t.Fatalf("%q outside text content at %d", bad, i)
				}
			}
		}
	})
}
