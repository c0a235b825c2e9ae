package render_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
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
