package render

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// wrapOld is wrapText as it was, token strings and all, then noOrphan: wrapValid must
// give the same lines.
func wrapOld(s string, size, width float64) []string {
	if textWidth(s, size) <= width || width <= size {
		return []string{s}
	}
	var lines []string
	line, lineW := "", 0.0
	flush := func() {
		if line != "" {
			lines = append(lines, strings.TrimSpace(line))
		}
		line, lineW = "", 0
	}
	for _, tok := range wrapTokens(s) {
		tw := textWidth(tok, size)
		if lineW+tw > width && strings.TrimSpace(line) != "" {
			flush()
			tok = strings.TrimLeft(tok, " ")
			tw = textWidth(tok, size)
		}
		line += tok
		lineW += tw
	}
	flush()
	return noOrphan(s, lines, nil)
}

var wrapCases = []string{
	"Hubs: hubatlas sample data (2026). Boundaries: DCW-GMT. Albers equal-area projection, 25°N/47°N. Map: hubatlas",
	"制造业中心：示例数据；边界：DCW-GMT；阿尔伯斯等积圆锥投影（25°N/47°N）；地图：hubatlas",
	"  leading  and   double spaces, trailing  ", "Backpacks, Sports Bags, Travel Bags, 运动鞋、休闲鞋、童鞋。",
	"averyveryveryverylongwordthatdoesnotfitanywhereatall and more", "a", "", "。。。start", "x 。 y",
}

func TestWrapValid(t *testing.T) {
	for _, s := range wrapCases {
		for _, width := range []float64{12, 40, 80, 150, 300, 1000} {
			if got, want := wrapText(s, 10, width), wrapOld(s, 10, width); !slices.Equal(got, want) {
				t.Errorf("wrapText(%q, %v) = %q, want %q", s, width, got, want)
			}
		}
	}
}

func FuzzWrapText(f *testing.F) {
	for _, s := range wrapCases {
		f.Add(s, 60.0)
	}
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if got, want := wrapText(s, 10, width), wrapOld(s, 10, width); !slices.Equal(got, want) {
			t.Errorf("wrapText(%q, %v) = %q, want %q", s, width, got, want)
		}
		// Kept whole: every run between spaces that holds Chinese stands
		// on one line, and no text is lost or added but white space (lines
		// are trimmed).
		if !utf8.ValidString(s) {
			return
		}
		keep := hanWords(s)
		lines := wrapKeeping(s, 10, width, keep)
		noSpace := func(x string) string { return strings.Join(strings.Fields(x), "") }
		if got, want := noSpace(strings.Join(lines, "")), noSpace(s); got != want {
			t.Errorf("wrapKeeping(%q, %v) = %q: text changed", s, width, lines)
		}
		for _, k := range keep {
			// Lines are trimmed, so a run's white space at its ends (only a
			// space ends a run, not a new line) is trimmed with them.
			run := strings.TrimSpace(s[k[0]:k[1]])
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, run) }) {
				t.Errorf("wrapKeeping(%q, %v) = %q: %q broken", s, width, lines, s[k[0]:k[1]])
			}
		}
	})
}

// TestNoLineStartsWithClosingPunctuation: a line never starts with "："
// or the like, which stays with the character before it. Chinese titles
// and credits had lines starting "：中国制造业中心".
func TestNoLineStartsWithClosingPunctuation(t *testing.T) {
	for _, s := range []string{wrapCases[1], wrapCases[3], "鞋类：中国制造业中心", "未设置审图号：不可在中国大陆出版，仅供参考。"} {
		for width := 12.0; width < 400; width += 3 {
			for i, line := range wrapText(s, 10, width) {
				if r := []rune(line); i > 0 && len(r) > 0 && noLineStart(r[0]) {
					t.Errorf("wrapText(%q, %v): line %d starts with %q", s, width, i+1, line)
				}
			}
		}
	}
}

// TestNoChineseOrphan: at no width does wrapped Chinese end on a line of
// one character and its punctuation when the line before could give it
// one more: the credits of a column page had ended on "性。". No text is
// lost or moved, no kept word split, no character taken across a space.
func TestNoChineseOrphan(t *testing.T) {
	names := "石家庄 保定 唐山 廊坊 邯郸 沧州 廊坊 邢台"
	for w := 40.0; w < 200; w++ {
		lines := wrapKeeping(names, 12, w, hanWords(names))
		if got := strings.Fields(strings.Join(lines, " ")); !slices.Equal(got, strings.Fields(names)) {
			t.Errorf("names at %.0f px: %q", w, lines)
		}
	}
	for _, s := range []string{
		"Boundaries are indicative and not authoritative. 边界仅为示意，不具权威性。",
		"制造业中心：中国主要制造业地区（采购博客文章）（6 月 19 日更新），MIT（描述为 hubatlas 撰写）",
		"东莞（广东）：电子产品、玩具",
	} {
		for w := 40.0; w < 400; w++ {
			lines := wrapText(s, 8, w)
			if strings.Join(lines, "") == "" {
				t.Fatal("no lines")
			}
			n := len(lines)
			if n < 2 {
				continue
			}
			first, _ := utf8.DecodeRuneInString(lines[n-1])
			last, _ := utf8.DecodeLastRuneInString(lines[n-2])
			if isHan(first) && isHan(last) && utf8.RuneCountInString(lines[n-1]) <= 2 && utf8.RuneCountInString(lines[n-2]) >= 6 {
				t.Errorf("%q at %.0f px: ends on %q", s, w, lines[n-1])
			}
			for _, l := range lines {
				if textWidth(l, 8) > w && !strings.Contains(l, " ") && strings.ContainsFunc(l, isHan) && utf8.RuneCountInString(l) > 3 {
					t.Errorf("%q at %.0f px: line %q is %.1f px wide", s, w, l, textWidth(l, 8))
				}
			}
			if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(s, " ", "") {
				t.Errorf("%q at %.0f px: lines %q lose or move text", s, w, lines)
			}
		}
	}
}

// TestTitlesBreakBetweenPhrases: a title that must wrap between Chinese
// characters breaks after a phrase where the next line holds the rest,
// not inside a word.
func TestTitlesBreakBetweenPhrases(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int // the width, in characters of the title's size
		want []string
	}{
		{"中国没有符合“电吹风”的制造业中心", 14, []string{"中国没有符合“电吹风”的", "制造业中心"}},
		{"鞋类：浙江和福建制造业中心", 8, []string{"鞋类：浙江和福建", "制造业中心"}}, // not inside a word
		{"广东制造业中心", 5, []string{"广东制造业", "中心"}},             // no phrase to break after
		{`Manufacturing hubs matching "玩具" in China / 中国符合“玩具”的制造业中心`, 16, []string{"Manufacturing hubs matching", `"玩具" in China / 中国符合“玩具…`}},
		{`Manufacturing hubs matching "玩具" in China / 中国符合“玩具”的制造业中心`, 15, []string{"Manufacturing hubs matching", `"玩具" in China / 中国符合“玩…`}},
	} {
		size := 16.0
		if got := wrapBold(c.s, size, float64(c.n)*size*1.07, 2); !slices.Equal(got, c.want) {
			t.Errorf("%s in %d characters: %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
