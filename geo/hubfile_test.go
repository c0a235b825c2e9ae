package geo_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// exampleCatalog is examples/categories.yaml.
func exampleCatalog(t testing.TB) *geo.Catalog {
	t.Helper()
	data, err := os.ReadFile(atlastest.ExamplePath("categories.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := geo.ParseCatalog("categories.yaml", data, geo.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// loadFile reads a hubs file and checks it against the embedded
// boundaries and the countries around them with cat (nil: the file's
// own, or made from the data), as hubatlas validate does; every problem
// comes back in one error.
func loadFile(t testing.TB, name string, data []byte, opt geo.HubOptions, cat *geo.Catalog) (*geo.Atlas, error) {
	t.Helper()
	hf, perr := geo.ParseHubFile(name, data, opt)
	if hf == nil {
		return nil, perr
	}
	a, err := geo.NewAtlasIn(embedded(t).Boundaries, embedded(t).Context, hf, cat, nil)
	if err = geo.JoinProblems(perr, err); err != nil {
		return nil, err
	}
	return a, nil
}

// TestExampleFilesLoad loads every supplier list of examples/ with the
// example categories: each format, encoding and delimiter.
func TestExampleFilesLoad(t *testing.T) {
	cat := exampleCatalog(t)
	for _, c := range []struct {
		file     string
		hubs     int
		encoding string
		zhName   string // a Chinese name that must come through intact
	}{
		{"suppliers.csv", 5000, "utf-8", "呼和浩特昌佳纺织有限公司"},
		{"suppliers-gbk.csv", 2000, "gb18030", ""},
		{"suppliers-semicolon.csv", 50, "utf-8", ""},
		{"suppliers.xlsx", 5000, "", "呼和浩特昌佳纺织有限公司"},
		{"suppliers.yaml", 40, "", ""},
		{"suppliers.geojson", 300, "", ""},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(atlastest.ExamplePath(c.file))
			if err != nil {
				t.Fatal(err)
			}
			hf, err := geo.ParseHubFile(c.file, data, geo.HubOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if hf.Encoding != c.encoding {
				t.Errorf("read as %q, want %q", hf.Encoding, c.encoding)
			}
			a, err := geo.NewAtlas(embedded(t).Boundaries, hf, cat, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Hubs) != c.hubs {
				t.Errorf("%d hubs, want %d", len(a.Hubs), c.hubs)
			}
			found := c.zhName == ""
			for _, h := range a.Hubs {
				found = found || h.NameZH == c.zhName
				if h.Province == "" || len(h.Specialties) == 0 || !strings.HasPrefix(h.ID, "") {
					t.Fatalf("hub %+v incomplete", h)
				}
			}
			if !found {
				t.Errorf("no hub named %s: Chinese text did not survive", c.zhName)
			}
			if strings.Contains(c.file, "gbk") {
				if h := a.Hubs[0]; !strings.ContainsFunc(h.NameZH, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) ||
					!strings.ContainsFunc(h.Specialties[0].Product, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
					t.Errorf("GBK text decoded as %q, %q", h.NameZH, h.Specialties[0].Product)
				}
			}
		})
	}
}

// TestExampleBoundariesLoad reads the DataV and Natural Earth fixtures,
// detects their shape and names every division by its ISO code.
func TestExampleBoundariesLoad(t *testing.T) {
	for _, c := range []struct {
		file, schema string
		extras       int
	}{
		{"boundaries-datav.geojson", geo.SchemaDataV, 1},
		{"boundaries-naturalearth.geojson", geo.SchemaNaturalEarth, 0},
	} {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(atlastest.ExamplePath(c.file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := geo.ParseBoundaries(c.file, data, geo.BoundaryOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if b.Schema != c.schema || len(b.Divisions) != 34 || len(b.Extras) != c.extras {
				t.Fatalf("schema %s, %d divisions, %d extras", b.Schema, len(b.Divisions), len(b.Extras))
			}
			for _, want := range []struct{ code, name, zh string }{
				{"CN-GD", "Guangdong", "广东"}, {"CN-GX", "Guangxi", "广西"}, {"CN-HK", "Hong Kong", "香港"}, {"CN-NM", "", "内蒙古"},
			} {
				d, ok := b.Division(want.code)
				if !ok {
					t.Fatalf("no %s in %v", want.code, b.DivisionCodes())
				}
				if want.name != "" && d.Name != want.name || d.NameZH != want.zh {
					t.Errorf("%s named %q %q", want.code, d.Name, d.NameZH)
				}
			}
			if c.extras > 0 && b.Extras[0].Kind != "dashed-line" {
				t.Errorf("DataV's 100000_JD kept as %q", b.Extras[0].Kind)
			}
			if b.Meta.Source == "" || strings.Contains(b.Meta.Citation(), "DCW-GMT 2.1.1 (Digital") {
				t.Errorf("credited as %q: a user's file must be credited as itself", b.Meta.Citation())
			}
			// The example suppliers load against it too.
			data, _ = os.ReadFile(atlastest.ExamplePath("suppliers.csv"))
			hf, err := geo.ParseHubFile("suppliers.csv", data, geo.HubOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := geo.NewAtlas(b, hf, exampleCatalog(t), nil); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBoundaryProperties reads a shape hubatlas does not know through the
// configured property names.
func TestBoundaryProperties(t *testing.T) {
	const custom = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"gb":"440000","label":"Guangdong Province","label_cn":"广东省"},"geometry":{"type":"Polygon","coordinates":[[[110,21],[116,21],[116,25],[110,25],[110,21]]]}}
]}`
	if _, err := geo.ParseBoundaries("c.geojson", []byte(custom), geo.BoundaryOptions{}); err == nil ||
		!strings.Contains(err.Error(), "properties.code: missing") {
		t.Fatalf("without options: %v", err)
	}
	b, err := geo.ParseBoundaries("c.geojson", []byte(custom), geo.BoundaryOptions{CodeProperty: "gb", NameProperty: "label", NameZHProperty: "label_cn"})
	if err != nil {
		t.Fatal(err)
	}
	d := b.Divisions[0]
	if d.Code != "CN-GD" || d.Name != "Guangdong Province" || d.NameZH != "广东" || b.Schema != geo.SchemaCustom {
		t.Errorf("read %+v (%s)", d.DivisionInfo, b.Schema)
	}
}

// badFile is a broken hubs file and the exact message of its problem.
type badFile struct {
	name string
	file string // file name: picks the format
	data []byte
	opt  geo.HubOptions
	cat  bool // check against examples/categories.yaml
	want string
}

const csvHeader = "id,name,province,lat,lon,products,categories\n"

// TestBadHubFiles checks the message of every kind of mistake in a hubs
// file, word for word: a user fixes the file from it.
func TestBadHubFiles(t *testing.T) {
	gbk, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("编号,名称,省份,纬度,经度,产品\nA1,深圳华信电子,广东,22.54,114.06,电子\n"))
	xlsx := workbook(t, [][]any{
		{"id", "name", "province", "lat", "lon", "products", "categories"},
		{"s1", "Dongguan Toys", "CN-GD", 23.02, 113.75, "Dolls", "toys"},
		{"s2", "Yiwu Socks", "CN-ZJ", "twenty-nine", 120.07, "Socks", "textiles"},
	})
	for _, c := range []badFile{
		{name: "not a number", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,,23.02,113.75,Dolls,toys\ns2,Yiwu Socks,,abc,120.07,Socks,textiles\n"), cat: true,
			want: `s.csv:3: row 2 (s2): lat: "abc" is not a number (want decimal degrees such as 22.5431)`},
		{name: "xlsx cell", file: "s.xlsx", data: xlsx, cat: true,
			want: `s.xlsx: Sheet1!D3: row 3 (s2): lat: "twenty-nine" is not a number (want decimal degrees such as 22.5431)`},
		{name: "swapped lat and lon", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,CN-GD,113.75,23.02,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lat: 113.75 is not a latitude: want -90 to 90 (degrees north); with lat and lon swapped it lies in CN-GD (Guangdong): are the columns swapped?`},
		{name: "latitude out of range", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,CN-GD,124.5,24.8,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lat: 124.5 is not a latitude: want -90 to 90 (degrees north)`},
		{name: "unknown province", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,Atlantis,23.02,113.75,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): province: unknown province "Atlantis" (valid: CN-AH, CN-BJ, CN-CQ, CN-FJ, CN-GD, CN-GS, CN-GX, CN-GZ, CN-HA, CN-HB, CN-HE, CN-HI, CN-HK, CN-HL, CN-HN, CN-JL, CN-JS, CN-JX, CN-LN, CN-MO, CN-NM, CN-NX, CN-QH, CN-SC, CN-SD, CN-SH, CN-SN, CN-SX, CN-TJ, CN-TW, CN-XJ, CN-XZ, CN-YN, CN-ZJ, or their names in English or Chinese)`},
		{name: "outside its province", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,浙江省,23.02,113.75,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lon/lat: [113.75 23.02] lies in CN-GD (Guangdong), not in its province CN-ZJ`},
		{name: "outside China", file: "s.csv", data: []byte(csvHeader + "s1,Tokyo Toys,,35.69,139.69,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lon/lat: [139.69 35.69] lies in Japan (JP), outside China`},
		{name: "unknown category", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,CN-GD,23.02,113.75,Dolls,robots\n"), cat: true,
			want: `s.csv:2: row 1 (s1): categories: unknown category "robots" (valid: apparel, textiles, footwear, toys, bags-luggage, jewelry-accessories, furniture, kitchenware, home-decor, consumer-electronics, small-appliances, led-lighting, batteries, solar-pv, cables-wires, tools-hardware, fasteners, machinery, auto-parts, ebikes-motorcycles, tires, paper-packaging, plastic-products, printing, medical-supplies, cosmetics, sporting-goods)`},
		{name: "duplicate id", file: "s.csv", data: []byte(csvHeader + "GYS1,Dongguan Toys,,23.02,113.75,Dolls,toys\nGYS1,Dongguan Dolls,,23.03,113.76,Dolls,toys\n"), cat: true,
			want: `s.csv:3: row 2 (GYS1): id: duplicate id "GYS1" (also row 1)`},
		{name: "missing column", file: "s.csv", data: []byte("id,name,latitude,products\ns1,Dongguan Toys,23.02,Dolls\n"), cat: true,
			want: `s.csv:1: header: lon: no lon column (headers are id, name, latitude, products; want one of lon, lng, long, longitude, 经度)`},
		{name: "wrong delimiter", file: "s.csv", data: []byte("id;name;lat;lon;products\ns1;Dongguan Toys;23.02;113.75;Dolls\n"), opt: geo.HubOptions{Delimiter: ","},
			want: `s.csv:1: header: one column only: the header line is separated by ";", not ","; set delimiter to ";" or auto`},
		{name: "GBK read as UTF-8", file: "s.csv", data: gbk, opt: geo.HubOptions{Encoding: "utf-8"},
			want: `s.csv:1: encoding: not valid UTF-8 from this line on: the file looks like GB18030/GBK, which Excel writes on Chinese Windows; set encoding to gb18030 or auto`},
		{name: "UTF-8 read as GBK", file: "s.csv", data: []byte(csvHeader + "s1,东莞玩具,CN-GD,23.02,113.75,Dolls,toys\n"), opt: geo.HubOptions{Encoding: "gbk"},
			want: `s.csv:1: encoding: encoding is "gbk" but the file is UTF-8: set encoding to utf-8 or auto`},
		{name: "NaN", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,,NaN,113.75,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lat: "NaN" is not a number (want decimal degrees such as 22.5431)`},
		{name: "infinite value", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":"Dolls","categories":"toys","value":"Inf"},"geometry":{"type":"Point","coordinates":[113.75,23.02]}}]}`), cat: true,
			want: `s.geojson:1: feature 1: value: "Inf" is not a number`},
		{name: "negative value", file: "s.csv", data: []byte("name,lat,lon,products,categories,value\nA,23.02,113.75,Dolls,toys,-5\n"), cat: true,
			want: `s.csv:2: row 1 (a): value: -5 is negative: values are sizes (employees, capacity, orders)`},
		{name: "javascript url", file: "s.csv", data: []byte("name,lat,lon,products,categories,url\nA,23.02,113.75,Dolls,toys,javascript:alert(1)\n"), cat: true,
			want: `s.csv:2: row 1 (a): url: "javascript:alert(1)" is not an http or https URL`},
		{name: "control characters", file: "s.csv", data: []byte("name,lat,lon,products,categories\n\"A\u202eB\",23.02,113.75,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (a-b): name: contains control characters`},
		{name: "too many rows", file: "s.csv", data: []byte(csvHeader + strings.Repeat("s,A,,23.02,113.75,Dolls,toys\n", 4)), opt: geo.HubOptions{Limits: geo.Limits{MaxHubs: 3}},
			want: `s.csv: more than 3 rows, at most 3`},
		{name: "unknown file type", file: "s.txt.doc", data: []byte("x"),
			want: `s.txt.doc: unknown file type ".doc": hubs files are .csv, .xlsx, .yaml/.yml or .geojson/.json`},
		{name: "not a workbook", file: "s.xlsx", data: []byte("PK not really"),
			want: `s.xlsx: not a readable .xlsx workbook: zip: not a valid zip file`},
		{name: "empty latitude", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,,,113.75,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lat: missing (want decimal degrees such as 22.5431)`},
		{name: "empty longitude cell", file: "s.xlsx", data: workbook(t, [][]any{
			{"name", "lat", "lon", "products", "categories"}, {"Dongguan Toys", 23.02, nil, "Dolls", "toys"}, {"Yiwu Socks", 29.31, 120.08, "Socks", "textiles"}}), cat: true,
			want: `s.xlsx: Sheet1!C2: row 2: lon: missing (want decimal degrees such as 113.2644)`},
		{name: "not a longitude", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,,23.02,abc,Dolls,toys\n"), cat: true,
			want: `s.csv:2: row 1 (s1): lon: "abc" is not a number (want decimal degrees such as 113.2644)`},
		{name: "yaml lat and lon swapped", file: "s.yaml", data: []byte("hubs:\n  - name: Dongguan Toys\n    lat: 113.75\n    lon: 23.02\n    products: [Dolls]\n    categories: [toys]\n"), cat: true,
			want: `s.yaml:3: hub 1 (dongguan-toys): lat: 113.75 is not a latitude: want -90 to 90 (degrees north); with lat and lon swapped it lies in CN-GD (Guangdong): are lat and lon swapped?`},
		{name: "geojson lat and lon swapped", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":"Dolls","categories":"toys"},"geometry":{"type":"Point","coordinates":[23.02,113.75]}}]}`), cat: true,
			want: `s.geojson:1: feature 1 (a): geometry.coordinates: [23.02 113.75] is not lon/lat in degrees; with lat and lon swapped it lies in CN-GD (Guangdong): GeoJSON positions are [lon, lat]`},
		{name: "no products column", file: "s.csv", data: []byte("name,lat,lon\nA,23.02,113.75\n"),
			want: `s.csv:1: header: products: no products column (headers are name, lat, lon; want one of products, product, 产品, 主要产品, 主营产品, categories, category, 类别, 分类, 品类)`},
		{name: "pipe-separated", file: "s.csv", data: []byte("id|name|lat|lon|products\ns1|Dongguan Toys|23.02|113.75|Dolls\n"),
			want: `s.csv:1: header: the file seems separated by "|": hubatlas reads files separated by ",", ";" or tab`},
		{name: "long free-text category", file: "s.csv", data: []byte(csvHeader + "s1,Dongguan Toys,,23.02,113.75,Dolls," + strings.Repeat("x", 1<<20) + "\n"),
			want: `s.csv:2: row 1 (s1): categories: is 1048576 bytes long, at most 200`},
		{name: "control character in free-text category", file: "s.xlsx", data: workbook(t, [][]any{
			{"name", "lat", "lon", "products", "categories"}, {"Dongguan Toys", 23.02, 113.75, "Dolls", "Toys\u009b"}}),
			want: `s.xlsx: Sheet1!E2: row 2 (dongguan-toys): categories: contains control characters`},
		{name: "quote left open", file: "s.csv", data: []byte(csvHeader + "s1,\"Dongguan Toys,,23.02,113.75,Dolls,toys\n" + strings.Repeat("s2,Yiwu Socks,,29.3,120.07,Socks,textiles\n", 5)),
			want: `s.csv:2: row 1: a quoted field opened here is not closed before line 7 (extraneous or missing " in quoted-field)`},
		{name: "geojson property out of range", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":"Toys","value":1e999},"geometry":{"type":"Point","coordinates":[113.7,23.0]}}]}`),
			want: `s.geojson:1: feature 1: properties.value: 1e999 is not a number hubatlas can read (out of range)`},
		{name: "geojson coordinate out of range", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":"Toys"},"geometry":{"type":"Point","coordinates":[1e999,23.0]}}]}`),
			want: `s.geojson:1: feature 1: geometry: 1e999 is not a number hubatlas can read (out of range)`},
		{name: "geojson point of one number", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":"Toys"},"geometry":{"type":"Point","coordinates":[113]}}]}`),
			want: `s.geojson:1: feature 1: geometry.coordinates: want [lon, lat], got 1 number(s)`},
		{name: "geojson lines", file: "s.geojson", data: []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"},"geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]}}]}`),
			want: `s.geojson:1: feature 1: geometry: want a Point, got LineString`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cat *geo.Catalog
			if c.cat {
				cat = exampleCatalog(t)
			}
			_, err := loadFile(t, c.file, c.data, c.opt, cat)
			if err == nil {
				t.Fatal("loaded")
			}
			ps := problemsOf(t, err)
			for _, p := range ps {
				if p.String() == c.want {
					return
				}
			}
			t.Errorf("no problem reads\n  %s\ngot\n  %v", c.want, err)
		})
	}
}

// TestEveryProblemOfARow: a row whose value is not a number still has its
// province and its point checked, so that all its problems come out
// together, in CSV and XLSX alike.
func TestEveryProblemOfARow(t *testing.T) {
	header := []any{"id", "name", "province", "lat", "lon", "products", "categories", "value"}
	rows := [][]any{
		{"s1", "Dongguan Toys", "Mordor", 113.75, 23.02, "Dolls", "toys", "many"},
		{"s2", "Yiwu Socks", "浙江省", 23.02, 113.75, "Socks", "textiles", "lots"},
		{"s3", "Tokyo Toys", "", 35.69, 139.69, "Dolls", "toys", "x"},
	}
	var csv strings.Builder
	for _, r := range append([][]any{header}, rows...) {
		for i, v := range r {
			if i > 0 {
				csv.WriteString(",")
			}
			fmt.Fprint(&csv, v)
		}
		csv.WriteString("\n")
	}
	province := `province: unknown province "Mordor" (valid: CN-AH, CN-BJ, CN-CQ, CN-FJ, CN-GD, CN-GS, CN-GX, CN-GZ, CN-HA, CN-HB, CN-HE, CN-HI, CN-HK, CN-HL, CN-HN, CN-JL, CN-JS, CN-JX, CN-LN, CN-MO, CN-NM, CN-NX, CN-QH, CN-SC, CN-SD, CN-SH, CN-SN, CN-SX, CN-TJ, CN-TW, CN-XJ, CN-XZ, CN-YN, CN-ZJ, or their names in English or Chinese)`
	swapped := `lat: 113.75 is not a latitude: want -90 to 90 (degrees north); with lat and lon swapped it lies in CN-GD (Guangdong): are the columns swapped?`
	for _, c := range []struct {
		file string
		data []byte
		want []string
	}{
		{"s.csv", []byte(csv.String()), []string{
			`s.csv:2: row 1 (s1): value: "many" is not a number`,
			`s.csv:2: row 1 (s1): ` + swapped,
			`s.csv:2: row 1 (s1): ` + province,
			`s.csv:3: row 2 (s2): value: "lots" is not a number`,
			`s.csv:3: row 2 (s2): lon/lat: [113.75 23.02] lies in CN-GD (Guangdong), not in its province CN-ZJ`,
			`s.csv:4: row 3 (s3): value: "x" is not a number`,
			`s.csv:4: row 3 (s3): lon/lat: [139.69 35.69] lies in Japan (JP), outside China`,
		}},
		{"s.xlsx", workbook(t, append([][]any{header}, rows...)), []string{
			`s.xlsx: Sheet1!H2: row 2 (s1): value: "many" is not a number`,
			`s.xlsx: Sheet1!D2: row 2 (s1): ` + swapped,
			`s.xlsx: Sheet1!C2: row 2 (s1): ` + province,
			`s.xlsx: Sheet1!H3: row 3 (s2): value: "lots" is not a number`,
			`s.xlsx: Sheet1!E3: row 3 (s2): lon/lat: [113.75 23.02] lies in CN-GD (Guangdong), not in its province CN-ZJ`,
			`s.xlsx: Sheet1!H4: row 4 (s3): value: "x" is not a number`,
			`s.xlsx: Sheet1!E4: row 4 (s3): lon/lat: [139.69 35.69] lies in Japan (JP), outside China`,
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			_, err := loadFile(t, c.file, c.data, geo.HubOptions{}, exampleCatalog(t))
			got := map[string]bool{}
			for _, p := range problemsOf(t, err) {
				got[p.String()] = true
			}
			for _, w := range c.want {
				if !got[w] {
					t.Errorf("no problem reads\n  %s", w)
				}
			}
			if len(got) != len(c.want) {
				t.Errorf("%d problems, want %d:\n%v", len(got), len(c.want), err)
			}
		})
	}
}

// TestBadRowMakesNoHub: a row whose own values are wrong is checked
// against the boundaries but makes no hub, not even an unplaced one.
func TestBadRowMakesNoHub(t *testing.T) {
	hf, err := geo.ParseHubFile("s.csv", []byte("name,lat,lon,products,categories,rank\n"+
		"Dongguan Toys,23.02,113.75,Dolls,toys,1\nYiwu Socks,29.31,120.08,Socks,textiles,first\n"), geo.HubOptions{})
	if len(problemsOf(t, err)) != 1 {
		t.Fatalf("problems %v, want the rank's", err)
	}
	a, err := geo.NewAtlas(embedded(t).Boundaries, hf, exampleCatalog(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hubs) != 1 || a.Hubs[0].Name != "Dongguan Toys" {
		t.Errorf("hubs %+v, want Dongguan Toys only", a.Hubs)
	}
}

// workbook writes rows to an XLSX file in memory.
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestBadBoundaryFiles checks the messages for broken and degenerate
// boundary files.
func TestBadBoundaryFiles(t *testing.T) {
	feature := func(props, coords string) string {
		return `{"type":"Feature","properties":` + props + `,"geometry":{"type":"Polygon","coordinates":` + coords + `}}`
	}
	fc := func(fs ...string) []byte {
		return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(fs, ",\n") + `]}`)
	}
	square := `[[[100,30],[101,30],[101,31],[100,31],[100,30]]]`
	for _, c := range []struct {
		name string
		data []byte
		opt  geo.BoundaryOptions
		want string
	}{
		{"zero area", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, `[[[100,30],[101,31],[100,30],[101,31],[100,30]]]`)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1 (CN-AA): geometry: has no area (degenerate rings)`},
		{"flat in degrees", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, `[[[110,30],[111,30],[112,30],[110,30]]]`)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1 (CN-AA): geometry: has no area (degenerate rings)`},
		{"flat hole", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, `[[[100,30],[103,30],[103,32],[100,32],[100,30]],[[101,31],[101.5,31],[102,31],[101,31]]]`)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1 (CN-AA): geometry: has no area (degenerate rings)`},
		{"only lines", []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":"100000_JD","name":""},"geometry":{"type":"MultiLineString","coordinates":[[[110,10],[111,11]]]}}]}`),
			geo.BoundaryOptions{}, `b.geojson:1: features: no usable polygons: no feature is a division with a Polygon or MultiPolygon`},
		{"too many positions", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, square)),
			geo.BoundaryOptions{Limits: geo.Limits{MaxVertices: 4}}, `b.geojson:1: feature 1 (CN-AA): geometry: the file holds more than 4 positions: simplify it first (mapshaper -simplify, QGIS Simplify)`},
		{"unknown shape", fc(feature(`{"pcode":"CN-AA","pname":"A"}`, square)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1: properties.code: missing (want a division code such as CN-FJ); the shape is not DataV/GeoAtlas or Natural Earth: name the code and name properties of this file (it has pcode, pname) with data.boundary_code_property and data.boundary_name_property`},
		{"long custom name", fc(feature(`{"pcode":"CN-AA","pname":"`+strings.Repeat("x", 101)+`"}`, square)),
			geo.BoundaryOptions{CodeProperty: "pcode", NameProperty: "pname"}, `b.geojson:1: feature 1 (CN-AA): properties.pname: is 101 bytes long, at most 100`},
		{"long name", fc(feature(`{"code":"CN-AA","name":"`+strings.Repeat("x", 101)+`","name_zh":"甲","kind":"province"}`, square)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1 (CN-AA): properties.name: is 101 bytes long, at most 100`},
		{"deep nesting", []byte(strings.Repeat("[", 100) + strings.Repeat("]", 100)),
			geo.BoundaryOptions{}, `b.geojson:1: nested 100 levels deep, at most 64: not a GeoJSON boundary file`},
		{"overlapping divisions", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, `[[[90,20],[130,20],[130,50],[90,50],[90,20]]]`),
			feature(`{"code":"CN-BB","name":"B","name_zh":"乙","kind":"province"}`, square)),
			geo.BoundaryOptions{}, `b.geojson:2: feature 2 (CN-BB): geometry: overlaps feature 1 (CN-AA), which covers its middle (100.5000, 30.5000): the divisions of a boundary file must not overlap`},
		{"NaN position", fc(feature(`{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"}`, `[[[100,30],[101,30],[101,1e999],[100,30]]]`)),
			geo.BoundaryOptions{}, `b.geojson:1: feature 1: geometry: 1e999 is not a number hubatlas can read (out of range)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := geo.ParseBoundaries("b.geojson", c.data, c.opt)
			if err == nil {
				t.Fatal("loaded")
			}
			for _, p := range problemsOf(t, err) {
				if p.String() == c.want {
					return
				}
			}
			t.Errorf("no problem reads\n  %s\ngot\n  %v", c.want, err)
		})
	}
}

// TestYAMLAliasBomb: a 1 KB file whose aliases expand a billion times is
// refused before anything is decoded, not after gigabytes.
func TestYAMLAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", n, n, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
		prev = n
	}
	b.WriteString("hubs: [*i]\n")
	_, err := geo.ParseHubFile("bomb.yaml", []byte(b.String()), geo.HubOptions{})
	if err == nil || !strings.Contains(err.Error(), "expands to more than 2000000 YAML nodes") {
		t.Fatalf("alias bomb: %v", err)
	}
	_, err = geo.ParseCatalog("bomb.yaml", []byte(b.String()), geo.Limits{})
	if err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Fatalf("alias bomb as categories: %v", err)
	}
}

// TestCategoriesFromTheData: without a categories file, free-text
// categories become the catalog, in a stable order, and rows without one
// are uncategorised.
func TestCategoriesFromTheData(t *testing.T) {
	data := []byte("name,lat,lon,products,categories\n" +
		"A,23.02,113.75,Dolls,Toys\nB,23.03,113.76,Robots,Toys\nC,29.3,120.07,Socks,Hosiery\nD,29.31,120.08,Tea,\n" +
		"E,29.32,120.09,Pumps,auto-parts\n")
	a, err := loadFile(t, "s.csv", data, geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range a.Categories {
		ids = append(ids, c.ID)
	}
	if got := strings.Join(ids, ","); got != "toys,hosiery,uncategorised,auto-parts" || !a.Catalog.Derived {
		t.Errorf("categories %s (derived %v)", got, a.Catalog.Derived)
	}
	// A category written as an id reads as words in the legend.
	if a.Categories[3].Name != "Auto parts" || a.Industries[3].Name != "Auto parts" {
		t.Errorf("auto-parts is named %q / %q", a.Categories[3].Name, a.Industries[3].Name)
	}
	if a.Industries[0].Color != geo.Palette[0] {
		t.Errorf("first colour %s", a.Industries[0].Color)
	}
}

// TestFreeTextCategoriesBesideTheDefault: without a categories file, the
// default catalog is used only when it knows every category of the hubs;
// a file with one category it does not know brings its own.
func TestFreeTextCategoriesBesideTheDefault(t *testing.T) {
	def := embedded(t).Catalog
	for _, c := range []struct {
		name, cats string
		derived    bool
		ids, names string // of the derived categories, in order
	}{
		{"chinese", "电子,玩具,纺织,鞋类", true, "c-6d29c127,c-86f00987,c-8e331e68,c-d678a5df", "玩具,电子,纺织,鞋类"},
		{"english", "Widgets,toys", true, "widgets,toys", "Widgets,Toys"},
		{"all known", "鞋类,toys,Bags & luggage", false, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("name,lat,lon,products,categories\n")
			for i, cat := range strings.Split(c.cats, ",") {
				fmt.Fprintf(&b, "S%d,23.02,113.75,Product %d,%s\n", i, i, cat)
			}
			hf, err := geo.ParseHubFile("s.csv", []byte(b.String()), geo.HubOptions{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := geo.NewAtlas(embedded(t).Boundaries, hf, nil, def)
			if err != nil {
				t.Fatal(err)
			}
			if a.Catalog.Derived != c.derived {
				t.Fatalf("derived %v, want %v", a.Catalog.Derived, c.derived)
			}
			if !c.derived {
				if a.Catalog != def {
					t.Error("not the default catalog")
				}
				return
			}
			var names []string
			for _, x := range a.Categories {
				names = append(names, x.Name)
			}
			if got := strings.Join(a.Catalog.CategoryIDs(), ","); got != c.ids {
				t.Errorf("category ids %s, want %s", got, c.ids)
			}
			if got := strings.Join(names, ","); got != c.names {
				t.Errorf("category names %s, want %s", got, c.names)
			}
		})
	}
}

// TestMetaFromTheData: the hubs and boundary files are credited as they
// say, a CSV by its config, a file that says nothing by its name.
func TestMetaFromTheData(t *testing.T) {
	a, err := loadFile(t, "dir/suppliers.csv", []byte(csvHeader+"s1,Dongguan Toys,,23.02,113.75,Dolls,toys\n"),
		geo.HubOptions{Meta: geo.Meta{Source: "Acme sourcing", Date: "2026"}}, exampleCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Sources.Hubs.Citation(); got != "Acme sourcing (2026)" {
		t.Errorf("hubs credited as %q", got)
	}
	a, err = loadFile(t, "dir/suppliers.csv", []byte(csvHeader+"s1,Dongguan Toys,,23.02,113.75,Dolls,toys\n"), geo.HubOptions{}, exampleCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Sources.Hubs.Citation(); got != "suppliers.csv" {
		t.Errorf("hubs credited as %q", got)
	}
}

// fuzzHubFile feeds arbitrary bytes to one hubs reader and the checks
// against the boundaries: data or Problems naming the file, never a
// panic. Each format has a fuzzer of its own: under coverage
// instrumentation the XLSX reader (zip and XML) is slow, and would slow
// the others down.
func fuzzHubFile(f *testing.F, file string, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	// Two squares, not the shipped file: instrumented workers would spend
	// minutes building its topology.
	squares, err := geo.ParseBoundaries("b.geojson", []byte(validBoundariesJSON), geo.BoundaryOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		hf, err := geo.ParseHubFile(file, data, geo.HubOptions{})
		if hf == nil {
			checkFuzzResult(t, file, hf, err)
			return
		}
		a, aerr := geo.NewAtlas(squares, hf, nil, nil)
		if err = geo.JoinProblems(err, aerr); err != nil {
			a = nil
		}
		checkFuzzResult(t, file, a, err)
	})
}

func exampleHead(f *testing.F, name string) []byte {
	data, err := os.ReadFile(atlastest.ExamplePath(name))
	if err != nil {
		f.Fatal(err)
	}
	return data[:min(len(data), 4096)]
}

func FuzzParseCSV(f *testing.F) {
	fuzzHubFile(f, "f.csv", exampleHead(f, "suppliers-semicolon.csv"), exampleHead(f, "suppliers-gbk.csv"),
		[]byte(csvHeader+"s1,A,CN-AA,30.5,100.5,Dolls,toys\n"), []byte("名称;纬度;经度;产品\n东莞;30,5;100,5;玩具\n"))
}

func FuzzParseXLSX(f *testing.F) {
	fuzzHubFile(f, "f.xlsx", workbook(f, [][]any{{"name", "lat", "lon", "products"}, {"A", 30.5, 100.5, "Dolls"}}))
}

func FuzzParseHubsYAML(f *testing.F) {
	fuzzHubFile(f, "f.yaml", exampleHead(f, "suppliers.yaml"), []byte(validHubsYAML), []byte(hubsInSquares))
}

func FuzzParseHubsGeoJSON(f *testing.F) {
	fuzzHubFile(f, "f.geojson", exampleHead(f, "suppliers.geojson"),
		[]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","products":["Dolls"]},"geometry":{"type":"Point","coordinates":[100.5,30.5]}}]}`))
}

