package faulttest

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"
)

// The checks of this file return what they find wrong, so that
// TestCheckersCatchInjection can show that each one fails on the attack
// it is meant to catch.

// problems collects findings, at most a few of one kind.
type problems []string

func (ps *problems) add(format string, args ...any) {
	*ps = append(*ps, fmt.Sprintf(format, args...))
}

// report fails t with each problem, under what.
func report(t *testing.T, what string, ps problems) {
	t.Helper()
	for i, p := range ps {
		if i == 10 {
			t.Errorf("%s: %d more problems", what, len(ps)-i)
			break
		}
		t.Errorf("%s: %s", what, p)
	}
}

// missing finds the texts of want that are not in got.
func (ps *problems) missing(got string, want []string) {
	for _, w := range want {
		if !strings.Contains(got, w) {
			ps.add("%q is not there as text", w)
		}
	}
}

// dangerousElements run script, load content or change how a document is
// read; none may come from data.
var dangerousElements = []string{"script", "iframe", "frame", "frameset", "object", "embed", "applet", "foreignobject",
	"style", "base", "meta", "link", "img", "image", "use", "animate", "set", "animatetransform", "animatemotion",
	"handler", "listener", "math", "mglyph", "template", "form", "a", "audio", "video", "source", "portal"}

// urlAttrs hold URLs (or, in SVG animation, values) that run script when
// they say javascript:.
var urlAttrs = []string{"href", "src", "action", "formaction", "data", "poster", "background", "srcdoc", "to", "values", "from", "by"}

// checkHTML parses a page as a browser does (html.Parse, with SVG and
// MathML as foreign content) and finds what does not belong to the page:
// a script but /static/app.js, a stylesheet but /static/app.css, any other
// element of dangerousElements (links only without javascript:), any event
// or style attribute, a URL attribute with a script or data scheme. It also
// finds the texts of want missing from the page's text and attribute values
// once unescaped: the data must arrive escaped, not dropped.
func checkHTML(body []byte, want []string) problems {
	var ps problems
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		ps.add("%v", err)
		return ps
	}
	var text strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data + "\n")
		case html.ElementNode:
			name := strings.ToLower(n.Data)
			attr := map[string]string{}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				attr[k] = a.Val
				text.WriteString(a.Val + "\n")
				switch {
				case strings.HasPrefix(k, "on"):
					ps.add("<%s %s=%q>: an event attribute", name, k, a.Val)
				case k == "style":
					ps.add("<%s style=%q>", name, a.Val)
				case slices.Contains(urlAttrs, k):
					if v := scheme(a.Val); v == "javascript:" || v == "vbscript:" || v == "data:" && a.Val != "data:," {
						ps.add("<%s %s=%q>", name, k, a.Val)
					}
				}
			}
			ok := true
			switch name {
			case "script":
				ok = attr["src"] == "/static/app.js" && strings.TrimSpace(textOf(n)) == ""
			case "link":
				ok = attr["rel"] == "stylesheet" && attr["href"] == "/static/app.css" || attr["rel"] == "icon" && attr["href"] == "data:,"
			case "meta":
				_, equiv := attr["http-equiv"]
				ok = !equiv && (attr["charset"] != "" || attr["name"] != "")
			case "a":
				ok = scheme(attr["href"]) != "javascript:"
			case "form":
				ok = attr["action"] == "" || strings.HasPrefix(attr["action"], "/")
			default:
				ok = !slices.Contains(dangerousElements, name)
			}
			if !ok {
				ps.add("element <%s %v> does not belong to the page", name, attr)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	ps.missing(text.String(), want)
	return ps
}

