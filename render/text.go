package render

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/fontgen -metrics metrics.go -glyphs internal/glyphs/data -assets ../assets

// textWidth is the advance of s in px at the given size in the face the
// SVG names first for it (Noto Sans for Latin text, Noto Sans CJK SC for
// text with Chinese; see fontsFor), from the width tables of metrics.go.
// Kerning is left out: it only narrows text, and labels keep a pad.
func textWidth(s string, size float64) float64 { return measure(s, size, false) }

// boldWidth is textWidth in the bold face.
func boldWidth(s string, size float64) float64 { return measure(s, size, true) }

func measure(s string, size float64, bold bool) float64 {
	first, second := latinRegular, cjkRegular
	if bold {
		first, second = latinBold, cjkBold
	}
	if hasCJK(s) {
		first, second = second, first
	}
	em := 0
	for _, r := range s {
		w := advance(first, r)
		if w < 0 {
			w = advance(second, r)
		}
		if w < 0 {
			w = 1000 // ideographs, and whatever a fallback face draws
			if r < 0x2E80 {
				w = 600
			}
		}
		em += w
	}
	return float64(em) * size / 1000
}

// advance looks r up in a width table of metrics.go; -1 when the face
// has no glyph for it or the table does not hold it.
func advance(table []uint16, r rune) int {
	off := 0
	for _, rg := range metricRanges {
		if r >= rg[0] && r <= rg[1] {
			if w := table[off+int(r-rg[0])]; w != noGlyph {
				return int(w)
			}
			return -1
		}
		off += int(rg[1]-rg[0]) + 1
	}
	return -1
}

// startX is where a text run starts: text is written with its start
// computed here, never with text-anchor, so that every renderer places it
// alike (LibreOffice measures anchored text its own way).
func startX(t textRun) float64 {
	switch t.Anchor {
	case "end":
		return t.X - measure(t.S, t.Size, t.Bold)
	case "middle":
		return t.X - measure(t.S, t.Size, t.Bold)/2
	}
	return t.X
}

// wrapText breaks s into lines no wider than width at the given size:
// at spaces for Latin text, anywhere between Chinese characters, never
// inside a Latin word unless the word alone is wider.
func wrapText(s string, size, width float64) []string {
	return wrapKeeping(s, size, width, nil)
}

