package render

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"sync"
	"unicode/utf8"

	svg "github.com/ajstarks/svgo/float"
	"github.com/paulmach/orb"
)

// WriteSVG writes the scene as an SVG document in the export profile of
// docs/export-svg.md: presentation attributes only, #rrggbb colours with
// opacity attributes, longhand fonts (Latin faces first for Latin text,
// CJK faces first for Chinese), baselines computed here rather than with
// dy (LibreOffice ignores it), halos drawn as a stroked copy, no style,
// class, use, markers, foreignObject or script. Every string from data
// is escaped; colours and ids are whitelisted. A page's size is written
// in millimetres. Same scene, same bytes.
func WriteSVG(w io.Writer, s *Scene) error {
	sc := svgWriters.Get().(*svgCanvas)
	defer svgWriters.Put(sc)
	sc.w, sc.b, sc.err = w, sc.b[:0], nil
	defer func() { sc.w = nil }()
	// svgo writes the document's head and foot, the same bytes as ever;
	// the elements between are appended here directly, in the format
	// svgo gives them (one decimal, attributes each followed by a space):
	// through svgo and fmt they were most of the writer's time.
	c := svg.New(sc)
	c.Decimals = 1
	width, height := num(s.Width), num(s.Height)
	if s.Page != nil {
		width, height = mm(s.Page.Width), mm(s.Page.Height)
	}
	c.Startraw(
		attr("width", width), attr("height", height),
		attr("viewBox", "0 0 "+num(s.Width)+" "+num(s.Height)),
		attr("role", "img"),
		attr("font-family", latinFonts),
	)
	// Title and description as svgo's Title and Desc write them.
	sc.b = append(sc.b, "<title>"...)
	for i, line := range s.Title {
		if i > 0 {
			sc.b = append(sc.b, ' ')
		}
		sc.b = appendEscaped(sc.b, line)
	}
	sc.b = append(sc.b, "</title>\n<desc>"...)
	sc.b = appendEscaped(sc.b, s.Desc)
	sc.b = append(sc.b, "</desc>\n"...)
	drawScene(sc, s)
	c.End()
	sc.flush()
	return sc.err
}

// mm writes a length in millimetres.
func mm(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) + "mm"
}

// svgFlushAt is how much SVG is gathered before it is written on.
const svgFlushAt = 32 << 10

var svgWriters = sync.Pool{New: func() any { return &svgCanvas{b: make([]byte, 0, svgFlushAt+16<<10)} }}

// svgCanvas writes SVG elements into b, handing b on to w whenever it
// holds svgFlushAt bytes; the first write error stops the writing and is
// kept in err.
type svgCanvas struct {
	w   io.Writer
	b   []byte
	err error
	pb  pathBuf
}

// Write appends p (svgo's head and foot of the document).
func (s *svgCanvas) Write(p []byte) (int, error) {
	s.b = append(s.b, p...)
	s.maybeFlush()
	return len(p), nil
}

func (s *svgCanvas) maybeFlush() {
	if len(s.b) >= svgFlushAt {
		s.flush()
	}
}

func (s *svgCanvas) flush() {
	if len(s.b) > 0 && s.err == nil {
		_, s.err = s.w.Write(s.b)
	}
	s.b = s.b[:0]
}

// attr appends ` name="value"`'s first part: the name, then `="`.
func (s *svgCanvas) open(name string) {
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
}

// str appends an attribute whose value is escaped, and a space.
func (s *svgCanvas) str(name, value string) {
	s.open(name)
	s.b = appendEscaped(s.b, value)
	s.b = append(s.b, '"', ' ')
}

// safe appends an attribute whose value needs no escaping (whitelisted
// colours and codes, constants), and a space.
func (s *svgCanvas) safe(name, value string) {
	s.open(name)
	s.b = append(s.b, value...)
	s.b = append(s.b, '"', ' ')
}

// fixed1 appends an attribute with svgo's one-decimal format, and a space.
func (s *svgCanvas) fixed1(name string, v float64) {
	s.open(name)
	s.b = appendFixed1(s.b, v)
	s.b = append(s.b, '"', ' ')
}

// small appends an attribute with two decimals at most (num2), and a space.
func (s *svgCanvas) small(name string, v float64) {
	s.open(name)
	s.b = appendNum2(s.b, v)
	s.b = append(s.b, '"', ' ')
}

