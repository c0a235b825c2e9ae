package geo_test

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

// validHubsYAML is a small, valid hubs file. The line numbers asserted in
// the tests below refer to it; keep them in step when editing.
const validHubsYAML = `industries:
  - id: consumer-goods
    name: Consumer goods
    name_zh: 消费品
    color: "#cc6677"
  - id: textiles-apparel
    name: Textiles & apparel
    name_zh: 纺织服装
    color: "#332288"
categories:
  - id: footwear
    name: Footwear
    name_zh: 鞋类
    industry: consumer-goods
    keywords: [shoe, sneaker, 鞋]
  - id: textiles
    name: Textiles
    name_zh: 纺织
    industry: textiles-apparel
    keywords: [fabric, 面料]
hubs:
  - id: jinjiang
    name: Jinjiang
    name_zh: 晋江
    province: CN-FJ
    lon: 118.5520
    lat: 24.7810
    rank: 2
    source: article
    specialties:
      - product: Sneakers
        product_zh: 运动鞋
        category: footwear
        description: Sports shoes for export.
  - id: yiwu
    name: Yiwu
    name_zh: 义乌
    province: CN-ZJ
    lon: 120.0750
    lat: 29.3060
    rank: 5
    source: article
    specialties:
      - product: Socks
        product_zh: 袜子
        category: textiles
        description: Socks and hosiery.
`

// Lines of validHubsYAML.
const (
	lineInd2Color   = 9
	lineCat2Ind     = 19
	lineHub1        = 22
	lineHub1Prov    = 25
	lineHub2        = 35
	lineHub2Name    = 36
	lineHub2Prov    = 38
	lineHub2Lon     = 39
	lineHub2Lat     = 40
	lineHub2Rank    = 41
	lineHub2Spec    = 43
	lineHub2SpecCat = 46
)

const hub2Specialties = `    specialties:
      - product: Socks
        product_zh: 袜子
        category: textiles
        description: Socks and hosiery.
`

