// Command gen writes the example data of examples/: the supplier lists,
// categories and boundary files a sourcing consultant brings to hubatlas,
// all synthetic. Run it from the repository root:
//
//	go run ./examples/gen
//
// Its output is the same bytes on every run: fixed seeds, table order, no
// timestamps. It reads assets/data/china-provinces.geojson to keep every
// factory inside its province and to build the boundary fixtures.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Boundary fixture settings: Douglas–Peucker tolerance and the smallest
// island kept, in degrees and square degrees, and decimals written.
const (
	fixtureTolerance = 0.02
	fixtureMinArea   = 0.005
	fixtureDecimals  = 4
)

// The lists: seeds fix them; sizes and mixes follow the README.
var (
	mainList = listSpec{seed: 1, rows: 5000, idFormat: "s%05d", noID: 0.04, noCategories: 0.03, urlShare: 0.55,
		provinces: provinceStyle{code: 70, english: 12, zh: 6, zhFull: 6}}
	gbkList = listSpec{seed: 2, rows: 2000, idFormat: "GYS%04d", noID: 0.03, noCategories: 0.03, urlShare: 0.3,
		provinces: provinceStyle{code: 10, zh: 45, zhFull: 40}}
	semicolonList = listSpec{seed: 3, rows: 50, idFormat: "EU-%03d", urlShare: 0.5,
		provinces: provinceStyle{code: 40, english: 55}}
)

// The CSV files' formats.
var (
	mainCSV      = csvFormat{header: headerEN, comma: ',', bom: true, productSep: "; ", categorySep: ";"}
	gbkCSV       = csvFormat{header: headerZH, comma: ',', crlf: true, gbk: true, chinese: true, productSep: "、", categorySep: "；"}
	semicolonCSV = csvFormat{header: headerEN, comma: ';', crlf: true, productSep: "; ", categorySep: ";"}
)

// geojsonRows is how many factories of the main list suppliers.geojson holds.
const geojsonRows = 300

