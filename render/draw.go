package render

import (
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"
)

// canvas is what a writer draws on: SVG, PNG and PDF implement it, and
// drawScene walks a Scene once for all of them, so the three outputs
// cannot drift apart. Coordinates are CSS px; colours #rrggbb.
type canvas interface {
	// group opens a group carrying a data attribute (data-hub="quanzhou"),
	// which only SVG keeps; endGroup closes it.
	group(name, value string)
	endGroup()
	// fill fills rings (nonzero winding); path is their SVG data when the
	// caller has it written already.
	fill(rings [][]orb.Point, path []byte, color string, opacity float64, data dataAttr)
	// stroke draws lines with round joins.
	stroke(lines [][]orb.Point, path []byte, color string, width float64)
	circle(c orb.Point, r float64, fill string, fillOpacity float64, stroke string, width float64)
	wedge(c orb.Point, r, a0, a1 float64, fill string)
	rect(b orb.Bound, fill string, fillOpacity float64, stroke string, width float64)
	text(t textRun)
}

// dataAttr names what a shape is, for SVG: data-province="CN-FJ".
type dataAttr struct{ name, value string }

// textRun is one line of text at a baseline.
type textRun struct {
	X, Y   float64
	S      string
	Size   float64
	Bold   bool
	Fill   string
	Anchor string  // start, middle or end
	Halo   float64 // width of a halo drawn below, 0 for none
	// HaloFill is the halo's colour, #rrggbb; empty for white.
	HaloFill string
}

// haloFill returns the colour of t's halo.
func (t textRun) haloFill() string {
	if t.HaloFill == "" {
		return haloColor
	}
	return t.HaloFill
}

// drawScene draws s on c: paper, the main map, insets, the legend, the
// key and the text around the map.
func drawScene(c canvas, s *Scene) {
	st := s.Style
	c.rect(orb.Bound{Max: orb.Point{s.Width, s.Height}}, paperColor, 1, "", 0)
	drawPanel(c, s, &s.Panel, st)
	for i := range s.Insets {
		in := &s.Insets[i]
		if in.Kind == InsetEnlargement && !in.Source.IsEmpty() {
			c.rect(in.Source, "", 0, focusColor, st.Outline)
		}
		c.rect(in.Frame.Pad(st.Outline), "", 0, focusColor, st.Outline)
		drawPanel(c, s, &in.Panel, st)
		c.rect(in.Frame, "", 0, focusColor, st.Outline)
		if in.Title != "" {
			c.text(textRun{X: in.Frame.Max[0] - st.Legend*0.5, Y: in.TitleY, S: in.Title, Size: st.Legend, Fill: textColor, Anchor: "end", Halo: st.Halo * 0.8})
		}
		drawScaleBar(c, in.Scale, insetScaleEm*st.Legend, st.Halo*0.8)
	}
	drawLegend(c, s)
	drawKey(c, s)
	for i, line := range s.Title {
		c.text(textRun{X: st.Pad, Y: s.TitleY[i], S: line, Size: st.Title, Bold: true, Fill: textColor, Anchor: "start"})
	}
	for i, line := range s.Subtitle {
		c.text(textRun{X: st.Pad, Y: s.SubY[i], S: line, Size: st.Subtitle, Fill: mutedText, Anchor: "start"})
	}
	for i, line := range s.Credit {
		c.text(textRun{X: st.Pad, Y: s.CreditY[i], S: line, Size: st.Credit, Fill: mutedText, Anchor: "start"})
	}
}