// validBoundariesJSON is a small, valid boundary file, one feature a line:
// feature 1 on line 2, feature 2 on line 3.
const validBoundariesJSON = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"code":"CN-AA","name":"Aa","name_zh":"甲","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[100,30],[101,30],[101,31],[100,31],[100,30]]]}},
{"type":"Feature","properties":{"code":"CN-BB","name":"Bb","name_zh":"乙","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[101,30],[102,30],[102,31],[101,31],[101,30]]]}}
]}
`

const bbRing = `[[[101,30],[102,30],[102,31],[101,31],[101,30]]]`

// hubsInSquares is validHubsYAML moved into validBoundariesJSON's squares.
var hubsInSquares = strings.NewReplacer(
	"province: CN-FJ", "province: CN-AA",
	"lon: 118.5520", "lon: 100.5",
	"lat: 24.7810", "lat: 30.5",
	"province: CN-ZJ", "province: CN-BB",
	"lon: 120.0750", "lon: 101.5",
	"lat: 29.3060", "lat: 30.5",
).Replace(validHubsYAML)

// loadHubs checks a hubs file against the embedded boundaries, as
// hubatlas validate --hubs does: the problems of the file and those found
// against the boundaries come back together.
func loadHubs(t testing.TB, name, data string) (*geo.Atlas, error) {
	t.Helper()
	b := embedded(t).Boundaries
	hf, perr := geo.ParseHubFile(name, []byte(data), geo.HubOptions{})
	if hf == nil {
		return nil, perr
	}
	a, err := geo.NewAtlas(b, hf, nil, nil)
	if err = geo.JoinProblems(perr, err); err != nil {
		return nil, err
	}
	return a, nil
}

// edit replaces old, which must occur exactly once in s, by new.
func edit(s, old, new string) string {
	if n := strings.Count(s, old); n != 1 {
		panic(fmt.Sprintf("edit: %q occurs %d times", old, n))
	}
	return strings.Replace(s, old, new, 1)
}

// problemsOf returns the Problems in err, failing the test when err is not
// Problems.
func problemsOf(t *testing.T, err error) geo.Problems {
	t.Helper()
	if err == nil {
		t.Fatal("no error, want problems")
	}
	var ps geo.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T %q is not geo.Problems", err, err)
	}
	return ps
}

// problemCase is a broken input and the problem it must produce.
type problemCase struct {
	name   string
	data   string
	n      int    // number of problems expected in all
	field  string // the Field of the problem checked
	line   int
	record string   // "" to check the Record is empty
	msg    []string // substrings of Msg
}

// check finds the one problem with c.field among ps and checks it.
func (c problemCase) check(t *testing.T, file string, ps geo.Problems) {
	t.Helper()
	if len(ps) != c.n {
		t.Errorf("%d problems, want %d:\n%v", len(ps), c.n, ps)
	}
	var found []geo.Problem
	for _, p := range ps {
		if p.File != file {
			t.Errorf("problem %q: File %q, want %q", p, p.File, file)
		}
		if p.Field == c.field {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d problems with field %q, want 1:\n%v", len(found), c.field, ps)
	}
	p := found[0]
	if p.Line != c.line {
		t.Errorf("Line %d, want %d (problem %q)", p.Line, c.line, p)
	}
	if p.Record != c.record {
		t.Errorf("Record %q, want %q (problem %q)", p.Record, c.record, p)
	}
	for _, m := range c.msg {
		if !strings.Contains(p.Msg, m) {
			t.Errorf("Msg %q does not mention %q", p.Msg, m)
		}
	}
}

// productsCase is a problem case of category 2 (textiles) with the given
// products, in YAML, whose first problem is of field.
func productsCase(name, products, field string, n int, msg ...string) problemCase {
	return problemCase{
		name: name, n: n,
		data:  edit(validHubsYAML, "keywords: [fabric, 面料]\n", "keywords: [fabric, 面料]\n    products: "+products+"\n"),
		field: field, line: lineCat2Ind + 2, record: "category 2 (textiles)",
		msg: msg,
	}
}

func hubsCases() []problemCase {
	const hub2 = "hub 2 (yiwu)"
	return []problemCase{
		{
			name: "unknown category in specialty", n: 1,
			data:  edit(validHubsYAML, "category: textiles\n", "category: robots\n"),
			field: "specialties[0].category", line: lineHub2SpecCat, record: hub2,
			msg: []string{`"robots"`, "footwear, textiles"},
		},
		{
			name: "unknown industry on category", n: 1,
			data:  edit(validHubsYAML, "industry: textiles-apparel\n", "industry: heavy-metal\n"),
			field: "industry", line: lineCat2Ind, record: "category 2 (textiles)",
			msg: []string{`"heavy-metal"`, "consumer-goods, textiles-apparel"},
		},
		// A product is a name or a list of names, no more; an alias is
		// refused, not expanded; written as a mapping, the category is
		// unknown to the hubs that name it too.
		productsCase("product of a mapping", "[silk, [denim, {a: 1}]]", "products[1]", 1, "want a product's name, or a list of its names", "got a mapping"),
		productsCase("product of no names", "[silk, []]", "products[1]", 1, "0 names, want 1 to 100"),
		productsCase("product of nothing", "[silk, [denim, ~]]", "products[1]", 1, "want a product's name", "got nothing"),
		productsCase("products a mapping", "{silk: 1}", "products", 2, "want a list of products, e.g. [kettle, [hair dryer, 电吹风]], got a mapping"),
		productsCase("product alias", "[&s silk, [*s, 丝绸]]", "products[1]", 1, "got an alias (*s)"),
		{
			// The valid values name each industry once.
			name: "duplicate industry id", n: 2,
			data:  edit(validHubsYAML, "- id: textiles-apparel\n", "- id: consumer-goods\n"),
			field: "industry", line: lineCat2Ind, record: "category 2 (textiles)",
			msg: []string{`"textiles-apparel" (valid: consumer-goods)`},
		},
		{
			name: "duplicate hub id", n: 1,
			data:  edit(validHubsYAML, "- id: yiwu\n", "- id: jinjiang\n"),
			field: "id", line: lineHub2, record: "hub 2 (jinjiang)",
			msg: []string{"duplicate", `"jinjiang"`},
		},
		{
			name: "control characters in id", n: 1,
			data:  edit(validHubsYAML, "- id: yiwu\n", "- id: \"Yi\\x07Wu\"\n"),
			field: "id", line: lineHub2, record: "hub 2 (YiWu)",
			msg: []string{"control characters"},
		},
		{
			name: "lat nan", n: 1,
			data:  edit(validHubsYAML, "lat: 29.3060\n", "lat: .nan\n"),
			field: "lat", line: lineHub2Lat, record: hub2,
			msg: []string{"NaN", "[-90, 90]"},
		},
		{
			name: "lon 200", n: 1,
			data:  edit(validHubsYAML, "lon: 120.0750\n", "lon: 200\n"),
			field: "lon", line: lineHub2Lon, record: hub2,
			msg: []string{"200", "not a longitude: want -180 to 180"},
		},
		{
			name: "missing lat", n: 1,
			data:  edit(validHubsYAML, "    lat: 29.3060\n", ""),
			field: "lat", line: lineHub2, record: hub2,
			msg: []string{"missing"},
		},
		{
			name: "empty specialties", n: 1,
			data:  edit(validHubsYAML, hub2Specialties, "    specialties: []\n"),
			field: "specialties", line: lineHub2Spec, record: hub2,
			msg: []string{"empty"},
		},
		{
			name: "specialties omitted", n: 1,
			data:  edit(validHubsYAML, hub2Specialties, ""),
			field: "products", line: lineHub2, record: hub2,
			msg: []string{"missing", "product or category"},
		},
		{
			// An empty province is found from the point: one problem.
			name: "misspelled key", n: 1,
			data:  edit(validHubsYAML, "    province: CN-ZJ\n", "    provnce: CN-ZJ\n"),
			field: "provnce", line: lineHub2Prov, record: hub2,
			msg: []string{"unknown key", "province"},
		},
		{
			name: "bad colour", n: 1,
			data:  edit(validHubsYAML, `color: "#332288"`, `color: "blue"`),
			field: "color", line: lineInd2Color, record: "industry 2 (textiles-apparel)",
			msg: []string{`"blue"`},
		},
		{
			name: "negative rank", n: 1,
			data:  edit(validHubsYAML, "rank: 5\n", "rank: -1\n"),
			field: "rank", line: lineHub2Rank, record: hub2,
			msg: []string{"negative"},
		},
		{
			name: "duplicate rank", n: 1,
			data:  edit(validHubsYAML, "rank: 5\n", "rank: 2\n"),
			field: "rank", line: lineHub2Rank, record: hub2,
			msg: []string{"2", "jinjiang"},
		},
		{
			name: "control characters in name", n: 1,
			data:  edit(validHubsYAML, "    name: Yiwu\n", "    name: \"Yi\\x07wu\"\n"),
			field: "name", line: lineHub2Name, record: hub2,
			msg: []string{"control characters"},
		},
		{
			name: "over-long name", n: 1,
			data:  edit(validHubsYAML, "    name: Yiwu\n", "    name: "+strings.Repeat("x", 201)+"\n"),
			field: "name", line: lineHub2Name, record: hub2,
			msg: []string{"201 bytes"},
		},
		{
			// go.yaml.in/yaml/v3 says "yaml: line 4: mapping values are
			// not allowed in this context"; the problem should carry it.
			name: "not YAML", n: 1,
			data:  "industries: []\ncategories: []\nhubs: x\n  y: 2\n",
			field: "", line: 4, record: "",
			msg: []string{"not valid YAML"},
		},
		{
			name: "top level is a list", n: 1,
			data:  "- industries\n- hubs\n",
			field: "", line: 1, record: "",
			msg: []string{"mapping"},
		},
	}
}

func TestHubsProblems(t *testing.T) {
	a, err := loadHubs(t, "hubs.yaml", validHubsYAML)
	if err != nil {
		t.Fatalf("valid hubs: %v", err)
	}
	if len(a.Industries) != 2 || len(a.Categories) != 2 || len(a.Hubs) != 2 {
		t.Fatalf("valid hubs: %d industries, %d categories, %d hubs, want 2, 2, 2",
			len(a.Industries), len(a.Categories), len(a.Hubs))
	}
	if a.Hubs[1].Line != lineHub2 {
		t.Errorf("hub 2 Line %d, want %d", a.Hubs[1].Line, lineHub2)
	}
	for _, c := range hubsCases() {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadHubs(t, "hubs.yaml", c.data)
			c.check(t, "hubs.yaml", problemsOf(t, err))
		})
	}
	t.Run("three problems at once", func(t *testing.T) {
		data := edit(validHubsYAML, "category: textiles\n", "category: robots\n")
		data = edit(data, "lon: 120.0750\n", "lon: 200\n")
		data = edit(data, `color: "#332288"`, `color: "blue"`)
		_, err := loadHubs(t, "hubs.yaml", data)
		ps := problemsOf(t, err)
		if len(ps) != 3 {
			t.Fatalf("%d problems, want 3:\n%v", len(ps), ps)
		}
		got := map[string]int{}
		for _, p := range ps {
			got[p.Field] = p.Line
		}
		want := map[string]int{"specialties[0].category": lineHub2SpecCat, "lon": lineHub2Lon, "color": lineInd2Color}
		for f, l := range want {
			if gl, ok := got[f]; !ok || gl != l {
				t.Errorf("field %s: line %d (reported %v), want line %d", f, gl, ok, l)
			}
		}
		if msg := err.Error(); !strings.Contains(msg, "3 problems") {
			t.Errorf("error %q does not count the problems", msg)
		}
	})
}

func boundariesCases() []problemCase {
	const bb = "feature 2 (CN-BB)"
	return []problemCase{
		{
			name: "Feature instead of FeatureCollection", n: 1,
			data:  edit(validBoundariesJSON, `{"type":"FeatureCollection"`, `{"type":"Feature"`),
			field: "type", line: 1, record: "",
			msg: []string{"FeatureCollection", `"Feature"`},
		},
		{
			name: "LineString geometry", n: 1,
			data:  edit(validBoundariesJSON, `{"type":"Polygon","coordinates":`+bbRing+`}`, `{"type":"LineString","coordinates":[[101,30],[102,31]]}`),
			field: "geometry", line: 3, record: bb,
			msg: []string{"LineString"},
		},
		{
			name: "unclosed ring", n: 1,
			data:  edit(validBoundariesJSON, bbRing, `[[[101,30],[102,30],[102,31],[101,31],[101,30.5]]]`),
			field: "geometry.coordinates[0][0]", line: 3, record: bb,
			msg: []string{"not closed"},
		},
		{
			name: "ring with 3 positions", n: 1,
			data:  edit(validBoundariesJSON, bbRing, `[[[101,30],[102,30],[101,30]]]`),
			field: "geometry.coordinates[0][0]", line: 3, record: bb,
			msg: []string{"3 positions"},
		},
		{
			name: "lat 95", n: 1,
			data:  edit(validBoundariesJSON, bbRing, `[[[101,30],[102,30],[102,95],[101,31],[101,30]]]`),
			field: "geometry.coordinates[0][0][2]", line: 3, record: bb,
			msg: []string{"95"},
		},
		{
			name: "duplicate code", n: 1,
			data:  edit(validBoundariesJSON, `"code":"CN-BB"`, `"code":"CN-AA"`),
			field: "properties.code", line: 3, record: "feature 2 (CN-AA)",
			msg: []string{"duplicate", `"CN-AA"`, "feature 1"},
		},
		{
			name: "missing name", n: 1,
			data:  edit(validBoundariesJSON, `"name":"Bb",`, ``),
			field: "properties.name", line: 3, record: bb,
			msg: []string{"missing"},
		},
		{
			name: "bad kind", n: 1,
			data:  edit(validBoundariesJSON, `"name_zh":"乙","kind":"province"`, `"name_zh":"乙","kind":"county"`),
			field: "properties.kind", line: 3, record: bb,
			msg: []string{`"county"`},
		},
		{
			name: "not JSON", n: 1,
			data:  edit(validBoundariesJSON, `"name":"Bb",`, `"name":"Bb",,`),
			field: "", line: 3, record: "",
			msg: []string{"not valid JSON"},
		},
	}
}

func TestBoundariesProblems(t *testing.T) {
	bs, err := geo.ParseBoundaries("b.geojson", []byte(validBoundariesJSON), geo.BoundaryOptions{})
	if err != nil {
		t.Fatalf("valid boundaries: %v", err)
	}
	if len(bs.Divisions) != 2 || bs.Divisions[0].Code != "CN-AA" || bs.Divisions[1].Code != "CN-BB" {
		t.Fatalf("valid boundaries: divisions %+v", bs.Divisions)
	}
	for _, c := range boundariesCases() {
		t.Run(c.name, func(t *testing.T) {
			_, err := geo.ParseBoundaries("b.geojson", []byte(c.data), geo.BoundaryOptions{})
			c.check(t, "b.geojson", problemsOf(t, err))
		})
	}
}

func TestLoadCrossChecks(t *testing.T) {
	bdata, err := fs.ReadFile(assets.FS, assets.Boundaries)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("valid hubs load", func(t *testing.T) {
		a, err := geo.LoadBytes(assets.Boundaries, bdata, "hubs.yaml", []byte(validHubsYAML))
		if err != nil || a == nil {
			t.Fatalf("LoadBytes = %v, %v", a, err)
		}
	})

	// Hub 1 (line 22, province on 25) names an unknown province; hub 2
	// (line 35, lon on 39) is in CN-FJ with Shanghai's coordinates; hub 3
	// (line 48, lon on 51) is in Tokyo. A point problem is reported on the
	// line of lon.
	hubs := edit(validHubsYAML, "province: CN-FJ\n", "province: CN-ZX\n")
	hubs = edit(hubs, "    province: CN-ZJ\n    lon: 120.0750\n    lat: 29.3060\n",
		"    province: CN-FJ\n    lon: 121.47\n    lat: 31.23\n")
	hubs += `  - id: tokyo
    name: Tokyo
    province: CN-SH
    lon: 139.69
    lat: 35.69
    specialties:
      - product: Sneakers
        category: footwear
`
	const lineHub3Lon = 51
	_, err = geo.LoadBytes(assets.Boundaries, bdata, "hubs.yaml", []byte(hubs))
	ps := problemsOf(t, err)
	if len(ps) != 3 {
		t.Errorf("%d problems, want 3 in one error:\n%v", len(ps), ps)
	}
	for _, c := range []problemCase{
		{
			// The province field exists, so the line is its value's.
			name: "unknown province", field: "province", line: lineHub1Prov,
			record: "hub 1 (jinjiang)",
			msg:    []string{`"CN-ZX"`, "CN-AH", "CN-FJ", "CN-SH", "CN-ZJ"},
		},
		{
			name: "point in another province", field: "lon/lat", line: lineHub2Lon,
			record: "hub 2 (yiwu)",
			msg:    []string{"CN-SH", "CN-FJ"},
		},
		{
			name: "point outside China", field: "lon/lat", line: lineHub3Lon,
			record: "hub 3 (tokyo)",
			msg:    []string{"outside China"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var found []geo.Problem
			for _, p := range ps {
				if p.Record == c.record {
					found = append(found, p)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d problems for %s, want 1:\n%v", len(found), c.record, ps)
			}
			p := found[0]
			if p.File != "hubs.yaml" {
				t.Errorf("File %q, want hubs.yaml", p.File)
			}
			if p.Field != c.field {
				t.Errorf("Field %q, want %q (problem %q)", p.Field, c.field, p)
			}
			if p.Line != c.line {
				t.Errorf("Line %d, want %d (problem %q)", p.Line, c.line, p)
			}
			for _, m := range c.msg {
				if !strings.Contains(p.Msg, m) {
					t.Errorf("Msg %q does not mention %q", p.Msg, m)
				}
			}
		})
	}
}

func TestEmbeddedHubsValid(t *testing.T) {
	a, err := geo.Load(assets.FS, assets.Boundaries, assets.Hubs, assets.Categories)
	if err != nil {
		t.Fatal(err)
	}
	ranks := map[int][]string{}
	for _, h := range a.Hubs {
		if len(h.Specialties) == 0 {
			t.Errorf("hub %s has no specialty", h.ID)
		}
		ranks[h.Rank] = append(ranks[h.Rank], h.ID)
	}
	for r := 1; r <= 25; r++ {
		if len(ranks[r]) != 1 {
			t.Errorf("rank %d held by %v, want exactly one hub", r, ranks[r])
		}
	}
	if un := ranks[0]; len(un) != 1 || un[0] != "changchun" {
		t.Errorf("unranked hubs %v, want [changchun]", un)
	}
	for r, hs := range ranks {
		if r < 0 || r > 25 {
			t.Errorf("rank %d (hubs %v) outside 1..25", r, hs)
		}
	}
}

// checkFuzzResult holds for every parser: data or Problems naming the file.
func checkFuzzResult[T any](t *testing.T, file string, v *T, err error) {
	t.Helper()
	if err == nil {
		if v == nil {
			t.Fatal("nil result and nil error")
		}
		return
	}
	var ps geo.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T %q is not geo.Problems", err, err)
	}
	if len(ps) == 0 {
		t.Fatal("error is an empty geo.Problems")
	}
	for _, p := range ps {
		if p.File != file {
			t.Fatalf("problem %q: File %q, want %q", p, p.File, file)
		}
	}
}

func FuzzParseHubs(f *testing.F) {
	embeddedHubs, err := fs.ReadFile(assets.FS, assets.Hubs)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(embeddedHubs)
	f.Add([]byte(validHubsYAML))
	for _, c := range hubsCases() {
		f.Add([]byte(c.data))
	}
	f.Add([]byte(""))
	f.Add([]byte("hubs: &a [*a]\n"))
	f.Add([]byte("industries: {}\ncategories: 3\nhubs: [1, [2]]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hf, err := geo.ParseHubFile("fuzz.yaml", data, geo.HubOptions{})
		checkFuzzResult(t, "fuzz.yaml", hf, err)
	})
}

func FuzzParseBoundaries(f *testing.F) {
	f.Add([]byte(validBoundariesJSON))
	for _, c := range boundariesCases() {
		f.Add([]byte(c.data))
	}
	f.Add([]byte(""))
	f.Add([]byte("[]"))
	f.Add([]byte(`{"type":"FeatureCollection","features":[null,{},{"type":"Feature","geometry":{"type":"MultiPolygon","coordinates":[[]]}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, err := geo.ParseBoundaries("fuzz.geojson", data, geo.BoundaryOptions{})
		checkFuzzResult(t, "fuzz.geojson", bs, err)
	})
}

func FuzzLoadBytes(f *testing.F) {
	bdata := []byte(validBoundariesJSON)
	if _, err := geo.LoadBytes("b.geojson", bdata, "hubs.yaml", []byte(hubsInSquares)); err != nil {
		f.Fatalf("seed does not load: %v", err)
	}
	f.Add([]byte(hubsInSquares))
	f.Add([]byte(validHubsYAML))
	for _, c := range hubsCases() {
		f.Add([]byte(c.data))
	}
	f.Fuzz(func(t *testing.T, hdata []byte) {
		a, err := geo.LoadBytes("b.geojson", bdata, "hubs.yaml", hdata)
		checkFuzzResult(t, "hubs.yaml", a, err)
	})
}
