package render_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// TestBaseMap draws the views a client publishes — all of China in both
// editions, Guangdong, Hong Kong, Hainan and Xinjiang — and checks what
// a cartographer looks for: the neighbouring countries and their names,
// the sea and the land in their own colours where they are, province
// names in the label language (small divisions on leaders in close
// views), and the edition's South China Sea treatment.
func TestBaseMap(t *testing.T) {
	type pixel struct {
		lon, lat float64
		color    string
	}
	for _, c := range []struct {
		name      string
		opt       render.Options
		countries []string
		names     []string // province and country names, as drawn
		leaders   []string // names drawn beside their division on a leader
		pixels    []pixel
		inset     bool
		seaLine   bool
		credit    string
	}{
		{
			name: "china-intl", opt: render.Options{},
			countries: []string{"RU", "MN", "KZ", "IN", "VN", "KP", "JP", "MM"},
			names:     []string{"Xinjiang", "Tibet", "Inner Mongolia", "Mongolia", "Russia", "India"},
			pixels:    []pixel{{124, 30, render.SeaColor}, {103, 46.5, render.CountryFill}, {85, 39.5, render.DefaultPalette.Zero}},
			credit:    "Boundaries are indicative and not authoritative.",
		},
		{
			name: "china-cn", opt: render.Options{Edition: render.EditionCN, Lang: "zh", Approval: "GS(2026)0001号"},
			countries: []string{"RU", "MN", "VN", "PH"},
			names:     []string{"新疆", "西藏", "蒙古", "俄罗斯"},
			pixels:    []pixel{{124, 30, render.SeaColor}, {103, 46.5, render.CountryFill}},
			inset:     true, seaLine: true,
			credit: "审图号：GS(2026)0001号",
		},
		{
			name: "guangdong", opt: render.Options{Focus: "CN-GD", Lang: "both"},
			names:   []string{"Guangdong", "广东", "Guangxi", "Fujian", "Hainan", "Hong Kong", "Macau"},
			leaders: []string{"Hong Kong", "Macau"},
			pixels:  []pixel{{114.5, 21.3, render.SeaColor}, {117, 21, render.SeaColor}},
		},
		{
			name: "hong-kong", opt: render.Options{Focus: "CN-HK"},
			names:  []string{"Hong Kong", "Guangdong"},
			pixels: []pixel{{114.05, 22.15, render.SeaColor}, {114.13, 22.42, render.DefaultPalette.Zero}},
		},
		{
			// Hainan's island framed, the province's islands out at sea
			// in the inset (the view had stretched to the Xisha Islands,
			// 300 km off, the island in a corner of an empty sea).
			name: "hainan-cn", opt: render.Options{Focus: "CN-HI", Edition: render.EditionCN},
			names:  []string{"Hainan"},
			pixels: []pixel{{111.3, 19.0, render.SeaColor}, {109.8, 19.2, render.DefaultPalette.Classes[0]}},
			inset:  true,
		},
		{
			name: "xinjiang-zh", opt: render.Options{Focus: "CN-XJ", Lang: "zh"},
			countries: []string{"KZ", "KG", "TJ", "AF", "PK", "IN", "MN", "RU"},
			names:     []string{"新疆", "哈萨克斯坦", "蒙古", "甘肃"},
			pixels:    []pixel{{75, 46, render.CountryFill}},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := build(t, geo.Filter{}, c.opt)
			var codes []string
			for _, k := range s.Base.Countries {
				codes = append(codes, k.Code)
			}
			for _, want := range c.countries {
				if !slices.Contains(codes, want) {
					t.Errorf("country %s not drawn (drawn: %v)", want, codes)
				}
			}
			// A name in both languages may stand on one line ("Macau
			// 澳门"): each language's part counts as drawn.
			drawn := map[string]render.NameLabel{}
			for _, n := range s.Names {
				for _, l := range n.Label.Lines {
					drawn[l] = n
					if i := strings.LastIndex(l, " "); i > 0 && strings.ContainsFunc(l[i+1:], func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
						drawn[l[:i]], drawn[l[i+1:]] = n, n
					}
				}
			}
			for _, want := range c.names {
				if _, ok := drawn[want]; !ok {
					t.Errorf("name %q not drawn", want)
				}
			}
			for _, want := range c.leaders {
				if n := drawn[want]; len(n.Leader) != 2 {
					t.Errorf("%q has no leader", want)
				}
			}
			hasInset := slices.ContainsFunc(s.Insets, func(in render.Inset) bool {
				return in.Kind == render.InsetSouthChinaSea && len(in.SeaLine) > 0 && len(in.Islands) > 0
			})
			if hasInset != c.inset {
				t.Errorf("South China Sea inset with its line and islands: %v, want %v", hasInset, c.inset)
			}
			if (len(s.SeaLine) > 0) != c.seaLine {
				t.Errorf("dashed line on the main map: %d pieces, want any: %v", len(s.SeaLine), c.seaLine)
			}
			if c.credit != "" && !strings.Contains(strings.Join(s.Credit, " "), c.credit) {
				t.Errorf("credits %q lack %q", s.Credit, c.credit)
			}
			img := decodePNG(t, pngBytes(t, s))
			for _, p := range c.pixels {
				at := s.Base.Transform.Apply(geo.China.Forward(orb.Point{p.lon, p.lat}))
				got := hexAt(img, at)
				if got != p.color {
					t.Errorf("%.2f°E %.2f°N (px %.0f,%.0f) is %s, want %s", p.lon, p.lat, at[0], at[1], got, p.color)
				}
			}
		})
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func hexAt(img image.Image, at orb.Point) string {
	r, g, b, _ := img.At(int(at[0]), int(at[1])).RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// TestChinaSVGSize: the 960×720 map of China, neighbours and sea drawn,
// stays within 35 KB gzipped (a page's budget for its main image).
func TestChinaSVGSize(t *testing.T) {
	for _, opt := range []render.Options{{Width: 960, Height: 720}, {Width: 960, Height: 720, Edition: render.EditionCN, Lang: "both"}} {
		svg := svgBytes(t, build(t, geo.Filter{}, opt))
		if n := gzipLen(svg); n > 35_000 {
			t.Errorf("%+v: %d bytes gzipped, limit 35,000", opt, n)
		}
	}
}

// TestViewSubtitle: a window's map counts the hubs in view; a focused
// division without hubs says so in words; a view without any says which
// is nearest, how far and which way (Xinjiang's had said only "None in
// Xinjiang; 26 hubs in China").
func TestViewSubtitle(t *testing.T) {
	for _, c := range []struct {
		opt  render.Options
		f    geo.Filter
		want string
	}{
		{render.Options{BBox: render.BBox{112.5, 21.5, 115, 23.5}}, geo.Filter{}, "4 of 26 hubs in this view"},
		{render.Options{BBox: render.BBox{112.5, 21.5, 115, 23.5}, Lang: "zh"}, geo.Filter{}, "视图内 4 个，全国共 26 个制造业中心"},
		{render.Options{Focus: "CN-XJ"}, geo.Filter{}, "None in Xinjiang; 26 hubs in China, the nearest Chengdu, about 2,100 km southeast"},
		{render.Options{Focus: "CN-XJ", Lang: "zh"}, geo.Filter{}, "新疆暂无，全国共 26 个制造业中心；最近的是成都（东南方约 2,100 公里）"},
		{render.Options{Focus: "CN-FJ"}, geo.Filter{}, "3 hubs in Fujian, 26 in China"},
		{render.Options{BBox: render.BBox{100, 30, 110, 38}}, geo.Filter{Categories: []string{"footwear"}}, "0 of 2 hubs in this view, the nearest Wenzhou, about 1,600 km east"},
		{render.Options{BBox: render.BBox{100, 30, 110, 38}, Lang: "zh"}, geo.Filter{Categories: []string{"footwear"}}, "视图内 0 个，全国共 2 个制造业中心；最近的是温州（东方约 1,600 公里）"},
	} {
		if s := build(t, c.f, c.opt); strings.Join(s.Subtitle, " / ") != c.want {
			t.Errorf("%+v: subtitle %q, want %q", c.opt, s.Subtitle, c.want)
		}
	}
}

// TestWindowTitleNamesItsPlace: a window's title names the divisions
// whose hubs it shows, up to three, most hubs first; a window with hubs
// in more, or none, or in a division whose box covers less than a tenth
// of it, is "in China". Windows had all been "in China".
func TestWindowTitleNamesItsPlace(t *testing.T) {
	for _, c := range []struct {
		opt  render.Options
		f    geo.Filter
		want string
	}{
		{render.Options{BBox: render.BBox{118, 28, 123, 33}}, geo.Filter{}, "Manufacturing hubs in Zhejiang and Jiangsu"},
		{render.Options{BBox: render.BBox{118, 28, 123, 33}, Lang: "zh"}, geo.Filter{}, "浙江、江苏制造业中心"},
		{render.Options{BBox: render.BBox{112.5, 21.5, 115, 23.5}, Lang: "both"}, geo.Filter{}, "Manufacturing hubs in Guangdong / 广东制造业中心"},
		{render.Options{BBox: render.BBox{116, 23, 121, 27.5}}, geo.Filter{}, "Manufacturing hubs in Fujian and Guangdong"},
		{render.Options{BBox: render.BBox{118, 28, 123, 33}}, geo.Filter{Query: "eyewear"}, `Manufacturing hubs matching "eyewear" in Zhejiang`},
		{render.Options{BBox: render.BBox{100, 20, 125, 42}}, geo.Filter{}, "Manufacturing hubs in China"},
		{render.Options{BBox: render.BBox{80, 35, 90, 45}}, geo.Filter{}, "Manufacturing hubs in China"},
		{render.Options{Focus: "CN-FJ"}, geo.Filter{}, "Manufacturing hubs in Fujian"},
		// Chongqing's one hub in the corner of a window of the
		// south-west border: not "in Chongqing".
		{render.Options{BBox: render.BBox{97, 21, 108, 30}}, geo.Filter{}, "Manufacturing hubs in China"},
		// The frame, fitted to the map's shape, shows Dalian beside
		// the window's one hub, Shijiazhuang's: not "in Hebei".
		{render.Options{BBox: render.BBox{113, 37, 121, 42}, Width: 800, Height: 600}, geo.Filter{}, "Manufacturing hubs in Hebei and Liaoning"},
		// A focus names its division, whatever the window.
		{render.Options{Focus: "CN-ZJ", BBox: render.BBox{118, 28, 123, 33}, Width: 1200, Height: 500}, geo.Filter{}, "Manufacturing hubs in Zhejiang"},
	} {
		if s := build(t, c.f, c.opt); strings.Join(s.Title, " ") != c.want {
			t.Errorf("%+v %+v: title %q, want %q", c.opt, c.f, s.Title, c.want)
		}
	}
}

// TestGeometryStaysInItsFrame: land, countries and every line stop at
// the edge of their panel's frame, where the sea stops, in the main map
// and in each inset. They had been clipped 2 px outside it and showed
// in the margin.
func TestGeometryStaysInItsFrame(t *testing.T) {
	for _, opt := range []render.Options{{}, {Width: 1200, Height: 900}, {Width: 500, Height: 900}, {Page: "a4"}, {Focus: "CN-GD"}, {Edition: "cn"}} {
		s := build(t, geo.Filter{}, opt)
		panels := []render.Panel{s.Panel}
		for _, in := range s.Insets {
			panels = append(panels, in.Panel)
		}
		for k, p := range panels {
			b := p.Base
			var sets [][][]orb.Point
			for _, pr := range b.Provinces {
				sets = append(sets, pr.Rings)
			}
			for _, c := range b.Countries {
				sets = append(sets, c.Rings)
			}
			sets = append(sets, b.Borders, b.Outline, b.CountryLines, b.Graticule)
			for _, set := range sets {
				for _, l := range set {
					for _, pt := range l {
						if !p.Frame.Pad(1e-9).Contains(pt) {
							t.Fatalf("%+v panel %d: point %v outside the frame %v", opt, k, pt, p.Frame)
						}
					}
				}
			}
		}
	}
}

// TestSeaInsetLeavesTheIslandsInView: the South China Sea inset of the
// cn edition covers none of the islands drawn on the main map (it had
// covered Huangwei Yu and Chiwei Yu at 1200×900).
func TestSeaInsetLeavesTheIslandsInView(t *testing.T) {
	for _, opt := range []render.Options{{Edition: "cn"}, {Edition: "cn", Width: 1200, Height: 900, Lang: "zh"},
		{Edition: "cn", Width: 960, Height: 720, Lang: "zh"}, {Edition: "cn", Page: "a4"}, {Edition: "cn", Width: 1600, Height: 900}} {
		s := build(t, geo.Filter{}, opt)
		if len(s.Islands) == 0 {
			t.Fatalf("%+v: no islands on the map", opt)
		}
		for _, in := range s.Insets {
			for _, r := range s.Islands {
				for _, p := range r {
					if in.Frame.Contains(p) {
						t.Errorf("%+v: the %s inset %v covers an island at %v", opt, in.Kind, in.Frame, p)
					}
				}
			}
		}
	}
}

// TestLightMarkersStandOut: a hub's marker has a dark edge on every fill,
// so that machinery's light cyan on the palest blue of the provinces
// (Harbin, Changsha) reads as a marker, not a hole in the map. In the PNG,
// the ring just outside the white rim of each light marker on a light
// fill holds a pixel darker than both.
func TestLightMarkersStandOut(t *testing.T) {
	s := build(t, geo.Filter{}, render.Options{Width: 1200, Height: 900})
	img := decodePNG(t, pngBytes(t, s))
	lum := func(x, y int) float64 {
		r, g, b, _ := img.At(x, y).RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 65535
	}
	checked := 0
	for _, h := range s.Hubs {
		if h.Count > 1 || h.OnMarker {
			continue
		}
		inside := lum(int(h.At[0]), int(h.At[1]))
		darkest := 1.0
		var ring []float64 // a little farther: mostly the province, some label
		for k := range 72 {
			th := float64(k) * math.Pi / 36
			for _, d := range []float64{h.R + 1, h.R + 1.5, h.R + 2} {
				darkest = min(darkest, lum(int(h.At[0]+d*math.Cos(th)), int(h.At[1]+d*math.Sin(th))))
			}
			ring = append(ring, lum(int(h.At[0]+(h.R+6)*math.Cos(th)), int(h.At[1]+(h.R+6)*math.Sin(th))))
		}
		slices.Sort(ring)
		around := ring[len(ring)/2]
		// A light marker on a light fill of about its lightness (on a
		// dark fill the white rim parts them).
		if inside < 0.55 || around < 0.55 || math.Abs(inside-around) > 0.15 {
			continue
		}
		if darkest > min(inside, around)-0.05 {
			t.Errorf("%s: the darkest pixel at its edge (%.2f) is hardly darker than the marker (%.2f) and what is around it (%.2f)", h.ID, darkest, inside, around)
		}
		checked++
	}
	if checked < 2 {
		t.Fatalf("%d light markers on light fills checked, want Harbin's and Changsha's", checked)
	}
}

// TestFocusOutlineStopsAtTheFrame: when the frame cuts the focused
// province, its dark outline is not drawn along the frame's edge: the
// margin just outside the frame stays white, and the pixels just inside
// are the province's fill, as a few pixels farther in.
func TestFocusOutlineStopsAtTheFrame(t *testing.T) {
	s := build(t, geo.Filter{}, render.Options{Focus: "CN-GD", BBox: render.BBox{112.5, 21.8, 114.8, 23.6}})
	img := decodePNG(t, pngBytes(t, s))
	lum := func(x, y int) float64 {
		r, g, b, _ := img.At(x, y).RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 65535
	}
	f := s.Frame
	x0, y0 := int(math.Ceil(f.Min[0])), int(math.Ceil(f.Min[1]))
	bad := 0
	check := func(out, edge, in float64) {
		if out < 0.9 || edge < in-0.05 {
			bad++
		}
	}
	for y := y0 + 10; y < int(f.Max[1])-10; y += 3 {
		if in := lum(x0+6, y); math.Abs(in-lum(x0+8, y)) < 0.02 {
			check(lum(x0-1, y), lum(x0, y), in)
		}
	}
	for x := x0 + 10; x < int(f.Max[0])-10; x += 3 {
		if in := lum(x, y0+6); math.Abs(in-lum(x, y0+8)) < 0.02 {
			check(lum(x, y0-2), lum(x, y0+1), in)
		}
	}
	if bad > 3 {
		t.Errorf("%d places along the frame's left and top edges show a line on or outside the frame", bad)
	}
}

// TestSlideNamesProvinces: a slide's type is 1.6 times a page's, to be
// read from afar, but its map is no larger than a page's; the provinces'
// names grow less (render's styleFor), so that a slide names at least
// half as many provinces as a screen map of its size in px. The English
// slide had named 7 of 34 (the 1280×720 px map 20).
func TestSlideNamesProvinces(t *testing.T) {
	count := func(s *render.Scene) int {
		n := 0
		for _, name := range s.Names {
			if name.Kind == "province" {
				n++
			}
		}
		return n
	}
	for _, lang := range render.Langs {
		slide := count(build(t, geo.Filter{}, render.Options{Page: "slide", Lang: lang}))
		screen := count(build(t, geo.Filter{}, render.Options{Width: 1280, Height: 720, Lang: lang}))
		t.Logf("%s: the slide names %d provinces, the 1280x720 map %d", lang, slide, screen)
		if 2*slide < screen {
			t.Errorf("%s: the slide names %d provinces, fewer than half the 1280x720 map's %d", lang, slide, screen)
		}
	}
}
