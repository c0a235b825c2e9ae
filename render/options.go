package render

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Options says how to draw a map. The zero value draws all of China at
// 1200×900 px with English labels, the international edition.
type Options struct {
	Width, Height int      // px; 0 means 1200×900, or the page's size
	Page          string   // a page preset (see Pages) or a size like "180x120mm"; "" for px
	DPI           int      // raster output only: dots per inch of a page (px outputs are 96)
	Lang          string   // en, zh or both; "" means en
	Title         string   // replaces the default title when set
	Focus         string   // fit the view to this division (code); "" for the filter's province or all of China
	BBox          BBox     // fit the view to this window instead; zero for none
	Edition       string   // EditionIntl ("") or EditionCN
	Products      Products // a second label line with products
	Shade         string   // ShadeCount (""), ShadeValue or ShadeNone
	ProvinceNames string   // auto (""), on or off
	Graticule     bool     // lines of latitude and longitude every 10°
	// Approval is the map approval number (审图号) printed in the footer
	// of the cn edition; from config, never from a query.
	Approval string
	Palette  *Palette // nil means the default shading
}

// BBox is a window in lon/lat degrees: west, south, east, north.
type BBox [4]float64

// IsZero reports whether b is unset.
func (b BBox) IsZero() bool { return b == BBox{} }

// String writes b as the bbox parameter takes it, rounded to 1e-4°.
func (b BBox) String() string {
	parts := make([]string, 4)
	for i, v := range b {
		parts[i] = strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
	}
	return strings.Join(parts, ",")
}

// ParseBBox reads "west,south,east,north" in degrees. The window must
// have its west below its east and its south below its north, lie in
// 60–150°E and 0–60°N (China and its neighbours) and span between 0.05°
// and 90°.
func ParseBBox(s string) (BBox, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return BBox{}, errInvalid
	}
	var b BBox
	for i, p := range f {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return BBox{}, errInvalid
		}
		b[i] = math.Round(v*1e4) / 1e4
	}
	w, s2, e, n := b[0], b[1], b[2], b[3]
	// Spans in ten-thousandths of a degree, as the bounds were rounded:
	// 113,23,113.05,23.06 had been refused (113.05-113 is 0.0499999...)
	// while 113.1,23.1,113.15,23.16 passed.
	span := func(lo, hi float64) int { return int(math.Round((hi - lo) * 1e4)) }
	switch {
	case w < 60 || e > 150 || s2 < 0 || n > 60:
		return BBox{}, errInvalid
	case span(w, e) < 500 || span(s2, n) < 500 || span(w, e) > 900_000 || span(s2, n) > 600_000:
		return BBox{}, errInvalid
	}
	return b, nil
}

// Bound returns b as an orb.Bound in degrees.
func (b BBox) Bound() orb.Bound {
	return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
}

// Palette sets the shading: Zero for provinces without a matching hub,
// Classes from light to dark for the classes of counts or values.
// Colours are #rrggbb.
type Palette struct {
	Zero    string
	Classes []string
}

// DefaultPalette is the shading used when Options.Palette is nil.
var DefaultPalette = Palette{Zero: zeroFill, Classes: classFills}

// Products says whether labels carry a second line with the hub's
// matching products.
type Products int

const (
	ProductsAuto Products = iota // when at most 10 hubs are shown
	ProductsOn
	ProductsOff
)

// Shading of provinces.
const (
	ShadeCount = "count" // by the number of matching hubs
	ShadeValue = "value" // by the summed value of the matching hubs
	ShadeNone  = "none"  // no shading: the markers alone
)

// ShadeModes are the valid values of Options.Shade.
var ShadeModes = []string{ShadeCount, ShadeValue, ShadeNone}

// Editions: international, or for publication in mainland China.
const (
	EditionIntl = "intl" // no inset; a note that boundaries are not authoritative
	EditionCN   = "cn"   // the South China Sea Islands inset, and the approval number
)

// Editions are the valid values of Options.Edition.
var Editions = []string{EditionIntl, EditionCN}

