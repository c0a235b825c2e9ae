package render

import (
	"strings"
	"unicode"
)

// textWidth estimates the advance of s in px at the given font size for a
// CJK sans-serif face (Noto Sans CJK / Source Han Sans, whose Latin is
// close to Source Sans). Estimates err wide, so that boxes that do not
// overlap here do not overlap when rendered.
func textWidth(s string, size float64) float64 {
	em := 0.1 // side bearings
	for _, r := range s {
		em += runeEm(r)
	}
	return em * size * 1.04
}

// boldWidth is textWidth for bold text, about 6 % wider in Noto Sans CJK.
func boldWidth(s string, size float64) float64 { return textWidth(s, size) * 1.07 }

func runeEm(r rune) float64 {
	switch {
	case r == ' ':
		return 0.25
	case unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xffef:
		return 1.0
	case r == 'i' || r == 'l' || r == 'j' || r == '\'' || r == '’' || r == '.' || r == ',' || r == '|' || r == '!':
		return 0.26
	case r == 'f' || r == 't' || r == 'r' || r == 'I' || r == '(' || r == ')' || r == '-':
		return 0.36
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
		return 0.84
	case r >= 'A' && r <= 'Z':
		return 0.64
	case r >= '0' && r <= '9':
		return 0.56
	case r < 0x80:
		return 0.54
	case r == '…' || r == '·' || r == '—':
		return 1.0
	}
	return 0.62
}

// wrapText breaks s into lines no wider than width at the given size:
// at spaces for Latin text, anywhere between Chinese characters, never
// inside a Latin word unless the word alone is wider.
func wrapText(s string, size, width float64) []string {
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
	return lines
}

// wrapTokens splits s into pieces a line may break between: a space with
// the word after it, or a single Chinese character (with the punctuation
// that must not start a line).
func wrapTokens(s string) []string {
	var out []string
	var cur []rune
	for _, r := range s {
		han := unicode.Is(unicode.Han, r)
		noStart := strings.ContainsRune("，。、；：！？）」』》,.;:!?)", r)
		switch {
		case noStart:
			cur = append(cur, r)
		case r == ' ' || han:
			if len(cur) > 0 {
				out = append(out, string(cur))
			}
			cur = []rune{r}
			if han {
				out = append(out, string(cur))
				cur = nil
			}
		default:
			cur = append(cur, r)
		}
	}
	if len(cur) > 0 {
		out = append(out, string(cur))
	}
	return out
}

// hasCJK reports whether s holds Chinese, Japanese or full-width text.
func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xffef {
			return true
		}
	}
	return false
}

// fontsFor is the font-family list for a text: Latin faces first for
// Latin text, CJK faces first for text with Chinese.
func fontsFor(s string) string {
	if hasCJK(s) {
		return cjkFonts
	}
	return latinFonts
}