// drawPanel draws one map: sea, neighbours, graticule, provinces,
// borders, the focus, the sea line, islands, markers with labels, names.
func drawPanel(c canvas, s *Scene, p *Panel, st Style) {
	b := p.Base
	c.rect(p.Frame, seaColor, 1, "", 0)
	for _, k := range b.Countries {
		c.fill(k.Rings, k.path, countryFill, 1, dataAttr{"data-country", k.Code})
	}
	if len(b.countryLinePath) > 0 {
		c.stroke(b.CountryLines, b.countryLinePath, countryLine, st.Border)
	}
	if len(b.Graticule) > 0 {
		c.stroke(b.Graticule, b.graticulePath, graticuleCol, st.Border*0.6)
	}
	for i, pr := range p.Provinces {
		if len(pr.Rings) == 0 {
			continue
		}
		c.fill(pr.Rings, b.Provinces[i].path, pr.Fill, 1, dataAttr{"data-province", pr.Code})
	}
	c.stroke(b.Borders, b.borderPath, borderColor, st.Border)
	c.stroke(b.Outline, b.outlinePath, outlineColor, st.Outline)
	if p.Focus >= 0 && p.Focus < len(b.Provinces) && len(b.Provinces[p.Focus].Rings) > 0 {
		c.stroke(offFrame(b.Provinces[p.Focus].Rings, p.Frame), nil, focusColor, st.Focus)
	}
	// A claimed area in its division's fill, over the line the boundary
	// data draws between them (a stroke of the fill along it, wider than
	// that line by the px each view's simplification may move it, hides
	// it: the fill is the same on both sides), and its other borders as
	// China's (and the focus's).
	for _, cl := range p.Claims {
		hide := st.Outline
		if cl.Division == p.Focus {
			hide = max(hide, st.Focus)
		}
		c.fill(cl.Rings, nil, cl.Fill, 1, dataAttr{})
		c.stroke(cl.Edge, nil, cl.Fill, hide+2)
		c.stroke(cl.Border, nil, outlineColor, st.Outline)
		if cl.Division == p.Focus {
			c.stroke(cl.Border, nil, focusColor, st.Focus)
		}
	}
	if len(p.SeaLine) > 0 {
		c.stroke(dashes(p.SeaLine, 3*st.Outline+2, 2*st.Outline+1.5), nil, dashColor, st.Outline*1.2)
	}
	for _, r := range p.Islands {
		c.fill([][]orb.Point{r}, nil, zeroFill, 1, dataAttr{})
		c.stroke([][]orb.Point{r}, nil, outlineColor, st.Outline*0.6)
	}
	pi := newPanelInk(p)
	for i := range p.Hubs {
		drawHub(c, &p.Hubs[i], st, pi.inker(hubInk, labelInk{lightText, lightMuted, "", ""}))
	}
	// The counts of proportional symbols go over every symbol, so that a
	// smaller circle drawn over a larger one hides no number.
	for i := range p.Hubs {
		drawCount(c, &p.Hubs[i], st)
	}
	// The capital's star, dark on a white edge, under the names.
	for _, at := range p.Capital {
		star := [][]orb.Point{starRing(at, starRadius(st))}
		c.stroke(star, nil, haloColor, 1.5)
		c.fill(star, nil, textColor, 1, dataAttr{})
	}
	focus := ""
	if p.Focus >= 0 && p.Focus < len(p.Provinces) {
		focus = p.Provinces[p.Focus].Code
	}
	for _, n := range p.Names {
		var ink func(orb.Bound) labelInk
		switch {
		case n.Kind == "country":
			ink = pi.inker(labelInk{countryText, countryText, haloColor, ""}, labelInk{})
		case n.Kind == "sea":
			ink = pi.inker(seaInk, seaInk)
		case n.Code == focus:
			// The province the map is about reads first among the names.
			ink = pi.inker(labelInk{textColor, textColor, haloColor, ""}, labelInk{lightText, lightText, "", ""})
		default:
			ink = pi.inker(nameInk, labelInk{lightName, lightName, "", ""})
		}
		if len(n.Leader) == 2 {
			c.stroke([][]orb.Point{n.Leader}, nil, leaderColor, st.Leader)
		}
		drawLabel(c, &n.Label, st, ink, false)
	}
}

