package server_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/server"
)

func TestDownloads(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()

	res, body := get(t, h, "/download.csv?category=toys")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "hubatlas-toys-china.csv") {
		t.Fatalf("csv: %d %v", res.StatusCode, res.Header)
	}
	if !bytes.HasPrefix(body, []byte("\xef\xbb\xbf")) {
		t.Error("CSV without the byte-order mark Excel needs")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "id" || rows[1][0] != "dongguan" && rows[2][0] != "dongguan" {
		t.Errorf("csv rows %q", rows)
	}

	res, body = get(t, h, "/download.xlsx?category=toys")
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("xlsx: %d %v", res.StatusCode, res.Header)
	}
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	xrows, _ := f.GetRows("Hubs")
	if len(xrows) != 3 || xrows[0][8] != "lat" || xrows[1][4] != "Guangdong" || xrows[1][5] != "广东" || xrows[1][14] != "玩具" ||
		xrows[0][11] != "products_zh" || xrows[1][11] != "玩具" || xrows[0][18] != "description" || xrows[1][18] == "" {
		t.Errorf("xlsx rows %q", xrows)
	}
	src, _ := f.GetRows("Sources")
	if len(src) < 3 || !strings.Contains(src[2][1], "DCW-GMT") {
		t.Errorf("xlsx sources %q", src)
	}

	res, body = get(t, h, "/download.geojson?category=toys")
	var fc struct {
		Type     string
		Sources  geo.Sources
		Features []json.RawMessage
	}
	if err := json.Unmarshal(body, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 ||
		!strings.Contains(fc.Sources.Boundaries.Citation(), "DCW-GMT") {
		t.Errorf("geojson: %v %s", err, body)
	}
	if res, _ := get(t, h, "/download.pdf"); res.StatusCode != 404 {
		t.Errorf("download.pdf: %d", res.StatusCode)
	}
}

// TestDownloadOfAView: the data downloaded from a zoomed map or a
// province's view is the hubs the map draws (/api/view's shown, counted
// where the markers are placed), in every format; without a view, every
// hub the filter matches. The filter's hubs had been downloaded from a
// map zoomed to a few cities: all 26 from a window that showed 2.
func TestDownloadOfAView(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	views := []string{
		"bbox=94.1704,29.6349,111.4259,40.6451&width=960&height=720&lang=en",
		"bbox=112.5,21.8,114.8,23.6&width=800&height=600&lang=zh",
		"focus=CN-GD&width=960&height=720&lang=en",
		"focus=CN-SC&industry=machinery&width=640&height=480&lang=both",
		"bbox=100,20,125,42&category=footwear&width=1200&height=900&lang=en",
		"category=footwear",
	}
	fewer := 0
	for _, v := range views {
		_, body := get(t, h, "/api/view?"+v)
		var view struct{ Shown, Total int }
		if err := json.Unmarshal(body, &view); err != nil {
			t.Fatalf("%s: %v %s", v, err, body)
		}
		if view.Shown < view.Total {
			fewer++
		}
		want := view.Shown
		res, body := get(t, h, "/download.csv?"+v)
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))).ReadAll()
		if res.StatusCode != 200 || err != nil || len(rows)-1 != want {
			t.Errorf("%s: CSV %d, %d hubs (%v), want the %d the map draws (of %d)", v, res.StatusCode, len(rows)-1, err, want, view.Total)
		}
		// /api/hubs gives the same hubs, counted in X-Total-Count.
		if res, _ := get(t, h, "/api/hubs?"+v); res.Header.Get("X-Total-Count") != fmt.Sprint(want) {
			t.Errorf("%s: /api/hubs counts %s hubs, want %d", v, res.Header.Get("X-Total-Count"), want)
		}
		_, body = get(t, h, "/download.geojson?"+v)
		var fc struct{ Features []json.RawMessage }
		if err := json.Unmarshal(body, &fc); err != nil || len(fc.Features) != want {
			t.Errorf("%s: GeoJSON of %d hubs (%v), want %d", v, len(fc.Features), err, want)
		}
		_, body = get(t, h, "/download.xlsx?"+v)
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if xrows, _ := f.GetRows("Hubs"); len(xrows)-1 != want {
			t.Errorf("%s: XLSX of %d hubs, want %d", v, len(xrows)-1, want)
		}
	}
	if fewer < 4 {
		t.Errorf("%d views draw fewer hubs than their filter matches, want 4: the test would test little", fewer)
	}
}

