package render

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"regexp"
	"strconv"
	"sync"
	"unsafe"

	svg "github.com/ajstarks/svgo/float"
	"github.com/paulmach/orb"
)

// WriteSVG writes the scene as an SVG document in the export profile of
// shared/EXPORT-SVG.md: presentation attributes only, #rrggbb colours with
// opacity attributes, longhand fonts with Chinese faces first, no style,
// class, use, markers, foreignObject or script. Every string from data is
// escaped; colours and ids are whitelisted. Same scene, same bytes.
func WriteSVG(w io.Writer, s *Scene) error {
	// svgo writes many small pieces: buffer them unless w is a buffer.
	var bw *bufio.Writer
	if _, ok := w.(*bytes.Buffer); !ok {
		bw = bufio.NewWriterSize(w, 32<<10)
		w = bw
	}
	c := svg.New(w)
	c.Decimals = 1
	c.Startraw(
		attr("width", num(s.Width)), attr("height", num(s.Height)),
		attr("viewBox", "0 0 "+num(s.Width)+" "+num(s.Height)),
		attr("role", "img"),
		attr("font-family", fontFamily),
	)
	c.Title(s.Title)
	c.Desc(s.Desc)
	c.Rect(0, 0, s.Width, s.Height, attr("fill", background))

	pb := pathBufs.Get().(*pathBuf)
	defer pathBufs.Put(pb)
	pb.reset()
	c.Group(attr("stroke", "none"))
	for _, p := range s.Provinces {
		if len(p.Rings) == 0 {
			continue
		}
		pb.reset()
		for _, r := range p.Rings {
			pb.ring(r)
		}
		c.Path(pb.String(), attr("data-province", code(p.Code)), attr("fill", color(p.Fill)))
	}
	c.Gend()
	pb.reset()
	for _, l := range s.Borders {
		pb.line(l)
	}
	c.Path(pb.String(), attr("fill", "none"), attr("stroke", borderColor), attr("stroke-width", "0.8"), attr("stroke-linejoin", "round"))
	pb.reset()
	for _, l := range s.Outline {
		pb.line(l)
	}
	c.Path(pb.String(), attr("fill", "none"), attr("stroke", outlineColor), attr("stroke-width", "0.9"), attr("stroke-linejoin", "round"))
	if len(s.Focus) > 0 {
		pb.reset()
		var ring []orb.Point
		for _, p := range s.Focus {
			if math.IsNaN(p[0]) {
				pb.ring(ring)
				ring = ring[:0]
				continue
			}
			ring = append(ring, p)
		}
		c.Path(pb.String(), attr("fill", "none"), attr("stroke", focusColor), attr("stroke-width", "1.6"), attr("stroke-linejoin", "round"))
	}

	c.Group(attr("font-size", num(labelSize)), attr("stroke-linejoin", "round"))
	for i := range s.Hubs {
		writeHub(c, &s.Hubs[i])
	}
	c.Gend()
	writeLegend(c, s)
	writeScaleBar(c, s.ScaleBar)

	c.Text(margin, 30, s.Title, attr("font-size", num(titleSize)), attr("font-weight", "bold"), attr("fill", textColor))
	c.Text(margin, 52, s.Subtitle, attr("font-size", num(subSize)), attr("fill", mutedText))
	c.Text(margin, s.Height-8, s.Credit, attr("font-size", num(smallSize)), attr("fill", mutedText))
	c.End()
	if bw != nil {
		return bw.Flush()
	}
	return nil
}

func writeHub(c *svg.SVG, h *HubMark) {
	c.Group(attr("data-hub", id(h.ID)), attr("text-anchor", anchor(h.Label.Anchor)))
	if len(h.Leader) == 2 && len(h.Label.Lines) > 0 {
		c.Line(h.Leader[0][0], h.Leader[0][1], h.Leader[1][0], h.Leader[1][1],
			attr("stroke", leaderColor), attr("stroke-width", "0.8"))
	}
	switch n := len(h.Colors); {
	case h.Count > 1:
		// A proportional symbol: translucent, so that overlaps show, with
		// its count inside when it fits.
		fill := "#888888"
		if n > 0 {
			fill = h.Colors[0]
		}
		c.Circle(h.At[0], h.At[1], h.R, attr("fill", color(fill)), attr("fill-opacity", "0.78"), attr("stroke", "#ffffff"), attr("stroke-width", "1"))
		if t := formatCount(h.Count); h.R >= 9 && textWidth(t, countSize(h.R)) < 1.8*h.R {
			ink := textColor
			if dark(fill) {
				ink = "#ffffff"
			}
			c.Text(h.At[0], h.At[1], t, attr("font-size", num(countSize(h.R))), attr("font-weight", "bold"),
				attr("fill", ink), attr("text-anchor", "middle"), attr("dy", ".35em"))
		}
	case n <= 1:
		fill := "#888888"
		if n == 1 {
			fill = h.Colors[0]
		}
		c.Circle(h.At[0], h.At[1], h.R, attr("fill", color(fill)), attr("stroke", "#ffffff"), attr("stroke-width", "1.2"))
	default:
		// A split marker: one wedge per industry, then the white ring.
		for k, col := range h.Colors {
			a0 := -math.Pi/2 + 2*math.Pi*float64(k)/float64(n)
			a1 := -math.Pi/2 + 2*math.Pi*float64(k+1)/float64(n)
			x0, y0 := h.At[0]+h.R*math.Cos(a0), h.At[1]+h.R*math.Sin(a0)
			x1, y1 := h.At[0]+h.R*math.Cos(a1), h.At[1]+h.R*math.Sin(a1)
			d := "M" + num(h.At[0]) + " " + num(h.At[1]) + "L" + num(x0) + " " + num(y0) +
				"A" + num(h.R) + " " + num(h.R) + " 0 0 1 " + num(x1) + " " + num(y1) + "z"
			c.Path(d, attr("fill", color(col)))
		}
		c.Circle(h.At[0], h.At[1], h.R, attr("fill", "none"), attr("stroke", "#ffffff"), attr("stroke-width", "1.2"))
	}
	l := &h.Label
	for pass := range 2 {
		for k, line := range l.Lines {
			attrs := []string{attr("dy", ".35em")}
			if l.Sizes[k] != labelSize {
				attrs = append(attrs, attr("font-size", num(l.Sizes[k])))
			}
			if k == 0 {
				attrs = append(attrs, attr("font-weight", "bold"))
			}
			if pass == 0 { // halo below the text
				attrs = append(attrs, attr("fill", haloColor), attr("stroke", haloColor), attr("stroke-width", "3"))
			} else if k == 0 {
				attrs = append(attrs, attr("fill", textColor))
			} else {
				attrs = append(attrs, attr("fill", mutedText))
			}
			c.Text(l.X, l.Y[k], line, attrs...)
		}
	}
	c.Gend()
}