// FuzzParseCatalog: a categories file is data or Problems, never a panic.
func FuzzParseCatalog(f *testing.F) {
	data, err := os.ReadFile(atlastest.ExamplePath("categories.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("industries: [{id: a, name: A, color: '#123456'}]\ncategories: [{id: b, name: B, industry: a}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := geo.ParseCatalog("c.yaml", data, geo.Limits{})
		checkFuzzResult(t, "c.yaml", c, err)
	})
}

// A file that writes the default's category ids and one more id-shaped
// word has made a mistake: it is reported with the valid ids, not made
// into a category of the file's own.
func TestUnknownCategoryIDBesideTheDefault(t *testing.T) {
	data := "name,lat,lon,products,categories\nS1,23.02,113.75,Dolls,toys\nS2,23.02,113.75,Sandals,shoes\n"
	hf, err := geo.ParseHubFile("s.csv", []byte(data), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = geo.NewAtlas(embedded(t).Boundaries, hf, nil, embedded(t).Catalog)
	if err == nil || !strings.Contains(err.Error(), `s.csv:3: row 2 (s2): categories: unknown category "shoes" (valid: `) {
		t.Errorf("got %v", err)
	}
}

// TestXLSXTooWide: a value far right of the table (the sheet's last
// column, XFD) stops the reading at its row, named, where every row made
// as wide as it had taken minutes; cells left empty out there do not.
func TestXLSXTooWide(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"id", "name", "lat", "lon", "products"}, {"a", "A", 23.0, 113.0, "Toys"}, {"b", "B", 23.1, 113.1, "Toys"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellValue("Sheet1", "XFD3", 1); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle("Sheet1", "XFD2", "XFD2", 0); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	_, err := geo.ParseHubFile("wide.xlsx", b.Bytes(), geo.HubOptions{})
	want := "wide.xlsx: Sheet1!XFD3: row 3: a value beyond column AMJ, the last of the 1024 a hubs sheet may use: delete what lies right of the table"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
}

// TestHubFilesOfOtherMakers: a UTF-8 BOM before JSON or YAML (Notepad,
// Excel) and UTF-16 CSV without a BOM load as the plain files do; they
// had been refused as "invalid character 'ï'" and "no lat column".
func TestHubFilesOfOtherMakers(t *testing.T) {
	csv := "id,name,lat,lon,products\ns1,Dongguan Toys,23.02,113.75,Dolls\n"
	utf16 := func(s string, big bool) []byte {
		var b []byte
		for _, r := range s {
			if big {
				b = append(b, byte(r>>8), byte(r))
			} else {
				b = append(b, byte(r), byte(r>>8))
			}
		}
		return b
	}
	bom := "\xef\xbb\xbf"
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"s.geojson", []byte(bom + `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Dongguan Toys","products":"Dolls"},"geometry":{"type":"Point","coordinates":[113.75,23.02]}}]}`)},
		{"s.yaml", []byte(bom + "hubs:\n  - id: s1\n    name: Dongguan Toys\n    lat: 23.02\n    lon: 113.75\n    products: [Dolls]\n")},
		{"s.csv", utf16(csv, false)},
		{"s.csv", utf16(csv, true)},
	} {
		hf, err := geo.ParseHubFile(c.name, c.data, geo.HubOptions{})
		if err != nil {
			t.Errorf("%s %q: %v", c.name, c.data[:min(12, len(c.data))], err)
			continue
		}
		if len(hf.Rows) != 1 || hf.Rows[0].Name != "Dongguan Toys" {
			t.Errorf("%s: rows %+v", c.name, hf.Rows)
		}
	}
}

