package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

// labelCases are the maps the label rules are checked on: the px sizes
// of screens, every page preset, every language, with product lines.
func labelCases() []struct {
	name string
	f    geo.Filter
	opt  render.Options
} {
	type c = struct {
		name string
		f    geo.Filter
		opt  render.Options
	}
	var out []c
	for _, size := range [][2]int{{600, 450}, {960, 720}, {1200, 900}, {2400, 1800}} {
		for _, lang := range render.Langs {
			for _, products := range []render.Products{render.ProductsAuto, render.ProductsOn} {
				out = append(out, c{fmt.Sprintf("%dx%d-%s-products%d", size[0], size[1], lang, products), geo.Filter{},
					render.Options{Width: size[0], Height: size[1], Lang: lang, Products: products}})
			}
		}
	}
	for _, page := range render.Pages {
		for _, lang := range render.Langs {
			out = append(out, c{page.Name + "-" + lang, geo.Filter{}, render.Options{Page: page.Name, Lang: lang}})
		}
		out = append(out, c{page.Name + "-products", geo.Filter{}, render.Options{Page: page.Name, Products: render.ProductsOn}})
		out = append(out, c{page.Name + "-cn", geo.Filter{}, render.Options{Page: page.Name, Edition: render.EditionCN}})
	}
	out = append(out,
		c{"footwear", geo.Filter{Categories: []string{"footwear"}}, render.Options{}},
		c{"fujian-zh", geo.Filter{}, render.Options{Focus: "CN-FJ", Lang: "zh"}},
		c{"guangdong-products", geo.Filter{}, render.Options{Focus: "CN-GD", Products: render.ProductsOn}},
		c{"zhejiang-both", geo.Filter{Province: "CN-ZJ"}, render.Options{Lang: "both", Products: render.ProductsOn}},
	)
	return out
}

// TestLabelsBelongToTheirCity checks every label rule of the renderer on
// every case: each hub in view is labelled, numbered (and in the key) or
// in an inset; no label overlaps another label, any marker, the legend
// or the key, or leaves the frame; a label beside a marker is nearer to
// it than to any other marker; a label moved away has a leader of
// bounded length that crosses no other leader, label or marker, and keeps
// clear of other markers.
func TestLabelsBelongToTheirCity(t *testing.T) {
	for _, c := range labelCases() {
		t.Run(c.name, func(t *testing.T) {
			s := build(t, c.f, c.opt)
			checkLabels(t, s)
		})
	}
}

func checkLabels(t *testing.T, s *render.Scene) {
	t.Helper()
	keyed := map[int]bool{}
	named := map[string]render.HubMark{}
	for _, h := range s.Hubs {
		named[h.ID] = h
	}
	for _, in := range s.Insets {
		for _, h := range in.Hubs {
			named[h.ID] = h
		}
	}
	for _, e := range s.Key.Entries {
		switch h, ok := named[e.ID]; {
		case e.ID != "" && (!ok || h.Number > 0 || len(h.Label.Lines) == 0 || len(h.Label.Lines) > 2):
			// Listed for its products: a hub named on the map, alone or
			// with its first product.
			t.Errorf("the key lists %s, labelled %q, for its products", e.ID, h.Label.Lines)
		case e.ID != "":
		case e.Number == 0:
			t.Errorf("the key leaves hubs out: %q", e.Lines)
		default:
			keyed[e.Number] = true
		}
	}
	fixed := []orb.Bound{s.Legend.Box, s.Key.Box}
	for _, in := range s.Insets {
		fixed = append(fixed, in.Frame)
	}
	checkPanel(t, s.Style, s.Frame, s.Hubs, fixed, keyed)
	for i, in := range s.Insets {
		if in.Kind != render.InsetEnlargement {
			continue
		}
		n := 0
		for _, h := range s.Hubs {
			if h.Inset == i {
				n++
			}
		}
		if n != len(in.Hubs) || n == 0 {
			t.Errorf("inset %d holds %d hubs, the main map sends it %d", i, len(in.Hubs), n)
		}
		for _, h := range s.Hubs {
			if h.Inset == i && !in.Source.Contains(h.At) {
				t.Errorf("%s is in inset %d but outside its area on the main map", h.ID, i)
			}
		}
		checkPanel(t, s.Style, in.Frame, in.Hubs, nil, keyed)
	}
}

