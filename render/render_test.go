package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata/")

func build(t testing.TB, f geo.Filter, opt render.Options) *render.Scene {
	t.Helper()
	s, err := render.Build(context.Background(), atlas(t), render.Request{Filter: f, Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func svgBytes(t testing.TB, s *render.Scene) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := render.WriteSVG(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func overlaps(a, b orb.Bound) bool {
	return a.Min[0] < b.Max[0] && b.Min[0] < a.Max[0] && a.Min[1] < b.Max[1] && b.Min[1] < a.Max[1]
}

func markerBox(h render.HubMark) orb.Bound {
	return orb.Bound{Min: orb.Point{h.At[0] - h.R, h.At[1] - h.R}, Max: orb.Point{h.At[0] + h.R, h.At[1] + h.R}}
}

func TestEveryProvinceDrawn(t *testing.T) {
	for _, opt := range []render.Options{{}, {Width: 960, Height: 720}, {Width: 320, Height: 320}} {
		s := build(t, geo.Filter{}, opt)
		if len(s.Provinces) != 34 {
			t.Fatalf("%d provinces", len(s.Provinces))
		}
		out := string(svgBytes(t, s))
		for _, p := range s.Provinces {
			if len(p.Rings) == 0 || !strings.Contains(out, `data-province="`+p.Code+`"`) {
				t.Errorf("%dx%d: %s (%s) not drawn", opt.Width, opt.Height, p.Code, p.Name)
			}
		}
	}
}

func TestShadingAndMarkers(t *testing.T) {
	s := build(t, geo.Filter{Categories: []string{"footwear"}}, render.Options{})
	fills := map[string]string{}
	for _, p := range s.Provinces {
		fills[p.Code] = p.Fill
	}
	if fills["CN-FJ"] == fills["CN-XJ"] || fills["CN-ZJ"] == fills["CN-XJ"] {
		t.Errorf("provinces with footwear hubs are shaded like those without: %v", fills)
	}
	all := build(t, geo.Filter{}, render.Options{})
	for _, h := range all.Hubs {
		// Dongguan makes electronics and toys: two industries, two colours.
		if h.ID == "dongguan" && len(h.Colors) != 2 {
			t.Errorf("dongguan marker colours %v, want electronics-tech and consumer-goods", h.Colors)
		}
	}
}

func TestFocusShowsMoreDetail(t *testing.T) {
	count := func(s *render.Scene, code string) int {
		n := 0
		for _, p := range s.Provinces {
			if p.Code == code {
				for _, r := range p.Rings {
					n += len(r)
				}
			}
		}
		return n
	}
	china := build(t, geo.Filter{}, render.Options{})
	fj := build(t, geo.Filter{}, render.Options{Focus: "CN-FJ"})
	if a, b := count(china, "CN-FJ"), count(fj, "CN-FJ"); b < 3*a {
		t.Errorf("Fujian has %d vertices in focus and %d in the whole-China view: want far more detail", b, a)
	}
	pad := fj.Frame.Pad(3)
	for _, p := range fj.Provinces {
		for _, r := range p.Rings {
			for _, pt := range r {
				if !pad.Contains(pt) {
					t.Fatalf("%s vertex %v outside the frame %v: neighbours are not clipped", p.Code, pt, fj.Frame)
				}
			}
		}
	}
	if !strings.Contains(strings.Join(fj.Title, " "), "Fujian") {
		t.Errorf("title %q does not name Fujian", fj.Title)
	}
}

func TestScaleBarIsTrue(t *testing.T) {
	s := build(t, geo.Filter{}, render.Options{})
	sb := s.Legend.Scale
	if sb.Km <= 0 || sb.Length < 40 || sb.Length > 200 {
		t.Fatalf("scale bar %+v", sb)
	}
	// China spans about 5,200 km east to west; at 1200 px the bar's km per
	// px must be near 5200/1100.
	kmPerPx := sb.Km / sb.Length
	if kmPerPx < 3.5 || kmPerPx > 6 {
		t.Errorf("%.2f km per px", kmPerPx)
	}
}

func TestNoMatch(t *testing.T) {
	s := build(t, geo.Filter{Query: "zeppelin"}, render.Options{})
	if len(s.Hubs) != 0 || !strings.HasPrefix(strings.Join(s.Title, " "), "No hubs match \"zeppelin\"") || !strings.Contains(strings.Join(s.Subtitle, " "), "No hub matches") {
		t.Errorf("hubs %d, title %q, subtitle %q", len(s.Hubs), s.Title, s.Subtitle)
	}
	for _, p := range s.Provinces {
		if p.Value != 0 {
			t.Errorf("%s value %v", p.Code, p.Value)
		}
	}
}

// TestNoHubsInAProvince: a province without hubs is said so in plain
// words in each language, not as a filter with nothing in it.
func TestNoHubsInAProvince(t *testing.T) {
	for lang, want := range map[string]string{"en": "No manufacturing hubs in Shanghai", "zh": "上海没有制造业中心",
		"both": "No manufacturing hubs in Shanghai / 上海没有制造业中心"} {
		s := build(t, geo.Filter{Province: "CN-SH"}, render.Options{Lang: lang})
		if got := strings.Join(s.Title, " "); got != want {
			t.Errorf("%s: title %q, want %q", lang, got, want)
		}
	}
}

func TestBadOptions(t *testing.T) {
	for _, c := range []struct {
		f     geo.Filter
		opt   render.Options
		param string
	}{
		{geo.Filter{}, render.Options{Width: 10}, "width"},
		{geo.Filter{}, render.Options{Height: 100000}, "height"},
		{geo.Filter{}, render.Options{Lang: "fr"}, "lang"},
		{geo.Filter{}, render.Options{Focus: "CN-ZX"}, "focus"},
		{geo.Filter{}, render.Options{Title: "a\x00b"}, "title"},
		{geo.Filter{}, render.Options{Title: strings.Repeat("x", 201)}, "title"},
		{geo.Filter{Categories: []string{"shoes"}}, render.Options{}, "category"},
	} {
		_, err := render.Build(context.Background(), atlas(t), render.Request{Filter: c.f, Options: c.opt})
		var ie *geo.InvalidError
		if !errors.As(err, &ie) || ie.Param != c.param {
			t.Errorf("Build(%+v, %+v) = %v, want an error for %s", c.f, c.opt, err, c.param)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := svgBytes(t, build(t, geo.Filter{}, render.Options{Lang: "both"}))
	b := svgBytes(t, build(t, geo.Filter{}, render.Options{Lang: "both"}))
	if !bytes.Equal(a, b) {
		t.Error("same inputs, different bytes")
	}
}

// TestExportProfile checks the rules of docs/export-svg.md on the output.
func TestExportProfile(t *testing.T) {
	out := svgBytes(t, build(t, geo.Filter{}, render.Options{Lang: "both", Focus: "CN-GD"}))
	checkProfile(t, out)
	for _, want := range []string{`role="img"`, `<title>`, `<desc>`, `viewBox="0 0 1200 900"`, `width="1200"`,
		`font-family="&#39;Noto Sans&#39;,&#39;Source Sans 3&#39;,&#39;Helvetica Neue&#39;,Arial,&#39;Noto Sans CJK SC&#39;`,
		`font-family="&#39;Noto Sans CJK SC&#39;,&#39;Source Han Sans SC&#39;,&#39;Microsoft YaHei&#39;,&#39;PingFang SC&#39;,&#39;Noto Sans&#39;,Arial,sans-serif"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("output lacks %s", want)
		}
	}
	// Baselines are computed: LibreOffice ignores dy.
	if bytes.Contains(out, []byte(` dy=`)) {
		t.Error("output uses dy")
	}
}

// allowedAttrs are the only attributes the export may carry.
var allowedAttrs = map[string]bool{
	"width": true, "height": true, "viewBox": true, "role": true, "xmlns": true, "xlink": true,
	"d": true, "fill": true, "stroke": true, "stroke-width": true, "stroke-linejoin": true, "stroke-linecap": true,
	"fill-opacity": true, "stroke-opacity": true, "font-family": true, "font-size": true, "font-weight": true,
	"text-anchor": true, "dy": true, "x": true, "y": true, "cx": true, "cy": true, "r": true,
	"x1": true, "y1": true, "x2": true, "y2": true, "data-province": true, "data-hub": true, "data-country": true,
}

var allowedElems = map[string]bool{
	"svg": true, "title": true, "desc": true, "g": true, "path": true, "circle": true, "rect": true, "line": true, "text": true,
}

// checkProfile parses out as XML and fails on anything outside the
// profile: scripts, styles, classes, links, event handlers, unknown
// elements, colours other than #rrggbb.
func checkProfile(t *testing.T, out []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !allowedElems[se.Name.Local] {
			t.Errorf("element <%s> outside the export profile", se.Name.Local)
		}
		for _, a := range se.Attr {
			if !allowedAttrs[a.Name.Local] {
				t.Errorf("<%s %s=%q>: attribute outside the export profile", se.Name.Local, a.Name.Local, a.Value)
			}
			if (a.Name.Local == "fill" || a.Name.Local == "stroke") && a.Value != "none" &&
				!(len(a.Value) == 7 && a.Value[0] == '#' && strings.Trim(a.Value[1:], "0123456789abcdef") == "") {
				t.Errorf("<%s %s=%q>: not #rrggbb", se.Name.Local, a.Name.Local, a.Value)
			}
		}
	}
}

// TestGolden compares whole SVGs with testdata/*.svg; run with -update to
// rewrite them. A failing case leaves its output beside the golden as
// NAME.got.svg.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		f    geo.Filter
		opt  render.Options
	}{
		{"china", geo.Filter{}, render.Options{}},
		{"category-footwear", geo.Filter{Categories: []string{"footwear"}}, render.Options{}},
		{"province-fujian", geo.Filter{}, render.Options{Focus: "CN-FJ"}},
		{"chinese-labels", geo.Filter{}, render.Options{Lang: "zh"}},
		{"no-match", geo.Filter{Query: "zeppelin"}, render.Options{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := svgBytes(t, build(t, c.f, c.opt))
			path := filepath.Join("testdata", c.name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./render -run Golden -update)", err)
			}
			gotPath := filepath.Join("testdata", c.name+".got.svg")
			if !bytes.Equal(got, want) {
				os.WriteFile(gotPath, got, 0o644)
				t.Errorf("%s differs from the golden; see %s", path, gotPath)
			} else {
				os.Remove(gotPath)
			}
		})
	}
}

// checkNoEventAttrs fails if any element carries an on* attribute.
func checkNoEventAttrs(t *testing.T, out []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Fatalf("event attribute %s on <%s>", a.Name.Local, se.Name.Local)
				}
			}
		}
	}
}

// insideText reports whether byte offset i of the document lies in
// character data (after a '>' with no '<' since), where markup-looking
// text is harmless because it was escaped.
func insideText(out []byte, i int) bool {
	return bytes.LastIndexByte(out[:i+1], '>') > bytes.LastIndexByte(out[:i+1], '<')
}

// TestGreyscaleDistinct: printed in greyscale, the sea, the neighbouring
// countries, provinces without a hub and each shading class stay apart
// (CIE L* at least 4 apart, "none" and the first class at least 8).
func TestGreyscaleDistinct(t *testing.T) {
	lstar := func(hex string) float64 {
		v, _ := strconv.ParseUint(hex[1:], 16, 32)
		lin := func(c uint64) float64 {
			x := float64(c) / 255
			if x <= 0.04045 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		y := 0.2126*lin(v>>16&0xff) + 0.7152*lin(v>>8&0xff) + 0.0722*lin(v&0xff)
		if y > 216.0/24389 {
			return 116*math.Cbrt(y) - 16
		}
		return y * 24389 / 27
	}
	s := build(t, geo.Filter{}, render.Options{})
	names := []string{"sea", "countries", "none", "other provinces"}
	colors := []string{render.SeaColor, render.CountryFill, render.DefaultPalette.Zero, render.OutsideFill}
	for i, c := range render.DefaultPalette.Classes {
		names, colors = append(names, fmt.Sprintf("class %d", i+1)), append(colors, c)
	}
	for i := range colors {
		for j := i + 1; j < len(colors); j++ {
			min := 4.0
			if names[i] == "none" && names[j] == "class 1" {
				min = 8
			}
			if names[i] == "sea" && names[j] == "other provinces" {
				continue // China's outline stands between them
			}
			if d := math.Abs(lstar(colors[i]) - lstar(colors[j])); d < min {
				t.Errorf("%s %s and %s %s are %.1f L* apart in greyscale, want %.0f", names[i], colors[i], names[j], colors[j], d, min)
			}
		}
	}
	_ = s
}

// TestConcurrentBuilds draws maps of both atlases from several goroutines
// at once, as the server does, and requires the bytes of a lone render:
// the pools and caches shared between renders must not leak one map into
// another. `.ci/run` runs it under the race detector too.
func TestConcurrentBuilds(t *testing.T) {
	type job struct {
		a   *geo.Atlas
		req render.Request
	}
	small, large := atlastest.Embedded(t), atlastest.Large(t)
	var jobs []job
	for _, opt := range []render.Options{{}, {Width: 600, Height: 450}, {Page: "a5", Lang: "zh"}, {BBox: render.BBox{112, 21.5, 115, 24}, Width: 800, Height: 600}, {Lang: "both", Products: render.ProductsOn}} {
		jobs = append(jobs, job{small, render.Request{Options: opt}}, job{large, render.Request{Options: opt}})
	}
	jobs = append(jobs, job{large, render.Request{Filter: geo.Filter{Query: "shoes"}}}, job{small, render.Request{Filter: geo.Filter{Categories: []string{"toys"}}}})
	svg := func(j job) []byte {
		s, err := render.Build(context.Background(), j.a, j.req)
		if err != nil {
			t.Error(err)
			return nil
		}
		var b bytes.Buffer
		if err := render.WriteSVG(&b, s); err != nil {
			t.Error(err)
		}
		s.Release()
		return b.Bytes()
	}
	want := make([][]byte, len(jobs))
	for i, j := range jobs {
		want[i] = svg(j)
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for k := range 3 * len(jobs) {
				i := (k + g*5) % len(jobs)
				if got := svg(jobs[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("job %d drawn alongside others differs from drawn alone", i)
				}
			}
		})
	}
	wg.Wait()
}

// TestDescribesTheShading: the alt text says what the shading and the
// circles stand for.
func TestDescribesTheShading(t *testing.T) {
	a := atlastest.Large(t)
	for shade, want := range map[string][]string{
		render.ShadeCount: {"shaded by the number of matching", "circles sized by the number of hubs"},
		render.ShadeValue: {"shaded by the summed value of the matching", "circles sized by the summed value"},
		render.ShadeNone:  {"divisions with the matching", "circles sized by the number of hubs"},
	} {
		s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Shade: shade}})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(s.Desc, w) {
				t.Errorf("shade %s: desc %.160q… lacks %q", shade, s.Desc, w)
			}
		}
	}
	s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Lang: "zh"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"中国省级行政区地图，按符合条件的", "数量着色。共 ", "，以圆圈表示，大小按附近", "的数量；各省级行政区：广东 15,060；浙江 9,620；江苏 6,360；"} {
		if !strings.Contains(s.Desc, w) {
			t.Errorf("zh: desc %.200q… lacks %q", s.Desc, w)
		}
	}
}

// TestDescribesTheHubsInView: the alt text of a view closer than all of
// China counts all the hubs and lists those the view draws: Xinjiang's
// view, which draws none, had listed the 26 hubs of China.
func TestDescribesTheHubsInView(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, c := range []struct {
		opt        render.Options
		want, none []string
	}{
		{render.Options{Focus: "CN-XJ"}, []string{"26 hubs in China, 0 in this view."}, []string{"Quanzhou", "Harbin"}},
		{render.Options{Focus: "CN-GD"}, []string{"26 hubs in China, 8 in this view: ", "Dongguan (Guangdong): Electronics, Toys"}, []string{"Harbin", "Chengdu"}},
		{render.Options{BBox: render.BBox{118, 28, 123, 33}}, []string{"in this view: ", "Yiwu (Zhejiang)"}, []string{"Harbin", "Shenzhen"}},
		{render.Options{}, []string{"26 hubs: Quanzhou", "Harbin"}, []string{"in this view"}},
		// In Chinese on a map in Chinese: it had been English there too.
		{render.Options{Focus: "CN-GD", Lang: "zh"}, []string{"聚焦广东。全国共 26 个制造业中心，视图内 8 个：", "东莞（广东）：电子产品、玩具；"}, []string{"Dongguan", "Map of", "哈尔滨"}},
		{render.Options{Lang: "zh"}, []string{"共 26 个制造业中心：泉州（福建）：背包、运动包、旅行包；", "长春（吉林）：汽车。"}, []string{"Quanzhou", "in this view"}},
	} {
		s, err := render.Build(context.Background(), a, render.Request{Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range c.want {
			if !strings.Contains(s.Desc, w) {
				t.Errorf("%+v: desc %q lacks %q", c.opt, s.Desc, w)
			}
		}
		for _, w := range c.none {
			if strings.Contains(s.Desc, w) {
				t.Errorf("%+v: desc names %q, which the view does not draw", c.opt, w)
			}
		}
	}
}

// TestSymbolsShowWhatSizesThem: sized by summed value, a proportional
// symbol writes its value, not its count.
func TestSymbolsShowWhatSizesThem(t *testing.T) {
	a := atlastest.Large(t)
	for _, shade := range []string{render.ShadeCount, render.ShadeValue} {
		s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Shade: shade}})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range s.Hubs[:10] {
			want := float64(h.Count)
			if shade == render.ShadeValue {
				want = h.Value
			}
			f := strings.ReplaceAll(h.Figure, ",", "") // whole ("9,510") where it fits
			scale := 1.0
			switch {
			case strings.HasSuffix(f, "k"):
				f, scale = strings.TrimSuffix(f, "k"), 1e3
			case strings.HasSuffix(f, "M"):
				f, scale = strings.TrimSuffix(f, "M"), 1e6
			}
			got, err := strconv.ParseFloat(f, 64)
			if err != nil || math.Abs(got*scale-want) > 0.06*want {
				t.Errorf("shade %s: %s shows %q for %.0f", shade, h.ID, h.Figure, want)
			}
		}
	}
}

// TestLegendCirclesAreDrawnToScale: no reference circle of the legend is
// smaller than the smallest symbol the map draws, which would misstate
// the scale (values that small are drawn larger).
func TestLegendCirclesAreDrawnToScale(t *testing.T) {
	a := atlastest.Large(t)
	for _, opt := range []render.Options{{}, {Width: 600, Height: 450}, {Page: "column"}} {
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		const minR = 3 // px: no symbol is drawn smaller
		for _, h := range s.Hubs {
			if h.R < minR {
				t.Errorf("%+v: %s drawn at radius %.1f", opt, h.ID, h.R)
			}
		}
		for _, z := range s.Legend.Sizes {
			if z.R < minR {
				t.Errorf("%+v: legend circle for %s has radius %.1f, below the %d px every symbol is drawn at", opt, z.Text, z.R, minR)
			}
		}
		if len(s.Legend.Sizes) == 0 {
			t.Errorf("%+v: no reference circles", opt)
		}
	}
}

// TestBilingualSubtitle: with both languages the subtitle says it in
// both, on one line when it holds them, else English on one line and
// Chinese on the next (the Chinese had been dropped on small maps), but
// for English alone where the map is under 400 px high.
func TestBilingualSubtitle(t *testing.T) {
	for _, c := range []struct {
		opt  render.Options
		want []string
	}{
		{render.Options{Width: 1200, Height: 900, Lang: "both"}, []string{"26 hubs in 15 provinces / 26 个制造业中心，分布于 15 个省级行政区"}},
		{render.Options{Width: 1200, Height: 900, Lang: "both", BBox: render.BBox{112.5, 21.5, 115, 23.5}}, []string{"4 of 26 hubs in this view / 视图内 4 个，全国共 26 个制造业中心"}},
		{render.Options{Width: 320, Height: 320, Lang: "both"}, []string{"26 hubs in 15 provinces"}},
		{render.Options{Width: 390, Height: 700, Lang: "both"}, []string{"26 hubs in 15 provinces", "26 个制造业中心，分布于 15 个省级行政区"}},
	} {
		if got := strings.Join(build(t, geo.Filter{}, c.opt).Subtitle, "\n"); got != strings.Join(c.want, "\n") {
			t.Errorf("%dx%d %v: subtitle %q, want %q", c.opt.Width, c.opt.Height, c.opt.BBox, got, strings.Join(c.want, "\n"))
		}
	}
}

// TestFocusedProvinceNamedFirst: on a map of one province its own name
// is in the text colour (white on its dark fill), its neighbours' in the
// quieter grey.
func TestFocusedProvinceNamedFirst(t *testing.T) {
	out := string(svgBytes(t, build(t, geo.Filter{}, render.Options{Focus: "CN-FJ"})))
	if fills := textFills(out, "Fujian"); len(fills) != 2 || fills[1] != "#ffffff" || fills[0] == "#ffffff" {
		t.Errorf("Fujian is named in %v (halo, ink), not white on its dark fill", fills)
	}
	if !strings.Contains(out, `fill="#6e7781" >Jiangxi</text>`) {
		t.Error("Jiangxi is not named in grey")
	}
	out = string(svgBytes(t, build(t, geo.Filter{Categories: []string{"footwear"}}, render.Options{Focus: "CN-JS"})))
	if !strings.Contains(out, `fill="#1f2328" >Jiangsu</text>`) {
		t.Error("Jiangsu, with no hub of footwear, is not named in the text colour")
	}
}

// TestNumberedMarkersKeepTheirWedges: a hub whose number stands on its
// marker keeps the wedges of its industries, as the legend's split
// marker says: Dongguan's "10" had been drawn in its first industry's
// colour alone on a column page.
func TestNumberedMarkersKeepTheirWedges(t *testing.T) {
	split := 0
	for _, opt := range []render.Options{{Page: "column"}, {Page: "column", Lang: "zh"}, {Width: 640, Height: 480}, {Width: 360, Height: 360, Lang: "zh"}} {
		s := build(t, geo.Filter{}, opt)
		out := svgBytes(t, s)
		for _, h := range s.Hubs {
			if !h.OnMarker || len(h.Colors) < 2 {
				continue
			}
			split++
			start := bytes.Index(out, []byte(`data-hub="`+h.ID+`"`))
			if start < 0 {
				t.Fatalf("%+v: no group for %s", opt, h.ID)
			}
			end := bytes.Index(out[start:], []byte(`</g>`))
			group := out[start : start+end]
			for _, c := range h.Colors {
				if !bytes.Contains(group, []byte(`fill="`+c+`" />`)) || !bytes.Contains(group, []byte(`<path`)) {
					t.Errorf("%+v: %s's numbered marker lacks its wedge of %s", opt, h.ID, c)
				}
			}
		}
	}
	if split == 0 {
		t.Fatal("no numbered marker of several industries in these maps")
	}
}

// TestProvinceFilterLeavesOthersOutside: a map of one province's hubs
// fills the other divisions as outside the filter, with a legend entry
// of their own, not as "none": Guangdong's had shown Fujian, with 3
// hubs, and Hainan, with 1, as having none.
func TestProvinceFilterLeavesOthersOutside(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, lang := range []string{"en", "zh"} {
		s := build(t, geo.Filter{Province: "CN-GD"}, render.Options{Lang: lang})
		for i, p := range s.Provinces {
			if want := render.OutsideFill; p.Code != "CN-GD" && p.Fill != want {
				t.Errorf("%s: %s filled %s, want %s", lang, a.Divisions[i].Code, p.Fill, want)
			}
			if p.Code == "CN-GD" && (p.Fill == render.OutsideFill || p.Fill == render.DefaultPalette.Zero) {
				t.Errorf("%s: Guangdong filled %s", lang, p.Fill)
			}
		}
		var texts []string
		for _, c := range s.Legend.Classes {
			texts = append(texts, c.Text)
		}
		want := map[string][]string{"en": {"other provinces", "4+"}, "zh": {"其他省级行政区", "4+"}}[lang]
		if !slices.Equal(texts, want) {
			t.Errorf("%s: legend classes %q, want %q", lang, texts, want)
		}
	}
	s := build(t, geo.Filter{}, render.Options{})
	if s.Provinces[0].Fill == render.OutsideFill || s.Legend.Classes[0].Text != "none" {
		t.Errorf("no filter: %s, %q", s.Provinces[0].Fill, s.Legend.Classes[0].Text)
	}
	// Nothing shaded: every division in the one fill, none outside.
	s = build(t, geo.Filter{Province: "CN-GD"}, render.Options{Shade: render.ShadeNone})
	for _, p := range s.Provinces {
		if p.Fill == render.OutsideFill {
			t.Errorf("shade none: %s filled as outside the filter, which the legend does not explain", p.Code)
		}
	}
}
