package render

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unsafe"

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
	// svgo writes many small pieces: buffer them unless w is a buffer.
	var bw *bufio.Writer
	if _, ok := w.(*bytes.Buffer); !ok {
		bw = bufio.NewWriterSize(w, 32<<10)
		w = bw
	}
	c := svg.New(w)
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
	c.Title(strings.Join(s.Title, " "))
	c.Desc(s.Desc)
	sc := &svgCanvas{c: c, pb: pathBufs.Get().(*pathBuf)}
	defer pathBufs.Put(sc.pb)
	drawScene(sc, s)
	c.End()
	if bw != nil {
		return bw.Flush()
	}
	return nil
}

// mm writes a length in millimetres.
func mm(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) + "mm"
}

// svgCanvas draws on svgo.
type svgCanvas struct {
	c  *svg.SVG
	pb *pathBuf
}

func (s *svgCanvas) group(name, value string) {
	s.c.Group(attr(name, dataValue(name, value)))
}

func (s *svgCanvas) endGroup() { s.c.Gend() }

// dataValue whitelists the values of data attributes.
func dataValue(name, v string) string {
	if name == "data-hub" {
		return id(v)
	}
	return code(v)
}

func (s *svgCanvas) path(rings [][]orb.Point, data []byte, closed bool) string {
	if data != nil {
		return unsafe.String(unsafe.SliceData(data), len(data))
	}
	s.pb.reset()
	for _, r := range rings {
		if closed {
			s.pb.ring(r)
		} else {
			s.pb.line(r)
		}
	}
	return s.pb.String()
}

func (s *svgCanvas) fill(rings [][]orb.Point, data []byte, col string, opacity float64, d dataAttr) {
	p := s.path(rings, data, true)
	if p == "" {
		return
	}
	attrs := []string{}
	if d.name != "" {
		attrs = append(attrs, attr(d.name, dataValue(d.name, d.value)))
	}
	attrs = append(attrs, attr("fill", color(col)))
	if opacity < 1 {
		attrs = append(attrs, attr("fill-opacity", num2(opacity)))
	}
	s.c.Path(p, attrs...)
}

func (s *svgCanvas) stroke(lines [][]orb.Point, data []byte, col string, width float64) {
	p := s.path(lines, data, false)
	if p == "" {
		return
	}
	s.c.Path(p, attr("fill", "none"), attr("stroke", color(col)), attr("stroke-width", num2(width)),
		attr("stroke-linejoin", "round"), attr("stroke-linecap", "round"))
}

func (s *svgCanvas) circle(ctr orb.Point, r float64, fill string, fillOpacity float64, stroke string, width float64) {
	attrs := []string{attr("fill", "none")}
	if fill != "" {
		attrs[0] = attr("fill", color(fill))
		if fillOpacity < 1 {
			attrs = append(attrs, attr("fill-opacity", num2(fillOpacity)))
		}
	}
	if stroke != "" && width > 0 {
		attrs = append(attrs, attr("stroke", color(stroke)), attr("stroke-width", num2(width)))
	}
	s.c.Circle(ctr[0], ctr[1], r, attrs...)
}

func (s *svgCanvas) wedge(ctr orb.Point, r, a0, a1 float64, fill string) {
	x0, y0 := ctr[0]+r*math.Cos(a0), ctr[1]+r*math.Sin(a0)
	x1, y1 := ctr[0]+r*math.Cos(a1), ctr[1]+r*math.Sin(a1)
	large := "0"
	if a1-a0 > math.Pi {
		large = "1"
	}
	d := "M" + num(ctr[0]) + " " + num(ctr[1]) + "L" + num(x0) + " " + num(y0) +
		"A" + num(r) + " " + num(r) + " 0 " + large + " 1 " + num(x1) + " " + num(y1) + "z"
	s.c.Path(d, attr("fill", color(fill)))
}

func (s *svgCanvas) rect(b orb.Bound, fill string, fillOpacity float64, stroke string, width float64) {
	attrs := []string{attr("fill", "none")}
	if fill != "" {
		attrs[0] = attr("fill", color(fill))
		if fillOpacity < 1 {
			attrs = append(attrs, attr("fill-opacity", num2(fillOpacity)))
		}
	}
	if stroke != "" && width > 0 {
		attrs = append(attrs, attr("stroke", color(stroke)), attr("stroke-width", num2(width)))
	}
	s.c.Rect(b.Min[0], b.Min[1], b.Max[0]-b.Min[0], b.Max[1]-b.Min[1], attrs...)
}