func checkPanel(t *testing.T, st render.Style, frame orb.Bound, hubs []render.HubMark, fixed []orb.Bound, keyed map[int]bool) {
	t.Helper()
	for i, h := range hubs {
		if h.Label.Optional {
			continue
		}
		switch {
		case h.Inset >= 0:
			continue
		case h.Number > 0 && !keyed[h.Number]:
			t.Errorf("%s is numbered %d but not in the key", h.ID, h.Number)
		case h.Number == 0 && len(h.Label.Lines) == 0:
			t.Errorf("%s has no label", h.ID)
		}
		for _, f := range fixed {
			if overlaps(markerBox(h), f) {
				t.Errorf("%s marker lies under the legend, the key or an inset", h.ID)
			}
		}
		if h.OnMarker {
			continue
		}
		b := h.Label.Box
		if !frame.Contains(b.Min) || !frame.Contains(b.Max) {
			t.Errorf("%s label %v leaves the frame %v", h.ID, b, frame)
		}
		for _, f := range fixed {
			if overlaps(b, f) {
				t.Errorf("%s label overlaps the legend, the key or an inset", h.ID)
			}
		}
		dOwn := boxDist(b, h.At) - h.R
		for j, o := range hubs {
			if overlaps(b, markerBox(o)) {
				t.Errorf("%s label overlaps %s's marker", h.ID, o.ID)
			}
			if j > i && !o.OnMarker && len(o.Label.Lines) > 0 && overlaps(b, o.Label.Box) {
				t.Errorf("%s label overlaps %s's label", h.ID, o.ID)
			}
			if j == i {
				continue
			}
			d := boxDist(b, o.At) - o.R
			if h.Leader == nil && d <= dOwn {
				t.Errorf("%s label (%.1f px from its marker) is as near to %s's marker (%.1f px)", h.ID, dOwn, o.ID, d)
			}
			if h.Leader != nil {
				if d < 2*st.Gap {
					t.Errorf("%s label on a leader sits %.1f px from %s's marker", h.ID, d, o.ID)
				}
				// (A leader crosses the larger circle its marker is drawn
				// over, as it must to leave it.)
				over := o.R > h.R && math.Hypot(h.At[0]-o.At[0], h.At[1]-o.At[1]) < o.R
				if !over && segmentCrossesBox(h.Leader[0], h.Leader[1], markerBox(o)) {
					t.Errorf("%s leader crosses %s's marker", h.ID, o.ID)
				}
				if len(o.Label.Lines) > 0 && !o.OnMarker && segmentCrossesBox(h.Leader[0], h.Leader[1], o.Label.Box) {
					t.Errorf("%s leader crosses %s's label", h.ID, o.ID)
				}
				if o.Leader != nil && j > i && properlyCross(h.Leader[0], h.Leader[1], o.Leader[0], o.Leader[1]) {
					t.Errorf("%s and %s leaders cross", h.ID, o.ID)
				}
			}
		}
		if h.Leader != nil {
			if l := math.Hypot(h.Leader[1][0]-h.Leader[0][0], h.Leader[1][1]-h.Leader[0][1]); l > 5*st.Label {
				t.Errorf("%s leader is %.0f px long, more than 5 label heights", h.ID, l)
			}
		}
	}
}

func boxDist(b orb.Bound, q orb.Point) float64 {
	x := math.Max(b.Min[0], math.Min(q[0], b.Max[0]))
	y := math.Max(b.Min[1], math.Min(q[1], b.Max[1]))
	return math.Hypot(x-q[0], y-q[1])
}

func segmentCrossesBox(p, q orb.Point, b orb.Bound) bool {
	for k := 0; k <= 20; k++ {
		t := float64(k) / 20
		x, y := p[0]+(q[0]-p[0])*t, p[1]+(q[1]-p[1])*t
		if x > b.Min[0] && x < b.Max[0] && y > b.Min[1] && y < b.Max[1] {
			return true
		}
	}
	return false
}

func properlyCross(a, b, c, d orb.Point) bool {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
}

// TestPrintedTypeSizes: on every page, labels print at 6.5 pt or more,
// legend text at 6 pt, the title at 12 pt; on a slide, read from the back
// of a room, labels at 11 pt and the title at 20.
func TestPrintedTypeSizes(t *testing.T) {
	const pt = 96.0 / 72
	for _, p := range render.Pages {
		s := build(t, geo.Filter{}, render.Options{Page: p.Name, Products: render.ProductsOn})
		st := s.Style
		min := [5]float64{6.5, 6.5, 6, 6, 12} // label, product line, legend, credit, title
		if p.Name == "slide" {
			min = [5]float64{11, 10, 10, 9, 20}
		}
		for _, c := range []struct {
			what string
			px   float64
			min  float64
		}{{"label", st.Label, min[0]}, {"product line", st.Product, min[1]}, {"legend", st.Legend, min[2]}, {"credit", st.Credit, min[3]}, {"title", st.Title, min[4]}} {
			if c.px/pt < c.min-1e-9 {
				t.Errorf("%s: %s at %.2f pt, want at least %.1f", p.Name, c.what, c.px/pt, c.min)
			}
		}
		for _, h := range s.Hubs {
			for _, size := range h.Label.Sizes {
				if size/pt < 6.5-1e-9 {
					t.Errorf("%s: %s label line at %.2f pt", p.Name, h.ID, size/pt)
				}
			}
		}
	}
}

