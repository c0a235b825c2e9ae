package render

import (
	"math"

	"github.com/paulmach/orb"
)

// displayList records what drawScene draws, so that the PNG writer can
// replay it strip by strip: a print-size PNG is drawn a band of rows at a
// time and never held whole in memory.
type displayList struct {
	ops []drawOp
}

type opKind uint8

const (
	opFill opKind = iota
	opStroke
	opCircle
	opWedge
	opRect
	opText
)

// drawOp is one call of the canvas interface.
type drawOp struct {
	kind    opKind
	rings   [][]orb.Point // fill and stroke
	fill    string
	opacity float64 // of the fill
	stroke  string
	width   float64 // of the stroke
	c       orb.Point
	r       float64 // circle and wedge radius
	a0, a1  float64 // wedge angles
	b       orb.Bound
	text    textRun
	bound   orb.Bound // px the op may touch, for skipping it in other strips
}

func (d *displayList) group(name, value string) {}
func (d *displayList) endGroup()                {}

func (d *displayList) fill(rings [][]orb.Point, _ []byte, col string, opacity float64, _ dataAttr) {
	if len(rings) > 0 {
		d.ops = append(d.ops, drawOp{kind: opFill, rings: rings, fill: col, opacity: opacity, bound: ringsBound(rings, 0)})
	}
}

func (d *displayList) stroke(lines [][]orb.Point, _ []byte, col string, width float64) {
	if len(lines) > 0 && width > 0 {
		d.ops = append(d.ops, drawOp{kind: opStroke, rings: lines, stroke: col, width: width, bound: ringsBound(lines, width/2)})
	}
}

func (d *displayList) circle(c orb.Point, r float64, fill string, fillOpacity float64, stroke string, width float64) {
	e := r + width/2
	d.ops = append(d.ops, drawOp{kind: opCircle, c: c, r: r, fill: fill, opacity: fillOpacity, stroke: stroke, width: width,
		bound: orb.Bound{Min: orb.Point{c[0] - e, c[1] - e}, Max: orb.Point{c[0] + e, c[1] + e}}})
}

func (d *displayList) wedge(c orb.Point, r, a0, a1 float64, fill string) {
	d.ops = append(d.ops, drawOp{kind: opWedge, c: c, r: r, a0: a0, a1: a1, fill: fill, opacity: 1,
		bound: orb.Bound{Min: orb.Point{c[0] - r, c[1] - r}, Max: orb.Point{c[0] + r, c[1] + r}}})
}

func (d *displayList) rect(b orb.Bound, fill string, fillOpacity float64, stroke string, width float64) {
	d.ops = append(d.ops, drawOp{kind: opRect, b: b, fill: fill, opacity: fillOpacity, stroke: stroke, width: width, bound: b.Pad(width / 2)})
}

func (d *displayList) text(t textRun) {
	if t.S == "" {
		return
	}
	w := measure(t.S, t.Size, t.Bold)
	x := startX(t)
	e := t.Halo/2 + 0.2*t.Size // halo, and ink beyond the advance
	d.ops = append(d.ops, drawOp{kind: opText, text: t,
		bound: orb.Bound{Min: orb.Point{x - e, t.Y - 1.25*t.Size - e}, Max: orb.Point{x + w + e, t.Y + 0.45*t.Size + e}}})
}

// ringsBound is the box of rings grown by pad.
func ringsBound(rings [][]orb.Point, pad float64) orb.Bound {
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, r := range rings {
		for _, p := range r {
			b.Min[0], b.Max[0] = math.Min(b.Min[0], p[0]), math.Max(b.Max[0], p[0])
			b.Min[1], b.Max[1] = math.Min(b.Min[1], p[1]), math.Max(b.Max[1], p[1])
		}
	}
	return b.Pad(pad)
}