func main() {
	src := flag.String("src", "assets/data/china-provinces.geojson", "boundary file to place factories in and simplify")
	out := flag.String("out", "examples", "directory to write to")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if err := checkTables(); err != nil {
		return err
	}
	ps, err := loadProvinces(src)
	if err != nil {
		return err
	}
	fulls := make([]orb.MultiPolygon, len(ps))
	for i, p := range ps {
		fulls[i] = p.full
	}
	simple, err := simplifyShared(fulls, fixtureTolerance, fixtureMinArea, fixtureDecimals)
	if err != nil {
		return err
	}
	for i, p := range ps {
		p.simple = simple[i]
	}
	g := newGenerator(ps)
	var outside []string
	for _, c := range cities {
		if p := g.provinces[c.province]; !planar.MultiPolygonContains(p.full, orb.Point{c.lon, c.lat}) {
			outside = append(outside, fmt.Sprintf("%s (%g, %g) in %s", c.id, c.lon, c.lat, c.province))
		}
	}
	if len(outside) > 0 {
		return fmt.Errorf("city centres outside their province: %s", strings.Join(outside, "; "))
	}
	suppliers, err := g.list(mainList)
	if err != nil {
		return err
	}
	addQuirks(suppliers, 4)
	gbk, err := g.list(gbkList)
	if err != nil {
		return err
	}
	semicolon, err := g.list(semicolonList)
	if err != nil {
		return err
	}

	files := []struct {
		name  string
		bytes func() ([]byte, error)
	}{
		{"categories.yaml", func() ([]byte, error) { return categoriesYAML(), nil }},
		{"suppliers.csv", func() ([]byte, error) { return csvBytes(suppliers, mainCSV) }},
		{"suppliers-gbk.csv", func() ([]byte, error) { return csvBytes(gbk, gbkCSV) }},
		{"suppliers-semicolon.csv", func() ([]byte, error) { return csvBytes(semicolon, semicolonCSV) }},
		{"suppliers.xlsx", func() ([]byte, error) { return workbook(suppliers, mainCSV, workbookNotes) }},
		{"suppliers.yaml", func() ([]byte, error) { return hubsYAML(summarize(suppliers)[:40], g.byID), nil }},
		{"suppliers.geojson", func() ([]byte, error) { return suppliersGeoJSON(sample(suppliers, geojsonRows)) }},
		{"boundaries-datav.geojson", func() ([]byte, error) { return dataV(ps) }},
		{"boundaries-naturalearth.geojson", func() ([]byte, error) { return naturalEarth(ps) }},
	}
	for _, f := range files {
		b, err := f.bytes()
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		if err := os.WriteFile(filepath.Join(out, f.name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sample takes n factories with ids spread evenly over list.
func sample(list []supplier, n int) []*supplier {
	var out []*supplier
	for k := range n {
		for i := k * len(list) / n; i < len(list); i++ {
			if list[i].id != "" {
				out = append(out, &list[i])
				break
			}
		}
	}
	return out
}

var workbookNotes = []string{
	exampleTitle,
	"Every company here is invented: a city, a two-character trade name and an industry word. No real companies.",
	"Positions are scattered up to about 15 km around real city centres and lie inside the province named.",
	"province: ISO 3166-2 code, English or Chinese name, or empty (find it from lat/lon).",
	"lat, lon: WGS84 degrees. value: employees. products and categories: separated by ;",
	"Category ids are those of categories.yaml.",
	"Generated by go run ./examples/gen (" + exampleDate + ").",
}

// checkTables checks the hand-written tables against each other: ids
// unique, references resolve, and every product name matches its own
// category's keywords and no other's.
func checkTables() error {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	inds := map[string]bool{}
	for _, in := range industries {
		inds[in.id] = true
	}
	cats := map[string]bool{}
	for _, c := range categories {
		if cats[c.id] {
			bad("category %s twice", c.id)
		}
		cats[c.id] = true
		if !inds[c.industry] {
			bad("category %s: unknown industry %s", c.id, c.industry)
		}
		if len(pinyin[c.id]) == 0 {
			bad("category %s: no pinyin", c.id)
		}
		for _, k := range c.allKeywords() {
			if k != strings.ToLower(k) {
				bad("category %s: keyword %q is not lower case", c.id, k)
			}
		}
		if whole, _ := c.searchWords(); len(whole) == 0 {
			bad("category %s: every keyword names a product (productNames)", c.id)
		}
		seen := map[string]bool{}
		for _, names := range productNames[c.id] {
			for _, w := range names {
				if !slices.Contains(c.allKeywords(), w) || seen[w] {
					bad("category %s: product name %q is none of its keywords or pinyin, or named twice", c.id, w)
				}
				seen[w] = true
			}
		}
		for _, p := range c.products {
			for _, name := range []string{p.en, p.zh} {
				if m := matching(name); len(m) != 1 || m[0] != c.id {
					bad("category %s: product %q matches %v", c.id, name, m)
				}
			}
		}
	}
	for name, want := range map[product]string{cablesWithCommas: "cables-wires", monitors27: "consumer-electronics", monitors32: "consumer-electronics"} {
		for _, s := range []string{name.en, name.zh} {
			if m := matching(s); len(m) != 1 || m[0] != want {
				bad("quirk product %q matches %v", s, m)
			}
		}
	}
	ids := map[string]bool{}
	for _, c := range cities {
		if ids[c.id] {
			bad("city %s twice", c.id)
		}
		ids[c.id] = true
		if _, ok := divisionByCode(c.province); !ok {
			bad("city %s: unknown province %s", c.id, c.province)
		}
		for _, s := range c.specialties {
			if !cats[s] {
				bad("city %s: unknown category %s", c.id, s)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("tables:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

// matching returns the ids of the categories with a keyword in name.
func matching(name string) []string {
	name = strings.ToLower(name)
	var ids []string
	for _, c := range categories {
		for _, k := range c.allKeywords() {
			if strings.Contains(name, k) {
				ids = append(ids, c.id)
				break
			}
		}
	}
	return ids
}
