package geo_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hubatlas/hubatlas/geo"
)

// leaveOutFile reads a hubs file and loads it leaving out its bad rows,
// as hubatlas --leave-out-bad-rows does, after checking that it does
// not load as it is.
func leaveOutFile(t *testing.T, name string, data []byte) (*geo.Atlas, error) {
	t.Helper()
	if _, err := loadFile(t, name, data, geo.HubOptions{}, exampleCatalog(t)); err == nil {
		t.Fatalf("%s loads as it is: nothing to leave out", name)
	}
	hf, perr := geo.ParseHubFile(name, data, geo.HubOptions{})
	records := make([]string, len(hf.Rows))
	for i, r := range hf.Rows {
		records[i] = r.Record
	}
	a, err := geo.NewAtlasLeavingOut(embedded(t).Boundaries, embedded(t).Context, hf, perr, exampleCatalog(t), nil)
	for i, r := range hf.Rows {
		if r.Record != records[i] {
			t.Errorf("the file's row %d became %q (was %q): the caller's rows must not change", i, r.Record, records[i])
		}
	}
	return a, err
}

// supplierRows are six suppliers, rows 2 and 5 of them bad: an unknown
// province, and a value that is not a number.
var supplierRows = [][]any{
	{"id", "name", "province", "lat", "lon", "products", "categories", "value"},
	{"GYS01", "Dongguan Toys", "CN-GD", 23.02, 113.75, "Dolls", "toys", 120},
	{"GYS02", "Mordor Forge", "Mordor", 23.10, 113.30, "Rings", "toys", 40},
	{"GYS03", "Yiwu Socks", "CN-ZJ", 29.31, 120.08, "Socks", "textiles", 300},
	{"GYS04", "Jinjiang Shoes", "CN-FJ", 24.78, 118.55, "Sneakers", "footwear", 800},
	{"GYS05", "Putian Shoes", "CN-FJ", 25.45, 119.01, "Sneakers", "footwear", "many"},
	{"GYS06", "Shantou Toys", "CN-GD", 23.35, 116.68, "Blocks", "toys", 90},
}

func csvOf(rows [][]any) []byte {
	var b strings.Builder
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprint(&b, v)
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}

func hubRefs(a *geo.Atlas) []string {
	var ids []string
	for _, h := range a.Hubs {
		ids = append(ids, h.Ref)
	}
	return ids
}

// TestLeaveOutBadRows: a list with two bad rows of six loads the other
// four, and its notes say which rows were left out and why, in the
// words and at the places a refusal would have given.
func TestLeaveOutBadRows(t *testing.T) {
	for _, c := range []struct {
		file  string
		data  []byte
		notes []string
	}{
		{"s.csv", csvOf(supplierRows), []string{
			"s.csv: left out: 2 of 6 rows, for the problems below; 4 hubs loaded",
			`s.csv:3: row 2 (GYS02): province: left out: unknown province "Mordor"`,
			`s.csv:6: row 5 (GYS05): value: left out: "many" is not a number`,
		}},
		{"s.xlsx", workbook(t, supplierRows), []string{
			"s.xlsx: left out: 2 of 6 rows, for the problems below; 4 hubs loaded",
			`s.xlsx: Sheet1!C3: row 3 (GYS02): province: left out: unknown province "Mordor"`,
			`s.xlsx: Sheet1!H6: row 6 (GYS05): value: left out: "many" is not a number`,
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			a, err := leaveOutFile(t, c.file, c.data)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := hubRefs(a), []string{"GYS01", "GYS03", "GYS04", "GYS06"}; !slices.Equal(got, want) {
				t.Errorf("hubs %v, want %v", got, want)
			}
			if a.LeftOut != 2 {
				t.Errorf("LeftOut %d, want 2", a.LeftOut)
			}
			var notes []string
			for _, n := range a.Notes {
				notes = append(notes, n.String())
			}
			if len(notes) != len(c.notes) {
				t.Errorf("%d notes, want %d:\n  %s", len(notes), len(c.notes), strings.Join(notes, "\n  "))
			}
			for i, w := range c.notes {
				if i >= len(notes) || !strings.HasPrefix(notes[i], w) {
					t.Errorf("note %d does not begin\n  %s\nnotes:\n  %s", i+1, w, strings.Join(notes, "\n  "))
				}
			}
		})
	}
}