func (s *svgCanvas) end() {
	s.b = append(s.b, "/>\n"...)
	s.maybeFlush()
}

func (s *svgCanvas) group(name, value string) {
	s.b = append(s.b, "<g "...)
	s.safe(name, dataValue(name, value))
	s.b = append(s.b, ">\n"...)
}

func (s *svgCanvas) endGroup() { s.b = append(s.b, "</g>\n"...) }

// dataValue whitelists the values of data attributes.
func dataValue(name, v string) string {
	if name == "data-hub" {
		return id(v)
	}
	return code(v)
}

// pathData appends d="…" from data, written already, or from the rings;
// false when there is nothing to draw (and nothing was appended).
func (s *svgCanvas) pathData(rings [][]orb.Point, data []byte, closed bool) bool {
	if data == nil {
		s.pb.reset()
		for _, r := range rings {
			if closed {
				s.pb.ring(r)
			} else {
				s.pb.line(r)
			}
		}
		data = s.pb.b
	}
	if len(data) == 0 {
		return false
	}
	s.b = append(s.b, `<path d="`...)
	s.b = append(s.b, data...)
	s.b = append(s.b, '"', ' ')
	return true
}

func (s *svgCanvas) fill(rings [][]orb.Point, data []byte, col string, opacity float64, d dataAttr) {
	if !s.pathData(rings, data, true) {
		return
	}
	if d.name != "" {
		s.safe(d.name, dataValue(d.name, d.value))
	}
	s.safe("fill", color(col))
	if opacity < 1 {
		s.small("fill-opacity", opacity)
	}
	s.end()
}

func (s *svgCanvas) stroke(lines [][]orb.Point, data []byte, col string, width float64) {
	if !s.pathData(lines, data, false) {
		return
	}
	s.safe("fill", "none")
	s.safe("stroke", color(col))
	s.small("stroke-width", width)
	s.safe("stroke-linejoin", "round")
	s.safe("stroke-linecap", "round")
	s.end()
}

// paint appends the fill and stroke attributes of a circle or a rect.
func (s *svgCanvas) paint(fill string, fillOpacity float64, stroke string, width float64) {
	if fill != "" {
		s.safe("fill", color(fill))
		if fillOpacity < 1 {
			s.small("fill-opacity", fillOpacity)
		}
	} else {
		s.safe("fill", "none")
	}
	if stroke != "" && width > 0 {
		s.safe("stroke", color(stroke))
		s.small("stroke-width", width)
	}
}

func (s *svgCanvas) circle(ctr orb.Point, r float64, fill string, fillOpacity float64, stroke string, width float64) {
	s.b = append(s.b, "<circle "...)
	s.fixed1("cx", ctr[0])
	s.fixed1("cy", ctr[1])
	s.fixed1("r", r)
	s.paint(fill, fillOpacity, stroke, width)
	s.end()
}

func (s *svgCanvas) wedge(ctr orb.Point, r, a0, a1 float64, fill string) {
	x0, y0 := ctr[0]+r*math.Cos(a0), ctr[1]+r*math.Sin(a0)
	x1, y1 := ctr[0]+r*math.Cos(a1), ctr[1]+r*math.Sin(a1)
	large := byte('0')
	if a1-a0 > math.Pi {
		large = '1'
	}
	b := append(s.b, `<path d="M`...)
	b = appendNum(b, ctr[0])
	b = append(b, ' ')
	b = appendNum(b, ctr[1])
	b = append(b, 'L')
	b = appendNum(b, x0)
	b = append(b, ' ')
	b = appendNum(b, y0)
	b = append(b, 'A')
	b = appendNum(b, r)
	b = append(b, ' ')
	b = appendNum(b, r)
	b = append(b, " 0 "...)
	b = append(b, large)
	b = append(b, " 1 "...)
	b = appendNum(b, x1)
	b = append(b, ' ')
	b = appendNum(b, y1)
	s.b = append(b, `z" `...)
	s.safe("fill", color(fill))
	s.end()
}

