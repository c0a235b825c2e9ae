package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hubatlas runs the command line in-process.
func hubatlas(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestValidateEmbedded(t *testing.T) {
	code, out, errOut := hubatlas(t, "validate")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"34 divisions", "26 hubs", "27 categories", "every hub is placed in its province"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	data, err := os.ReadFile("../../assets/data/hubs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "province: CN-ZJ", "province: CN-ZX", 1)
	bad = strings.Replace(bad, "category: footwear", "category: shoes", 1)
	bad = strings.Replace(bad, "lat: 24.", "lat: 124.", 1)
	path := filepath.Join(t.TempDir(), "hubs.yaml")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := hubatlas(t, "validate", "--hubs", path)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"3 problems", path + ":", `unknown province "CN-ZX"`, `unknown category "shoes"`, "lat: 124", "hub 6 (yiwu)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("output lacks %q:\n%s", want, errOut)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want []string // hub ids in order
	}{
		{"footwear", []string{"--category", "footwear"}, []string{"jinjiang", "wenzhou"}},
		{"two categories", []string{"--category", "toys", "--category", "footwear"}, []string{"jinjiang", "dongguan", "wenzhou", "shantou"}},
		{"industry", []string{"--industry", "chemicals-pharma"}, []string{"xiamen", "nanjing", "dalian", "shijiazhuang"}},
		{"province lower case", []string{"--province", "cn-fj"}, []string{"quanzhou", "jinjiang", "xiamen"}},
		{"search", []string{"--q", "backpack"}, []string{"quanzhou"}},
		// Sorted and paged as /api/hubs (the one parameter table's sort,
		// limit and offset).
		{"sorted by name, reversed, first three", []string{"--sort", "-name", "--limit", "3"}, []string{"zhuhai", "yiwu", "xiamen"}},
		{"a province's hubs by name", []string{"--province", "CN-GD", "--sort", "name"}, []string{"dongguan", "foshan", "shantou", "shenzhen", "zhuhai"}},
		{"the second page of two by province", []string{"--sort", "province", "--limit", "2", "--offset", "1"}, []string{"quanzhou", "jinjiang"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := hubatlas(t, append([]string{"list", "--format", "json"}, c.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var recs []struct{ ID string }
			if err := json.Unmarshal([]byte(out), &recs); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.ID)
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestListFormats(t *testing.T) {
	_, out, _ := hubatlas(t, "list", "--format", "geojson", "--category", "footwear")
	var fc struct {
		Type     string
		Features []struct {
			Type     string
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
		t.Fatalf("got %s with %d features", fc.Type, len(fc.Features))
	}
	f := fc.Features[0]
	if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 || f.Geometry.Coordinates[0] < 73 {
		t.Errorf("geometry %+v: want a lon/lat Point", f.Geometry)
	}
	for _, k := range []string{"id", "name", "name_zh", "province", "rank", "products", "categories"} {
		if _, ok := f.Properties[k]; !ok {
			t.Errorf("property %q missing", k)
		}
	}

	_, out, _ = hubatlas(t, "list", "--format", "csv", "--category", "automotive")
	if !strings.HasPrefix(out, "\uFEFF") {
		t.Error("CSV lacks the byte-order mark Excel needs to read UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "id" || rows[0][17] != "rank" || rows[2][0] != "changchun" || rows[2][17] != "" || rows[1][17] != "14" || rows[2][4] != "Jilin" {
		t.Errorf("csv rows %q: want header, chongqing (rank 14), changchun (unranked)", rows)
	}

	code, out, _ := hubatlas(t, "list", "--q", "鞋")
	if code != 0 || !strings.Contains(out, "Jinjiang 晋江") || !strings.Contains(out, "Wenzhou") {
		t.Errorf("table for 鞋:\n%s", out)
	}
}

func TestListBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--category", "shoes"}, `--category "shoes" is not valid: valid values are bags-luggage, footwear`},
		{[]string{"--industry", "mining"}, `--industry "mining" is not valid: valid values are consumer-goods`},
		{[]string{"--province", "CN-ZX"}, `--province "CN-ZX" is not valid: valid values are CN-AH`},
		{[]string{"--format", "xml"}, `--format "xml": valid values are table, json, geojson, csv`},
	} {
		code, _, errOut := hubatlas(t, append([]string{"list"}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("list %v: exit %d, stderr %q; want 1 and %q", c.args, code, errOut, c.want)
		}
	}
	if code, _, _ := hubatlas(t, "list", "--no-such-flag"); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := hubatlas(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d, want 2", code)
	}
}

func TestRender(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fj.svg")
	code, _, errOut := hubatlas(t, "render", "--province", "CN-FJ", "--lang", "both", "--category", "footwear", "-o", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`data-hub="jinjiang"`, "Jinjiang 晋江", `data-province="CN-FJ"`, "<title>"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	code, out, _ := hubatlas(t, "render", "--width", "960", "--height", "720")
	if code != 0 || !strings.HasPrefix(out, "<?xml") || !strings.Contains(out, `width="960"`) {
		t.Errorf("render to stdout: exit %d, %.80q", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--lang", "fr"}, `--lang "fr" is not valid: valid values are en, zh, both`},
		{[]string{"--width", "5"}, `--width "5" is not valid: want a whole number of px from 320 to 4000`},
		{[]string{"--province", "FJ"}, `--province "FJ" is not valid: valid values are CN-AH`},
		{[]string{"--products", "maybe"}, `--products "maybe" is not valid: valid values are auto, on, off`},
		{[]string{"--title", strings.Repeat("t", 300)}, `--title`},
	} {
		code, _, errOut := hubatlas(t, append([]string{"render", "-o", filepath.Join(t.TempDir(), "x.svg")}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("render %v: exit %d, %q; want 1 and %q", c.args, code, errOut, c.want)
		}
	}
}

// TestRenderFormats: the output's extension, or --format, picks SVG, PNG
// or PDF; a page's PNG is at 300 dpi unless --dpi says otherwise.
func TestRenderFormats(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args  []string
		file  string
		magic string
	}{
		{[]string{"--page", "a5", "--dpi", "100"}, "map.png", "\x89PNG"},
		{[]string{"--page", "a4", "--lang", "zh"}, "map.PDF", "%PDF-1.4"},
		{[]string{"--format", "png", "--width", "640", "--height", "480"}, "map.out", "\x89PNG"},
		{nil, "map.svg", "<?xml"},
	} {
		path := filepath.Join(dir, c.file)
		code, _, errOut := hubatlas(t, append(append([]string{"render"}, c.args...), "-o", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut)
		}
		b, err := os.ReadFile(path)
		if err != nil || !strings.HasPrefix(string(b), c.magic) {
			t.Errorf("%v -o %s: %.8q, want %q", c.args, c.file, b, c.magic)
		}
		if c.file == "map.png" {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil || img.Bounds().Dx() != 583 || img.Bounds().Dy() != 827 {
				t.Errorf("A5 at 100 dpi: %v %v, want 583×827", img.Bounds(), err)
			}
		}
	}
	// Characters no embedded face has are drawn as boxes, and said.
	code, _, errOut := hubatlas(t, "render", "--title", "Seoul 서울 map", "-o", filepath.Join(dir, "ko.png"))
	if code != 0 || !strings.Contains(errOut, "2 characters have no glyph in the embedded fonts and are drawn as boxes: 서 울") {
		t.Errorf("missing glyphs: exit %d, %q", code, errOut)
	}
	code, out, _ := hubatlas(t, "render", "--format", "pdf", "--width", "400", "--height", "320")
	if code != 0 || !strings.HasPrefix(out, "%PDF") {
		t.Errorf("PDF to stdout: exit %d, %.8q", code, out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", filepath.Join(dir, "map.tiff")}, "unknown extension .tiff; use .svg, .png or .pdf"},
		{[]string{"--format", "jpg"}, `--format "jpg" is not valid: valid values are svg, png, pdf`},
		{[]string{"--page", "1000x1000mm", "--dpi", "600", "-o", filepath.Join(dir, "big.png")}, `--dpi "600" is not valid: a PNG of 23622×23622 px is too large`},
	} {
		code, _, errOut := hubatlas(t, append([]string{"render"}, c.args...)...)
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("render %v: exit %d, %q; want 1 and %q", c.args, code, errOut, c.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "big.png")); err == nil {
		t.Error("a refused PNG left a file behind")
	}
}

// TestRenderEditionFromConfig: the config's map.edition and
// map.approval_number reach the renderer, from the environment too; a
// bad value stops the command naming the key.
func TestRenderEditionFromConfig(t *testing.T) {
	t.Setenv("HUBATLAS_MAP_EDITION", "cn")
	t.Setenv("HUBATLAS_MAP_APPROVAL_NUMBER", "GS(2026)0001号")
	code, out, errOut := hubatlas(t, "render", "--lang", "zh")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"南海诸岛", "审图号：GS(2026)0001号"} {
		if !strings.Contains(out, want) {
			t.Errorf("cn edition from the environment: the SVG lacks %q", want)
		}
	}
	code, out, _ = hubatlas(t, "render", "--edition", "intl")
	if code != 0 || strings.Contains(out, "South China Sea Islands") {
		t.Errorf("--edition intl must override the config: exit %d, inset drawn %v", code, strings.Contains(out, "South China Sea Islands"))
	}
	t.Setenv("HUBATLAS_MAP_EDITION", "mainland")
	code, _, errOut = hubatlas(t, "render")
	if code == 0 || !strings.Contains(errOut, `map.edition "mainland": valid values are intl, cn`) {
		t.Errorf("bad map.edition: exit %d, %q", code, errOut)
	}
	t.Setenv("HUBATLAS_MAP_EDITION", "cn")
	t.Setenv("HUBATLAS_MAP_APPROVAL_NUMBER", "GS\n1")
	code, _, errOut = hubatlas(t, "render")
	if code == 0 || !strings.Contains(errOut, "map.approval_number") {
		t.Errorf("approval number with a line break: exit %d, %q", code, errOut)
	}
}

// TestCSVCreditsInChinese: a CSV file cannot say what it is, so
// data.hubs_* say it for the credits, and data.hubs_*_zh for maps in
// Chinese, which cite those instead.
func TestCSVCreditsInChinese(t *testing.T) {
	t.Setenv("HUBATLAS_DATA_HUBS_SOURCE", "Acme supplier audit")
	t.Setenv("HUBATLAS_DATA_HUBS_DATE", "2026-11")
	t.Setenv("HUBATLAS_DATA_HUBS_SOURCE_ZH", "某公司供应商审核")
	t.Setenv("HUBATLAS_DATA_HUBS_DATE_ZH", "2026 年 11 月")
	for lang, want := range map[string][2]string{
		"en": {"Acme supplier audit (2026-11)", "某公司供应商审核"},
		"zh": {"某公司供应商审核（2026 年 11 月）", "Acme supplier audit"},
	} {
		code, out, errOut := hubatlas(t, "render", "--hubs", "../../examples/suppliers-semicolon.csv", "--categories", "../../examples/categories.yaml", "--lang", lang)
		if code != 0 {
			t.Fatalf("--lang %s: exit %d: %s", lang, code, errOut)
		}
		if !strings.Contains(out, want[0]) || strings.Contains(out, want[1]) {
			t.Errorf("--lang %s: the credits should cite %q, not %q", lang, want[0], want[1])
		}
	}
}

// TestLeaveOutBadRows: --leave-out-bad-rows, data.leave_out_bad_rows and
// its variable load a list without its bad rows, naming them on standard
// error; --leave-out-bad-rows=false turns off what the config turns on.
func TestLeaveOutBadRows(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "mine.csv")
	os.WriteFile(list, []byte("id,name,lat,lon,products,categories\n"+
		"S1,Acme Dolls,23.02,113.75,Dolls,toys\n"+
		"S2,Acme Rings,abc,113.75,Rings,toys\n"+
		"S3,Acme Socks,29.30,120.07,Socks,textiles-apparel\n"), 0o644)
	on := writeConfig(t, "data:\n  leave_out_bad_rows: true\n")
	if code, _, errOut := hubatlas(t, "validate", "--hubs", list); code != 1 || !strings.Contains(errOut, `row 2 (S2): lat: "abc" is not a number`) {
		t.Fatalf("without the option: exit %d: %s", code, errOut)
	}
	for _, c := range []struct {
		env  string
		args []string
	}{
		{"", []string{"--leave-out-bad-rows"}},
		{"", []string{"--config", on}},
		{"true", nil},
	} {
		if c.env != "" {
			t.Setenv("HUBATLAS_DATA_LEAVE_OUT_BAD_ROWS", c.env)
		}
		code, out, errOut := hubatlas(t, append([]string{"validate", "--hubs", list}, c.args...)...)
		if code != 0 || !strings.Contains(out, "ok: 34 divisions, 2 hubs (1 left out for their problems: see the notes)") ||
			!strings.Contains(out, "every hub is placed in its province; ") ||
			!strings.Contains(errOut, "hubatlas: note: "+list+": left out: 1 of 3 rows, for the problems below; 2 hubs loaded\n") ||
			!strings.Contains(errOut, `hubatlas: note: `+list+`:3: row 2 (S2): lat: left out: "abc" is not a number`) {
			t.Errorf("%s %v: exit %d:\n%s%s", c.env, c.args, code, out, errOut)
		}
	}
	if code, _, errOut := hubatlas(t, "validate", "--hubs", list, "--config", on, "--leave-out-bad-rows=false"); code != 1 || strings.Contains(errOut, "left out") {
		t.Errorf("--leave-out-bad-rows=false: exit %d: %s", code, errOut)
	}
	// A categories file with problems: nothing to leave out of the rows.
	cats := filepath.Join(dir, "categories.yaml")
	os.WriteFile(cats, []byte("industries:\n  - {id: toys, name: Toys, color: red}\ncategories:\n  - {id: toys, industry: nowhere, name: Toys}\n"), 0o644)
	if code, _, errOut := hubatlas(t, "validate", "--hubs", list, "--categories", cats, "--leave-out-bad-rows"); code != 1 ||
		!strings.Contains(errOut, list+": nothing was left out: the problems are in another file, not in the hubs file's rows") {
		t.Errorf("a bad categories file: exit %d: %s", code, errOut)
	}
}
