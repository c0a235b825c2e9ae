package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Fixed facts of the example data: the date the files claim, and the
// timestamp written into the workbook's document properties (excelize
// would write the current time) so the bytes do not change.
const (
	exampleDate   = "2026-01-15"
	workbookStamp = "2026-01-15T09:00:00Z"
	exampleSource = "hubatlas examples generator (synthetic data)"
	exampleTitle  = "Supplier shortlist (synthetic example)"
	// exampleLicense is the licence the synthetic files state: they are made
	// up by this generator, so nobody else's rights apply.
	exampleLicense = "CC0-1.0"
)

var (
	headerEN = []string{"id", "name", "name_zh", "province", "city", "city_zh", "lat", "lon", "products", "categories", "value", "url"}
	headerZH = []string{"编号", "名称", "中文名称", "省份", "城市", "纬度", "经度", "产品", "类别", "数值", "网址"}
)

// csvFormat is how one CSV file writes a list.
type csvFormat struct {
	header      []string
	comma       rune
	crlf        bool   // CRLF line ends, as Excel writes them
	bom         bool   // UTF-8 byte order mark, as Excel's "CSV UTF-8" writes it
	gbk         bool   // GBK (code page 936), as Excel on Chinese Windows writes it
	chinese     bool   // product names in Chinese
	productSep  string // between products in one cell
	categorySep string // between category ids in one cell
}

// record is one row of f.
func (f csvFormat) record(s *supplier) []string {
	var names []string
	for _, p := range s.products {
		if f.chinese {
			names = append(names, p.zh)
		} else {
			names = append(names, p.en)
		}
	}
	sep := f.productSep
	if s.lineBreak {
		sep = strings.TrimRight(sep, " ") + "\n"
	}
	// A Chinese file's 城市 is the Chinese name; an English one has both.
	city := []string{s.city.en, s.city.zh}
	if f.chinese {
		city = []string{s.city.zh}
	}
	rec := append([]string{s.id, s.name, s.nameZH, s.province}, city...)
	return append(rec, formatFloat(s.lat), formatFloat(s.lon),
		strings.Join(names, sep), strings.Join(s.categories, f.categorySep), strconv.Itoa(s.employees), s.url)
}

// csvBytes writes list in format f.
func csvBytes(list []supplier, f csvFormat) ([]byte, error) {
	var b bytes.Buffer
	if f.bom {
		b.WriteString("\uFEFF")
	}
	w := csv.NewWriter(&b)
	w.Comma = f.comma
	w.UseCRLF = f.crlf
	w.Write(f.header)
	for i := range list {
		w.Write(f.record(&list[i]))
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	if !f.gbk {
		return b.Bytes(), nil
	}
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("GBK: %w", err)
	}
	return out, nil
}

func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// workbook writes list to an XLSX workbook: sheet "Suppliers" with the
// English header and numbers as numeric cells, then sheet "Notes".
func workbook(list []supplier, f csvFormat, notes []string) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Suppliers"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, w := range []float64{9, 44, 30, 11, 12, 10, 10, 40, 34, 8, 30} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	head := make([]any, len(f.header))
	for i, h := range f.header {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for i := range list {
		rec := f.record(&list[i])
		row := make([]any, len(rec))
		for j, v := range rec {
			if v != "" {
				row[j] = v
			}
		}
		at := func(col string) int { return slices.Index(f.header, col) }
		row[at("lat")], row[at("lon")], row[at("value")] = list[i].lat, list[i].lon, list[i].employees
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	if _, err := x.NewSheet("Notes"); err != nil {
		return nil, err
	}
	for i, line := range notes {
		if err := x.SetCellStr("Notes", fmt.Sprintf("A%d", i+1), line); err != nil {
			return nil, err
		}
	}
	if err := x.SetColWidth("Notes", "A", "A", 100); err != nil {
		return nil, err
	}
	if err := x.SetDocProps(&excelize.DocProperties{
		Title: exampleTitle, Creator: "hubatlas examples/gen", LastModifiedBy: "hubatlas examples/gen",
		Description: "Synthetic factories; no real companies.", Language: "en-US",
		Created: workbookStamp, Modified: workbookStamp,
	}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// supplierProps are the properties of a factory in suppliers.geojson.
type supplierProps struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	NameZH     string   `json:"name_zh"`
	Province   string   `json:"province,omitempty"`
	City       string   `json:"city,omitempty"`
	CityZH     string   `json:"city_zh,omitempty"`
	Products   []string `json:"products"`
	Categories []string `json:"categories,omitempty"`
	Value      int      `json:"value"`
	URL        string   `json:"url,omitempty"`
}

// suppliersGeoJSON writes list as Point features.
func suppliersGeoJSON(list []*supplier) ([]byte, error) {
	var fs []feature
	for _, s := range list {
		var names []string
		for _, p := range s.products {
			names = append(names, p.en)
		}
		fs = append(fs, feature{"Feature", supplierProps{
			ID: s.id, Name: s.name, NameZH: s.nameZH, Province: s.province, City: s.city.en, CityZH: s.city.zh, Products: names,
			Categories: s.categories, Value: s.employees, URL: s.url,
		}, geometry{"Point", orb.Point{s.lon, s.lat}}})
	}
	return featureCollection(collectionHead{
		Title: exampleTitle + ", 300 factories", Source: exampleSource, Date: exampleDate, License: exampleLicense,
		Noun: "suppliers", NounZH: "供应商",
	}, fs)
}

// yamlWriter writes the block YAML of hubs.yaml's shape.
type yamlWriter struct{ bytes.Buffer }

func (w *yamlWriter) line(indent int, format string, args ...any) {
	w.WriteString(strings.Repeat(" ", indent))
	fmt.Fprintf(w, format, args...)
	w.WriteByte('\n')
}

// comment writes text as # lines.
func (w *yamlWriter) comment(text string) {
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		w.WriteString(strings.TrimRight("# "+l, " ") + "\n")
	}
}

// scalar returns s as a plain YAML scalar when that reads back as the same
// string, else double-quoted.
func scalar(s string) string {
	plain := s != "" && s == strings.TrimSpace(s) && !strings.ContainsAny(s, ",[]{}#\"'\n\\`") &&
		!strings.Contains(s, ": ") && !strings.HasSuffix(s, ":") && !strings.ContainsRune("-?:&*!|>%@", rune(s[0]))
	if plain {
		switch strings.ToLower(s) {
		case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
			plain = false
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			plain = false
		}
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) && strings.Count(s, "-") == 2 {
			plain = false // a date
		}
	}
	if plain {
		return s
	}
	return strconv.Quote(s)
}