// TestDownloadsAreSafeInSpreadsheets: data that looks like a formula is
// written as text.
func TestDownloadsAreSafeInSpreadsheets(t *testing.T) {
	b := atlas(t).Boundaries
	hf, err := geo.ParseHubFile("h.csv", []byte("name,lat,lon,products,categories\n"+
		`"=HYPERLINK(""http://x"",""click"")",23.02,113.75,"+cmd|' /C calc'!A0",toys`+"\n"), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := geo.NewAtlas(b, hf, nil, atlas(t).Catalog)
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(t, server.Options{})
	s.Swap(a)
	_, body := get(t, s.Handler(), "/download.csv")
	if !strings.Contains(string(body), `'=HYPERLINK`) || !strings.Contains(string(body), `'+cmd`) {
		t.Errorf("formulas not escaped:\n%s", body)
	}
}

func TestHubsAPIPages(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	res, body := get(t, h, "/api/hubs?limit=5&offset=3")
	var fc struct {
		Total, Offset int
		Features      []struct{ ID string }
	}
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Total != 26 || fc.Offset != 3 || len(fc.Features) != 5 || res.Header.Get("X-Total-Count") != "26" ||
		!strings.Contains(string(body), `"sources":{"hubs":{"title":`) || !strings.Contains(string(body), "DCW-GMT") {
		t.Errorf("page: total %d offset %d, %d features, header %q", fc.Total, fc.Offset, len(fc.Features), res.Header.Get("X-Total-Count"))
	}
	_, all := get(t, h, "/api/hubs")
	var whole struct{ Features []struct{ ID string } }
	json.Unmarshal(all, &whole)
	if len(whole.Features) != 26 || whole.Features[3].ID != fc.Features[0].ID {
		t.Errorf("pages do not line up")
	}
	for _, bad := range []string{"limit=0", "limit=x", "offset=-1"} {
		if res, _ := get(t, h, "/api/hubs?"+bad); res.StatusCode != 400 {
			t.Errorf("%s: %d", bad, res.StatusCode)
		}
	}
}

// upload posts a file to /api/preview as a browser form does.
func upload(t *testing.T, h http.Handler, name string, data []byte) (*http.Response, map[string]any) {
	t.Helper()
	return uploadWith(t, h, name, data, "", nil)
}

// TestPreview: a visitor's file is checked with the messages of hubatlas
// validate and drawn from memory under a token that only they hold.
func TestPreview(t *testing.T) {
	h := newServer(t, server.Options{Catalog: atlas(t).Catalog}).Handler()
	csvFile := []byte("name,city,lat,lon,products,categories\nAcme Dolls,Dongguan,23.02,113.75,Dolls,toys\nAcme Socks,Yiwu,29.30,120.07,Socks,textiles-apparel\n")
	res, out := upload(t, h, "../../secret/mine.csv", csvFile)
	if res.StatusCode != http.StatusCreated || out["hubs"] != 2.0 || out["file"] != "mine.csv" {
		t.Fatalf("upload: %d %v", res.StatusCode, out)
	}
	tok, _ := out["token"].(string)
	if len(tok) != 32 {
		t.Fatalf("token %q", tok)
	}
	_, body := get(t, h, "/api/hubs?preview="+tok)
	if !strings.Contains(string(body), "Acme Dolls") || strings.Contains(string(body), "Quanzhou") {
		t.Errorf("preview hubs: %.300s", body)
	}
	_, body = get(t, h, "/api/hubs")
	if strings.Contains(string(body), "Acme") {
		t.Error("the preview leaks into the data everyone sees")
	}
	res, svg := get(t, h, "/map.svg?preview="+tok)
	if res.StatusCode != 200 || !strings.Contains(string(svg), "Acme Dolls") || !strings.Contains(string(svg), "mine.csv") {
		t.Errorf("preview map: %d; credits the upload: %v", res.StatusCode, strings.Contains(string(svg), "mine.csv"))
	}
	if res, body := get(t, h, "/download.csv?preview="+tok); res.StatusCode != 200 || !strings.Contains(string(body), "Acme Socks") {
		t.Errorf("preview download: %d", res.StatusCode)
	}

	res, out = upload(t, h, "bad.csv", []byte("name,lat,lon,products,categories\nAcme,abc,113.75,Dolls,toys\nAcme 2,23.02,113.75,Robots,robots\n"))
	probs, _ := out["problems"].([]any)
	if res.StatusCode != http.StatusUnprocessableEntity || len(probs) != 2 ||
		probs[0] != `bad.csv:2: row 1: lat: "abc" is not a number (want decimal degrees such as 22.5431)` ||
		!strings.HasPrefix(probs[1].(string), `bad.csv:3: row 2 (acme-2): categories: unknown category "robots" (valid: bags-luggage, footwear, toys,`) {
		t.Errorf("bad file: %d %v", res.StatusCode, out)
	}
	if res, _ := upload(t, h, "big.csv", bytes.Repeat([]byte("x"), 11<<20)); res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("11 MB: %d", res.StatusCode)
	}
	// Sent as the body, too: the body's limit leaves room for a
	// categories file beside a form's hubs file, not for more hubs.
	req := httptest.NewRequest(http.MethodPost, "/api/preview?name=big.csv", bytes.NewReader(bytes.Repeat([]byte("x"), 10<<20+100)))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("10 MB and 100 bytes as the body: %d", rec.Code)
	}
	res, body = get(t, h, "/map.svg?preview=0123456789abcdef0123456789abcdef")
	if res.StatusCode != 400 || !strings.Contains(string(body), `"param":"preview"`) {
		t.Errorf("unknown preview: %d %s", res.StatusCode, body)
	}
	if res, _ := get(t, h, "/api/preview"); res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "POST" {
		t.Errorf("GET /api/preview: %d %v", res.StatusCode, res.Header)
	}
}