// TestNearCoincidentMarkersStayVisible: Quanzhou and Jinjiang, Yiwu and
// Jinhua, Dongguan and Shenzhen are moved apart until their markers no
// longer overlap, at every size.
func TestNearCoincidentMarkersStayVisible(t *testing.T) {
	for _, w := range []int{600, 960, 1200} {
		s := build(t, geo.Filter{}, render.Options{Width: w, Height: w * 3 / 4})
		at := map[string]render.HubMark{}
		for _, h := range s.Hubs {
			at[h.ID] = h
		}
		for _, pair := range [][2]string{{"quanzhou", "jinjiang"}, {"yiwu", "jinhua"}, {"dongguan", "shenzhen"}} {
			a, b := at[pair[0]], at[pair[1]]
			if d := math.Hypot(a.At[0]-b.At[0], a.At[1]-b.At[1]); d < a.R+b.R {
				t.Errorf("%d px: %s and %s markers overlap (%.1f px apart, radii %.1f)", w, pair[0], pair[1], d, a.R)
			}
		}
	}
}

// TestProportionalSymbolCounts: on a map of 50,000 suppliers the counts
// stand inside their own circles, apart from each other, none where a
// circle drawn over it would seem to own it, and the largest symbol's
// count is written.
func TestProportionalSymbolCounts(t *testing.T) {
	a := atlastest.Large(t)
	for _, opt := range []render.Options{{}, {Width: 800, Height: 600}, {Page: "a4", Lang: "zh"}} {
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Aggregated || len(s.Hubs) == 0 {
			t.Fatalf("%+v: not aggregated", opt)
		}
		shown := 0
		var boxes []orb.Bound
		for i, h := range s.Hubs {
			if !h.ShowCount {
				continue
			}
			shown++
			if d := math.Hypot(h.CountAt[0]-h.At[0], h.CountAt[1]-h.At[1]); d > h.R {
				t.Errorf("%+v: count of %s %.1f px from its centre, radius %.1f", opt, h.ID, d, h.R)
			}
			for _, o := range s.Hubs[i+1:] {
				if o.R >= 6 && math.Hypot(h.CountAt[0]-o.At[0], h.CountAt[1]-o.At[1]) < o.R {
					t.Errorf("%+v: count of %s stands inside %s, drawn over it", opt, h.ID, o.ID)
				}
			}
			b := orb.Bound{Min: orb.Point{h.CountAt[0] - 8, h.CountAt[1] - 5}, Max: orb.Point{h.CountAt[0] + 8, h.CountAt[1] + 5}}
			for _, o := range boxes {
				if b.Intersects(o) {
					t.Errorf("%+v: count of %s touches another count", opt, h.ID)
				}
			}
			boxes = append(boxes, b)
		}
		if !s.Hubs[0].ShowCount || shown < 3 {
			t.Errorf("%+v: %d counts shown; largest symbol's shown: %v", opt, shown, s.Hubs[0].ShowCount)
		}
	}
}

// TestProportionalSymbolLabels: the largest symbols of a supplier list are
// named, and their names are drawn and held to the rules of every label:
// inside the frame, clear of markers, labels and the legend, nearer their
// own circle than any other unless on a short leader that crosses nothing
// but the larger circle its own is drawn over.
func TestProportionalSymbolLabels(t *testing.T) {
	a := atlastest.Large(t)
	for _, opt := range []render.Options{{}, {Width: 800, Height: 600}, {Page: "a4", Lang: "zh"}, {Lang: "both"}} {
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		var svg bytes.Buffer
		if err := render.WriteSVG(&svg, s); err != nil {
			t.Fatal(err)
		}
		hubs := slices.Clone(s.Hubs)
		named, top := 0, 0
		for i := range hubs {
			h := &hubs[i]
			if len(h.Label.Lines) == 0 {
				continue
			}
			named++
			if i < 5 {
				top++
			}
			h.Label.Optional = false // held to the rules below
			for _, line := range h.Label.Lines {
				var esc bytes.Buffer
				xml.EscapeText(&esc, []byte(line))
				if !bytes.Contains(svg.Bytes(), esc.Bytes()) {
					t.Errorf("%+v: %s's label %q is not drawn", opt, h.ID, line)
				}
			}
		}
		// The largest circle can always be named. At 800×600 the deltas' circles
		// find room for "Fujian" but not "Jinjiang etc.": a circle is
		// named after its province only when it holds all of it.
		wantTop := 3
		if opt.Width == 800 {
			wantTop = 1
		}
		if named < 8 || top < wantTop || len(hubs[0].Label.Lines) == 0 {
			t.Errorf("%+v: %d symbols named, %d of the 5 largest, the largest %q", opt, named, top, hubs[0].Label.Lines)
		}
		checkPanel(t, s.Style, s.Frame, hubs, []orb.Bound{s.Legend.Box, s.Key.Box}, nil)
		checkOneNamePerPlace(t, opt, hubs)
	}
	// A window of one city, and one of a delta: many symbols, few places.
	for _, opt := range []render.Options{{BBox: render.BBox{119.9, 29.2, 120.2, 29.4}}, {BBox: render.BBox{112, 21.5, 115, 24}, Width: 800, Height: 600}} {
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Aggregated {
			t.Fatalf("%+v: not aggregated", opt.BBox)
		}
		checkOneNamePerPlace(t, opt, s.Hubs)
	}
}