// TestBoundariesAfterABOM: a boundary file saved with a UTF-8 BOM loads.
func TestBoundariesAfterABOM(t *testing.T) {
	square := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"CN-AA","name":"A","name_zh":"甲","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[100,30],[101,30],[101,31],[100,31],[100,30]]]}}]}`
	if _, err := geo.ParseBoundaries("b.geojson", []byte("\xef\xbb\xbf"+square), geo.BoundaryOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestYAMLTypeProblems: a YAML hub whose fields have the wrong kind of
// value is reported field by field, each at its line, in words; one hub
// had been "line 9: cannot unmarshal !!seq into string", with its other
// fields' troubles on lines of their own, without the file.
func TestYAMLTypeProblems(t *testing.T) {
	data := "hubs:\n" +
		"  - id: a\n    name: A\n    name: B\n    lat: 23\n    lon: 113\n    products: [Toys]\n" +
		"  - id: b\n    name: [x]\n    lat: 23.1\n    lon: 113.1\n    value: 1e400\n    categories: footwear\n"
	_, err := geo.ParseHubFile("h.yaml", []byte(data), geo.HubOptions{})
	if err == nil {
		t.Fatal("loaded")
	}
	for _, want := range []string{
		`h.yaml:4: hub 1 (a): name: mapping key "name" already defined at line 3`,
		`h.yaml:9: hub 2 (b): name: want text, got a list`,
		`h.yaml:12: hub 2 (b): value: want a number, got text "1e400"`,
		`h.yaml:13: hub 2 (b): categories: want a list, e.g. [a, b], got text "footwear"`,
	} {
		found := false
		for _, p := range problemsOf(t, err) {
			found = found || p.String() == want
		}
		if !found {
			t.Errorf("no problem reads\n  %s\ngot\n  %v", want, err)
		}
	}
}

// TestPlacesHubsJustOffTheirLand: real places that the boundary file, at
// 1:1,000,000, leaves in the sea (reclaimed land, ports at the shore) or
// across an inner border are placed in their division, with a note each;
// had been "outside China", and the whole file refused. A point in a
// neighbouring country as near China's border stays out, named by its
// country, and one off the coast of another division than its row names
// is a problem naming that division.
func TestPlacesHubsJustOffTheirLand(t *testing.T) {
	csv := "id,name,province,lat,lon,categories\n" +
		"shekou,Shekou,,22.4870,113.9150,electronics\n" +
		"caofeidian,Caofeidian,,38.9400,118.4700,machinery\n" +
		"hkia,Hong Kong Airport,,22.3080,113.9185,electronics\n" +
		"cotai,Cotai,CN-MO,22.1450,113.5620,electronics\n" +
		"luohu,Luohu station,CN-GD,22.5317,114.1177,electronics\n" +
		"huaqiangbei,Huaqiangbei,CN-GD,22.5440,114.0850,electronics\n"
	a, err := loadFile(t, "coast.csv", []byte(csv), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"shekou": "CN-GD", "caofeidian": "CN-HE", "hkia": "CN-HK", "cotai": "CN-MO", "luohu": "CN-GD", "huaqiangbei": "CN-GD"}
	for _, h := range a.Hubs {
		if h.Province != want[h.ID] {
			t.Errorf("%s placed in %s, want %s", h.ID, h.Province, want[h.ID])
		}
	}
	notes := wantNotes(t, a,
		"coast.csv:3: row 2 (caofeidian): lon/lat: [118.47 38.94] lies 3.8 km off the coast in the boundary file: placed in CN-HE (Hebei), the land nearest",
		"coast.csv:6: row 5 (luohu): lon/lat: [114.1177 22.5317] lies in CN-HK (Hong Kong) in the boundary file, 0.1 km from its province's border: placed in CN-GD (Guangdong)",
	)
	if len(notes) != 5 {
		t.Errorf("%d notes, want 5 (all but Huaqiangbei, on its land):\n  %s", len(notes), strings.Join(notes, "\n  "))
	}

	bad := "id,name,province,lat,lon,categories\n" +
		"mongcai,Mong Cai,,21.52,107.97,electronics\n" +
		"sinuiju,Sinuiju,CN-LN,40.10,124.40,electronics\n" +
		"yangshan,Yangshan port,CN-SH,30.62,122.06,electronics\n" +
		"macau-tower,Macau Tower,CN-GD,22.18,113.537,electronics\n" +
		"sheung-shui,Sheung Shui,CN-GD,22.503,114.128,electronics\n" +
		"off-qingdao,Off Qingdao,,36.00,120.75,electronics\n"
	_, err = loadFile(t, "bad.csv", []byte(bad), geo.HubOptions{}, nil)
	for _, w := range []string{
		// Macau's coast is nearer than Guangdong's: named Guangdong,
		// it had been placed there, "the land nearest".
		"bad.csv:5: row 4 (macau-tower): lon/lat: [113.537 22.18] lies 0.5 km off the coast of CN-MO (Macau) in the boundary file, not of its province CN-GD (Guangdong)",
		// 3.3 km into Hong Kong: across its border only half a km is
		// taken.
		"bad.csv:6: row 5 (sheung-shui): lon/lat: [114.128 22.503] lies in CN-HK (Hong Kong), not in its province CN-GD",
		// Beyond 5 km the problem says where the land is (it had said
		// only "outside China").
		"bad.csv:7: row 6 (off-qingdao): lon/lat: [120.75 36] lies outside China (in no division of the boundary file; the nearest land, CN-SD (Shandong), lies 15.1 km away, beyond the 5 km a point is placed from)",
		"bad.csv:2: row 1 (mongcai): lon/lat: [107.97 21.52] lies in Vietnam (VN), outside China",
		"bad.csv:3: row 2 (sinuiju): lon/lat: [124.4 40.1] lies in North Korea (KP), outside China",
		"bad.csv:4: row 3 (yangshan): lon/lat: [122.06 30.62] lies 0.6 km off the coast of CN-ZJ (Zhejiang) in the boundary file, not of its province CN-SH (Shanghai)",
	} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("no problem reads\n  %s\ngot\n  %v", w, err)
		}
	}

	// Many points off the coast: each spot searched once, a hundred
	// noted one by one, then a count (the searches had run out after
	// 2,000, the rest refused as outside China with no word).
	var many strings.Builder
	many.WriteString("name,lat,lon,products,categories\n")
	for i := range 2500 {
		fmt.Fprintf(&many, "S%d,22.487,113.915,Dolls,toys\n", i)
	}
	a, err = loadFile(t, "many.csv", []byte(many.String()), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hubs) != 2500 || len(a.Notes) != 101 || a.Notes[100].Msg != "2400 more hubs placed from just off the boundary file's land or border, as above" {
		t.Errorf("%d hubs, %d notes, the last %v", len(a.Hubs), len(a.Notes), a.Notes[len(a.Notes)-1])
	}

	// Without the countries around China, nothing is placed from the sea:
	// which land across a border is China's is not known.
	hf, err := geo.ParseHubFile("coast.csv", []byte(csv), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := geo.NewAtlas(embedded(t).Boundaries, hf, nil, nil); err == nil || !strings.Contains(err.Error(), "[118.47 38.94] lies outside China") {
		t.Errorf("without countries: %v", err)
	}
}

// TestHeaderBelowTitleRows: a title above the header (CSV) or a row of
// merged group headings (XLSX) had made "no lat column (headers are
// 供应商信息, 位置, 业务)"; the header is now looked for in the first rows,
// and a note says what was skipped and which columns are not read.
func TestHeaderBelowTitleRows(t *testing.T) {
	csv := "供应商清单 2024年\n" +
		"供应商编号,供应商名称,中文名称,纬度（N）,Longitude (WGS84),主营产品,类别,联系人\n" +
		"GYS001,Huaxin Electronics,深圳华信电子,22.5431,113.9,耳机,toys,王经理\n"
	a, err := loadFile(t, "title.csv", []byte(csv), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := a.Hubs[0]
	if h.Ref != "GYS001" || h.Name != "Huaxin Electronics" || h.NameZH != "深圳华信电子" {
		t.Errorf("hub %q %q %q: want the supplier code as id, 供应商名称 as the name beside 中文名称", h.Ref, h.Name, h.NameZH)
	}
	wantNotes(t, a,
		"title.csv:2: header: the header row is the first that names the columns hubatlas reads; the row above it is skipped",
		"title.csv:2: header: columns not read: 联系人 (the README lists the headers hubatlas reads)",
	)

	f := excelize.NewFile()
	rows := [][]any{{"供应商信息", nil, "位置", nil, "业务"}, {"名称", "备注", "纬度", "经度", "产品"}, {"Acme", "x", 23.02, 113.75, "Dolls"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	f.MergeCell("Sheet1", "A1", "B1")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	a, err = loadFile(t, "merged.xlsx", b.Bytes(), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hubs) != 1 || a.Hubs[0].Name != "Acme" || len(a.Notes) != 1 || !strings.Contains(a.Notes[0].String(), "merged.xlsx: Sheet1!A2: header: the header row is the first") {
		t.Errorf("%d hubs, notes %v", len(a.Hubs), a.Notes)
	}

	// Ten rows of anything and no header: the first row's problems.
	_, err = loadFile(t, "none.csv", []byte(strings.Repeat("a,b,c\n", 12)), geo.HubOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "none.csv:1: header: lat: no lat column (headers are a, b, c;") {
		t.Errorf("got %v", err)
	}
}

// TestUnknownCategoriesWorded: the valid ids are listed at the first
// unknown category only (500 rows had repeated the 27 ids 500 times), a
// typo gets the id it misses, and where the default categories were
// chosen because the file writes some of their ids, the problem says how
// to give categories of one's own ("furniture" beside "toys" was refused
// where "Furniture" made a category).
func TestUnknownCategoriesWorded(t *testing.T) {
	data := "name,lat,lon,products,categories\nS1,23.02,113.75,Dolls,toys\nS2,23.02,113.75,Sofas,furniture\nS3,23.02,113.75,Sofas,furniture\nS4,23.02,113.75,Sandals,fotwear\n"
	hf, err := geo.ParseHubFile("s.csv", []byte(data), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = geo.NewAtlas(embedded(t).Boundaries, hf, nil, embedded(t).Catalog)
	var ps geo.Problems
	if !errors.As(err, &ps) || len(ps) != 3 {
		t.Fatalf("got %v", err)
	}
	if !strings.HasPrefix(ps[0].Msg, `unknown category "furniture" (valid: bags-luggage, footwear,`) || !strings.HasSuffix(ps[0].Msg, `; for categories of your own, give a categories file (--categories) or write them as names ("Furniture", "家具"), and each becomes one`) {
		t.Errorf("first: %s", ps[0].Msg)
	}
	if ps[1].Msg != `unknown category "furniture" (valid: as listed above)` {
		t.Errorf("second: %s", ps[1].Msg)
	}
	if ps[2].Msg != `unknown category "fotwear": did you mean "footwear"? (valid: as listed above)` {
		t.Errorf("third: %s", ps[2].Msg)
	}
	// Categories of one's own that differ by a typo are noted: "Fotwear"
	// beside "Footwear" had been a category of its own without a word.
	a, err := loadFile(t, "own.csv", []byte("name,lat,lon,products,categories\nA,23.02,113.75,Boots,Footwear\nB,23.02,113.75,Sandals,Fotwear\nC,23.02,113.75,Dolls,Toys\nD,23.02,113.75,Tools,Tool\n"), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if notes := wantNotes(t, a, `own.csv: categories: "Footwear" and "Fotwear" differ by a letter or two, each a category of its own: a typo?`); len(notes) != 1 {
		t.Errorf("notes %q", notes)
	}
}

// TestSheetProblemsInRowOrder: a workbook's problems come by row, as a
// text file's by line; F13 had come before F9.
func TestSheetProblemsInRowOrder(t *testing.T) {
	err := geo.JoinProblems(geo.Problems{
		{File: "s.xlsx", Cell: "Sheet1!F13", Msg: "b"},
		{File: "s.xlsx", Cell: "Sheet1!F9", Msg: "a"},
		{File: "s.xlsx", Cell: "Sheet1!AA100", Msg: "c"},
	})
	var ps geo.Problems
	if !errors.As(err, &ps) || ps[0].Msg != "a" || ps[1].Msg != "b" || ps[2].Msg != "c" {
		t.Errorf("got %v", err)
	}
}

// TestDotThousandsInSemicolonFiles: a file of decimal commas groups
// thousands with dots: its 1.200 employees had been read as 1.2, and
// 1.500,5 refused. Coordinates keep a dot as a decimal point.
func TestDotThousandsInSemicolonFiles(t *testing.T) {
	data := "name;lat;lon;products;categories;employees\n" +
		"A;22,55;114,05;Dolls;toys;1.200\n" +
		"B;23.02;113.75;Dolls;toys;1.500,5\n" +
		"C;23,02;113,75;Dolls;toys;12,5\n"
	a, err := loadFile(t, "eu.csv", []byte(data), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{1200, 1500.5, 12.5} {
		if h := a.Hubs[i]; h.Value != want {
			t.Errorf("%s: value %v, want %v", h.Name, h.Value, want)
		}
	}
	if a.Hubs[1].Point != (orb.Point{113.75, 23.02}) {
		t.Errorf("B at %v", a.Hubs[1].Point)
	}
	// Where the point has decimal dots, so has the value; 0.125 is never
	// grouped (both had been read as thousands).
	a, err = loadFile(t, "dots.csv", []byte("name;lat;lon;products;categories;capacity\nA;23.02;113.75;Dolls;toys;0.125\nB;23.02;113.75;Dolls;toys;1.250\n"), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.125, 1.25} {
		if h := a.Hubs[i]; h.Value != want {
			t.Errorf("dots %s: value %v, want %v", h.Name, h.Value, want)
		}
	}
	// A file whose rows write their points both ways reads one value one
	// way: the same "1.200" had been 1,200 in a row of "22,55" and 1.2 in
	// a row of "23.02"; "12.000.000" had been refused.
	a, err = loadFile(t, "mix.csv", []byte("name;lat;lon;products;categories;employees\nA;22,55;114,05;Dolls;toys;1.200\nB;23.02;113.75;Dolls;toys;1.200\nC;23.02;113.75;Dolls;toys;12.000.000\nD;22,55;114,05;Dolls;toys;0.125\n"), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{1200, 1200, 12e6, 0.125} {
		if h := a.Hubs[i]; h.Value != want {
			t.Errorf("mix %s: value %v, want %v", h.Name, h.Value, want)
		}
	}
}

// TestProductsOnlyListLoads: a list that says what each supplier makes
// by products alone is filed by the default categories' keywords, and
// what they do not know goes to Other products, with a note: such a
// list had been refused, a problem a product (500 on one file, each
// with the 27 ids). A list the keywords file whole keeps the default
// categories as they are.
func TestProductsOnlyListLoads(t *testing.T) {
	def := embedded(t).Catalog
	load := func(csv string) (*geo.Atlas, error) {
		hf, err := geo.ParseHubFile("p.csv", []byte(csv), geo.HubOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return geo.NewAtlasIn(embedded(t).Boundaries, embedded(t).Context, hf, nil, def)
	}
	a, err := load("名称,纬度,经度,主营产品\n华信电子,22.6,114.05,蓝牙适配器\n鞋业,23.02,113.75,运动鞋\n织袜,29.31,120.07,Bluetooth widgets\n")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Hubs[0].Specialties[0].Category; got != geo.OtherProductsID {
		t.Errorf("蓝牙适配器 filed under %s", got)
	}
	if got := a.Hubs[1].Specialties[0].Category; got != "footwear" {
		t.Errorf("运动鞋 filed under %s", got)
	}
	if len(a.Categories) != len(def.Categories)+1 || len(a.Notes) != 1 ||
		a.Notes[0].String() != "p.csv: products: 2 products match no category's keywords and are filed under Other products (其他产品): 蓝牙适配器, Bluetooth widgets; a categories column or file files them as you wish" {
		t.Errorf("%d categories, notes %v", len(a.Categories), a.Notes)
	}
	if ms := a.Select(geo.Filter{Categories: []string{geo.OtherProductsID}}); len(ms) != 2 {
		t.Errorf("filter Other products: %d hubs", len(ms))
	}
	// What a supplier list most often makes is filed by the default's
	// keywords: the review's list had put 9 of its 14 products under
	// Other products.
	a, err = load("name,lat,lon,products\nA,23.02,113.75,Bluetooth headphones\nB,23.02,113.75,Electric kettles\nC,23.02,113.75,Sofas\nD,23.02,113.75,T-shirts\nE,23.02,113.75,蓝牙耳机\nF,23.02,113.75,袜子\n")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"electronics", "home-appliances", "home-decor", "textiles-apparel", "electronics", "textiles-apparel"} {
		if got := a.Hubs[i].Specialties[0].Category; got != want {
			t.Errorf("%s filed under %s, want %s", a.Hubs[i].Specialties[0].Product, got, want)
		}
	}
	// Products counted once however many rows make them.
	a, err = load("name,lat,lon,products\nA,23.02,113.75,Widgets\nB,23.02,113.75,Widgets\nC,23.02,113.75,Widgets\nD,23.02,113.75,Gizmos\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Notes) != 1 || !strings.HasPrefix(a.Notes[0].Msg, "2 products match no category's keywords and are filed under Other products (其他产品): Widgets, Gizmos;") {
		t.Errorf("notes %v", a.Notes)
	}
	a, err = load("name,lat,lon,products\nA,23.02,113.75,Sneakers\n")
	if err != nil {
		t.Fatal(err)
	}
	if a.Catalog != def || len(a.Notes) != 0 {
		t.Errorf("a list the keywords file whole: %d categories, notes %v", len(a.Categories), a.Notes)
	}
}

// TestRepeatedRowsNoted: rows without an id that repeat an earlier one
// word for word are kept, each a hub, with a note naming the row they
// repeat: a list pasted twice had counted every supplier twice without
// a word. Rows with ids are checked as duplicate ids instead.
func TestRepeatedRowsNoted(t *testing.T) {
	csv := "name,lat,lon,products,categories\nA,22.55,114.05,Dolls,toys\nB,23.02,113.75,Dolls,toys\nA,22.55,114.05,Dolls,toys\nA,22.55,114.05,Socks,toys\n"
	a, err := loadFile(t, "d.csv", []byte(csv), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hubs) != 4 || len(a.Notes) != 1 || a.Notes[0].String() != "d.csv:4: row 3 (a-2): repeats row 1 (a) word for word: kept as a hub of its own; delete it if it is the same supplier" {
		t.Errorf("%d hubs, notes %v", len(a.Hubs), a.Notes)
	}
	// Two hubs of one place that make different things are not a repeat
	// (YAML specialties had been left out of the comparison).
	yml := "hubs:\n  - {name: Dongguan, lat: 23.02, lon: 113.75, specialties: [{product: Dolls, category: toys}]}\n" +
		"  - {name: Dongguan, lat: 23.02, lon: 113.75, specialties: [{product: Boots, category: footwear}]}\n"
	if a, err := loadFile(t, "d.yaml", []byte(yml), geo.HubOptions{}, embedded(t).Catalog); err != nil {
		t.Error(err)
	} else if len(a.Notes) != 0 {
		t.Errorf("notes %v", a.Notes)
	}
}

// TestRowsNamedInProblems: a problem names its row by the file's own id
// ("row 4 (GYS0004)"; it had said "row 4" alone), or, without one, by a
// Chinese name itself, of which the id made from it keeps nothing a
// reader knows (it had said "row 2 (led)" for LED灯厂, "row 3 (2)" for
// 2号厂).
func TestRowsNamedInProblems(t *testing.T) {
	a, err := loadFile(t, "mixed.csv", []byte("name,lat,lon,products\nAnta Sports 安踏,24.8,118.6,Shoes\nLED灯厂,22.55,114.05,Lamps\n"), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hubs[0].ID != "anta-sports" || !strings.HasPrefix(a.Hubs[1].ID, "h-") {
		t.Errorf("ids %s, %s: want anta-sports (its Latin words tell it) and a hash (led tells nothing)", a.Hubs[0].ID, a.Hubs[1].ID)
	}
	csv := "id,name,lat,lon,products,categories\n,LED灯厂,22.55,114.05,Dolls,robots\n,2号厂,22.55,114.05,Dolls,robots\nGYS0004,A,95,114.05,Dolls,toys\n,Acme Toys,22.55,114.05,Dolls,robots\n"
	hf, perr := geo.ParseHubFile("ids.csv", []byte(csv), geo.HubOptions{})
	_, err = geo.NewAtlasIn(embedded(t).Boundaries, embedded(t).Context, hf, nil, embedded(t).Catalog)
	err = geo.JoinProblems(perr, err)
	for _, w := range []string{"ids.csv:2: row 1 (LED灯厂): categories:", "ids.csv:3: row 2 (2号厂): categories:", "ids.csv:4: row 3 (GYS0004): lat: 95 is not a latitude", "ids.csv:5: row 4 (acme-toys): categories:"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("no problem begins %q in\n%v", w, err)
		}
	}
}

// wantNotes checks that a's notes hold each of want, and returns them all.
func wantNotes(t *testing.T, a *geo.Atlas, want ...string) []string {
	t.Helper()
	var notes []string
	for _, n := range a.Notes {
		notes = append(notes, n.String())
	}
	for _, w := range want {
		if !slices.Contains(notes, w) {
			t.Errorf("no note reads\n  %s\ngot\n  %s", w, strings.Join(notes, "\n  "))
		}
	}
	return notes
}

// TestHeadersInTwoLanguages: a header's qualifier says its language:
// "City (EN)" and "City (中文)" are the city and its Chinese, where
// passing over every qualifier had made both "city", refused as a second
// city column; "Latitude (WGS84)" is the latitude.
func TestHeadersInTwoLanguages(t *testing.T) {
	csv := "Name (EN),Name (中文),City (EN),City (中文),Latitude (WGS84),经度（E）,Products\nAcme,艾克美,Dongguan,东莞,23.02,113.75,Dolls\n"
	a, err := loadFile(t, "two.csv", []byte(csv), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h := a.Hubs[0]; h.Name != "Acme" || h.NameZH != "艾克美" || h.City != "Dongguan" || h.CityZH != "东莞" {
		t.Errorf("hub %q %q %q %q", h.Name, h.NameZH, h.City, h.CityZH)
	}
}

// TestHeadersAsPeopleWriteThem: a qualifier that says the language
// takes a field's Chinese wherever it has one, Chinese headers and
// English alike; a second column of a field is passed over with a note
// (two values, employees and capacity, had refused the file); a header
// in two languages or with a full stop is read; a table whose header is
// not in its first rows says where it was looked for.
func TestHeadersAsPeopleWriteThem(t *testing.T) {
	for _, c := range []struct {
		header, row string
		check       func(h geo.Hub) bool
	}{
		{"名称,名称(中文),纬度,经度,类别", "Acme,爱科美,22.55,114.05,toys", func(h geo.Hub) bool { return h.Name == "Acme" && h.NameZH == "爱科美" }},
		{"名称（英文）,名称（中文）,城市,城市(中文),Lat.,Long.,产品,产品(中文)", "Acme,爱科美,Dongguan,东莞,23.02,113.75,Dolls,娃娃", func(h geo.Hub) bool {
			return h.Name == "Acme" && h.NameZH == "爱科美" && h.CityZH == "东莞" && h.Specialties[0].ProductZH == "娃娃"
		}},
		{"Supplier Name,Supplier Name (Chinese),Latitude/纬度,纬度 Latitude,经度 Longitude,Products", "Acme,爱科美,23.02,23.02,113.75,Dolls", func(h geo.Hub) bool { return h.NameZH == "爱科美" && h.Point == orb.Point{113.75, 23.02} }},
		{"Company (EN),Company (中文),lat,lon,products,employees,capacity", "Acme,爱科美,23.02,113.75,Dolls,120,5000", func(h geo.Hub) bool { return h.NameZH == "爱科美" && h.Value == 120 }},
	} {
		a, err := loadFile(t, "h.csv", []byte(c.header+"\n"+c.row+"\n"), geo.HubOptions{}, atlastest.Catalog(t))
		if err != nil {
			t.Errorf("%s: %v", c.header, err)
			continue
		}
		if !c.check(a.Hubs[0]) {
			t.Errorf("%s: read as %+v", c.header, a.Hubs[0])
		}
	}
	a, err := loadFile(t, "v.csv", []byte("name,lat,lon,products,employees,capacity\nA,23.02,113.75,Dolls,120,5000\n"), geo.HubOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantNotes(t, a, "v.csv:1: header: columns not read, the first of each field being read: capacity (a second value column)")
	_, err = loadFile(t, "deep.csv", []byte(strings.Repeat("供应商清单,2024\n", 11)+"name,lat,lon,products\nA,23.02,113.75,Dolls\n"), geo.HubOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), "deep.csv:1: header: no row among the first 10 names the columns hubatlas reads") {
		t.Errorf("header below the first rows: %v", err)
	}
}