// NameModes are the valid values of Options.ProvinceNames.
var NameModes = []string{"auto", "on", "off"}

// Limits of Options, checked by Build.
const (
	MinSize, MaxSize = 320, 4000
	DefaultWidth     = 1200
	DefaultHeight    = 900
	MaxTitle         = 200 // bytes
	MinDPI, MaxDPI   = 72, 600
)

// Langs are the valid label languages.
var Langs = []string{"en", "zh", "both"}

// Page is a page size in millimetres.
type Page struct {
	Name          string
	Width, Height float64 // mm
	// Type scales the printed type sizes, for pages read from afar
	// (a projected slide); 0 means 1.
	Type float64
	// Margin, mm, is the page's margin: what a printer cannot reach
	// and a little more on sheets of paper; 0 for the 5 mm of pages
	// that go on a screen or into a document's column.
	Margin float64
}

// Pages are the page presets: A4 and A5 portrait, A4 landscape, US
// letter both ways, a 16:9 slide (PowerPoint's 13.33 × 7.5 in) and a
// single text column of a report (85 mm wide, as tall as the map, its
// legend and key need: Height 0).
var Pages = []Page{
	{"a4", 210, 297, 0, 12},
	{"a4-landscape", 297, 210, 0, 12},
	{"a5", 148, 210, 0, 10},
	{"letter", 215.9, 279.4, 0, 12},
	{"letter-landscape", 279.4, 215.9, 0, 12},
	{"slide", 13.3333333 * 25.4, 190.5, 1.6, 0}, // labels 11 pt, title 22 pt on a projected 13.3 in slide
	{"column", 85, 0, 0, 0},
}

// PageNames lists the presets' names.
func PageNames() []string {
	out := make([]string, len(Pages))
	for i, p := range Pages {
		out[i] = p.Name
	}
	return out
}

var customPage = regexp.MustCompile(`^(\d{2,4}(?:\.\d+)?)x(\d{2,4}(?:\.\d+)?)mm$`)

// Limits of a custom page, mm.
const minPageMM, maxPageMM = 50, 1200