// TestLeaveOutBadRecords: the same in a YAML hubs file and a GeoJSON
// one, where a feature that is not a point is no row at all.
func TestLeaveOutBadRecords(t *testing.T) {
	yaml := `hubs:
  - name: Dongguan Toys
    province: CN-GD
    lat: 23.02
    lon: 113.75
    categories: [toys]
  - name: Mordor Forge
    province: CN-GD
    lat: 23.10
    categories: [toys]
  - name: Yiwu Socks
    province: CN-ZJ
    lat: 29.31
    lon: 120.08
    categories: [textiles]
`
	geojson := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [113.75, 23.02]}, "properties": {"name": "Dongguan Toys", "categories": "toys"}},
{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[113.75, 23.02], [113.8, 23.1]]}, "properties": {"name": "A road", "categories": "toys"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [120.08, 29.31]}, "properties": {"name": "Yiwu Socks", "categories": "textiles"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [139.69, 35.69]}, "properties": {"name": "Tokyo Toys", "categories": "toys"}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [118.55, 24.78]}, "properties": {"name": "Jinjiang Shoes", "categories": "footwear"}}
]}`
	for _, c := range []struct {
		file  string
		data  string
		hubs  []string
		notes []string
	}{
		{"h.yaml", yaml, []string{"Dongguan Toys", "Yiwu Socks"}, []string{
			"h.yaml: left out: 1 of 3 hubs, for the problems below; 2 hubs loaded",
			"h.yaml:7: hub 2: lon: left out: missing (WGS84 degrees)",
		}},
		{"h.geojson", geojson, []string{"Dongguan Toys", "Yiwu Socks", "Jinjiang Shoes"}, []string{
			"h.geojson: left out: 2 of 5 features, for the problems below; 3 hubs loaded",
			"h.geojson:3: feature 2: geometry: left out: want a Point, got LineString",
			"h.geojson:5: feature 4 (tokyo-toys): lon/lat: left out: [139.69 35.69] lies in Japan (JP), outside China",
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			a, err := leaveOutFile(t, c.file, []byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, h := range a.Hubs {
				names = append(names, h.Name)
			}
			if !slices.Equal(names, c.hubs) {
				t.Errorf("hubs %v, want %v", names, c.hubs)
			}
			notes := make([]string, 0, len(a.Notes))
			for _, n := range a.Notes {
				notes = append(notes, n.String())
			}
			for i, w := range c.notes {
				if i >= len(notes) || !strings.HasPrefix(notes[i], w) {
					t.Errorf("note %d does not begin\n  %s\nnotes:\n  %s", i+1, w, strings.Join(notes, "\n  "))
				}
			}
		})
	}
}

// TestLeaveOutRefuses: nothing is left out when a problem is of the
// whole file, or of more than half its rows: every problem is reported
// as it is without leaving out, and one more says why.
func TestLeaveOutRefuses(t *testing.T) {
	most := slices.Clone(supplierRows[:4]) // rows 1-3, row 2 bad
	most = append(most, []any{"GYS07", "Gondor Forge", "Gondor", 23.1, 113.3, "Rings", "toys", 1},
		[]any{"GYS08", "Rohan Forge", "Rohan", 23.1, 113.3, "Rings", "toys", 1})
	noLon := make([][]any, len(supplierRows))
	for i, r := range supplierRows {
		noLon[i] = slices.Delete(slices.Clone(r), 4, 5)
	}
	for _, c := range []struct {
		file string
		data []byte
		why  string
	}{
		{"most.csv", csvOf(most), "most.csv: nothing was left out: 3 of the 5 rows have problems, more than half"},
		{"most.xlsx", workbook(t, most), "most.xlsx: nothing was left out: 3 of the 5 rows have problems, more than half"},
		{"nolon.csv", csvOf(noLon), "nolon.csv: nothing was left out: a problem is of the whole file, not of one row"},
	} {
		t.Run(c.file, func(t *testing.T) {
			_, want := loadFile(t, c.file, c.data, geo.HubOptions{}, exampleCatalog(t))
			a, err := leaveOutFile(t, c.file, c.data)
			if a != nil {
				t.Fatalf("%d hubs loaded, want none", len(a.Hubs))
			}
			got := problemsOf(t, err)
			var why []string
			for _, p := range got {
				if strings.Contains(p.Msg, "nothing was left out") {
					why = append(why, p.String())
				}
			}
			if len(why) != 1 || !strings.HasPrefix(why[0], c.why) {
				t.Errorf("why %q, want one beginning %q", why, c.why)
			}
			for _, p := range problemsOf(t, want) {
				if !slices.Contains(got, p) {
					t.Errorf("the problem %q is not reported", p)
				}
			}
			if len(got) != len(problemsOf(t, want))+1 {
				t.Errorf("%d problems, want %d and why:\n%v", len(got), len(problemsOf(t, want)), err)
			}
		})
	}
}

// TestLeaveOutDuplicatesAndLimits: of two rows with one id the second
// is left out; a file whose problems reach the limit at which checking
// stops is refused (its later rows were never checked); a file without
// problems loads as it is, with no note of leaving out.
func TestLeaveOutDuplicatesAndLimits(t *testing.T) {
	dup := slices.Clone(supplierRows)
	dup[5] = []any{"GYS04", "Putian Shoes", "CN-FJ", 25.45, 119.01, "Sneakers", "footwear", 10}
	a, err := leaveOutFile(t, "dup.csv", csvOf(dup))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hubRefs(a), []string{"GYS01", "GYS03", "GYS04", "GYS06"}; !slices.Equal(got, want) {
		t.Errorf("hubs %v, want %v", got, want)
	}
	wantNotes(t, a, "dup.csv: left out: 2 of 6 rows, for the problems below; 4 hubs loaded",
		`dup.csv:6: row 5 (GYS04): id: left out: duplicate id "GYS04" (also row 4)`)

	many := [][]any{supplierRows[0]}
	for i := range 1500 {
		province := "CN-GD"
		if i%3 == 0 {
			province = "Mordor"
		}
		many = append(many, []any{fmt.Sprintf("S%d", i), fmt.Sprintf("Toys %d", i), province, 23.02, 113.75, "Dolls", "toys", 1})
	}
	_, err = leaveOutFile(t, "many.csv", csvOf(many))
	if ps := problemsOf(t, err); !strings.HasPrefix(ps[0].String(), "many.csv: nothing was left out: checking stopped at 500 rows with problems") {
		t.Errorf("first problem %q, want why nothing was left out", ps[0])
	}

	// 250 rows of 1,000 with two problems each: checked to the end, and
	// left out. Counting problems, checking had stopped at 500 of them.
	twice := [][]any{supplierRows[0]}
	for i := range 1000 {
		province, lat := "CN-GD", 23.02
		if i%4 == 0 {
			province, lat = "Mordor", 123.4
		}
		twice = append(twice, []any{fmt.Sprintf("S%d", i), fmt.Sprintf("Toys %d", i), province, lat, 113.75, "Dolls", "toys", 1})
	}
	a, err = leaveOutFile(t, "twice.csv", csvOf(twice))
	if err != nil {
		t.Fatalf("250 bad rows of 1,000, two problems each: %v", err)
	}
	if len(a.Hubs) != 750 || a.LeftOut != 250 {
		t.Errorf("%d hubs, %d left out; want 750, 250", len(a.Hubs), a.LeftOut)
	}

	clean := slices.Clone(supplierRows)
	clean[2] = []any{"GYS02", "Foshan Toys", "CN-GD", 23.02, 113.12, "Dolls", "toys", 40}
	clean[5] = []any{"GYS05", "Putian Shoes", "CN-FJ", 25.45, 119.01, "Sneakers", "footwear", 10}
	hf, perr := geo.ParseHubFile("clean.csv", csvOf(clean), geo.HubOptions{})
	a, err = geo.NewAtlasLeavingOut(embedded(t).Boundaries, embedded(t).Context, hf, perr, exampleCatalog(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := loadFile(t, "clean.csv", csvOf(clean), geo.HubOptions{}, exampleCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Hubs) != 6 || a.Version != b.Version || len(a.Notes) != len(b.Notes) {
		t.Errorf("%d hubs, version %s, %d notes; loaded as it is: %d, %s, %d", len(a.Hubs), a.Version, len(a.Notes), len(b.Hubs), b.Version, len(b.Notes))
	}
}

// TestLeaveOutKeepsWhatIsRight: a row whose only problem is a conflict
// with a row left out for its own stays (the same rank, the same id); a
// row without an id keeps the id it had with the others; rows read with
// other categories once a row is left out are checked again, and left
// out in their turn.
func TestLeaveOutKeepsWhatIsRight(t *testing.T) {
	header := "id,name,province,lat,lon,products,categories,rank\n"
	good := "S3,Yiwu Socks,CN-ZJ,29.31,120.08,Socks,textiles,3\nS4,Jinjiang Shoes,CN-FJ,24.78,118.55,Sneakers,footwear,4\nS5,Shantou Toys,CN-GD,23.35,116.68,Blocks,toys,5\n"
	for _, c := range []struct {
		name, data string
		hubs       []string
	}{
		{"rank.csv", header + "S1,Acme Dolls,CN-GD,abc,113.75,Dolls,toys,1\nS2,Acme Rings,CN-GD,23.02,113.75,Rings,toys,1\n" + good, []string{"S2", "S3", "S4", "S5"}},
		{"id.csv", header + "S1,Acme Dolls,CN-GD,abc,113.75,Dolls,toys,1\nS1,Acme Rings,CN-GD,23.02,113.75,Rings,toys,2\n" + good, []string{"S1", "S3", "S4", "S5"}},
		{"both.csv", header + "S1,Acme Dolls,CN-GD,23.1,113.75,Dolls,toys,1\nS1,Acme Rings,CN-GD,23.02,113.75,Rings,toys,1\n" + good, []string{"S1", "S3", "S4", "S5"}},
	} {
		a, err := leaveOutFile(t, c.name, []byte(c.data))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := hubRefs(a); !slices.Equal(got, c.hubs) {
			t.Errorf("%s: hubs %v, want %v", c.name, got, c.hubs)
		}
		if a.Hubs[0].Name != "Acme Rings" && c.name != "both.csv" {
			t.Errorf("%s: the first hub is %s, want Acme Rings", c.name, a.Hubs[0].Name)
		}
	}

	a, err := leaveOutFile(t, "slug.csv", []byte("name,province,lat,lon,products,categories\n"+
		"Acme Dolls,Mordor,23.02,113.75,Dolls,toys\nAcme Dolls,CN-GD,23.35,116.68,Dolls,toys\nYiwu Socks,CN-ZJ,29.31,120.08,Socks,textiles\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Hubs[0].ID != "acme-dolls-2" || a.Hubs[0].Line != 3 {
		t.Errorf("the second Acme Dolls is %s (line %d), want acme-dolls-2 as when the first loads", a.Hubs[0].ID, a.Hubs[0].Line)
	}
	wantNotes(t, a, "slug.csv:2: row 1 (acme-dolls): province: left out: unknown province \"Mordor\" (valid: CN-AH, CN-BJ, CN-CQ, CN-FJ, CN-GD, CN-GS, CN-GX, CN-GZ, CN-HA, CN-HB, CN-HE, CN-HI, CN-HK, CN-HL, CN-HN, CN-JL, CN-JS, CN-JX, CN-LN, CN-MO, CN-NM, CN-NX, CN-QH, CN-SC, CN-SD, CN-SH, CN-SN, CN-SX, CN-TJ, CN-TW, CN-XJ, CN-XZ, CN-YN, CN-ZJ, or their names in English or Chinese)")

	// Free-text "Widgets" makes the categories of the rows' own words;
	// without its row they are the default's, and "toyz" is not one.
	data := "id,name,province,lat,lon,products,categories\n" +
		"S1,Acme Widgets,CN-GD,abc,113.75,Widgets,Widgets\nS2,Acme Dolls,CN-GD,23.02,113.75,Dolls,toys\n" +
		"S3,Acme Blocks,CN-GD,23.35,116.68,Blocks,toyz\nS4,Yiwu Socks,CN-ZJ,29.31,120.08,Socks,textiles\n" +
		"S5,Shantou Toys,CN-GD,23.35,116.68,Blocks,toys\nS6,Jinjiang Shoes,CN-FJ,24.78,118.55,Sneakers,footwear\n"
	hf, perr := geo.ParseHubFile("cat.csv", []byte(data), geo.HubOptions{})
	def := exampleCatalog(t)
	if a, err = geo.NewAtlasLeavingOut(embedded(t).Boundaries, embedded(t).Context, hf, perr, nil, def); err != nil {
		t.Fatal(err)
	}
	if got, want := hubRefs(a), []string{"S2", "S4", "S5", "S6"}; !slices.Equal(got, want) {
		t.Errorf("hubs %v, want %v", got, want)
	}
	notes := wantNotes(t, a, "cat.csv: left out: 2 of 6 rows, for the problems below; 4 hubs loaded")
	if !strings.HasPrefix(notes[2], `cat.csv:4: row 3 (S3): categories: left out: unknown category "toyz"`) {
		t.Errorf("third note %q, want row 3's category", notes[2])
	}
}

// TestLeaveOutRefusesWhatReadingLost: a quote left open takes the rows
// after it into one field, and a sheet whose reading stops loses the
// rows below: nothing is left out for them, since the rows lost are not
// named.
func TestLeaveOutRefusesWhatReadingLost(t *testing.T) {
	rows := slices.Clone(supplierRows)
	rows[3] = slices.Clone(rows[3])
	rows[3][1] = "Yiwu Socks"
	stray := strings.Replace(string(csvOf(rows)), "Mordor Forge", `"Mordor Forge`, 1)
	wide := workbook(t, rows)
	f, err := excelize.OpenReader(bytes.NewReader(wide))
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Sheet1", "AMK4", "x")
	var b bytes.Buffer
	f.Write(&b)
	for _, c := range []struct {
		file string
		data []byte
		why  string
	}{
		{"stray.csv", []byte(stray), "stray.csv: nothing was left out: a problem took more than its row: the rows after it were not read (row 2: a quoted field opened here is not closed before line"},
		{"wide.xlsx", b.Bytes(), "wide.xlsx: nothing was left out: a problem took more than its row: the rows after it were not read (row 4: a value beyond column AMJ"},
	} {
		_, err := leaveOutFile(t, c.file, c.data)
		if ps := problemsOf(t, err); !strings.HasPrefix(ps[0].String(), c.why) {
			t.Errorf("%s: first problem %q, want why nothing was left out", c.file, ps[0])
		}
	}
}

// TestLeaveOutAtMostHalf: 3 bad rows of 6 are left out, 4 of 7 are not.
func TestLeaveOutAtMostHalf(t *testing.T) {
	rows := slices.Clone(supplierRows)
	rows[1] = []any{"GYS01", "Gondor Forge", "Gondor", 23.1, 113.3, "Rings", "toys", 1}
	a, err := leaveOutFile(t, "half.csv", csvOf(rows))
	if err != nil || a.LeftOut != 3 {
		t.Fatalf("3 of 6: %v", err)
	}
	rows = append(rows, []any{"GYS07", "Rohan Forge", "Rohan", 23.1, 113.3, "Rings", "toys", 1})
	_, err = leaveOutFile(t, "more.csv", csvOf(rows))
	if ps := problemsOf(t, err); !strings.HasPrefix(ps[0].String(), "more.csv: nothing was left out: 4 of the 7 rows have problems, more than half") {
		t.Errorf("4 of 7: first problem %q", ps[0])
	}
}