// checkOneNamePerPlace: a place names one symbol; no two say the same.
func checkOneNamePerPlace(t *testing.T, opt render.Options, hubs []render.HubMark) {
	t.Helper()
	seen := map[string]string{}
	for _, h := range hubs {
		if len(h.Label.Lines) == 0 {
			continue
		}
		place := h.Label.Lines[0]
		if i := strings.LastIndex(place, " "); !h.ShowCount && i > 0 {
			place = place[:i] // the count, when the circle does not show it
		}
		if other, ok := seen[place]; ok {
			t.Errorf("%+v: %s and %s are both named %q", opt.BBox, other, h.ID, place)
		}
		seen[place] = h.ID
	}
}

// TestPrintMargins: on sheets of paper the map and its text keep clear of
// the 5 mm most printers cannot reach.
func TestPrintMargins(t *testing.T) {
	const mm = 96 / 25.4
	for _, name := range []string{"a4", "a4-landscape", "a5", "letter", "letter-landscape"} {
		s := build(t, geo.Filter{}, render.Options{Page: name})
		if s.Frame.Min[0] < 5*mm || s.Frame.Min[1] < 5*mm || s.Width-s.Frame.Max[0] < 5*mm || s.Height-s.Frame.Max[1] < 5*mm {
			t.Errorf("%s: frame %v on a %.0f×%.0f px page: within 5 mm of the edge", name, s.Frame, s.Width, s.Height)
		}
		if last := s.CreditY[len(s.CreditY)-1]; s.Height-last < 5*mm {
			t.Errorf("%s: the last credit line's baseline is %.1f mm from the foot", name, (s.Height-last)/mm)
		}
	}
}

// TestLabelsStayOffOtherIslands: no label of a hub on the mainland lies
// more than a little over Taiwan's or Hainan's land, nor does its leader
// cross it, at any size or language: "Jinjiang" had run across Taiwan at
// 1200×900 and "Shantou" stood on its southern tip on a slide. Measured
// here by sampling each label's box every half pixel.
func TestLabelsStayOffOtherIslands(t *testing.T) {
	a := atlas(t)
	for _, c := range []struct {
		name string
		opt  render.Options
	}{
		{"960x720", render.Options{}},
		{"1200x900", render.Options{Width: 1200, Height: 900}},
		{"1200x900 both", render.Options{Width: 1200, Height: 900, Lang: "both"}},
		{"1200x900 zh", render.Options{Width: 1200, Height: 900, Lang: "zh"}},
		{"1600x1200", render.Options{Width: 1600, Height: 1200}},
		{"800x600 both", render.Options{Width: 800, Height: 600, Lang: "both"}},
		{"640x480", render.Options{Width: 640, Height: 480}},
		{"480x360 both", render.Options{Width: 480, Height: 360, Lang: "both"}},
		{"slide", render.Options{Page: "slide"}},
		{"a4", render.Options{Page: "a4", Lang: "both"}},
		{"suppliers", render.Options{}}, {"suppliers 640x480", render.Options{Width: 640, Height: 480}},
		{"suppliers 480x360 both", render.Options{Width: 480, Height: 360, Lang: "both"}},
	} {
		s := build(t, geo.Filter{}, c.opt)
		if strings.HasPrefix(c.name, "suppliers") {
			// The 50,000-supplier list: circles on the Leizhou peninsula
			// and the Fujian coast, next to Hainan and Taiwan.
			var err error
			if s, err = render.Build(context.Background(), atlastest.Large(t), render.Request{Options: c.opt}); err != nil {
				t.Fatal(err)
			}
		}
		for _, code := range []string{"CN-TW", "CN-HI"} {
			island := s.Provinces[a.DivisionIndex(code)].Rings
			for _, h := range s.Hubs {
				if len(h.Label.Lines) == 0 || h.OnMarker || inRings(island, h.True) {
					continue
				}
				b := h.Label.Box
				n, on := 0, 0
				for x := b.Min[0]; x <= b.Max[0]; x += 0.5 {
					for y := b.Min[1]; y <= b.Max[1]; y += 0.5 {
						n++
						if inRings(island, orb.Point{x, y}) {
							on++
						}
					}
				}
				if float64(on) > 0.15*float64(n) {
					t.Errorf("%s: %s's label %q has %.0f %% of its box on %s", c.name, h.ID, h.Label.Lines[0], 100*float64(on)/float64(n), code)
				}
				if len(h.Leader) == 2 {
					for k := 0; k <= 100; k++ {
						f := float64(k) / 100
						p := orb.Point{h.Leader[0][0] + f*(h.Leader[1][0]-h.Leader[0][0]), h.Leader[0][1] + f*(h.Leader[1][1]-h.Leader[0][1])}
						if inRings(island, p) {
							t.Errorf("%s: %s's leader crosses %s", c.name, h.ID, code)
							break
						}
					}
				}
			}
		}
	}
}

