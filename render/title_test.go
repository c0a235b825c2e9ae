package render_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

// TestTitleKeepsChineseWhole: a bilingual title that takes two lines
// breaks at its " / ", not inside the Chinese ("…China / 中国制" /
// "造业中心" at 390×700), and a Chinese title still wraps where its line
// cannot hold it whole.
func TestTitleKeepsChineseWhole(t *testing.T) {
	wrapped := 0
	for _, w := range []int{320, 360, 390, 420, 480} {
		for _, lang := range []string{"both", "zh"} {
			for _, f := range []geo.Filter{{}, {Categories: []string{"footwear"}}} {
				s := build(t, f, render.Options{Width: w, Height: 700, Lang: lang})
				name := fmt.Sprintf("%d %s %v", w, lang, f.Categories)
				if len(s.Title) < 2 {
					continue
				}
				wrapped++
				if lang == "both" && strings.Contains(strings.Join(s.Title, ""), " / ") && !strings.HasSuffix(s.Title[0], " /") && !strings.HasPrefix(s.Title[1], "/") {
					t.Errorf("%s: title %q breaks inside a language", name, s.Title)
				}
			}
		}
	}
	if wrapped == 0 {
		t.Error("no title wrapped: the test tests nothing")
	}
}

// TestChineseCreditsInChinese: a map in Chinese cites its sources with
// the data's Chinese notes (source_zh, date_zh, license_zh), in Chinese
// brackets; a map in English keeps the English ones. The Chinese maps'
// credits had read "(sourcing blog article) (updated 19 June), MIT
// (descriptions written for hubatlas)".
func TestChineseCreditsInChinese(t *testing.T) {
	zh := strings.Join(build(t, geo.Filter{}, render.Options{Lang: "zh"}).Credit, "")
	for _, want := range []string{"中国主要制造业地区（采购博客文章）（6 月 19 日更新），MIT（描述为 hubatlas 撰写）"} {
		if !strings.Contains(zh, want) {
			t.Errorf("Chinese credits %q lack %q", zh, want)
		}
	}
	// After Latin text, Latin brackets and comma: not "(…GMT)（2022-05-20）".
	if !strings.Contains(zh, "DCW-GMT 2.1.1 (Digital Chart of the World for GMT) (2022-05-20), LGPL-3.0-or-later") {
		t.Errorf("Chinese credits %q mix Chinese brackets into the Latin boundary citation", zh)
	}
	for _, english := range []string{"sourcing blog article", "updated 19 June", "descriptions written"} {
		if strings.Contains(zh, english) {
			t.Errorf("Chinese credits %q hold %q", zh, english)
		}
	}
	en := strings.Join(build(t, geo.Filter{}, render.Options{Lang: "en"}).Credit, " ")
	if !strings.Contains(en, "Key Manufacturing Areas in China (sourcing blog article) (updated 19 June), MIT") {
		t.Errorf("English credits %q", en)
	}
}

// TestBilingualTitleKeepsItsChinese: a title in both languages that two
// lines cannot hold takes its Chinese to lines of its own where the map
// can spare them, and a page that grows with its map keeps the Chinese
// subtitle: a column page had cut the title to "/ 眼镜、鞋…" and left
// the Chinese subtitle out.
func TestBilingualTitleKeepsItsChinese(t *testing.T) {
	f := geo.Filter{Categories: []string{"toys", "footwear", "eyewear", "stationery"}, Province: "CN-ZJ"}
	for _, opt := range []render.Options{{Page: "column", Lang: "both"}, {Width: 800, Height: 600, Lang: "both"}} {
		s := build(t, f, opt)
		all := strings.Join(s.Title, "")
		if strings.Contains(all, "…") || !strings.Contains(all, "浙江") {
			t.Errorf("%s %dx%d: title %q", opt.Page, opt.Width, opt.Height, s.Title)
		}
		if opt.Page == "column" && (len(s.Subtitle) != 2 || !strings.Contains(s.Subtitle[1], "个制造业中心")) {
			t.Errorf("column: subtitle %q", s.Subtitle)
		}
	}
	// A title of one's own with a slash in it is not split there.
	own := build(t, geo.Filter{}, render.Options{Page: "column", Lang: "both", Title: "Sourcing review Q3 2024 / toys, shoes and the other things we buy in many markets"})
	if len(own.Title) > 2 {
		t.Errorf("a title of one's own split at its slash: %q", own.Title)
	}
}

// TestWindowTitledAroundItsDivisions: a window of Zhejiang and Fujian
// whose frame also shows hubs of Shanghai and Shantou is titled "in and
// around Zhejiang and Fujian" (it had said "in China"); where that does
// not fit whole (a column page) the title says China, not "Zhejiang
// and…"; and the title a screen reader reads joins a Chinese title
// broken across lines without a space ("制 造业" had read so).
func TestWindowTitledAroundItsDivisions(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	f := geo.Filter{Categories: []string{"footwear", "small-appliances"}}
	for _, c := range []struct {
		opt  render.Options
		want string
	}{
		{render.Options{Lang: "en"}, "Footwear and small appliances: hubs in and around Zhejiang and Fujian"},
		{render.Options{Lang: "zh"}, "鞋类、小家电：浙江、福建及周边制造业中心"},
		{render.Options{Lang: "en", Page: "a5"}, "Footwear and small appliances: hubs in and around Zhejiang and Fujian"},
		{render.Options{Lang: "en", Page: "column"}, "Footwear and small appliances: hubs in China"},
		{render.Options{Lang: "zh", Page: "column"}, "鞋类、小家电：浙江、福建及周边制造业中心"},
	} {
		c.opt.BBox = render.BBox{116.5, 23.5, 122.5, 30.5}
		s, err := render.Build(context.Background(), a, render.Request{Filter: f, Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := render.WriteSVG(&b, s); err != nil {
			t.Fatal(err)
		}
		if got := regexp.MustCompile(`<title>([^<]*)</title>`).FindSubmatch(b.Bytes()); got == nil || string(got[1]) != c.want {
			t.Errorf("%s %s: title %q (lines %q), want %q", c.opt.Page, c.opt.Lang, got, s.Title, c.want)
		}
	}
}

// TestLegendListsClassesOnTheMap: a window of the Pearl River delta,
// where only Guangdong has hubs among the divisions the map shows, lists
// no class but Guangdong's: it had listed "1–249", Fujian's, beside
// "250+".
func TestLegendListsClassesOnTheMap(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	f := geo.Filter{Categories: []string{"footwear", "small-appliances"}}
	s, err := render.Build(context.Background(), a, render.Request{Filter: f, Options: render.Options{BBox: render.BBox{112.5, 21.8, 114.8, 23.8}}})
	if err != nil {
		t.Fatal(err)
	}
	var classes []string
	for _, c := range s.Legend.Classes {
		classes = append(classes, c.Text)
	}
	if strings.Join(classes, ",") != "none,250+" {
		t.Errorf("classes %q, want none and 250+", classes)
	}
}
