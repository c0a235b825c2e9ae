package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestJoinPinyin(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"hua", "xin", "Huaxin"},
		{"xin", "an", "Xin'an"},
		{"de", "en", "De'en"},
		{"long", "ou", "Long'ou"},
	} {
		if got := joinPinyin(c.a, c.b); got != c.want {
			t.Errorf("joinPinyin(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestConflict(t *testing.T) {
	p := func(x, y float64) orb.Point { return orb.Point{x, y} }
	for _, c := range []struct {
		name string
		s, t segKey
		want bool
	}{
		{"cross", segKeyOf(p(0, 0), p(2, 2)), segKeyOf(p(0, 2), p(2, 0)), true},
		{"apart", segKeyOf(p(0, 0), p(1, 0)), segKeyOf(p(0, 1), p(1, 1)), false},
		{"shared end", segKeyOf(p(0, 0), p(1, 0)), segKeyOf(p(1, 0), p(1, 1)), false},
		{"same edge", segKeyOf(p(0, 0), p(1, 0)), segKeyOf(p(1, 0), p(0, 0)), false},
		{"end on edge", segKeyOf(p(0, 0), p(2, 0)), segKeyOf(p(1, 0), p(1, 1)), true},
		{"folded back", segKeyOf(p(0, 0), p(2, 0)), segKeyOf(p(2, 0), p(1, 0)), true},
		{"straight on", segKeyOf(p(0, 0), p(1, 0)), segKeyOf(p(1, 0), p(2, 0)), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := conflict(c.s, c.t); got != c.want {
				t.Errorf("conflict = %v, want %v", got, c.want)
			}
		})
	}
}

// Two squares share a wiggly border of 41 vertices: after simplifying,
// both hold the same, fewer border vertices, and nothing crosses.
func TestSimplifySharedKeepsBorders(t *testing.T) {
	var border []orb.Point // from (1, 0) up to (1, 1)
	for i := range 41 {
		wiggle := 0.002 * float64(i%2)
		if i == 20 {
			wiggle = 0.1 // one bump worth keeping
		}
		border = append(border, orb.Point{1 + wiggle, float64(i) / 40})
	}
	left := orb.Ring{{0, 0}}
	left = append(left, border...)
	left = append(left, orb.Point{0, 1}, orb.Point{0, 0})
	right := orb.Ring{{2, 0}, {2, 1}}
	for i := len(border) - 1; i >= 0; i-- {
		right = append(right, border[i])
	}
	right = append(right, orb.Point{2, 0})
	out, err := simplifyShared([]orb.MultiPolygon{{{left}}, {{right}}}, 0.01, 0, 4)
	if err != nil {
		t.Fatal(err)
	}
	onBorder := func(r orb.Ring) []orb.Point {
		var ps []orb.Point
		for _, p := range r[:len(r)-1] {
			if p[0] > 0.5 && p[0] < 1.5 {
				ps = append(ps, p)
			}
		}
		slices.SortFunc(ps, comparePoints)
		return ps
	}
	a, b := onBorder(out[0][0][0]), onBorder(out[1][0][0])
	if !slices.Equal(a, b) {
		t.Errorf("borders differ:\n%v\n%v", a, b)
	}
	if len(a) < 3 || len(a) > 6 {
		t.Errorf("%d border vertices kept, want the ends, the bump and its feet: %v", len(a), a)
	}
	if bad := badSegments(out); len(bad) > 0 {
		t.Errorf("edges cross: %v", bad)
	}
}

// TestExamples regenerates the examples into a temporary directory and
// checks them against the committed files byte for byte, then reads the
// committed files the way a user's tools would.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("generates all examples")
	}
	dir := t.TempDir()
	if err := run("../../assets/data/china-provinces.geojson", dir); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(names) != 9 {
		t.Errorf("%d files generated, want 9", len(names))
	}
	for _, name := range names {
		got, _ := os.ReadFile(name)
		want, err := os.ReadFile(filepath.Join("..", filepath.Base(name)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("examples/%s is not what the generator writes (%v): run go run ./examples/gen", filepath.Base(name), err)
		}
	}

	ps, err := loadProvinces("../../assets/data/china-provinces.geojson")
	if err != nil {
		t.Fatal(err)
	}
	// A point must lie in its province in the source and in the fixture.
	data, err := os.ReadFile("../boundaries-datav.geojson")
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		p.simple = fixture.Features[i].Geometry.(orb.MultiPolygon)
		if adcode := fixture.Features[i].Properties.MustInt("adcode"); adcode != p.adcode {
			t.Fatalf("boundaries-datav.geojson feature %d has adcode %d, want %d", i, adcode, p.adcode)
		}
	}
	in := func(code string, lon, lat float64) bool {
		for _, p := range ps {
			if p.code == code {
				return p.contains(orb.Point{lon, lat})
			}
		}
		return false
	}
	checkCSV := func(name string, comma rune, decode bool, header []string, rows int) [][]string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if decode {
			if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
				t.Fatal(err)
			}
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
		r.Comma = comma
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.Equal(recs[0], header) {
			t.Errorf("%s: header %q, want %q", name, recs[0], header)
		}
		if len(recs)-1 != rows {
			t.Errorf("%s: %d rows, want %d", name, len(recs)-1, rows)
		}
		latAt := max(slices.Index(header, "lat"), slices.Index(header, "纬度"))
		lonAt := max(slices.Index(header, "lon"), slices.Index(header, "经度"))
		for i, rec := range recs[1:] {
			lat, _ := strconv.ParseFloat(rec[latAt], 64)
			lon, _ := strconv.ParseFloat(rec[lonAt], 64)
			code := provinceCode(rec[3])
			if rec[3] == "" {
				for _, p := range ps {
					if in(p.code, lon, lat) {
						code = p.code
					}
				}
			}
			if !in(code, lon, lat) {
				t.Errorf("%s row %d: (%g, %g) is not in %q", name, i+1, lon, lat, rec[3])
			}
		}
		return recs
	}
	main := checkCSV("suppliers.csv", ',', false, headerEN, mainList.rows)
	checkCSV("suppliers-gbk.csv", ',', true, headerZH, gbkList.rows)
	checkCSV("suppliers-semicolon.csv", ';', false, headerEN, semicolonList.rows)

	x, err := excelize.OpenFile("../suppliers.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Suppliers", "Notes"}) {
		t.Errorf("sheets %q", got)
	}
	xrows, err := x.GetRows("Suppliers")
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != len(main) {
		t.Errorf("workbook has %d rows, CSV %d", len(xrows), len(main))
	}
	for _, cell := range []string{"A1", "B2", "E2", "F2", "G2", "J2", "H100", "B4999"} {
		col, row, _ := excelize.CellNameToCoordinates(cell)
		got, _ := x.GetCellValue("Suppliers", cell)
		if want := main[row-1][col-1]; got != want {
			t.Errorf("workbook %s = %q, CSV has %q", cell, got, want)
		}
	}
	for _, cell := range []string{"G2", "H2", "K2"} {
		if ty, _ := x.GetCellType("Suppliers", cell); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
			t.Errorf("workbook %s has type %v, want a number", cell, ty)
		}
	}
	if props, _ := x.GetDocProps(); props.Created != workbookStamp || props.Modified != workbookStamp {
		t.Errorf("workbook dates %q, %q", props.Created, props.Modified)
	}

	var fc struct {
		Features []struct {
			Properties struct {
				Province string `json:"province"`
			} `json:"properties"`
			Geometry struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	data, _ = os.ReadFile("../suppliers.geojson")
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != geojsonRows {
		t.Errorf("suppliers.geojson: %d features", len(fc.Features))
	}
	for i, f := range fc.Features {
		c := f.Geometry.Coordinates
		if code := provinceCode(f.Properties.Province); code != "" && !in(code, c[0], c[1]) {
			t.Errorf("suppliers.geojson feature %d: %v not in %s", i, c, code)
		}
	}
}

// provinceCode reads a province column: ISO code, English or Chinese name.
func provinceCode(s string) string {
	for _, d := range divisions {
		if s == d.code || strings.EqualFold(s, d.nameEN) || s == d.zh || s == d.zhFull {
			return d.code
		}
	}
	return ""
}