// scheme is the scheme of a URL as a browser reads it: case, white space
// and control characters do not count.
func scheme(u string) string {
	u = strings.ToLower(strings.Join(strings.FieldsFunc(u, func(r rune) bool { return r <= ' ' }), ""))
	if i := strings.IndexByte(u, ':'); i > 0 && !strings.ContainsAny(u[:i], "/?#") {
		return u[:i+1]
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// svgElements is the export profile's vocabulary (docs/export-svg.md).
var svgElements = []string{"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "text", "tspan", "title", "desc"}

// checkSVG parses an SVG as strict XML, as an SVG viewer does, and finds
// what breaks the export profile's safety rules: an element outside its
// drawing vocabulary, an event, style, class or link attribute, a DOCTYPE
// or processing instruction (entities), and texts of want missing.
func checkSVG(body []byte, want []string) problems {
	var ps problems
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps.add("not well-formed XML: %v", err)
			return ps
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != "http://www.w3.org/2000/svg" || !slices.Contains(svgElements, tok.Name.Local) {
				ps.add("element {%s}%s outside the export profile", tok.Name.Space, tok.Name.Local)
			}
			for _, a := range tok.Attr {
				k := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(k, "on") || k == "style" || k == "class" || k == "href" || k == "src" || a.Name.Space == "http://www.w3.org/1999/xlink" {
					ps.add("<%s %s=%q>", tok.Name.Local, a.Name.Local, a.Value)
				}
				text.WriteString(a.Value + "\n")
			}
		case xml.CharData:
			text.Write(tok)
			text.WriteByte('\n')
		case xml.Directive:
			ps.add("directive <!%s>", tok)
		case xml.ProcInst:
			if tok.Target != "xml" {
				ps.add("processing instruction <?%s %s?>", tok.Target, tok.Inst)
			}
		}
	}
	ps.missing(text.String(), want)
	return ps
}

// jsonStrings collects every key and string of a JSON document.
func jsonStrings(v any, out *strings.Builder) {
	switch v := v.(type) {
	case string:
		out.WriteString(v + "\n")
	case []any:
		for _, e := range v {
			jsonStrings(e, out)
		}
	case map[string]any:
		for k, e := range v {
			out.WriteString(k + "\n")
			jsonStrings(e, out)
		}
	}
}

// checkJSON finds a JSON response that does not parse, texts of want
// missing from its strings, and any of < > & U+2028 U+2029 raw: escaped,
// a response stays inert even where it is read as HTML or as script.
func checkJSON(body []byte, want []string) problems {
	var ps problems
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		ps.add("%v", err)
		return ps
	}
	if i := bytes.IndexAny(body, "<>&\u2028\u2029"); i >= 0 {
		ps.add("raw %q at byte %d: %.80q", []rune(string(body[i:]))[0], i, body[max(0, i-40):])
	}
	var s strings.Builder
	jsonStrings(v, &s)
	ps.missing(s.String(), want)
	return ps
}

// formulaStart are the characters a spreadsheet reads a formula from
// (OWASP's list for CSV injection).
const formulaStart = "=+-@\t\r"

// unformula is a text as a spreadsheet-safe cell holds it.
func unformula(s string) string {
	if s != "" && strings.ContainsAny(s[:1], formulaStart) {
		return "'" + s
	}
	return s
}

// startsFormula reports a cell a spreadsheet would read as a formula.
func startsFormula(cell string) bool {
	cell = strings.TrimLeft(cell, " ")
	return cell != "" && strings.ContainsAny(cell[:1], formulaStart)
}

// checkCSV reads a CSV download as a spreadsheet does (UTF-8 with a BOM)
// and finds cells that would be read as formulas, and texts of want (as
// unformula makes them) missing. It returns the rows too.
func checkCSV(body []byte, want []string) ([][]string, problems) {
	var ps problems
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		ps.add("%v", err)
		return nil, ps
	}
	var cells strings.Builder
	for i, row := range rows {
		for j, cell := range row {
			if startsFormula(cell) {
				ps.add("row %d column %d: %q would be read as a formula", i+1, j+1, cell)
			}
			cells.WriteString(cell + "\n")
		}
	}
	var safe []string
	for _, w := range want {
		safe = append(safe, unformula(w))
	}
	ps.missing(cells.String(), safe)
	return rows, ps
}

// checkXLSX opens a workbook as excelize reads it and finds, in every
// sheet, a formula, a hyperlink, or a text cell that starts like a
// formula, and texts of want (as unformula makes them) missing.
func checkXLSX(data []byte, want []string) problems {
	var ps problems
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		ps.add("%v", err)
		return ps
	}
	defer f.Close()
	var all strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			ps.add("%s: %v", sheet, err)
			continue
		}
		for i, row := range rows {
			for j, v := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					ps.add("%s!%s: formula %q", sheet, cell, fm)
				}
				if link, target, _ := f.GetCellHyperLink(sheet, cell); link {
					ps.add("%s!%s: hyperlink to %q", sheet, cell, target)
				}
				if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeNumber && startsFormula(v) {
					ps.add("%s!%s: %q would be read as a formula", sheet, cell, v)
				}
				all.WriteString(v + "\n")
			}
		}
	}
	var safe []string
	for _, w := range want {
		safe = append(safe, unformula(w))
	}
	ps.missing(all.String(), safe)
	return ps
}

// pdfActions are the PDF names that run, open, submit or link something.
var pdfActions = []string{"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/URI", "/SubmitForm", "/ImportData",
	"/EmbeddedFile", "/RichMedia", "/XFA", "/AcroForm", "/GoToR"}