func (s *svgCanvas) text(t textRun) {
	if t.S == "" {
		return
	}
	attrs := []string{attr("font-size", num(t.Size))}
	if fonts := fontsFor(t.S); fonts != latinFonts {
		attrs = append(attrs, attr("font-family", fonts))
	}
	if t.Bold {
		attrs = append(attrs, attr("font-weight", "bold"))
	}
	x := startX(t)
	if t.Halo > 0 {
		halo := append(append([]string(nil), attrs...), attr("fill", haloColor), attr("stroke", haloColor),
			attr("stroke-width", num2(t.Halo)), attr("stroke-linejoin", "round"))
		s.c.Text(x, t.Y, t.S, halo...)
	}
	s.c.Text(x, t.Y, t.S, append(attrs, attr("fill", color(t.Fill)))...)
}

// num2 formats a small value (a width, an opacity) with two decimals.
func num2(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// attr formats one attribute with its value escaped for XML; every
// attribute svgo writes goes through here, since svgo writes them raw.
func attr(name, value string) string {
	var b bytes.Buffer
	b.WriteString(name)
	b.WriteString(`="`)
	xml.EscapeText(&b, []byte(value))
	b.WriteByte('"')
	return b.String()
}

var (
	colorRE = regexp.MustCompile(`^#[0-9a-f]{6}$`)
	idRE    = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)
	codeRE  = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$`)
)

// color passes whitelisted #rrggbb colours and turns anything else grey.
func color(c string) string {
	if colorRE.MatchString(c) {
		return c
	}
	return "#888888"
}

func id(s string) string {
	if idRE.MatchString(s) {
		return s
	}
	return "invalid"
}

func code(s string) string {
	if codeRE.MatchString(s) {
		return s
	}
	return "XX-XX"
}

// num formats a px value with at most one decimal.
func num(v float64) string {
	return tenths(tenthsOf(v))
}

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
	return int64(math.Round(v * 10))
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
	whole, frac := v/10, v%10
	if whole != 0 || frac == 0 {
		b = strconv.AppendInt(b, whole, 10)
	}
	if frac != 0 {
		b = append(b, '.', byte('0'+frac))
	}
	return b
}

var pathBufs = sync.Pool{New: func() any { return new(pathBuf) }}

// pathBuf writes path data: absolute move, then relative lines in tenths of
// a pixel, repeated points dropped.
type pathBuf struct {
	b []byte
}

func (p *pathBuf) reset() { p.b = p.b[:0] }

// String returns the path data without copying it (the largest part of
// a map): valid only until the next reset, which is after svgo has written
// it out.
func (p *pathBuf) String() string {
	if len(p.b) == 0 {
		return ""
	}
	return unsafe.String(&p.b[0], len(p.b))
}

func (p *pathBuf) pair(dx, dy int64) {
	if dx >= 0 && len(p.b) > 0 && p.b[len(p.b)-1] != 'l' && p.b[len(p.b)-1] != 'M' {
		p.b = append(p.b, ' ')
	}
	p.b = appendTenths(p.b, dx)
	if dy >= 0 {
		p.b = append(p.b, ' ')
	}
	p.b = appendTenths(p.b, dy)
}

// points writes pts as M + l commands; it returns how many were written.
func (p *pathBuf) points(pts []orb.Point, closed bool) int {
	n := len(pts)
	if closed && n > 1 && pts[0] == pts[n-1] {
		n--
	}
	written := 0
	var x, y int64
	for i := range n {
		X, Y := tenthsOf(pts[i][0]), tenthsOf(pts[i][1])
		if i == 0 {
			p.b = append(p.b, 'M')
			p.pair(X, Y)
			x, y, written = X, Y, 1
			continue
		}
		if X == x && Y == y {
			continue
		}
		if written == 1 {
			p.b = append(p.b, 'l')
		}
		p.pair(X-x, Y-y)
		x, y = X, Y
		written++
	}
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