// TestDegradedAfterABadReload: /healthz and the page say so while the
// previous data serves; the next good load clears it.
func TestDegradedAfterABadReload(t *testing.T) {
	s := newServer(t, server.Options{})
	h := s.Handler()
	s.ReportLoadFailure(geo.Problems{{File: "hubs.csv", Line: 2, Record: "row 1", Field: "lat", Msg: `"x" is not a number`}})
	_, body := get(t, h, "/healthz")
	var hz struct {
		Status string
		Hubs   int
		Reload struct{ Problems []string }
	}
	json.Unmarshal(body, &hz)
	if hz.Status != "degraded" || hz.Hubs != 26 || len(hz.Reload.Problems) != 1 || hz.Reload.Problems[0] != `hubs.csv:2: row 1: lat: "x" is not a number` {
		t.Errorf("healthz %s", body)
	}
	if _, page := get(t, h, "/"); !strings.Contains(string(page), `class="notice"`) {
		t.Error("the page shows no notice")
	}
	s.ReportLoadFailure(errors.New("loading the data took longer than 1m0s"))
	s.Swap(atlas(t))
	if _, body := get(t, h, "/healthz"); !strings.Contains(string(body), `"status":"ok"`) {
		t.Errorf("after a good load: %s", body)
	}
}

// TestHealthSaysRowsLeftOut: data loaded without its bad rows
// (data.leave_out_bad_rows) is served with /healthz "ok", saying how
// many rows were left out and why, until data without any is swapped in.
func TestHealthSaysRowsLeftOut(t *testing.T) {
	s := newServer(t, server.Options{})
	h := s.Handler()
	// Shekou lies off the coast: its note of being placed in Guangdong
	// is not one of the rows left out.
	hf, perr := geo.ParseHubFile("mine.csv", []byte("name,lat,lon,products,categories\nShekou Dolls,22.487,113.915,Dolls,toys\n"+
		"Acme Rings,abc,113.75,Rings,toys\nAcme Socks,29.30,120.07,Socks,textiles-apparel\n"), geo.HubOptions{})
	a, err := geo.NewAtlasLeavingOut(atlas(t).Boundaries, atlas(t).Context, hf, perr, atlas(t).Catalog, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Swap(a)
	_, body := get(t, h, "/healthz")
	var hz struct {
		Status  string
		Hubs    int
		LeftOut struct {
			Records int
			Notes   []string
		} `json:"left_out"`
	}
	json.Unmarshal(body, &hz)
	if len(a.Notes) != 3 {
		t.Fatalf("notes %v, want the count, the row left out and Shekou's", a.Notes)
	}
	if hz.Status != "ok" || hz.Hubs != 2 || hz.LeftOut.Records != 1 || len(hz.LeftOut.Notes) != 2 ||
		hz.LeftOut.Notes[1] != `mine.csv:3: row 2: lat: left out: "abc" is not a number (want decimal degrees such as 22.5431)` {
		t.Errorf("healthz %s", body)
	}
	// Of 20 rows left out, the count and the first ten.
	var many strings.Builder
	many.WriteString("name,lat,lon,products,categories\n")
	for i := range 50 {
		lat := "23.02"
		if i%5 < 2 {
			lat = "abc"
		}
		fmt.Fprintf(&many, "Acme %d,%s,113.75,Dolls,toys\n", i, lat)
	}
	hf, perr = geo.ParseHubFile("many.csv", []byte(many.String()), geo.HubOptions{})
	if a, err = geo.NewAtlasLeavingOut(atlas(t).Boundaries, atlas(t).Context, hf, perr, atlas(t).Catalog, nil); err != nil {
		t.Fatal(err)
	}
	s.Swap(a)
	_, body = get(t, h, "/healthz")
	json.Unmarshal(body, &hz)
	if hz.LeftOut.Records != 20 || len(hz.LeftOut.Notes) != 11 || hz.LeftOut.Notes[10] != `many.csv:23: row 22: lat: left out: "abc" is not a number (want decimal degrees such as 22.5431)` {
		t.Errorf("20 rows left out: healthz %s", body)
	}
	s.Swap(atlas(t))
	if _, body := get(t, h, "/healthz"); strings.Contains(string(body), "left_out") {
		t.Errorf("after data without rows left out: %s", body)
	}
}

// TestPreviewsKeepBoundedRows: previews kept together hold at most
// 100,000 rows; the oldest go first, the newest always stays.
func TestPreviewsKeepBoundedRows(t *testing.T) {
	h := newServer(t, server.Options{Catalog: atlas(t).Catalog}).Handler()
	rows := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("name,lat,lon,products,categories\n")
		for i := range n {
			fmt.Fprintf(&b, "Factory %d,23.02,113.75,Dolls,toys\n", i)
		}
		return b.Bytes()
	}
	var toks []string
	for i := range 3 {
		res, out := upload(t, h, fmt.Sprintf("list%d.csv", i), rows(40_000))
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("upload %d: %d %v", i, res.StatusCode, out)
		}
		toks = append(toks, out["token"].(string))
	}
	for i, want := range []int{400, 200, 200} {
		if res, _ := get(t, h, "/api/hubs?limit=1&preview="+toks[i]); res.StatusCode != want {
			t.Errorf("preview %d of 3 (40,000 rows each): %d, want %d", i+1, res.StatusCode, want)
		}
	}
}