// checkPDF reads a PDF with poppler and finds: JavaScript as pdfinfo sees
// it, a title other than title, texts of want (white space aside) missing
// from what pdftotext extracts, and any action name in the file. ok is
// false when poppler is not installed.
func checkPDF(data []byte, title string, want []string) (ps problems, ok bool) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return nil, false
	}
	dir, err := os.MkdirTemp("", "faulttest-pdf-")
	if err != nil {
		ps.add("%v", err)
		return ps, true
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "x.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		ps.add("%v", err)
		return ps, true
	}
	info, err := exec.Command("pdfinfo", "-enc", "UTF-8", path).CombinedOutput()
	if err != nil {
		ps.add("pdfinfo: %v: %s", err, info)
		return ps, true
	}
	if !strings.Contains(string(info), "JavaScript:      no\n") {
		ps.add("pdfinfo finds JavaScript:\n%s", info)
	}
	if title != "" && !strings.Contains(string(info), "Title:           "+title+"\n") {
		ps.add("pdfinfo's title is not %q:\n%.300s", title, info)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		ps.add("pdftotext: %v", err)
		return ps, true
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	var sq []string
	for _, w := range want {
		sq = append(sq, squash(w))
	}
	ps.missing(squash(string(txt)), sq)
	for _, name := range pdfActions {
		for _, next := range []string{" ", "<", "(", "/", "[", "\n"} {
			if bytes.Contains(data, []byte(name+next)) {
				ps.add("%s in the file", name)
				break
			}
		}
	}
	return ps, true
}

// TestCheckersCatchInjection: each check finds the attack it is for, and
// passes what is clean.
func TestCheckersCatchInjection(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<!doctype html><html><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="/static/app.css"></head><body>` +
			body + `<script src="/static/app.js"></script></body></html>`)
	}
	for _, c := range []struct {
		name  string
		found problems
		want  bool // problems expected
	}{
		{"clean page", checkHTML(page(`<p>&lt;script&gt;x&lt;/script&gt;</p><svg><text>a &amp; b</text></svg>`), []string{"<script>x</script>", "a & b"}), false},
		{"script", checkHTML(page(`<p><script>x()</script></p>`), nil), true},
		{"event attribute", checkHTML(page(`<p title="" onmouseover="x()">a</p>`), nil), true},
		{"img onerror", checkHTML(page(`<img src=x onerror=x()>`), nil), true},
		{"javascript link", checkHTML(page(`<a href=" JaVa&#x09;Script:x()">a</a>`), nil), true},
		{"style attribute", checkHTML(page(`<b style="x:expression(x())">a</b>`), nil), true},
		{"foreignObject", checkHTML(page(`<svg><foreignObject><p>a</p></foreignObject></svg>`), nil), true},
		{"svg animate", checkHTML(page(`<svg><set attributeName="onmouseover" to="x()"/></svg>`), nil), true},
		{"meta refresh", checkHTML(page(`<meta http-equiv="refresh" content="0;url=javascript:x()">`), nil), true},
		{"text dropped", checkHTML(page(`<p>a</p>`), []string{"<b>"}), true},
		{"clean svg", checkSVG([]byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><title>&lt;b&gt;</title><text fill="#000000">a</text></svg>`), []string{"<b>"}), false},
		{"svg script", checkSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>`), nil), true},
		{"svg onload", checkSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"></svg>`), nil), true},
		{"svg xlink", checkSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><text xlink:href="javascript:x()">a</text></svg>`), nil), true},
		{"svg broken", checkSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><text>a<b></text></svg>`), nil), true},
		{"svg entity", checkSVG([]byte(`<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"></svg>`), nil), true},
		{"clean json", checkJSON([]byte(`{"a":"\u003cb\u003e \u0026 \u2028"}`), []string{"<b> & \u2028"}), false},
		{"json raw", checkJSON([]byte(`{"a":"<b>"}`), nil), true},
		{"json line separator", checkJSON([]byte("{\"a\":\"\u2028\"}"), nil), true},
	} {
		if got := len(c.found) > 0; got != c.want {
			t.Errorf("%s: problems %q, want some: %v", c.name, c.found, c.want)
		}
	}
	if _, ps := checkCSV([]byte("\uFEFFa,b\n'=1+1,x\n"), []string{"=1+1"}); len(ps) > 0 {
		t.Errorf("clean CSV: %q", ps)
	}
	for _, bad := range []string{"a\n=1+1\n", "a\n\" +1\"\n", "a\n@SUM(A1)\n", "a\n-1+2\n"} {
		if _, ps := checkCSV([]byte(bad), nil); len(ps) == 0 {
			t.Errorf("CSV %q: no problem found", bad)
		}
	}
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "=1+1")
	f.SetCellFormula("Sheet1", "B1", "1+1")
	f.SetCellValue("Sheet1", "C1", "a")
	f.SetCellHyperLink("Sheet1", "C1", "https://evil.example/", "External")
	var buf bytes.Buffer
	f.Write(&buf)
	if ps := checkXLSX(buf.Bytes(), nil); len(ps) != 3 {
		t.Errorf("XLSX with a formula-like text, a formula and a link: %q", ps)
	}
}