// offFrame returns rings as lines without the edges that lie along the
// frame, where clipping cut them: the outline of a focused province the
// frame cuts stops at the frame instead of running along it. A ring the
// frame does not cut comes back whole and closed.
func offFrame(rings [][]orb.Point, frame orb.Bound) [][]orb.Point {
	const eps = 1e-9
	on := func(v, side float64) bool { return math.Abs(v-side) < eps }
	alongFrame := func(a, b orb.Point) bool {
		return on(a[0], frame.Min[0]) && on(b[0], frame.Min[0]) || on(a[0], frame.Max[0]) && on(b[0], frame.Max[0]) ||
			on(a[1], frame.Min[1]) && on(b[1], frame.Min[1]) || on(a[1], frame.Max[1]) && on(b[1], frame.Max[1])
	}
	var out [][]orb.Point
	for _, r := range rings {
		n := len(r)
		if n > 1 && r[0] == r[n-1] {
			n--
		}
		if n < 2 {
			continue
		}
		start := -1
		for k := range n {
			if alongFrame(r[k], r[(k+1)%n]) {
				start = k
				break
			}
		}
		if start < 0 {
			out = append(out, append(append([]orb.Point(nil), r[:n]...), r[0]))
			continue
		}
		// From the first edge after one along the frame, round to it.
		var line []orb.Point
		for j := 1; j <= n; j++ {
			a, b := r[(start+j)%n], r[(start+j+1)%n]
			if alongFrame(a, b) {
				if len(line) >= 2 {
					out = append(out, line)
				}
				line = nil
				continue
			}
			if len(line) == 0 {
				line = append(line, a)
			}
			line = append(line, b)
		}
		if len(line) >= 2 {
			out = append(out, line)
		}
	}
	return out
}

// drawHub draws a marker (split into wedges for several industries, a
// translucent circle with its count for a proportional symbol, a disc
// holding the number for a numbered hub) with its leader and label.
func drawHub(c canvas, h *HubMark, st Style, ink func(orb.Bound) labelInk) {
	c.group("data-hub", h.ID)
	defer c.endGroup()
	if len(h.Leader) == 2 && len(h.Label.Lines) > 0 {
		c.stroke([][]orb.Point{h.Leader}, nil, leaderColor, st.Leader)
	}
	fill := "#888888"
	if len(h.Colors) > 0 {
		fill = h.Colors[0]
	}
	r := h.drawnR()
	if h.Count <= 1 {
		// A thin dark casing outside the white rim: a light marker
		// (machinery's cyan) on a light fill of the same hue still
		// stands out.
		c.circle(h.At, casingR(r, st), "", 0, markerCasing, casingWidth)
	}
	switch n := len(h.Colors); {
	case h.Count > 1:
		c.circle(h.At, h.R, fill, 0.78, "#ffffff", 1)
	case n <= 1:
		c.circle(h.At, r, fill, 1, "#ffffff", st.Marker*0.22)
	default:
		// A numbered marker keeps its industries' wedges too, as the
		// legend's split marker says (Dongguan's "10" had been drawn in
		// its first industry's colour alone on a column page).
		for k, col := range h.Colors {
			a0 := -math.Pi/2 + 2*math.Pi*float64(k)/float64(n)
			a1 := -math.Pi/2 + 2*math.Pi*float64(k+1)/float64(n)
			c.wedge(h.At, r, a0, a1, col)
		}
		c.circle(h.At, r, "", 0, "#ffffff", st.Marker*0.22)
	}
	if h.OnMarker {
		size := h.numberSize
		t := textRun{X: h.At[0], Y: baseline(h.At[1]-size*lineHeight/2, size), S: strconv.Itoa(h.Number), Size: size, Bold: true, Fill: digitsInk(h.Colors), Anchor: "middle"}
		if digitsEdged(h.Colors) {
			// Across a dark wedge and a light one, white digits edged
			// in the text's colour read on both.
			t.Halo, t.HaloFill = st.Halo*0.4, textColor
		}
		c.text(t)
		return
	}
	drawLabel(c, &h.Label, st, ink, true)
}