func (s *svgCanvas) rect(b orb.Bound, fill string, fillOpacity float64, stroke string, width float64) {
	s.b = append(s.b, "<rect "...)
	s.fixed1("x", b.Min[0])
	s.fixed1("y", b.Min[1])
	s.fixed1("width", b.Max[0]-b.Min[0])
	s.fixed1("height", b.Max[1]-b.Min[1])
	s.paint(fill, fillOpacity, stroke, width)
	s.end()
}

func (s *svgCanvas) text(t textRun) {
	if t.S == "" {
		return
	}
	x := startX(t)
	fonts := fontsFor(t.S)
	if t.Halo > 0 {
		s.textOpen(t, x, fonts)
		s.safe("fill", color(t.haloFill()))
		s.safe("stroke", color(t.haloFill()))
		s.small("stroke-width", t.Halo)
		s.safe("stroke-linejoin", "round")
		s.textClose(t.S)
	}
	s.textOpen(t, x, fonts)
	s.safe("fill", color(t.Fill))
	s.textClose(t.S)
}

func (s *svgCanvas) textOpen(t textRun, x float64, fonts string) {
	s.b = append(s.b, "<text "...)
	s.b = append(s.b, `x="`...)
	s.b = appendFixed1(s.b, x)
	s.b = append(s.b, `" y="`...)
	s.b = appendFixed1(s.b, t.Y)
	s.b = append(s.b, `" `...)
	s.open("font-size")
	s.b = appendNum(s.b, t.Size)
	s.b = append(s.b, '"', ' ')
	if fonts != latinFonts {
		s.str("font-family", fonts)
	}
	if t.Bold {
		s.safe("font-weight", "bold")
	}
}

func (s *svgCanvas) textClose(text string) {
	s.b = append(s.b, '>')
	s.b = appendEscaped(s.b, text)
	s.b = append(s.b, "</text>\n"...)
	s.maybeFlush()
}

// num2 formats a small value (a width, an opacity) with two decimals.
func num2(v float64) string {
	return string(appendNum2(nil, v))
}

func appendNum2(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
}

// appendFixed1 appends v as svgo writes it with one decimal (fmt's %.1f).
// Most values are written from v×10 rounded; those within a hair of a
// tie (where that product's rounding could decide it), huge ones, NaN
// and infinities by strconv, which rounds the exact decimal value.
func appendFixed1(b []byte, v float64) []byte {
	if x := v * 10; x > -1e9 && x < 1e9 {
		r := math.Round(x)
		if d := math.Abs(x - r); d < 0.49999 && r != 0 {
			n := int64(r)
			if n < 0 {
				b = append(b, '-')
				n = -n
			}
			b = strconv.AppendInt(b, n/10, 10)
			return append(b, '.', byte('0'+n%10))
		}
	}
	if math.IsInf(v, 0) {
		return fmt.Appendf(b, "%.1f", v)
	}
	return strconv.AppendFloat(b, v, 'f', 1, 64)
}

// attr formats one attribute with its value escaped for XML, for svgo's
// head of the document, which it writes raw.
func attr(name, value string) string {
	return string(appendEscaped(append([]byte(name), '=', '"'), value)) + `"`
}

// appendEscaped appends s escaped as encoding/xml's EscapeText escapes
// it, byte for byte: the five markup characters, tab, newline and
// carriage return as references, and what XML cannot hold (invalid
// UTF-8, control characters) as U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\'' && c != '&' && c != '<' && c != '>' {
			i++
			continue
		}
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inXMLRange(r) || r == utf8.RuneError && width == 1 {
				esc = "\uFFFD"
			}
		}
		i += width
		if esc == "" {
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// inXMLRange reports whether r may appear in XML (encoding/xml's
// isInCharacterRange).
func inXMLRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// colorRE is what a colour must match (isColor checks it without the
// regexp machinery, on every element written).
var colorRE = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// color passes whitelisted #rrggbb colours (lower-case hex) and turns
// anything else grey.
func color(c string) string {
	if isColor(c) {
		return c
	}
	return "#888888"
}

// isColor reports whether c is #rrggbb in lower-case hex (colorRE).
func isColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		if ch := c[i]; !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f') {
			return false
		}
	}
	return true
}

// id passes hub ids of 1 to 64 lower-case letters, digits and hyphens.
func id(s string) string {
	if len(s) < 1 || len(s) > 64 {
		return "invalid"
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return "invalid"
		}
	}
	return s
}

