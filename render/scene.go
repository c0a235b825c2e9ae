// Package render draws hubatlas maps: Build turns the atlas and a request
// into a Scene, plain data in pixels that tests can inspect, and the
// writers turn a Scene into a report-quality SVG (WriteSVG), a PNG or a
// PDF. It is the only package that imports svgo.
package render

import (
	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Scene is everything a map shows, in CSS pixels (x right, y down; 96 to
// the inch), ready to be written. A Scene is plain data: build one with
// Build. Its Base is shared with other scenes of the same view and must
// not be modified.
type Scene struct {
	Width, Height float64
	Page          *Page // the printed page, nil for a px map
	DPI           int   // resolution of a PNG of it
	Style         Style

	Title []string // lines of the title
	// Subtitle is one line, or two for both languages when one does not
	// hold them: English, then Chinese.
	Subtitle []string
	Desc     string // alt text: what the map shows, in words
	TitleY   []float64
	SubY     []float64

	Panel            // the main map
	Insets  []Inset  // enlargements and the South China Sea Islands
	Legend  Legend   // industries, classes, symbol sizes and the scale bar
	Key     Key      // numbered hubs, when some names could not stand on the map
	Credit  []string // attribution lines, then the edition's note
	CreditY []float64

	Shown int // matching hubs inside the frame
	// shown lists them (by index, in file order) for a view closer than
	// all of China with few enough to list: the alt text names them.
	shown []int
	// HubFrame is where a hub stands for its marker to be drawn: the
	// frame less a marker's radius, so that no marker is cut by it. Shown
	// counts the hubs in it.
	HubFrame orb.Bound

	// Aggregated says Hubs are proportional symbols, not one marker per
	// hub: a circle of radius SymbolRMax stands for SymbolMax hubs (or
	// that much value when SymbolByValue), areas in proportion.
	Aggregated    bool
	SymbolMax     float64
	SymbolRMax    float64
	SymbolByValue bool

	unnamed *unnamedSymbols // until the layout holds
	// seaBox is where the map itself shows the South China Sea's dashed
	// line (cn edition, no inset): the legend and key keep off it.
	seaBox orb.Bound
	// asked is where the view asked for (all China, a province, a
	// window) stands, px: boxes over the map keep off its land (see
	// landBudget).
	asked orb.Bound
	// englishProducts keeps the products of a map in both languages in
	// English (see Build).
	englishProducts bool
}

// Draws reports whether the scene draws hub i of a, the atlas it was
// built from: whether the hub stands in HubFrame, as Shown counts. These
// are the hubs the dashboard's table lists, and a download of the view.
func (s *Scene) Draws(a *geo.Atlas, i int) bool {
	return s.HubFrame.Contains(s.Base.Transform.Apply(a.HubXY(i)))
}

// Panel is one map on the page: the main map or an inset.
type Panel struct {
	Frame     orb.Bound  // px; the geometry is clipped to it
	Base      *Base      // the view's geometry, shared
	Provinces []Province // fills, indexed like the atlas's Divisions
	Focus     int        // index of the focused division, -1 for none
	Hubs      []HubMark  // markers or proportional symbols, in drawing order
	Names     []NameLabel
	SeaLine   [][]orb.Point // the South China Sea's dashed line, px
	// Capital is where the national capital's star stands, px; none
	// when empty (see Scene.capitalStar).
	Capital []orb.Point
	Islands [][]orb.Point // rings of islands drawn besides the divisions (inset)
	// Claims are the areas the mainland edition draws as a division's
	// that the boundary data leaves to another country (Zangnan, in
	// Xizang's fill): see claimsShown.
	Claims []ClaimArea
}

// ClaimArea is a claimed area as a panel draws it: rings in its
// division's fill, and Border, the parts of its outline drawn as China's
// border, px.
type ClaimArea struct {
	Division int
	Fill     string
	Rings    [][]orb.Point
	Border   [][]orb.Point
	Edge     [][]orb.Point // the line between it and its division, hidden
}

// claimsShown are the claimed areas of p's Base that the mainland edition
// draws as their division's: those whose division in the boundary data
// does not hold them already (a DataV file's Xizang holds Zangnan; the
// shipped DCW-GMT one does not).
func claimsShown(a *geo.Atlas, p *Panel) []ClaimArea {
	var out []ClaimArea
	for _, c := range p.Base.Claims {
		if c.Division < 0 || c.Division >= len(p.Provinces) || a.DivisionAt(c.inside) == c.Division {
			continue
		}
		out = append(out, ClaimArea{Division: c.Division, Fill: p.Provinces[c.Division].Fill, Rings: c.Rings, Border: c.Border, Edge: c.Edge})
	}
	return out
}

// Province is one division's fill; its rings are the Base's.
type Province struct {
	Code, Name string
	Value      float64 // matching hubs, or their summed value, as shaded
	Fill       string  // #rrggbb
	Rings      [][]orb.Point

	apart bool // a division of its own system (geo.DivisionInfo.Apart)
}

// Inset is a map within the map: an enlargement of a crowded area of the
// main map (its Source marked there) or the South China Sea Islands.
type Inset struct {
	Panel
	Kind   string // InsetEnlargement or InsetSouthChinaSea
	Title  string
	TitleY float64
	Source orb.Bound // on the main map: the area enlarged; empty for the sea
	// Scale is the South China Sea inset's own scale bar: it is drawn
	// smaller than the map, and the legend's bar is the map's. Zero for
	// an enlargement, whose scale the legend's bar does not give either
	// but which shows where its hubs are, not how far apart.
	Scale ScaleBar

	saved []Label // an enlargement's hubs' labels before placement
}

// Kinds of inset.
const (
	InsetEnlargement   = "enlargement"
	InsetSouthChinaSea = "south-china-sea"
)

// HubMark is a hub's marker, or a proportional symbol standing for Count
// hubs, with its label and, when the label was moved away, its leader.
type HubMark struct {
	ID     string    // the hub's id, or cluster-N for a symbol
	Count  int       // hubs the mark stands for
	Value  float64   // their summed value
	At     orb.Point // marker centre (moved apart from a near-coincident one)
	True   orb.Point // where the hub is; At differs when markers were moved apart
	R      float64   // marker radius
	Colors []string  // one per industry, #rrggbb; several split the marker
	// Products lists the hub's matching products (the label's second line,
	// wrapped, when products are shown; the key's text when numbered).
	Products string
	Label    Label
	Leader   []orb.Point // from the marker's edge to the label's box; nil if adjacent
	// Number is the hub's number in the key when its name could not stand
	// on the map (0 otherwise); OnMarker says the number is drawn on the
	// marker, which is then enlarged to hold it.
	Number   int
	OnMarker bool
	// numberR and numberSize are the radius of a marker holding its
	// number (OnMarker) and the size of the digits (onMarker).
	numberR, numberSize float64
	// Inset is the index in Scene.Insets of the enlargement that labels
	// this hub, or -1.
	Inset int
	// div is the index of the division the hub (or most of a symbol's
	// hubs) lies in, plus one; 0 when not known.
	div int
	// firstProduct is the product line the label takes, with products
	// asked for, where they do not all fit (see firstProduct); "" when
	// there is none to try.
	firstProduct string
	// englishLines, on a map in both languages whose label lists the
	// products in English and then in Chinese, is the number of its
	// lines up to the end of the English ones: the label the placer
	// tries before firstProduct's. 0 otherwise.
	englishLines int
	// productsAsked: products were asked for (ProductsOn) and the hub has
	// some; where its label cannot hold them all, the key lists them
	// (see productsLeftOut).
	productsAsked bool
	// productsByDefault: the label's product lines are there because
	// few hubs are shown, not because they were asked for; the name alone
	// is tried before the whole label far out over other divisions.
	productsByDefault bool
	// nearOrOwn: the hub's label is left out where it finds no room
	// (the map names what fits) and takes a place out on a long leader
	// only on its own division or the sea (see placer.nearOrOwn).
	nearOrOwn bool
	// Figure is the number a proportional symbol shows: its count, or
	// its summed value when symbols are sized by value. CountAt is where
	// it is written, inside the circle and clear of the symbols drawn
	// over it; ShowCount is false when it has no such place.
	Figure    string
	CountAt   orb.Point
	ShowCount bool
}

// Label is a text block. Lines[0] is the name; a second, smaller line
// lists the hub's matching products.
type Label struct {
	Lines  []string
	Sizes  []float64 // font size per line, px
	Box    orb.Bound // the text block, px
	Anchor string    // text-anchor: start, middle or end
	X      float64   // x of the anchor
	Y      []float64 // baseline per line
	// Optional labels (of proportional symbols) are left out where they
	// find no free place; a hub's own label never is.
	Optional bool
	// Shorter tries an optional label's single line in other words, each
	// shorter than the one before, when it finds no place as it is.
	Shorter []string
}

// NameLabel is the name of a province or a country on the map.
type NameLabel struct {
	Code   string
	Label  Label
	Leader []orb.Point // for a small division named beside it
	Kind   string      // "province", "country" or "sea"
}

// Legend lists industry colours, the shading classes in use, reference
// circles of proportional symbols and the scale bar.
type Legend struct {
	Box        orb.Bound
	Industries []LegendItem
	Note       string // explains split markers, when the map has some
	Classes    []LegendItem
	Sizes      []LegendSize
	Titles     [3]string // headings of the three parts
	Scale      ScaleBar
	Columns    int // industries per row: 1, or more in a bottom panel
	// Tight rows are 1.25 em apart instead of 1.55, where the legend is
	// short of height (Legend.fitHeight).
	Tight bool
}

// LegendItem is one swatch and its text.
type LegendItem struct {
	Color string
	Text  string
}

// LegendSize is a reference circle of proportional symbols.
type LegendSize struct {
	Value float64
	R     float64 // px
	Text  string
}

// ScaleBar is a bar of Km kilometres, true at the map centre.
type ScaleBar struct {
	X, Y, Length float64 // px: left end of the bar's baseline
	Km           float64
	Text         string
	unit         string // " km" or " 公里", after the number in Text
}

// Key lists the numbered hubs: number, name, province and products; then,
// with products asked for, the hubs named on the map whose labels could
// not hold theirs.
type Key struct {
	Box     orb.Bound
	Title   string
	Entries []KeyEntry

	colWidth float64
	format   keyFormat // its columns among them
}

// KeyEntry is one numbered hub, or one named on the map whose products
// its label could not hold (ID set, no number); Lines are its text
// wrapped to the key.
type KeyEntry struct {
	Number int    // 0 for a hub named on the map, and for the line that counts entries left out
	ID     string // the hub named on the map; "" for a numbered one and for that line
	Lines  []string
	X      float64   // left of the entry's column
	Y      []float64 // baselines
}