// flow writes items as a YAML flow sequence: [a, b].
func flow(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = scalar(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// meta writes the top-level members a data file says about itself.
func (w *yamlWriter) meta(kv ...string) {
	for i := 0; i < len(kv); i += 2 {
		w.line(0, "%s: %s", kv[i], scalar(kv[i+1]))
	}
}

// categoriesYAML is examples/categories.yaml.
func categoriesYAML() []byte {
	var w yamlWriter
	w.comment(`
A sourcing consultant's product categories for hubatlas: the industries
(with marker colours) and the categories suppliers are filed under. It
has the shape of the industries and categories sections of
assets/data/hubs.yaml; examples/suppliers.* refer to these ids.

Keywords, English, Chinese and pinyin, let a loader file a supplier whose
categories column is empty by its product names.
Colours are Paul Tol's colour-blind-safe "muted" palette.

Generated by go run ./examples/gen; edit the generator, not this file.`)
	w.WriteByte('\n')
	w.meta("title", "Sourcing categories (example)", "source", exampleSource, "license", exampleLicense)
	w.WriteString("\nindustries:\n")
	for _, in := range industries {
		w.line(2, "- id: %s", scalar(in.id))
		w.line(4, "name: %s", scalar(in.name))
		w.line(4, "name_zh: %s", scalar(in.nameZH))
		w.line(4, "color: %q", in.color)
	}
	w.WriteString("\ncategories:\n")
	for _, c := range categories {
		w.line(2, "- id: %s", scalar(c.id))
		w.line(4, "name: %s", scalar(c.name))
		w.line(4, "name_zh: %s", scalar(c.nameZH))
		w.line(4, "industry: %s", scalar(c.industry))
		whole, products := c.searchWords()
		w.line(4, "keywords: %s", flow(whole))
		names := make([]string, len(products))
		for i, p := range products {
			names[i] = flow(p)
		}
		w.line(4, "products: [%s]", strings.Join(names, ", "))
	}
	return w.Bytes()
}

// hubsYAML is examples/suppliers.yaml: the cities of the shortlist in
// hubs.yaml's shape, without industries and categories.
func hubsYAML(hubs []hubSummary, byID map[string]*category) []byte {
	var w yamlWriter
	w.comment(`
The cities of a sourcing consultant's supplier shortlist, in the shape of
the hubs section of assets/data/hubs.yaml. It has no industries or
categories sections: its category ids are those of
examples/categories.yaml. value is the number of shortlisted suppliers in
the city (examples/suppliers.csv); url, where present, is a placeholder.

Synthetic data: city positions are real, everything else is invented.
Generated by go run ./examples/gen; edit the generator, not this file.`)
	w.WriteByte('\n')
	w.meta("title", "Supplier cities (synthetic example)", "source", exampleSource,
		"date", exampleDate, "license", exampleLicense, "url", "https://example.com/shortlist",
		"noun", "supplier cities", "noun_zh", "供应商城市")
	w.WriteString("\nhubs:\n")
	for i, h := range hubs {
		c := h.city
		w.line(2, "- id: %s", scalar(c.id))
		w.line(4, "name: %s", scalar(c.en))
		w.line(4, "name_zh: %s", scalar(c.zh))
		w.line(4, "province: %s", c.province)
		w.line(4, "lon: %.4f", c.lon)
		w.line(4, "lat: %.4f", c.lat)
		w.line(4, "value: %d", len(h.suppliers))
		if i%3 != 2 {
			w.line(4, "url: %s", scalar("https://example.com/hubs/"+c.id))
		}
		w.line(4, "specialties:")
		for _, id := range h.categories[:min(3, len(h.categories))] {
			cat := byID[id]
			p, n := commonProduct(h.suppliers, cat)
			w.line(6, "- product: %s", scalar(p.en))
			w.line(8, "product_zh: %s", scalar(p.zh))
			w.line(8, "category: %s", id)
			w.line(8, "description: %s", scalar(fmt.Sprintf("%d shortlisted suppliers here make %s.", n, lowerFirst(cat.name))))
		}
	}
	return w.Bytes()
}

// commonProduct returns the product of cat most suppliers in ss make and
// how many suppliers make anything of cat.
func commonProduct(ss []*supplier, cat *category) (product, int) {
	count := map[product]int{}
	makers := 0
	for _, s := range ss {
		if !slices.Contains(s.categories, cat.id) {
			continue
		}
		makers++
		for _, p := range s.products {
			for _, q := range cat.products {
				if p == q {
					count[p]++
				}
			}
		}
	}
	best := cat.products[0]
	for _, p := range cat.products { // table order breaks ties
		if count[p] > count[best] {
			best = p
		}
	}
	return best, makers
}

// lowerFirst lower-cases the first letter unless the word is an acronym.
func lowerFirst(s string) string {
	if len(s) > 1 && unicode.IsUpper(rune(s[1])) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
