// Package render draws hubatlas maps: Build turns the atlas and a filter
// into a Scene, plain data in pixels that tests can inspect, and WriteSVG
// writes a Scene as a report-quality SVG (shared/EXPORT-SVG.md profile).
// It is the only package that imports svgo.
package render

import "github.com/paulmach/orb"

// Scene is everything a map shows, in pixels (x right, y down), ready to
// be written. A Scene is plain data: build one with Build.
type Scene struct {
	Width, Height float64

	Title, Subtitle string
	Desc            string // alt text: what the map shows, in words

	Frame     orb.Bound  // the map area; geometry is clipped to it
	Provinces []Province // fills, in code order
	Borders   [][]orb.Point
	Outline   [][]orb.Point // national border and coast, drawn heavier
	Focus     []orb.Point   // the focused province's outline, empty if none
	Hubs      []HubMark     // markers or proportional symbols, in drawing order
	Shown     int           // matching hubs inside the frame

	// Aggregated says Hubs are proportional symbols, not one marker per
	// hub: a circle of radius SymbolRMax stands for SymbolMax hubs (or
	// that much value when SymbolByValue), areas in proportion.
	Aggregated    bool
	SymbolMax     float64
	SymbolRMax    float64
	SymbolByValue bool
	Legend        Legend
	ScaleBar      ScaleBar
	Credit        string // attribution line

	bufs []*[]orb.Point // pooled point buffers, see Release
}

// Province is one division's fill.
type Province struct {
	Code, Name string
	Value      float64 // matching hubs, or their summed value, as shaded
	Fill       string  // #rrggbb
	Rings      [][]orb.Point
}

// HubMark is a hub's marker, or a proportional symbol standing for Count
// hubs, with its label and, when the label was moved away, its leader
// line.
type HubMark struct {
	ID     string    // the hub's id, or cluster-N for a symbol
	Count  int       // hubs the mark stands for
	Value  float64   // their summed value
	At     orb.Point // marker centre
	R      float64   // marker radius
	Colors []string  // one per industry, #rrggbb; several split the marker
	Label  Label
	Leader []orb.Point // from the marker's edge to the label's box; nil if adjacent
}

// Label is a hub's text block. Lines[0] is the name; a second, smaller
// line lists its matching products.
type Label struct {
	Lines  []string
	Sizes  []float64 // font size per line, px
	Box    orb.Bound // the text block, px
	Anchor string    // text-anchor: start, middle or end
	X      float64   // x of the anchor
	Y      []float64 // baseline-centre y per line (written with dy=0.35em)
	// Optional labels (of proportional symbols) are left out where they
	// find no free place; a hub's own label never is.
	Optional bool
}

// Legend lists industry colours, the shading classes in use and, for
// proportional symbols, reference circles.
type Legend struct {
	Box        orb.Bound
	Industries []LegendItem
	Note       string // explains split markers, when the map has some
	Classes    []LegendItem
	Sizes      []LegendSize
	Titles     [3]string // headings of the three parts
}

// LegendSize is a reference circle of proportional symbols.
type LegendSize struct {
	Value float64
	R     float64 // px
	Text  string
}

// LegendItem is one swatch and its text.
type LegendItem struct {
	Color string
	Text  string
}

// ScaleBar is a bar of Km kilometres, true at the map centre.
type ScaleBar struct {
	X, Y, Length float64 // px
	Km           float64
	Text         string
}