// digitsInk is the colour of a number on a marker of these fills (none:
// grey): white where any is dark, else the text's.
func digitsInk(fills []string) string {
	if len(fills) == 0 {
		fills = []string{"#888888"}
	}
	if slices.ContainsFunc(fills, dark) {
		return "#ffffff"
	}
	return textColor
}

// digitsEdged reports whether a number on a marker of these fills needs
// an edge: white digits over a light fill as well as a dark one.
func digitsEdged(fills []string) bool {
	return slices.ContainsFunc(fills, dark) && slices.ContainsFunc(fills, func(f string) bool { return !dark(f) })
}

// onMarkerSize is the size of a number drawn on its marker, at most.
func onMarkerSize(st Style) float64 { return st.Label * 0.85 }

// onMarker returns the radius of a marker that holds number n, and the
// size of its digits: the marker (radius r) grows so that the digits
// stay inside its white rim, where they can be read, but only up to
// room, px; where that is too little the digits shrink instead, to no
// less than minOnMarker of their size nor st.MinText, the marker then
// growing past room.
func onMarker(n int, r, room float64, st Style) (float64, float64) {
	size := onMarkerSize(st)
	// The digits' box, 0.6 of the size high about the centre, inside the
	// disc within the rim, half a px to spare; both scale with the size.
	pad := st.Marker*0.11 + 0.5
	need := math.Hypot(boldWidth(strconv.Itoa(n), size)/2, 0.3*size)
	grown := min(max(r, need+pad), max(r, room))
	if k := (grown - pad) / need; k < 1 {
		k = max(k, minOnMarker)
		if least := min(1, st.MinText/size); k < least {
			// Digits no smaller than a page's least type (a column
			// page's "10" and "12" had shrunk to 4.5 and 4.2 pt), their
			// corners then on the rim's inner edge rather than half a
			// px inside it, so that the marker grows less.
			k, pad = least, st.Marker*0.11
		}
		size *= k
		grown = max(grown, k*need+pad)
	}
	return grown, size
}

// minOnMarker is the least share of its size a number on a marker
// shrinks to: 6.5 px at the smallest maps' labels.
const minOnMarker = 0.7

// drawnR is the radius of h's marker as drawn: one holding its number
// is enlarged (onMarker).
func (h *HubMark) drawnR() float64 {
	if h.OnMarker {
		return max(h.R, h.numberR)
	}
	return h.R
}

// drawCount writes the number of hubs a proportional symbol stands for
// where placeCounts put it, dark or white by the symbol's colour.
func drawCount(c canvas, h *HubMark, st Style) {
	if !h.ShowCount {
		return
	}
	fill, ink, halo := "#888888", textColor, ""
	if len(h.Colors) > 0 {
		fill = h.Colors[0]
	}
	if dark(fill) {
		// White on its circle's colour, edged with it: where a pale
		// circle drawn over it takes part of the figure, that part still
		// reads ("1k" had lost its k on a pale 293 beside it).
		ink, halo = "#ffffff", fill
	}
	size := countSize(h.R, st)
	c.group("data-hub", h.ID)
	c.text(textRun{X: h.CountAt[0], Y: baseline(h.CountAt[1]-size*lineHeight/2, size), S: h.Figure, Size: size, Bold: true, Fill: ink, Anchor: "middle",
		Halo: st.Halo * 0.6, HaloFill: halo})
	c.endGroup()
}

// drawLabel draws a label's lines, each over a halo, inked by ink for
// what lies below the line; the first line bold when bold.
func drawLabel(c canvas, l *Label, st Style, ink func(line orb.Bound) labelInk, bold bool) {
	for k, line := range l.Lines {
		// Each line inked for what lies below it: a product line that
		// runs off a dark province onto Hong Kong turns dark again.
		in := ink(orb.Bound{Min: orb.Point{l.Box.Min[0], l.Y[k] - 0.8*l.Sizes[k]}, Max: orb.Point{l.Box.Max[0], l.Y[k] + 0.25*l.Sizes[k]}})
		fill := in.rest
		if k == 0 {
			fill = in.first
		} else if in.restCJK != "" && hasCJK(line) {
			fill = in.restCJK
		}
		c.text(textRun{X: l.X, Y: l.Y[k], S: line, Size: l.Sizes[k], Bold: bold && k == 0, Fill: fill, Anchor: l.Anchor, Halo: st.Halo, HaloFill: in.halo})
	}
}