// inRings is the even-odd rule over rings.
func inRings(rings [][]orb.Point, p orb.Point) bool {
	in := false
	for _, r := range rings {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			if (r[i][1] > p[1]) != (r[j][1] > p[1]) && p[0] < (r[j][0]-r[i][0])*(p[1]-r[i][1])/(r[j][1]-r[i][1])+r[i][0] {
				in = !in
			}
		}
	}
	return in
}

// TestTaiwanIsNamed: an island too small for its name inside is named
// beside it on the sea. Taiwan had no name on the Chinese map of the cn
// edition, beside 海南.
func TestTaiwanIsNamed(t *testing.T) {
	for _, opt := range []render.Options{
		{Width: 1200, Height: 900}, {Width: 1200, Height: 900, Lang: "zh"}, {Width: 1200, Height: 900, Lang: "both"},
		{Edition: "cn", Lang: "zh"}, {Edition: "cn", Lang: "zh", Width: 1200, Height: 900},
	} {
		s := build(t, geo.Filter{}, opt)
		named := false
		for _, n := range s.Names {
			if n.Code == "CN-TW" {
				named = true
				for _, h := range s.Hubs {
					if intersects(n.Label.Box, h.Label.Box) && len(h.Label.Lines) > 0 {
						t.Errorf("%+v: Taiwan's name %v lies over %s's label", opt, n.Label.Box, h.ID)
					}
				}
			}
		}
		if !named {
			t.Errorf("%+v: Taiwan is not named", opt)
		}
	}
}

func intersects(a, b orb.Bound) bool {
	return a.Min[0] < b.Max[0] && b.Min[0] < a.Max[0] && a.Min[1] < b.Max[1] && b.Min[1] < a.Max[1]
}

// TestKoreasAreNamed: a country too narrow for its name on one line
// takes it stacked, on its land: the English maps had named neither
// Korea, the Chinese one both. Vietnam, whose first place was taken,
// takes another.
func TestKoreasAreNamed(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		s := build(t, geo.Filter{}, render.Options{Width: 1200, Height: 900, Lang: lang})
		for _, code := range []string{"KP", "KR", "VN"} {
			named := false
			for _, n := range s.Names {
				if n.Kind != "country" || n.Code != code {
					continue
				}
				named = true
				for _, c := range s.Base.Countries {
					if c.Code != code {
						continue
					}
					if p := n.Label.Box.Center(); !inRings(c.Rings, p) {
						t.Errorf("%s: %s's name %q is centred off its land, at %v", lang, code, n.Label.Lines, p)
					}
				}
			}
			if !named {
				t.Errorf("%s: %s is not named", lang, code)
			}
		}
	}
}

