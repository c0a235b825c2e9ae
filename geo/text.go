package geo

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxText bounds every string from the data, in bytes: longer is a mistake,
// and it keeps labels and responses bounded.
const maxText = 200

// textProblem says what is wrong with a string from a data file: too long,
// not UTF-8, or holding control or bidirectional-override characters
// (which would reorder what a terminal, a filename or a label shows).
// It returns "" for good text.
func textProblem(s string, max int) string {
	switch {
	case len(s) > max:
		return "is " + strconv.Itoa(len(s)) + " bytes long, at most " + strconv.Itoa(max)
	case !utf8.ValidString(s):
		return "is not valid UTF-8 text"
	case strings.ContainsFunc(s, badRune):
		return "contains control characters"
	}
	return ""
}

// badRune reports control characters (C0, DEL, C1) and the Unicode
// bidirectional controls.
func badRune(r rune) bool {
	switch {
	case r < ' ', r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	}
	return false
}

// Visible returns s with each character Clean takes out written as
// [U+XXXX] and invalid UTF-8 replaced, for a message that names what was
// refused: a title refused for a U+202E had been shown without it, as
// "evil", which reads as valid.
func Visible(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, badRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if badRune(r) {
			fmt.Fprintf(&b, "[U+%04X]", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Clean returns s without control and bidirectional-override characters
// and with invalid UTF-8 replaced: what may safely reach a terminal, a file
// name or a spreadsheet cell.
func Clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if !strings.ContainsFunc(s, badRune) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badRune(r) {
			if unicode.IsSpace(r) {
				return ' '
			}
			return -1
		}
		return r
	}, s)
}

func truncate(s string) string { return truncateN(s, 40) }

// truncateN shortens s to at most n bytes of valid UTF-8, marking the cut.
func truncateN(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}
