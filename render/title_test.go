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
