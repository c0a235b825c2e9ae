package render

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestSeaInsetTitleFits: the South China Sea inset's name stays inside
// the inset at every size and in every language, in its shortest form
// where none fits (a 320 px map's inset is 31 px wide), and on the
// canvas. At 640×480 in both languages, and below, it had run off the
// canvas ("…na Sea Islands 南海诸岛").
func TestSeaInsetTitleFits(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, size := range [][2]int{{320, 320}, {360, 360}, {360, 640}, {400, 320}, {400, 400}, {560, 420}, {640, 480}, {960, 720}, {1600, 1200}} {
		for _, lang := range []string{"en", "zh", "both"} {
			s, err := Build(context.Background(), a, Request{Options: Options{Width: size[0], Height: size[1], Lang: lang, Edition: EditionCN}})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, in := range s.Insets {
				if in.Kind != InsetSouthChinaSea {
					continue
				}
				found = true
				em := s.Style.Legend
				w, room := textWidth(in.Title, em), in.Frame.Max[0]-in.Frame.Min[0]-em
				if w > room && in.Title != seaInsetTitle(lang, 0, em) {
					t.Errorf("%dx%d %s: %q is %.0f px wide in an inset with %.0f px for it, and not the shortest form", size[0], size[1], lang, in.Title, w, room)
				}
				if left := in.Frame.Max[0] - em/2 - w; left < 0 {
					t.Errorf("%dx%d %s: %q starts %.0f px off the canvas", size[0], size[1], lang, in.Title, -left)
				}
			}
			if !found {
				t.Errorf("%dx%d %s: no South China Sea inset", size[0], size[1], lang)
			}
		}
	}
}