// wrapKeeping is wrapText breaking no line inside the given byte ranges
// of s but at a space: a Chinese name stays whole ("石家/庄" read as two
// words in the key of numbered hubs). Invalid UTF-8 (which validated
// data never holds) is wrapped as wrapText does, keeping nothing.
func wrapKeeping(s string, size, width float64, keep [][2]int) []string {
	if textWidth(s, size) <= width || width <= size {
		return []string{s}
	}
	if utf8.ValidString(s) {
		return wrapValid(s, size, width, keep)
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

// wrapValid is wrapText for valid UTF-8, where the tokens are the
// pieces of s itself: lines are slices of s, and words are measured and
// summed as wrapText does, token by token.
func wrapValid(s string, size, width float64, keep [][2]int) []string {
	var lines []string
	start, end, lineW := 0, 0, 0.0 // the line is s[start:end]
	flush := func() {
		if end > start {
			lines = append(lines, strings.TrimSpace(s[start:end]))
		}
		start, lineW = end, 0
	}
	eachKeptToken(s, keep, func(a, b int) {
		tok := s[a:b]
		tw := textWidth(tok, size)
		if lineW+tw > width && strings.TrimSpace(s[start:end]) != "" {
			flush()
			trimmed := strings.TrimLeft(tok, " ")
			a += len(tok) - len(trimmed)
			start = a
			tw = textWidth(trimmed, size)
		}
		end = b
		lineW += tw
	})
	flush()
	return noOrphan(s, lines, keep)
}

// noOrphan takes the last Chinese character of the line before a last
// line of one Chinese character, alone or with its punctuation, down to
// it, as Chinese typesetting does: "…不具权威" over "性。" had ended the
// credits. lines are wrapValid's of s; a character is not taken across
// a space, nor out of a word of keep ("邢台" stays whole).
func noOrphan(s string, lines []string, keep [][2]int) []string {
	n := len(lines)
	if n < 2 {
		return lines
	}
	last, prev := lines[n-1], lines[n-2]
	first, size1 := utf8.DecodeRuneInString(last)
	if !isHan(first) || utf8.RuneCountInString(last) > 2 {
		return lines
	}
	if second, _ := utf8.DecodeRuneInString(last[size1:]); len(last) > size1 && !noLineStart(second) {
		return lines
	}
	r, size := utf8.DecodeLastRuneInString(prev)
	if !isHan(r) || utf8.RuneCountInString(prev) < 6 {
		return lines
	}
	start := len(strings.TrimRight(s, " ")) - len(last) // of the last line in s
	if start < 1 || s[start-1] == ' ' || !strings.HasSuffix(s[:start], prev) {
		return lines
	}
	at := start - size // of the character taken
	if slices.ContainsFunc(keep, func(k [2]int) bool { return k[0] < at && at < k[1] }) {
		return lines
	}
	lines[n-2], lines[n-1] = prev[:len(prev)-size], s[at:start]+last
	return lines
}

// eachKeptToken is eachToken joining the pieces that meet inside one of
// the keep ranges, other than at a space.
func eachKeptToken(s string, keep [][2]int, fn func(a, b int)) {
	if len(keep) == 0 {
		eachToken(s, fn)
		return
	}
	pa, pb := -1, -1 // the piece held back
	eachToken(s, func(a, b int) {
		if pa >= 0 && a == pb && s[a] != ' ' && slices.ContainsFunc(keep, func(k [2]int) bool { return k[0] < a && a < k[1] }) {
			pb = b
			return
		}
		if pa >= 0 {
			fn(pa, pb)
		}
		pa, pb = a, b
	})
	if pa >= 0 {
		fn(pa, pb)
	}
}

// isHan reports whether r is a Chinese character (the test below U+2E80,
// where there are none, is the quick way out for Latin text).
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// hanRuns returns the byte ranges of the runs of two or more Chinese
// characters in s[:n].
func hanRuns(s string, n int) [][2]int {
	var out [][2]int
	start, count := -1, 0
	for i, r := range s[:n] {
		if isHan(r) {
			if start < 0 {
				start, count = i, 0
			}
			count++
			continue
		}
		if start >= 0 && count > 1 {
			out = append(out, [2]int{start, i})
		}
		start = -1
	}
	if start >= 0 && count > 1 {
		out = append(out, [2]int{start, n})
	}
	return out
}

// hanWords returns the byte ranges of the runs of s between spaces that
// hold a Chinese character.
func hanWords(s string) [][2]int {
	var out [][2]int
	start, han := 0, false
	for i, r := range s + " " {
		if r == ' ' {
			if han && i > start {
				out = append(out, [2]int{start, i})
			}
			start, han = i+1, false
			continue
		}
		han = han || isHan(r)
	}
	return out
}

// eachToken calls fn with the bounds in s of each of wrapTokens' pieces,
// in order (s valid UTF-8).
func eachToken(s string, fn func(a, b int)) {
	cur := -1         // start of the current piece, -1 for none
	hanPiece := false // the piece is a Chinese character, with the punctuation after it
	for i, r := range s {
		han := isHan(r)
		switch {
		case noLineStart(r):
			if cur < 0 {
				cur = i
			}
		case r == ' ' || han:
			if cur >= 0 {
				fn(cur, i)
			}
			cur, hanPiece = i, han
		default:
			if cur >= 0 && hanPiece {
				fn(cur, i)
				cur = -1
			}
			if cur < 0 {
				cur, hanPiece = i, false
			}
		}
	}
	if cur >= 0 {
		fn(cur, len(s))
	}
}

// noLineStart reports whether r is punctuation that must not start a
// line: it stays with the word or character before it. A Chinese
// character used to be a piece of its own, so that "：" after it could
// start the next line (titles and credits of Chinese maps).
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、；：！？）」』》,.;:!?)", r)
}

// wrapTokens splits s into pieces a line may break between: a space with
// the word after it, or a single Chinese character (with the punctuation
// that must not start a line).
func wrapTokens(s string) []string {
	var out []string
	var cur []rune
	hanPiece := false
	for _, r := range s {
		han := isHan(r)
		switch {
		case noLineStart(r):
			cur = append(cur, r)
		case r == ' ' || han:
			if len(cur) > 0 {
				out = append(out, string(cur))
			}
			cur, hanPiece = []rune{r}, han
		default:
			if len(cur) > 0 && hanPiece {
				out = append(out, string(cur))
				cur = nil
			}
			if len(cur) == 0 {
				hanPiece = false
			}
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
		if r < 0x2E80 { // below the first Han range and the kana
			continue
		}
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