// countSize is the font size of the count inside a symbol of radius r.
func countSize(r float64) float64 { return math.Min(11, math.Max(8, r*0.75)) }

// dark reports whether white text reads better than dark on colour c.
func dark(c string) bool {
	if !colorRE.MatchString(c) {
		return false
	}
	v, _ := strconv.ParseUint(c[1:], 16, 32)
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	return 0.299*r+0.587*g+0.114*b < 140
}

func writeLegend(c *svg.SVG, s *Scene) {
	l := s.Legend
	b := l.Box
	c.Rect(b.Min[0], b.Min[1], b.Max[0]-b.Min[0], b.Max[1]-b.Min[1], attr("fill", legendFill), attr("fill-opacity", "0.9"),
		attr("stroke", "#d0d7de"), attr("stroke-width", "0.8"))
	x, y := b.Min[0]+legendPad, b.Min[1]+legendPad+legendRow/2
	heading := func(t string) {
		c.Text(x, y, t, attr("font-size", num(smallSize+1)), attr("font-weight", "bold"), attr("fill", textColor), attr("dy", "0.35em"))
	}
	if len(l.Industries) > 0 {
		heading(l.Titles[0])
		for _, it := range l.Industries {
			y += legendRow
			c.Circle(x+legendSwat/2, y, legendSwat/2, attr("fill", color(it.Color)), attr("stroke", "#ffffff"), attr("stroke-width", "1"))
			c.Text(x+legendSwat+6, y, it.Text, attr("font-size", num(smallSize)), attr("fill", textColor), attr("dy", "0.35em"))
		}
		if l.Note != "" {
			y += legendRow
			c.Text(x, y, l.Note, attr("font-size", num(smallSize-1)), attr("fill", mutedText), attr("dy", "0.35em"))
		}
		y += legendRow + 4
	}
	if len(l.Classes) > 0 {
		heading(l.Titles[1])
		y += legendRow * 0.8
		for k, it := range l.Classes {
			cx := x + float64(k)*legendClassW
			c.Rect(cx, y, legendClassW-4, 10, attr("fill", color(it.Color)), attr("stroke", "#d0d7de"), attr("stroke-width", "0.5"))
			c.Text(cx+(legendClassW-4)/2, y+18, it.Text, attr("font-size", num(smallSize-1)), attr("fill", mutedText), attr("text-anchor", "middle"), attr("dy", "0.35em"))
		}
		y += 24 + legendRow/2 + 4
	}
	if len(l.Sizes) > 0 {
		heading(l.Titles[2])
		y += legendRow/2 + 4
		base := y + 2*l.Sizes[0].R
		cx := x
		for _, z := range l.Sizes {
			c.Circle(cx+z.R, base-z.R, z.R, attr("fill", "none"), attr("stroke", mutedText), attr("stroke-width", "0.8"))
			c.Text(cx+2*z.R+3, base-z.R, z.Text, attr("font-size", num(smallSize-1)), attr("fill", mutedText), attr("dy", "0.35em"))
			cx += 2*z.R + 6 + textWidth(z.Text, smallSize-1)
		}
	}
}

func writeScaleBar(c *svg.SVG, sb ScaleBar) {
	y := sb.Y
	d := "M" + num(sb.X) + " " + num(y-4) + "V" + num(y) + "H" + num(sb.X+sb.Length) + "V" + num(y-4)
	c.Path(d, attr("fill", "none"), attr("stroke", textColor), attr("stroke-width", "1.2"))
	c.Text(sb.X+sb.Length+6, y-2, sb.Text, attr("font-size", num(smallSize)), attr("fill", textColor), attr("dy", "0.35em"))
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
	codeRE  = regexp.MustCompile(`^[A-Z]{2}-[A-Z0-9]{1,3}$`)
)

// color passes whitelisted #rrggbb colours and turns anything else grey.
func color(c string) string {
	if colorRE.MatchString(c) {
		return c
	}
	return "#888888"
}

func anchor(s string) string {
	switch s {
	case "end", "middle":
		return s
	}
	return "start"
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