// TestSeaInsetStaysInSight: in the cn edition the South China Sea inset
// is part of the map of China, so nothing drawn over the map may hide
// it: not the legend, not the key of numbered hubs. At 360×360 and
// 400×400 in both languages the legend, too tall for any corner clear of
// the inset, had covered it whole.
func TestSeaInsetStaysInSight(t *testing.T) {
	a := atlastest.Embedded(t)
	sizes := [][2]int{{320, 320}, {360, 360}, {360, 480}, {360, 640}, {400, 320}, {400, 400}, {480, 360}, {480, 480},
		{560, 420}, {640, 480}, {800, 600}, {960, 720}, {1200, 900}}
	checked := 0
	for _, size := range sizes {
		for _, lang := range []string{"en", "zh", "both"} {
			for _, cats := range [][]string{nil, {"footwear"}} {
				opt := Options{Width: size[0], Height: size[1], Lang: lang, Edition: EditionCN}
				s, err := Build(context.Background(), a, Request{Filter: geo.Filter{Categories: cats}, Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				for _, in := range s.Insets {
					if in.Kind != InsetSouthChinaSea {
						continue
					}
					checked++
					for _, over := range []struct {
						what string
						box  orb.Bound
					}{{"legend", s.Legend.Box}, {"key", s.Key.Box}} {
						if a := overlapArea(over.box, in.Frame); a > 1 {
							t.Errorf("%dx%d %s %v: the %s %v covers %.0f px² of the South China Sea inset %v", size[0], size[1], lang, cats, over.what, over.box, a, in.Frame)
						}
					}
					if f := s.Frame.Pad(0.5); !f.Contains(in.Frame.Min) || !f.Contains(in.Frame.Max) {
						t.Errorf("%dx%d %s %v: the inset %v leaves the map's frame %v", size[0], size[1], lang, cats, in.Frame, s.Frame)
					}
				}
			}
		}
	}
	if want := len(sizes) * 3 * 2; checked != want {
		t.Errorf("%d maps had a South China Sea inset, want %d", checked, want)
	}
}

// overlapArea is the area two boxes share; 0 for an empty box.
func overlapArea(a, b orb.Bound) float64 {
	if a.IsEmpty() || b.IsEmpty() {
		return 0
	}
	w := math.Min(a.Max[0], b.Max[0]) - math.Max(a.Min[0], b.Min[0])
	h := math.Min(a.Max[1], b.Max[1]) - math.Max(a.Min[1], b.Min[1])
	return math.Max(w, 0) * math.Max(h, 0)
}

// TestTallMapsShowTheSeaWhole: a cn-edition map of China on a portrait
// page, or as tall on a screen, is fitted to show the South China Sea's
// dashed line whole, the sea's small islands as dots, named (南海诸岛)
// as the inset was, with no inset repeating it, and no legend or key
// over the line; wide maps, and maps
// too small to spare the room, keep the inset. An A4 page had shown the
// sea to 4.5°N, cut off its southern dash and then shown it again in an
// inset over Vietnam.
func TestTallMapsShowTheSeaWhole(t *testing.T) {
	a := atlastest.Embedded(t)
	line := seaLineSource(a)
	if len(line) == 0 {
		t.Fatal("no dashed line")
	}
	for _, c := range []struct {
		opt   Options
		whole bool
	}{
		{Options{Page: "a4"}, true}, {Options{Page: "a5"}, true}, {Options{Page: "letter"}, true},
		{Options{Width: 800, Height: 1100}, true}, {Options{Width: 700, Height: 900}, true},
		{Options{Page: "a4-landscape"}, false}, {Options{Width: 1200, Height: 900}, false},
		{Options{Width: 960, Height: 720}, false}, {Options{Width: 360, Height: 640}, false},
	} {
		for _, lang := range []string{"en", "zh", "both"} {
			for _, cats := range [][]string{nil, {"footwear"}} {
				opt := c.opt
				opt.Lang, opt.Edition = lang, EditionCN
				s, err := Build(context.Background(), a, Request{Filter: geo.Filter{Categories: cats}, Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%+v %s %v", c.opt, lang, cats)
				insets := 0
				for _, in := range s.Insets {
					if in.Kind == InsetSouthChinaSea {
						insets++
					}
				}
				if !c.whole {
					if insets != 1 {
						t.Errorf("%s: %d South China Sea insets, want 1", name, insets)
					}
					checkNoSeaIslandsName(t, name, s)
					continue
				}
				if insets != 0 {
					t.Errorf("%s: the map shows the sea and an inset repeats it", name)
				}
				var b orb.Bound
				for k, l := range line {
					for i, p := range l {
						q := s.Base.Transform.Apply(geo.China.Forward(p))
						if !s.Frame.Contains(q) {
							t.Errorf("%s: the dashed line's %v lies off the map, at %v (frame %v)", name, p, q, s.Frame)
						}
						if k == 0 && i == 0 {
							b = orb.Bound{Min: q, Max: q}
						}
						b = b.Extend(q)
					}
				}
				for _, over := range []struct {
					what string
					box  orb.Bound
				}{{"legend", s.Legend.Box}, {"key", s.Key.Box}} {
					if a := overlapArea(over.box, b); a > 1 {
						t.Errorf("%s: the %s covers %.0f px² of the sea the map shows", name, over.what, a)
					}
				}
				named := false
				for _, n := range s.Names {
					if n.Code == "sea-islands" {
						named = b.Contains(n.Label.Box.Center())
					}
				}
				if !named {
					t.Errorf("%s: the South China Sea Islands are not named inside the dashed line", name)
				}
				dots := 0
				for _, r := range s.Islands {
					if rb := pointsBound(r); rb.Min[1] > b.Min[1] && rb.Max[1] < b.Max[1] && rb.Min[0] > b.Min[0] && rb.Max[0] < b.Max[0] {
						dots++
					}
				}
				if dots < 3 {
					t.Errorf("%s: %d of the sea's islands drawn as dots", name, dots)
				}
			}
		}
	}
}

// checkNoSeaIslandsName: a map that does not show the South China Sea
// whole in place of an inset (the international edition, or a map with
// the inset) does not name its islands on the main map: a zero box had
// read as the sea shown, and international pages had been given
// "South China Sea Islands" on open water.
func checkNoSeaIslandsName(t *testing.T, name string, s *Scene) {
	t.Helper()
	for _, n := range s.Names {
		if n.Code == "sea-islands" {
			t.Errorf("%s: the main map names the South China Sea Islands %q", name, n.Label.Lines)
		}
	}
}

// TestInternationalMapsDoNotNameTheSeaIslands: the international edition
// shows no dashed line and names no islands in its place.
func TestInternationalMapsDoNotNameTheSeaIslands(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, opt := range []Options{{Page: "a4"}, {Page: "a5"}, {Page: "letter"}, {Width: 800, Height: 1100}, {Width: 1200, Height: 900}} {
		for _, lang := range []string{"en", "zh", "both"} {
			opt.Lang, opt.Edition = lang, EditionIntl
			s, err := Build(context.Background(), a, Request{Options: opt})
			if err != nil {
				t.Fatal(err)
			}
			checkNoSeaIslandsName(t, fmt.Sprintf("%+v", opt), s)
			if !s.seaBox.IsZero() {
				t.Errorf("%+v: the international edition keeps the legend off a South China Sea it does not show", opt)
			}
		}
	}
}

// TestEnlargementsKeepOffTheSea: on a mainland-edition page that shows
// the South China Sea whole, an enlargement of a crowded area goes
// elsewhere: Fujian and Guangdong's had covered the dashed line on an A4
// page of the example supplier cities.
func TestEnlargementsKeepOffTheSea(t *testing.T) {
	a := atlastest.Example(t, "suppliers.yaml")
	enlargements := 0
	for _, lang := range []string{"en", "zh", "both"} {
		s, err := Build(context.Background(), a, Request{Options: Options{Page: "a4", Lang: lang, Edition: EditionCN}})
		if err != nil {
			t.Fatal(err)
		}
		if s.seaBox.IsZero() {
			t.Fatalf("%s: the A4 page does not show the sea whole", lang)
		}
		for _, in := range s.Insets {
			if in.Kind != InsetEnlargement {
				continue
			}
			enlargements++
			if a := overlapArea(in.Frame, s.seaBox); a > 1 {
				t.Errorf("%s: the enlargement %v covers %.0f px² of the sea %v", lang, in.Frame, a, s.seaBox)
			}
		}
	}
	if enlargements == 0 {
		t.Error("no enlargement on the A4 pages")
	}
}

// TestNoCountryNamedInTheSouthChinaSea: a neighbour's name stands on its
// land or on the sea away from China, never inside the South China Sea's
// dashed line: "Philippines 菲律宾" had stood west of Luzon, inside the
// line, on a mainland-edition A4 page in both languages.
func TestNoCountryNamedInTheSouthChinaSea(t *testing.T) {
	a := atlastest.Embedded(t)
	var pts []orb.Point
	for _, l := range seaLineSource(a) {
		pts = append(pts, l...)
	}
	for _, opt := range []Options{{Page: "a4"}, {Page: "a4-landscape"}, {Width: 960, Height: 720}, {Width: 1200, Height: 900}, {Page: "slide"}, {Focus: "CN-HI"}} {
		for _, ed := range []string{EditionIntl, EditionCN} {
			for _, lang := range []string{"en", "zh", "both"} {
				opt.Edition, opt.Lang = ed, lang
				s, err := Build(context.Background(), a, Request{Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				var px []orb.Point
				for _, p := range pts {
					px = append(px, s.Base.Transform.Apply(geo.China.Forward(p)))
				}
				hull := convexHull(px)
				for _, n := range s.Names {
					if n.Kind == "country" && geo.RingContains(hull, n.Label.Box.Center()) {
						t.Errorf("%+v: %q stands inside the South China Sea's dashed line", opt, n.Label.Lines)
					}
				}
			}
		}
	}
}

// convexHull returns the hull of pts as a closed ring (monotone chain).
func convexHull(pts []orb.Point) []orb.Point {
	ps := slices.Clone(pts)
	slices.SortFunc(ps, func(a, b orb.Point) int {
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		return cmp.Compare(a[1], b[1])
	})
	cross := func(o, a, b orb.Point) float64 { return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0]) }
	var h []orb.Point
	for pass := 0; pass < 2; pass++ {
		start := len(h)
		for _, p := range ps {
			for len(h) >= start+2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
				h = h[:len(h)-1]
			}
			h = append(h, p)
		}
		h = h[:len(h)-1]
		slices.Reverse(ps)
	}
	return append(h, h[0])
}

// TestSeaInsetShadedAsTheMap: the South China Sea inset fills each
// division in view as the map does, by the same filter and palette: its
// Guangdong and Hainan had stood in the colour of no hubs beside the
// map's Guangdong, shaded darkest (the mainland edition at 960×720).
func TestSeaInsetShadedAsTheMap(t *testing.T) {
	a := atlastest.Embedded(t)
	insets := 0
	for _, f := range []geo.Filter{{}, {Categories: []string{"electronics"}}, {Province: "CN-HI"}} {
		for _, size := range [][2]int{{640, 480}, {960, 720}, {1600, 1200}} {
			s, err := Build(context.Background(), a, Request{Filter: f, Options: Options{Width: size[0], Height: size[1], Edition: EditionCN}})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range s.Insets {
				if in.Kind != InsetSouthChinaSea {
					continue
				}
				insets++
				for i, p := range in.Provinces {
					if len(p.Rings) > 0 && p.Fill != s.Provinces[i].Fill {
						t.Errorf("%v %v: the inset fills %s %s, the map %s", f, size, p.Code, p.Fill, s.Provinces[i].Fill)
					}
				}
			}
		}
	}
	if insets < 6 {
		t.Errorf("%d insets looked at, want 6 at least", insets)
	}
}

// TestSeaInsetHasItsScale: the South China Sea inset, drawn smaller
// than the map, has a scale bar of its own, true to its scale, inside
// it and clear of its title: the legend's bar, the only one, had given
// the map's scale alone.
func TestSeaInsetHasItsScale(t *testing.T) {
	a := atlastest.Embedded(t)
	seen := 0
	for _, opt := range []Options{
		{Page: "a4-landscape", Lang: "zh"}, {Page: "a4", Lang: "en"}, {Width: 640, Height: 480, Lang: "zh"},
		{Width: 800, Height: 600, Lang: "both"}, {Focus: "CN-HI", Lang: "en"}, {Focus: "CN-HI", Lang: "zh", Width: 640, Height: 480},
	} {
		opt.Edition = EditionCN
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range s.Insets {
			if in.Kind != InsetSouthChinaSea {
				continue
			}
			seen++
			sb := in.Scale
			name := fmt.Sprintf("%s %dx%d %s %s", opt.Focus, opt.Width, opt.Height, opt.Page, opt.Lang)
			if sb.Length <= 0 {
				t.Errorf("%s: the inset has no scale bar", name)
				continue
			}
			// 300 km along the parallel through the inset's centre, in
			// the inset's px, against the bar's px per km.
			c := geo.China.Inverse(in.Base.Transform.Invert(in.Frame.Center()))
			dLon := 300 / (111.195 * math.Cos(c[1]*math.Pi/180))
			p := in.Base.Transform.Apply(geo.China.Forward(orb.Point{c[0] - dLon/2, c[1]}))
			q := in.Base.Transform.Apply(geo.China.Forward(orb.Point{c[0] + dLon/2, c[1]}))
			want, got := math.Hypot(q[0]-p[0], q[1]-p[1])/300, sb.Length/sb.Km
			if math.Abs(got/want-1) > 0.03 {
				t.Errorf("%s: the bar says %.3f px a km, the inset draws %.3f", name, got, want)
			}
			em := insetScaleEm * s.Style.Legend
			box := orb.Bound{Min: orb.Point{sb.X, sb.Y - em}, Max: orb.Point{sb.X + sb.Length + 0.6*em + textWidth(sb.Text, em), sb.Y}}
			if !in.Frame.Contains(box.Min) || !in.Frame.Contains(box.Max) {
				t.Errorf("%s: the bar %v runs out of the inset %v", name, box, in.Frame)
			}
			tw := textWidth(in.Title, s.Style.Legend)
			title := orb.Bound{Min: orb.Point{in.Frame.Max[0] - 0.5*s.Style.Legend - tw, in.TitleY - s.Style.Legend}, Max: orb.Point{in.Frame.Max[0], in.TitleY}}
			if intersects(box, title) {
				t.Errorf("%s: the bar %v runs into the title %v", name, box, title)
			}
		}
	}
	if seen < 4 {
		t.Errorf("%d insets: the test tests too little", seen)
	}
}
