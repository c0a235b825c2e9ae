package render

import "unicode"

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