// TestViewCreditsTheData: /api/view says what the loaded files are.
func TestViewCreditsTheData(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	_, body := get(t, h, "/api/view")
	var v struct {
		Sources geo.Sources
	}
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Sources.Boundaries.Source+v.Sources.Boundaries.Title, "DCW") || v.Sources.Hubs.IsZero() {
		t.Errorf("sources %+v", v.Sources)
	}
}

// TestDashboardSaysWhatTheListHolds: a hubs file that says noun:
// suppliers has a dashboard that counts, lists and credits suppliers, in
// both interface languages, as its maps do; the script gets the nouns in
// /api/view. The page had said "3 hubs", "Hubs in view", 制造业中心 over
// a client's supplier list.
func TestDashboardSaysWhatTheListHolds(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	yamlFile := []byte(`noun: suppliers
noun_zh: 供应商
hubs:
  - {id: a, name: Acme Dolls, lat: 23.02, lon: 113.75, specialties: [{product: Dolls, category: toys}]}
  - {id: b, name: Acme Socks, lat: 29.30, lon: 120.07, specialties: [{product: Socks, category: textiles-apparel}]}
  - {id: c, name: Acme Shoes, lat: 24.9, lon: 118.6, specialties: [{product: Shoes, category: footwear}]}
`)
	res, out := upload(t, h, "suppliers.yaml", yamlFile)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", res.StatusCode, out)
	}
	tok := out["token"].(string)
	for _, c := range []struct {
		lang string
		want []string
		not  string
	}{
		{"en", []string{">3 suppliers<", ">Suppliers in view<", ">Suppliers<"}, `hubs?\b`},
		{"zh", []string{">3 个供应商<", ">视图中的供应商<", ">供应商<"}, "制造业中心"},
	} {
		_, body := get(t, h, "/?lang="+c.lang+"&preview="+tok)
		page := string(body)
		// The words the script gets are filled in by it; the page's own
		// are filled in here.
		i := strings.Index(page, `data-i18n="`)
		if i < 0 {
			t.Fatal("no data-i18n")
		}
		j := strings.Index(page[i+11:], `"`)
		visible := page[:i] + page[i+11+j:]
		for _, w := range c.want {
			if !strings.Contains(visible, w) {
				t.Errorf("%s: no %q in the page", c.lang, w)
			}
		}
		text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(visible, " ")
		for _, w := range []*regexp.Regexp{regexp.MustCompile(`(?i)\b` + c.not), regexp.MustCompile(`\{(hub|hubs|Hubs|zh)\}`)} {
			if k := w.FindStringIndex(text); k != nil {
				t.Errorf("%s: the page still says %q: %q", c.lang, text[k[0]:k[1]], text[max(0, k[0]-80):min(len(text), k[1]+40)])
			}
		}
	}
	if _, body := get(t, h, "/?preview="+tok+"&q=zeppelin"); !strings.Contains(string(body), "No supplier matches “zeppelin”.") {
		t.Error("a search that finds nothing does not say suppliers")
	}
	_, body := get(t, h, "/api/view?preview="+tok)
	var v struct{ Nouns map[string]string }
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"hub": "supplier", "hubs": "suppliers", "Hubs": "Suppliers", "zh": "供应商"}; !maps.Equal(v.Nouns, want) {
		t.Errorf("/api/view nouns %v, want %v", v.Nouns, want)
	}
	_, body = get(t, h, "/api/view")
	json.Unmarshal(body, &v)
	if want := map[string]string{"hub": "hub", "hubs": "hubs", "Hubs": "Hubs", "zh": "制造业中心"}; !maps.Equal(v.Nouns, want) {
		t.Errorf("/api/view nouns of the data served %v, want %v", v.Nouns, want)
	}
}