// code passes codes of 1 to 16 ASCII letters, digits, '_', '.' and '-',
// starting with a letter or digit.
func code(s string) string {
	if len(s) < 1 || len(s) > 16 {
		return "XX-XX"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '_' && c != '.' && c != '-') {
			return "XX-XX"
		}
	}
	return s
}

// num formats a px value with at most one decimal.
func num(v float64) string {
	return tenths(tenthsOf(v))
}

func appendNum(b []byte, v float64) []byte { return appendTenths(b, tenthsOf(v)) }

// maxCoord bounds what the writer emits, in px: far beyond any page, and
// far below int64's range, so that no input can overflow or write NaN.
const maxCoord = 1e7

// tenthsOf rounds v to tenths of a px for writing; NaN becomes 0 and
// infinities and huge values are clamped to ±maxCoord. Total: every
// float64 gives a number SVG renderers read.
func tenthsOf(v float64) int64 {
	switch {
	case v != v:
		return 0
	case v > maxCoord:
		v = maxCoord
	case v < -maxCoord:
		v = -maxCoord
	}
	return roundHalfAway(v * 10)
}

// roundHalfAway is math.Round for the finite values tenthsOf passes it,
// without a branch and through math.Trunc, which the compiler turns into
// one instruction where math.Round is a function call: rounding took a
// third of the time of writing path data. Adding the largest double below
// ½ keeps values just under a half from rounding up (TestRoundHalfAway
// checks it against math.Round).
func roundHalfAway(x float64) int64 {
	return int64(math.Trunc(x + math.Copysign(0.49999999999999994, x)))
}

// tenths formats v/10 compactly: 123 -> "12.3", -5 -> "-.5", 20 -> "2".
func tenths(v int64) string {
	var b [24]byte
	return string(appendTenths(b[:0], v))
}

func appendTenths(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	u := uint64(v) // dividing unsigned takes fewer steps
	whole, frac := int64(u/10), int64(u%10)
	switch {
	case whole == 0 && frac != 0:
	case whole < 10: // most relative moves: no call
		b = append(b, byte('0'+whole))
	case whole < 100:
		b = append(b, byte('0'+whole/10), byte('0'+whole%10))
	default:
		b = strconv.AppendInt(b, whole, 10)
	}
	if frac != 0 {
		b = append(b, '.', byte('0'+frac))
	}
	return b
}

// pathBuf writes path data: absolute move, then relative lines in tenths of
// a pixel, repeated points dropped.
type pathBuf struct {
	b []byte
}

func (p *pathBuf) reset() { p.b = p.b[:0] }

// appendPair appends a pair of coordinates in tenths, a space before
// each that does not start with its minus sign (none after M or l).
func appendPair(b []byte, dx, dy int64) []byte {
	if dx >= 0 && len(b) > 0 {
		if c := b[len(b)-1]; c != 'l' && c != 'M' {
			b = append(b, ' ')
		}
	}
	b = appendTenths(b, dx)
	if dy >= 0 {
		b = append(b, ' ')
	}
	return appendTenths(b, dy)
}

// points writes pts as M + l commands; it returns how many were written.
func (p *pathBuf) points(pts []orb.Point, closed bool) int {
	n := len(pts)
	if closed && n > 1 && pts[0] == pts[n-1] {
		n--
	}
	written := 0
	var x, y int64
	b := p.b
	for i := range n {
		X, Y := tenthsOf(pts[i][0]), tenthsOf(pts[i][1])
		if i == 0 {
			b = append(b, 'M')
			b = appendPair(b, X, Y)
			x, y, written = X, Y, 1
			continue
		}
		if X == x && Y == y {
			continue
		}
		if written == 1 {
			b = append(b, 'l')
		}
		b = appendPair(b, X-x, Y-y)
		x, y = X, Y
		written++
	}
	p.b = b
	return written
}

func (p *pathBuf) ring(r []orb.Point) {
	start := len(p.b)
	if p.points(r, true) < 3 {
		p.b = p.b[:start] // collapsed to a point or a line at this scale
		return
	}
	p.b = append(p.b, 'z')
}

func (p *pathBuf) line(l []orb.Point) {
	start := len(p.b)
	if p.points(l, false) < 2 {
		p.b = p.b[:start]
	}
}
