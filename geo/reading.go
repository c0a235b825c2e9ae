package geo

import "strings"

// readingFixes are the starts of Chinese place names that CLDR's pinyin
// order (golang.org/x/text/collate for zh) reads otherwise than the
// place does, each with characters of the place's reading: sorted by
// name in Chinese, 长春 and 长沙 had come after 义乌 (read zhǎng), 重庆
// last (zhòng), 沈阳 among the ch- (chén), 厦门 before 西安 (shà).
var readingFixes = [...]struct{ start, as string }{
	{"重庆", "崇庆"}, // chóng
	{"长", "常"},   // cháng: 长沙, 长春, 长治, 长白山
	{"厦门", "夏门"}, // xià
	{"沈阳", "审阳"}, // shěn
	{"蚌埠", "迸埠"}, // bèng
	{"六安", "陆安"}, // lù
	{"乐清", "月清"}, // yuè
}

// CollationText is s as a Chinese collator should read it for a place
// name's order: the same text but for a start readingFixes lists.
func CollationText(s string) string {
	for _, f := range readingFixes {
		if rest, ok := strings.CutPrefix(s, f.start); ok {
			return f.as + rest
		}
	}
	return s
}