// uploadWith posts a hubs file and a categories file (none when catName
// is empty) as the dashboard's form does.
func uploadWith(t *testing.T, h http.Handler, name string, data []byte, catName string, cat []byte) (*http.Response, map[string]any) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	if catName != "" {
		cw, _ := mw.CreateFormFile("categories", catName)
		cw.Write(cat)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/api/preview", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Result(), out
}

// TestPreviewWithItsCategories: a preview may bring its categories file,
// as hubatlas --categories does: every list in examples/ names
// categories of examples/categories.yaml that the served file does not
// know, and the dashboard had refused each one (422, unknown category
// "small-appliances"). A bad or oversized categories file is refused
// with its name.
func TestPreviewWithItsCategories(t *testing.T) {
	h := newServer(t, server.Options{Catalog: atlas(t).Catalog}).Handler()
	cat, err := os.ReadFile("../examples/categories.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"suppliers.csv", "suppliers-gbk.csv", "suppliers-semicolon.csv", "suppliers.xlsx", "suppliers.yaml", "suppliers.geojson"} {
		data, err := os.ReadFile("../examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		res, out := uploadWith(t, h, name, data, "categories.yaml", cat)
		if res.StatusCode != http.StatusCreated || out["hubs"].(float64) < 10 {
			t.Errorf("%s with categories.yaml: %d %v %v", name, res.StatusCode, out["error"], out["problems"])
			continue
		}
		tok := out["token"].(string)
		if res, body := get(t, h, "/api/categories?preview="+tok); res.StatusCode != 200 || !strings.Contains(string(body), `"small-appliances"`) {
			t.Errorf("%s: the preview's categories: %d %.200s", name, res.StatusCode, body)
		}
	}
	res, out := uploadWith(t, h, "suppliers.csv", []byte("name,lat,lon,categories\nA,23.02,113.75,toys\n"), "mine.yaml", []byte("industries:\n  - id: x\n    name: [\n"))
	if probs, _ := out["problems"].([]any); res.StatusCode != http.StatusUnprocessableEntity || len(probs) == 0 || !strings.HasPrefix(probs[0].(string), "mine.yaml") {
		t.Errorf("bad categories file: %d %v", res.StatusCode, out)
	}
	res, out = uploadWith(t, h, "suppliers.csv", []byte("name,lat,lon,categories\nA,23.02,113.75,toys\n"), "big.yaml", bytes.Repeat([]byte("#"), 2<<20))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(out["error"].(string), "big.yaml") {
		t.Errorf("2 MB categories file: %d %v", res.StatusCode, out)
	}
}

// TestPreviewLeavesOutBadRows: a file refused for problems in a minority
// of its rows says how many the rest would load without; sent again with
// ?leave_out=1 it loads without them, its notes naming each. A file
// whose rows are mostly bad is refused without the offer, and with
// leave_out=1 says why nothing was left out; a bad leave_out is a 400.
func TestPreviewLeavesOutBadRows(t *testing.T) {
	h := newServer(t, server.Options{Catalog: atlas(t).Catalog}).Handler()
	post := func(query string, data string) (int, map[string]any) {
		t.Helper()
		req := httptest.NewRequest(http.MethodPost, "/api/preview?name=mine.csv"+query, strings.NewReader(data))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
			t.Fatalf("%s: %v: %s", query, err, rec.Body)
		}
		return rec.Code, out
	}
	list := "name,lat,lon,products,categories\n" +
		"Acme Dolls,23.02,113.75,Dolls,toys\n" +
		"Acme Rings,abc,113.75,Rings,toys\n" +
		"Acme Socks,29.30,120.07,Socks,textiles-apparel\n" +
		"Acme Robots,23.02,113.75,Robots,robots\n" +
		"Acme Shoes,24.78,118.55,Sneakers,footwear\n"
	code, out := post("", list)
	probs, _ := out["problems"].([]any)
	offer, _ := out["leave_out"].(map[string]any)
	if code != http.StatusUnprocessableEntity || out["token"] != nil || len(probs) != 2 ||
		probs[0] != `mine.csv:3: row 2: lat: "abc" is not a number (want decimal degrees such as 22.5431)` ||
		!strings.HasPrefix(probs[1].(string), `mine.csv:5: row 4 (acme-robots): categories: unknown category "robots"`) {
		t.Errorf("refused: %d %v", code, out)
	}
	if offer["records"] != 2.0 || offer["hubs"] != 3.0 {
		t.Errorf("offer %v, want 2 records left out and 3 hubs", out["leave_out"])
	}
	code, out = post("&leave_out=1", list)
	notes, _ := out["notes"].([]any)
	if code != http.StatusCreated || out["hubs"] != 3.0 || len(notes) != 3 ||
		notes[0] != "mine.csv: left out: 2 of 5 rows, for the problems below; 3 hubs loaded" ||
		notes[1] != `mine.csv:3: row 2: lat: left out: "abc" is not a number (want decimal degrees such as 22.5431)` {
		t.Fatalf("left out: %d %v", code, out)
	}
	_, body := get(t, h, "/api/hubs?preview="+out["token"].(string))
	for _, name := range []string{"Acme Dolls", "Acme Socks", "Acme Shoes"} {
		if !strings.Contains(string(body), name) {
			t.Errorf("%s not in the preview: %.300s", name, body)
		}
	}
	if strings.Contains(string(body), "Acme Rings") || strings.Contains(string(body), "Acme Robots") {
		t.Errorf("a bad row is in the preview: %.300s", body)
	}

	mostlyBad := "name,lat,lon,products,categories\nAcme Dolls,23.02,113.75,Dolls,toys\nAcme Rings,abc,113.75,Rings,toys\nAcme Robots,23.02,113.75,Robots,robots\n"
	code, out = post("", mostlyBad)
	if probs, _ := out["problems"].([]any); code != http.StatusUnprocessableEntity || out["leave_out"] != nil || len(probs) != 2 {
		t.Errorf("mostly bad: %d %v", code, out)
	}
	code, out = post("&leave_out=1", mostlyBad)
	if probs, _ := out["problems"].([]any); code != http.StatusUnprocessableEntity || len(probs) != 3 ||
		probs[0] != "mine.csv: nothing was left out: 2 of the 3 rows have problems, more than half: is it the right file, sheet and columns?" {
		t.Errorf("mostly bad, leaving out: %d %v", code, out)
	}
	code, out = post("&leave_out=maybe", list)
	if code != http.StatusBadRequest || out["param"] != "leave_out" || !strings.Contains(out["error"].(string), "valid values are 0, 1, false, true") {
		t.Errorf("leave_out=maybe: %d %v", code, out)
	}
}