// casingR is the radius of the dark casing of a single hub's marker of
// radius r: just outside its white rim (st.Marker*0.22 wide), drawn
// casingWidth wide.
func casingR(r float64, st Style) float64 { return r + st.Marker*0.22/2 + 0.35 }

const casingWidth = 0.7

// countSize is the font size of the count inside a symbol of radius r.
func countSize(r float64, st Style) float64 {
	return math.Min(st.Count*1.15, math.Max(st.Count*0.85, r*0.75))
}

// dark reports whether white text reads better than dark on colour c.
func dark(c string) bool {
	if !isColor(c) {
		return false
	}
	v, _ := strconv.ParseUint(c[1:], 16, 32)
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	return 0.299*r+0.587*g+0.114*b < 140
}

// dashes cuts lines into dashes of length on with gaps off, px: drawn as
// plain segments, since not every renderer honours stroke-dasharray the
// same way.
func dashes(lines [][]orb.Point, on, off float64) [][]orb.Point {
	var out [][]orb.Point
	for _, l := range lines {
		var cur []orb.Point
		pos, inDash := 0.0, true
		left := on
		for i := 0; i+1 < len(l); i++ {
			a, b := l[i], l[i+1]
			seg := math.Hypot(b[0]-a[0], b[1]-a[1])
			t := 0.0
			for seg-t > 1e-9 {
				step := math.Min(left, seg-t)
				p0 := lerp(a, b, t/seg)
				p1 := lerp(a, b, (t+step)/seg)
				if inDash {
					if len(cur) == 0 {
						cur = append(cur, p0)
					}
					cur = append(cur, p1)
				}
				t += step
				left -= step
				if left <= 1e-9 {
					if inDash && len(cur) > 1 {
						out = append(out, cur)
					}
					cur = nil
					inDash = !inDash
					left = on
					if !inDash {
						left = off
					}
				}
			}
			pos += seg
		}
		if inDash && len(cur) > 1 {
			out = append(out, cur)
		}
	}
	return out
}

func lerp(a, b orb.Point, t float64) orb.Point {
	return orb.Point{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t}
}

