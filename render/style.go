package render

import "math"

// Colours of the map. The sea is a pale blue, neighbouring countries a
// quiet light grey, China's provinces without a matching hub a warm grey
// darker than both, and the classes a sequential, colour-blind-safe blue
// ramp (ColorBrewer Blues) darker again: every pair differs in greyscale
// too (TestGreyscaleDistinct), and the industry colours of the markers
// stay legible on every class.
const (
	paperColor  = "#ffffff"
	seaColor    = "#d4e3f0"
	countryFill = "#f4f3f0"
	countryLine = "#c9ccd1"
	zeroFill    = "#d9d3c7"
	// outsideFill is the divisions a province filter leaves out: lighter
	// than "none", darker than the neighbours (China's outline parts it
	// from the sea, as close in greyscale).
	outsideFill  = "#e9e5dc"
	borderColor  = "#ffffff"
	outlineColor = "#6e7781"
	focusColor   = "#2b2b2b"
	textColor    = "#1f2328"
	mutedText    = "#57606a"
	// mutedCJK is mutedText for a product line in Chinese, darker: in
	// its halo at 9–10 px the close strokes of Chinese read paler than
	// Latin letters (丝绸、服装、婚纱 on a mid-blue province looked washed
	// out).
	mutedCJK     = "#3d444d"
	markerCasing = "#57606a"
	nameColor    = "#6e7781" // province names
	countryText  = "#8c959f" // neighbours' names
	seaText      = "#4a6f96" // the seas' names
	haloColor    = "#ffffff"
	leaderColor  = "#57606a"
	legendFill   = "#ffffff"
	legendLine   = "#d0d7de"
	graticuleCol = "#c7d3de"
	dashColor    = "#4d5560" // the South China Sea line
)

// classFills shade provinces from the fewest to the most matching hubs.
var classFills = []string{"#8fbcdb", "#5a9bcd", "#3a78b3", "#1f4e8c"}

// Font families. Latin text names a Latin face first, so that quotes and
// dots keep their Latin shapes and widths; text with Chinese names the
// CJK faces first. Both end with the other and a generic family.
const (
	latinFonts = `'Noto Sans','Source Sans 3','Helvetica Neue',Arial,'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif`
	cjkFonts   = `'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','Noto Sans',Arial,sans-serif`
)

// Style is the map's type, strokes and markers in px, scaled to its
// output: a screen map in px sizes legible on screens (labels 11 px at
// least), a page in points (labels at least 6.5 pt, legend 6 pt, title
// 12 pt or more at the printed size).
type Style struct {
	Label, Product, Count float64 // hub names, product lines, counts in circles
	Title, Subtitle       float64
	Legend, LegendHead    float64
	Credit                float64
	Name                  float64 // province and country names
	Marker                float64 // marker radius
	Border, Outline       float64 // stroke widths
	Focus, Leader, Halo   float64
	Gap                   float64 // between a marker and its label
	Pad                   float64 // page margin
	// MinText is the least size any text may shrink to, px: 5 pt on a
	// printed page, where smaller type does not read; 0 on screen.
	MinText float64
}

// ptPx is one typographic point in CSS px.
const ptPx = 96.0 / 72

// styleFor returns the style of a W×H px map, printed on page when set.
func styleFor(w, h float64, page *Page) Style {
	if page != nil {
		title := 14.0
		if page.Width < 120 {
			title = 12
		}
		pt := ptPx
		if page.Type > 0 {
			pt *= page.Type
		}
		// Province and country names grow with a page's type less than
		// the rest, at most by a quarter: on a slide (type 1.6) they had
		// taken 1.6 times their printed size on a map no larger than a
		// page's, and 7 of 34 provinces were named in English. At 10.8
		// px on a 1280 px slide they take the width's share of the
		// default screen map's (10.5 px on 1200), under the hubs' 14.9.
		name := 6.5 * min(pt, 1.25*ptPx)
		pad := 5.0
		if page.Margin > 0 {
			pad = page.Margin // the map's frame and the text keep about half of it from the edge
		}
		return Style{
			Label: 7 * pt, Product: 6.5 * pt, Count: 6.5 * pt,
			Title: title * pt, Subtitle: 8.5 * pt,
			Legend: 6.5 * pt, LegendHead: 7 * pt, Credit: 6 * pt, Name: name,
			Marker: 3.6 * pt / ptPx, Border: 0.6, Outline: 0.8, Focus: 1.4, Leader: 0.7, Halo: 2.4 * pt / ptPx,
			Gap: 2.4 * pt / ptPx, Pad: pad / mmPerPx, MinText: 5 * ptPx,
		}
	}
	k := math.Max(0.92, math.Min(1.4, math.Min(w/1200, h/900)))
	return Style{
		Label: math.Max(11, 12*k), Product: math.Max(9.5, 10*k), Count: math.Max(8.5, 9.5*k),
		Title: math.Max(16, 20*k), Subtitle: math.Max(11.5, 13*k),
		Legend: math.Max(9.5, 10*k), LegendHead: math.Max(10.5, 11*k), Credit: math.Max(9, 9.5*k), Name: math.Max(9.5, 10.5*k),
		Marker: math.Max(4.5, math.Min(8, w/200)), Border: 0.8, Outline: 0.9, Focus: 1.6, Leader: 0.8, Halo: 3,
		Gap: 3, Pad: 16 * k,
	}
}

// SeaColor and CountryFill are the sea's and the neighbouring countries'
// colours, for tests and the page's legend.
const (
	SeaColor    = seaColor
	CountryFill = countryFill
	OutsideFill = outsideFill
)