// TestLargestSymbolsNamed: most of the twelve largest circles of a
// supplier map are named, those hemmed in by others on a leader. With
// leaders for the six largest only, the default map named 7 of them
// (Beijing's neighbour Tianjin and Wenzhou among those left unnamed).
// On an A4 page in Chinese 9: since no symbol crosses a boundary
// (TestSymbolsKeepToOneDivision) the twelve include Jiaxing's 1,080, no
// longer counted in "苏州等" and hemmed in between Suzhou's, Shanghai's
// and Ningbo's.
func TestLargestSymbolsNamed(t *testing.T) {
	a := atlastest.Large(t)
	for _, c := range []struct {
		opt  render.Options
		want int
	}{
		{render.Options{}, 9}, {render.Options{Width: 1200, Height: 900}, 9},
		{render.Options{Lang: "both"}, 8}, {render.Options{Page: "a4", Lang: "zh"}, 9},
	} {
		s, err := render.Build(context.Background(), a, render.Request{Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		named := 0
		for i := range min(12, len(s.Hubs)) {
			if len(s.Hubs[i].Label.Lines) > 0 {
				named++
			}
		}
		if named < c.want {
			t.Errorf("%+v: %d of the 12 largest symbols named, want %d or more", c.opt, named, c.want)
		}
	}
}

// TestNamesKeepOffLeaders: no province or country name has a hub's
// leader through it. At 1600×1200, Fujian's name lay across Quanzhou's.
func TestNamesKeepOffLeaders(t *testing.T) {
	for _, opt := range []render.Options{
		{}, {Width: 1200, Height: 900}, {Width: 1600, Height: 1200}, {Width: 800, Height: 600, Lang: "both"},
		{Width: 1200, Height: 900, Lang: "zh"}, {Page: "a4"}, {Page: "slide"}, {Focus: "CN-GD"}, {Focus: "CN-ZJ", Lang: "both"},
	} {
		s := build(t, geo.Filter{}, opt)
		for _, n := range s.Names {
			for _, h := range s.Hubs {
				if len(h.Leader) == 2 && segmentCrossesBox(h.Leader[0], h.Leader[1], n.Label.Box) {
					t.Errorf("%+v: %s's leader runs through the name %q", opt, h.ID, n.Label.Lines)
				}
			}
		}
	}
}

// TestNamedWhereHubsLeaveRoom: a province whose pole is taken by hubs'
// labels is named elsewhere inside it. Guangdong, on the map of
// footwear, was not named at all.
func TestNamedWhereHubsLeaveRoom(t *testing.T) {
	s := build(t, geo.Filter{Categories: []string{"footwear"}}, render.Options{Width: 1200, Height: 900})
	named := false
	for _, n := range s.Names {
		if n.Code != "CN-GD" {
			continue
		}
		named = true
		for _, p := range s.Base.Provinces {
			if p.Code != "CN-GD" {
				continue
			}
			b := n.Label.Box
			for _, c := range []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
				if !inRings(p.Rings, c) {
					t.Errorf("Guangdong's name %v reaches out of Guangdong at %v", b, c)
				}
			}
		}
	}
	if !named {
		t.Error("Guangdong is not named")
	}
}

// TestLabelsLightOnDarkFills: on the darkest fill a hub's name and its
// product line are light, in a halo of the fill, and a line over a light
// fill stays dark in white. Grey product lines in a white halo had read
// poorly on Zhejiang's and Guangdong's dark blue, in Chinese most of all.
func TestLabelsLightOnDarkFills(t *testing.T) {
	for _, c := range []struct {
		opt   render.Options
		light []string // lines drawn light
		dark  []string // lines drawn dark
	}{
		{render.Options{BBox: render.BBox{119, 29.5, 122.5, 32.5}, Lang: "zh"}, []string{"杭州", "电商、高科技"}, []string{"苏州", "南京"}},
		{render.Options{BBox: render.BBox{119, 29.5, 122.5, 32.5}}, []string{"Hangzhou", "E-commerce, High-Tech"}, []string{"Suzhou", "Nanjing"}},
		{render.Options{Focus: "CN-GD", Lang: "both", Width: 960, Height: 720}, []string{"Printing, Packaging", "Guangdong"}, []string{"Electronics", "Hong Kong 香港"}},
	} {
		svg := string(svgBytes(t, build(t, geo.Filter{}, c.opt)))
		for _, line := range c.light {
			fills := textFills(svg, line)
			if len(fills) != 2 || fills[1] == "#1f2328" || fills[1] == "#57606a" || fills[1] == "#6e7781" || fills[0] != "#1f4e8c" {
				t.Errorf("%+v: %q is drawn %v (halo, ink), want light in a halo of the fill #1f4e8c", c.opt, line, fills)
			}
		}
		for _, line := range c.dark {
			if fills := textFills(svg, line); len(fills) != 2 || fills[0] != "#ffffff" {
				t.Errorf("%+v: %q is drawn %v (halo, ink), want dark in a white halo", c.opt, line, fills)
			}
		}
	}
}

// TestSmallNamesOffOtherDivisions: a small division's name on a leader
// takes a place near it off other divisions where there is one, and a
// division the frame cuts is not named on a leader at all: beside its
// part in view, on a neighbour, its name had named the neighbour.
func TestSmallNamesOffOtherDivisions(t *testing.T) {
	for _, c := range []struct {
		opt  render.Options
		code string // named on a leader, its box off other divisions
	}{
		{opt: render.Options{Focus: "CN-GD", Width: 800, Height: 600}, code: "CN-MO"},
		{opt: render.Options{Focus: "CN-GD", Lang: "zh"}, code: "CN-MO"},
		{opt: render.Options{Focus: "CN-GD", Lang: "both", Width: 960, Height: 720}, code: "CN-HK"},
		{opt: render.Options{BBox: render.BBox{105, 37, 125, 50}, Width: 640, Height: 480, Lang: "both"}, code: "CN-TJ"},
	} {
		s := build(t, geo.Filter{}, c.opt)
		found := false
		for _, n := range s.Names {
			if n.Code != c.code {
				continue
			}
			found = true
			if len(n.Leader) != 2 {
				t.Errorf("%+v: %s is named without a leader", c.opt, c.code)
			}
			// 5×3 points of its box: at most one in five on others.
			b, on, all := n.Label.Box, 0, 0
			for i := range 5 {
				for j := range 3 {
					at := orb.Point{b.Min[0] + (float64(i)+0.5)/5*(b.Max[0]-b.Min[0]), b.Min[1] + (float64(j)+0.5)/3*(b.Max[1]-b.Min[1])}
					all++
					if slices.ContainsFunc(s.Base.Provinces, func(p render.BaseProvince) bool { return p.Code != c.code && inRings(p.Rings, at) }) {
						on++
					}
				}
			}
			if on*5 > all {
				t.Errorf("%+v: %s's name %v stands on other divisions at %d of %d points", c.opt, c.code, n.Label.Lines, on, all)
			}
		}
		if !found {
			t.Errorf("%+v: %s is not named", c.opt, c.code)
		}
	}
	// Guangdong cut by the frame's foot, in a window of eastern China:
	// unnamed rather than named on Hunan and Jiangxi.
	opt := render.Options{BBox: render.BBox{110, 22, 130, 40}, Width: 640, Height: 480, Lang: "both"}
	for _, n := range build(t, geo.Filter{}, opt).Names {
		if n.Kind == "province" && len(n.Leader) == 2 && n.Code == "CN-GD" {
			t.Errorf("%+v: Guangdong, cut by the frame, is named on a leader at %v", opt, n.Label.Box)
		}
	}
}

// textFills returns the fills of the SVG's text elements whose text is s
// (a halo's, then the ink's).
func textFills(svg, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<text [^>]*fill="(#[0-9a-f]{6})"[^>]*>`+regexp.QuoteMeta(html.EscapeString(s))+`<`).FindAllStringSubmatch(svg, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestKeyStaysWhole: where no place leaves room for the key of numbered
// hubs (a phone's map in both languages), it still lists every numbered
// hub and lies inside the map's frame. At 360×640 and 480×360 in both
// languages it had stood partly off the canvas, its first entries cut.
func TestKeyStaysWhole(t *testing.T) {
	for _, opt := range []render.Options{
		{Width: 360, Height: 640, Lang: "both"}, {Width: 480, Height: 360, Lang: "both"}, {Width: 320, Height: 480, Lang: "both"},
		{Width: 375, Height: 560, Lang: "both"}, {Width: 640, Height: 480, Lang: "both"}, {Width: 480, Height: 360},
	} {
		s := build(t, geo.Filter{}, opt)
		numbered, listed := 0, 0
		for _, h := range s.Hubs {
			if h.Number > 0 {
				numbered++
			}
		}
		for _, e := range s.Key.Entries {
			if e.Number > 0 {
				listed++
			}
		}
		if listed != numbered {
			t.Errorf("%dx%d %s: the key lists %d of %d numbered hubs", opt.Width, opt.Height, opt.Lang, listed, numbered)
		}
		if k, f := s.Key.Box, s.Frame; numbered > 0 && (k.Min[0] < f.Min[0]-0.5 || k.Min[1] < f.Min[1]-0.5 || k.Max[0] > f.Max[0]+0.5 || k.Max[1] > f.Max[1]+0.5) {
			// The key may stand in the panel beside or below the map.
			if k.Min[0] < -0.5 || k.Min[1] < f.Min[1]-0.5 || k.Max[0] > s.Width+0.5 || k.Max[1] > s.Height+0.5 {
				t.Errorf("%dx%d %s: the key %v leaves the canvas or covers the title (frame %v)", opt.Width, opt.Height, opt.Lang, k, f)
			}
		}
	}
}

// TestIslandNationNamedOnTheSea: an island nation whose land in view is
// too small for its name takes it on the sea beside that land. The
// English maps of China had left the Philippines unnamed.
func TestIslandNationNamedOnTheSea(t *testing.T) {
	for _, opt := range []render.Options{{Width: 1200, Height: 900}, {}} {
		s := build(t, geo.Filter{}, opt)
		var ph *render.Country
		for i := range s.Base.Countries {
			if s.Base.Countries[i].Code == "PH" {
				ph = &s.Base.Countries[i]
			}
		}
		if ph == nil {
			t.Fatalf("%dx%d: the Philippines are not in view", opt.Width, opt.Height)
		}
		named := false
		for _, n := range s.Names {
			if n.Kind != "country" || n.Code != "PH" {
				continue
			}
			named = true
			b := n.Label.Box
			for _, c := range s.Base.Countries {
				if inRings(c.Rings, b.Center()) {
					t.Errorf("%dx%d: the Philippines' name stands on %s", opt.Width, opt.Height, c.Code)
				}
			}
			if d := math.Max(b.Min[0]-ph.Bound.Max[0], ph.Bound.Min[0]-b.Max[0]); d > 2*(b.Max[1]-b.Min[1]) {
				t.Errorf("%dx%d: the Philippines' name %v stands %.0f px from their land %v", opt.Width, opt.Height, b, d, ph.Bound)
			}
		}
		if !named {
			t.Errorf("%dx%d: the Philippines are not named", opt.Width, opt.Height)
		}
	}
}

// TestSmallMapsHoldTogether: at the smallest sizes, in every language,
// the key of numbered hubs stays on the canvas and off the legend and the
// insets, lists every numbered hub, and the legend stays on the canvas,
// off the insets, below the title and above the credits. At 320×320
// the key had run off the canvas over the legend, at 400×400 in both
// languages it had covered the legend and most of the map, and at 320 px
// high the legend had run over the credits. Where no key fits, hubs are
// named where their names fit and the others are not numbered.
func TestSmallMapsHoldTogether(t *testing.T) {
	for _, w := range []int{320, 360, 400, 480, 560, 640} {
		for _, h := range []int{320, 360, 400, 480, 640} {
			for _, v := range smallMapVariants {
				for _, lang := range []string{"en", "zh", "both"} {
					opt := render.Options{Width: w, Height: h, Lang: lang, Edition: v.edition}
					s := build(t, v.f, opt)
					name := fmt.Sprintf("%dx%d %s %s", w, h, lang, v.name)
					numbered, named := 0, 0
					for _, hm := range s.Hubs {
						if hm.Number > 0 {
							numbered++
						} else if len(hm.Label.Lines) > 0 {
							named++
						}
					}
					// Where no key fits, names still go where they fit,
					// unless the legend has to cover most of the map, or
					// leaves a map too small for any (400 px wide or less in
					// both languages: at 400×320 in the mainland edition
					// the one name had been Qingdao's, far out over Inner
					// Mongolia, where it read as a place there; see
					// TestWhatFitsNamedNearOrOwn).
					if named+numbered == 0 && share(s.Legend.Box, s.Frame) < 0.5 && (lang != "both" || w > 400) {
						t.Errorf("%s: no hub named nor numbered", name)
					}
					listed := 0
					for _, e := range s.Key.Entries {
						if e.Number > 0 {
							listed++
						}
					}
					if listed != numbered {
						t.Errorf("%s: the key lists %d of %d numbered hubs", name, listed, numbered)
					}
					k, l := s.Key.Box, s.Legend.Box
					if numbered > 0 {
						if k.Min[0] < -0.5 || k.Min[1] < -0.5 || k.Max[0] > s.Width+0.5 || k.Max[1] > s.Height+0.5 {
							t.Errorf("%s: the key %v leaves the canvas", name, k)
						}
						if overlaps(k, l) {
							t.Errorf("%s: the key %v covers the legend %v", name, k, l)
						}
					}
					if l.Min[1] < s.Frame.Min[1]-0.5 {
						t.Errorf("%s: the legend %v rises over the title block (the frame's top is %.1f)", name, l, s.Frame.Min[1])
					}
					if l.Max[0] > s.Width+0.5 || len(s.CreditY) > 0 && l.Max[1] > s.CreditY[0]-s.Style.Credit {
						t.Errorf("%s: the legend %v runs over the credits (first baseline %.1f) or off the canvas", name, l, s.CreditY[0])
					}
					// The key keeps off the insets; the legend may not, where
					// every corner it could take would hide hubs instead.
					for _, in := range s.Insets {
						if numbered > 0 && overlaps(k, in.Frame) {
							t.Errorf("%s: the key %v covers the %s inset %v", name, k, in.Kind, in.Frame)
						}
					}
				}
			}
		}
	}
}

// share is the part of frame that b covers.
func share(b, frame orb.Bound) float64 {
	w := math.Min(b.Max[0], frame.Max[0]) - math.Max(b.Min[0], frame.Min[0])
	h := math.Min(b.Max[1], frame.Max[1]) - math.Max(b.Min[1], frame.Min[1])
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h / ((frame.Max[0] - frame.Min[0]) * (frame.Max[1] - frame.Min[1]))
}

// smallMapVariants are the maps TestSmallMapsHoldTogether draws at each
// size: all hubs, the mainland edition (with the South China Sea inset,
// which the key had covered at 360×640 in both languages) and one
// category (its legend's scale bar had run off the canvas at 320×320).
var smallMapVariants = []struct {
	name    string
	f       geo.Filter
	edition string
}{
	{"all", geo.Filter{}, ""},
	{"cn", geo.Filter{}, render.EditionCN},
	{"footwear", geo.Filter{Categories: []string{"footwear"}}, ""},
}