// drawLegend draws the legend box: industries, a note on split markers,
// shading classes, reference circles and the scale bar, at the
// positions Legend.measure reserved.
func drawLegend(c canvas, s *Scene) {
	l := &s.Legend
	st := s.Style
	if l.Box.IsEmpty() || l.Box.Max[0] <= l.Box.Min[0] {
		return
	}
	em := st.Legend
	pad, row := legendPadEm*em, l.rowEm()*em
	c.rect(l.Box, legendFill, 0.92, legendLine, st.Border)
	x := l.Box.Min[0] + pad
	y := l.Box.Min[1] + pad // top of the current row
	head := func(t string) {
		c.text(textRun{X: x, Y: baseline(y+(row-st.LegendHead*lineHeight)/2, st.LegendHead), S: t, Size: st.LegendHead, Bold: true, Fill: textColor, Anchor: "start"})
		y += row
	}
	if len(l.Industries) > 0 {
		head(l.Titles[0])
		cols := max(1, l.Columns)
		colW := 0.0
		for _, it := range l.Industries {
			colW = math.Max(colW, legendSwatEm*em+0.6*em+textWidth(it.Text, em))
		}
		n := (len(l.Industries) + cols - 1) / cols
		for k, it := range l.Industries {
			cx := x + float64(k/n)*(colW+em)
			cy := y + float64(k%n)*row
			mid := cy + row/2
			c.circle(orb.Point{cx + legendSwatEm*em/2, mid}, legendSwatEm*em/2, it.Color, 1, "#ffffff", 1)
			c.text(textRun{X: cx + legendSwatEm*em + 0.6*em, Y: baseline(mid-em*lineHeight/2, em), S: it.Text, Size: em, Fill: textColor, Anchor: "start"})
		}
		y += float64(n) * row
		if l.Note != "" {
			c.text(textRun{X: x, Y: baseline(y+(row-em*lineHeight)/2, em*0.95), S: l.Note, Size: em * 0.95, Fill: mutedText, Anchor: "start"})
			y += row
		}
		y += 0.4 * em
	}
	if len(l.Classes) > 0 {
		head(l.Titles[1])
		cw := l.classWidth(st)
		for k, it := range l.Classes {
			cx := x + float64(k)*cw
			c.rect(orb.Bound{Min: orb.Point{cx, y}, Max: orb.Point{cx + cw - 0.4*em, y + 1.1*em}}, it.Color, 1, legendLine, 0.5)
			c.text(textRun{X: cx + (cw-0.4*em)/2, Y: baseline(y+1.1*em+0.1*em, em*0.95), S: it.Text, Size: em * 0.95, Fill: mutedText, Anchor: "middle"})
		}
		y += 1.1*em + 1.4*em + 0.4*em
	}
	if len(l.Sizes) > 0 {
		head(l.Titles[2])
		base := y + 2*l.Sizes[0].R
		cx := x
		for _, z := range l.Sizes {
			c.circle(orb.Point{cx + z.R, base - z.R}, z.R, "", 0, mutedText, 0.8)
			c.text(textRun{X: cx + 2*z.R + 0.5*em, Y: baseline(base-z.R-em*lineHeight/2, em), S: z.Text, Size: em, Fill: mutedText, Anchor: "start"})
			cx += 2*z.R + 0.5*em + textWidth(z.Text, em) + 0.8*em
		}
	}
	drawScaleBar(c, l.Scale, em, 0)
}

// drawScaleBar draws a scale bar with its text at size em, in a halo
// when halo > 0 (over a map); none when its length is zero.
func drawScaleBar(c canvas, sb ScaleBar, em, halo float64) {
	if sb.Length <= 0 {
		return
	}
	bar := [][]orb.Point{{{sb.X, sb.Y - 0.4*em}, {sb.X, sb.Y}, {sb.X + sb.Length, sb.Y}, {sb.X + sb.Length, sb.Y - 0.4*em}}}
	c.stroke(bar, nil, textColor, 1.1)
	c.text(textRun{X: sb.X + sb.Length + 0.6*em, Y: sb.Y, S: sb.Text, Size: em, Fill: textColor, Anchor: "start", Halo: halo})
}

// drawKey draws the key of numbered hubs.
func drawKey(c canvas, s *Scene) {
	k := &s.Key
	if len(k.Entries) == 0 {
		return
	}
	st := s.Style
	em := st.Legend
	c.rect(k.Box, legendFill, 0.92, legendLine, st.Border)
	c.text(textRun{X: k.Box.Min[0] + legendPadEm*em, Y: baseline(k.Box.Min[1]+legendPadEm*em+(legendRowEm*em-st.LegendHead*lineHeight)/2, st.LegendHead), S: k.Title,
		Size: st.LegendHead, Bold: true, Fill: textColor, Anchor: "start"})
	for _, e := range k.Entries {
		switch {
		case e.Number > 0:
			c.text(textRun{X: e.X + 1.6*em, Y: e.Y[0], S: strconv.Itoa(e.Number), Size: em, Bold: true, Fill: textColor, Anchor: "end"})
		case e.ID != "":
			// A hub named on the map, listed for its products: a
			// bullet where a number stands, so that its lines read as
			// one entry (they had run into the next).
			c.text(textRun{X: e.X + 1.6*em, Y: e.Y[0], S: "•", Size: em, Bold: true, Fill: textColor, Anchor: "end"})
		}
		for i, line := range e.Lines {
			c.text(textRun{X: e.X + keyIndentEm*em, Y: e.Y[i], S: line, Size: em, Fill: textColor, Anchor: "start"})
		}
	}
}