// ParsePage reads a preset name or a custom size such as "180x120mm".
func ParsePage(s string) (Page, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range Pages {
		if p.Name == s {
			return p, nil
		}
	}
	m := customPage.FindStringSubmatch(s)
	if m == nil {
		return Page{}, errInvalid
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	if w < minPageMM || h < minPageMM || w > maxPageMM || h > maxPageMM {
		return Page{}, errInvalid
	}
	return Page{Name: s, Width: w, Height: h}, nil
}

// mmPerPx is the size of a CSS pixel (1/96 in).
const mmPerPx = 25.4 / 96

// Px returns the page's size in CSS px; a height of 0 is decided by the
// content.
func (p Page) Px() (float64, float64) { return p.Width / mmPerPx, p.Height / mmPerPx }

// AutoHeight reports whether the page is as tall as its content.
func (p Page) AutoHeight() bool { return p.Height == 0 }

// Check returns a *geo.InvalidError naming the first invalid option with
// the valid values.
func (o Options) Check(a *geo.Atlas) error {
	for _, d := range []struct {
		name string
		v    int
	}{{"width", o.Width}, {"height", o.Height}} {
		if d.v != 0 && (d.v < MinSize || d.v > MaxSize) {
			return &geo.InvalidError{Param: d.name, Value: fmt.Sprint(d.v), Hint: fmt.Sprintf("want a whole number of px from %d to %d", MinSize, MaxSize)}
		}
	}
	if o.Page != "" {
		if _, err := ParsePage(o.Page); err != nil {
			return &geo.InvalidError{Param: "page", Value: truncate(geo.Visible(o.Page), 40), Valid: PageNames(), Hint: pageHint}
		}
	}
	if o.DPI != 0 && (o.DPI < MinDPI || o.DPI > MaxDPI) {
		return &geo.InvalidError{Param: "dpi", Value: fmt.Sprint(o.DPI), Hint: fmt.Sprintf("want %d to %d", MinDPI, MaxDPI)}
	}
	if o.Lang != "" && !slices.Contains(Langs, o.Lang) {
		return &geo.InvalidError{Param: "lang", Value: o.Lang, Valid: Langs}
	}
	if len(o.Title) > MaxTitle || geo.Clean(o.Title) != o.Title {
		return &geo.InvalidError{Param: "title", Value: truncate(geo.Visible(o.Title), 40),
			Hint: fmt.Sprintf("want at most %d bytes of text without control characters", MaxTitle)}
	}
	if o.Focus != "" && a.DivisionIndex(o.Focus) < 0 {
		return &geo.InvalidError{Param: "focus", Value: o.Focus, Valid: a.DivisionCodes()}
	}
	if !o.BBox.IsZero() {
		if _, err := ParseBBox(o.BBox.String()); err != nil {
			return &geo.InvalidError{Param: "bbox", Value: o.BBox.String(), Hint: bboxHint}
		}
	}
	if o.Edition != "" && !slices.Contains(Editions, o.Edition) {
		return &geo.InvalidError{Param: "edition", Value: o.Edition, Valid: Editions}
	}
	if o.Shade != "" && !slices.Contains(ShadeModes, o.Shade) {
		return &geo.InvalidError{Param: "shade", Value: o.Shade, Valid: ShadeModes}
	}
	if o.ProvinceNames != "" && !slices.Contains(NameModes, o.ProvinceNames) {
		return &geo.InvalidError{Param: "province-names", Value: o.ProvinceNames, Valid: NameModes}
	}
	if len(o.Approval) > 80 || geo.Clean(o.Approval) != o.Approval {
		return &geo.InvalidError{Param: "map.approval_number", Value: truncate(geo.Visible(o.Approval), 40), Hint: "want at most 80 bytes of text, e.g. GS(2024)1234号"}
	}
	if p := o.Palette; p != nil {
		if len(p.Classes) == 0 || len(p.Classes) > 9 {
			return &geo.InvalidError{Param: "palette.classes", Value: fmt.Sprint(len(p.Classes)), Hint: "want 1 to 9 colours"}
		}
		for _, c := range append([]string{p.Zero}, p.Classes...) {
			if !colorRE.MatchString(c) {
				return &geo.InvalidError{Param: "palette", Value: c, Hint: "want colours like #3a76ad (lower case)"}
			}
		}
	}
	return nil
}

const (
	pageHint = "want a4, a4-landscape, a5, letter, letter-landscape, slide, column, or a size such as 180x120mm (50 to 1200 mm)"
	bboxHint = "want west,south,east,north in degrees inside 60-150°E and 0-60°N, at least 0.05° wide and tall, e.g. 112.5,21.5,115,23.5"
)

// withDefaults fills what was left out: 1200×900 px (a page, when set,
// sizes the map instead; see size), English, the international edition, shading by count.
func (o Options) withDefaults() Options {
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.Edition == "" {
		o.Edition = EditionIntl
	}
	if o.Shade == "" {
		o.Shade = ShadeCount
	}
	if o.ProvinceNames == "" {
		o.ProvinceNames = "auto"
	}
	if o.Palette == nil {
		o.Palette = &DefaultPalette
	}
	return o
}

// rasterDPI is the resolution of a PNG: as asked, else 300 for a page
// (print) and 96 for a px map (its px size).
func (o Options) rasterDPI() int {
	switch {
	case o.DPI != 0:
		return o.DPI
	case o.Page != "":
		return 300
	}
	return 96
}

// size returns the map's size in CSS px and its page, if it has one: a
// page sets the size, else width and height do.
func (o Options) size() (w, h float64, page *Page) {
	if o.Page != "" {
		if p, err := ParsePage(o.Page); err == nil {
			w, h := p.Px()
			return w, h, &p
		}
	}
	return float64(o.Width), float64(o.Height), nil
}
