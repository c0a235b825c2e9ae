package render

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// labelInk is how a label is inked: its first line, the lines after, and
// the halo below them.
type labelInk struct {
	first, rest, halo string
}

// Light labels on dark fills: the provinces with the most hubs, which a
// map of hubs is about, are shaded darkest, and grey product lines in a
// thin white halo read poorly there, in Chinese most of all. On such a
// fill a label is light, in a halo of the fill itself (it clears the
// borders and lines below, and shows on nothing else).
const (
	lightText  = "#ffffff"
	lightMuted = "#e4ebf2"
	lightName  = "#d5dfea" // province names on a dark fill
)

// inks are the labels' usual inks.
var (
	hubInk  = labelInk{textColor, mutedText, haloColor}
	nameInk = labelInk{nameColor, nameColor, haloColor}
)

// panelInk inks the labels of one panel: which of its provinces are
// shaded dark, worked out once per drawing.
type panelInk struct {
	p    *Panel
	dark []bool // per province
	any  bool
}

func newPanelInk(p *Panel) *panelInk {
	pi := &panelInk{p: p, dark: make([]bool, len(p.Provinces))}
	for i, pr := range p.Provinces {
		pi.dark[i] = len(pr.Rings) > 0 && dark(pr.Fill)
		pi.any = pi.any || pi.dark[i]
	}
	return pi
}

// inker returns how a label's line is inked: ink, or light on a dark
// fill (onDark); light with no first colour stays ink everywhere.
func (pi *panelInk) inker(ink, light labelInk) func(orb.Bound) labelInk {
	if light.first == "" || !pi.any {
		return func(orb.Bound) labelInk { return ink }
	}
	return func(box orb.Bound) labelInk { return pi.onDark(box, ink, light) }
}

// onDark returns ink as it reads over box: light, in a halo of the fill
// below, when most of the box lies on provinces shaded dark (see dark);
// else ink itself.
func (pi *panelInk) onDark(box orb.Bound, ink, light labelInk) labelInk {
	n, darkCells := 0, 0
	// The dark division below the most cells, for the halo.
	var divs [8]struct{ div, n int }
	pi.p.Base.divisions().each(box, func(div int) {
		n++
		if div < 0 || div >= len(pi.dark) || !pi.dark[div] {
			return
		}
		darkCells++
		for k := range divs {
			if divs[k].n == 0 || divs[k].div == div {
				divs[k].div = div
				divs[k].n++
				return
			}
		}
	})
	if n == 0 || 2*darkCells < n {
		return ink
	}
	best := 0
	for k := range divs {
		if divs[k].n > divs[best].n {
			best = k
		}
	}
	light.halo = pi.p.Provinces[divs[best].div].Fill
	return light
}

// divisionMask tells, cell by cell over a view's frame, which division
// covers the cell's centre: what lies below a label. Made on first use,
// once per view (Base.divisions).
type divisionMask struct {
	frame      orb.Bound
	cols, rows int
	div        []uint16 // division index + 1; 0 for none
}

// divCell is the side of divisionMask's cells, px: a label three or more
// cells high is told by a dozen cells or more.
const divCell = 6.0

// divisions returns the view's division mask, made on first use.
func (b *Base) divisions() *divisionMask {
	b.divMaskOnce.Do(func() { b.divMask = newDivisionMask(b.Frame, b.Provinces) })
	return b.divMask
}

func newDivisionMask(frame orb.Bound, ps []BaseProvince) *divisionMask {
	m := &divisionMask{frame: frame}
	m.cols = max(1, int(math.Ceil((frame.Max[0]-frame.Min[0])/divCell)))
	m.rows = max(1, int(math.Ceil((frame.Max[1]-frame.Min[1])/divCell)))
	m.div = make([]uint16, m.cols*m.rows)
	if len(ps) >= math.MaxUint16 {
		return m // a file of 65,535 divisions: nothing is told apart
	}
	// Each row's centre line, crossed by every division's edges: in one
	// pass over the edges, each crossing with its division.
	w, _ := divRows.Get().(*[][]divCrossing)
	if w == nil {
		w = new([][]divCrossing)
	}
	rows := emptyRows(*w, m.rows)
	for i, p := range ps {
		for _, ring := range p.Rings {
			for k := 0; k+1 < len(ring); k++ {
				a, c := ring[k], ring[k+1]
				lo, hi := min(a[1], c[1]), max(a[1], c[1])
				if !(hi >= frame.Min[1]) || !(lo <= frame.Max[1]) {
					continue // outside, or NaN
				}
				r0, r1 := rowRange(lo, hi, frame.Min[1], divCell, m.rows)
				for r := r0; r <= r1; r++ {
					y := frame.Min[1] + (float64(r)+0.5)*divCell
					if (a[1] <= y) != (c[1] <= y) {
						rows[r] = append(rows[r], divCrossing{a[0] + (y-a[1])/(c[1]-a[1])*(c[0]-a[0]), uint16(i + 1)})
					}
				}
			}
		}
	}
	// Along each row, a division is entered and left at its crossings
	// (even-odd): the cells between are its, while it alone is open.
	var open []uint16
	for r, xs := range rows {
		slices.SortFunc(xs, func(p, q divCrossing) int { return cmp.Compare(p.x, q.x) })
		open = open[:0]
		for k, x := range xs {
			if j := slices.Index(open, x.div); j >= 0 {
				open = slices.Delete(open, j, j+1)
			} else {
				open = append(open, x.div)
			}
			if len(open) != 1 || k+1 == len(xs) {
				continue
			}
			c0 := max(0, int(math.Ceil((x.x-frame.Min[0])/divCell-0.5)))
			for c := c0; c < m.cols && frame.Min[0]+(float64(c)+0.5)*divCell <= xs[k+1].x; c++ {
				m.div[r*m.cols+c] = open[0]
			}
		}
	}
	*w = rows
	divRows.Put(w)
	return m
}

// divCrossing is where a row's centre line crosses an edge of a division
// (index + 1).
type divCrossing struct {
	x   float64
	div uint16
}

// divRows recycles newDivisionMask's crossings per row.
var divRows sync.Pool

// each calls f with the division (index, -1 for none) of every cell
// whose centre lies in box.
func (m *divisionMask) each(box orb.Bound, f func(div int)) {
	c0 := max(0, int(math.Ceil((box.Min[0]-m.frame.Min[0])/divCell-0.5)))
	c1 := min(m.cols-1, int(math.Floor((box.Max[0]-m.frame.Min[0])/divCell-0.5)))
	r0 := max(0, int(math.Ceil((box.Min[1]-m.frame.Min[1])/divCell-0.5)))
	r1 := min(m.rows-1, int(math.Floor((box.Max[1]-m.frame.Min[1])/divCell-0.5)))
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			f(int(m.div[r*m.cols+c]) - 1)
		}
	}
}

// divisionMaskBytes is what a mask of frame takes, counted in its Base's
// bytes when the Base is built.
func divisionMaskBytes(frame orb.Bound) int {
	return 2 * int(math.Ceil((frame.Max[0]-frame.Min[0])/divCell)+1) * int(math.Ceil((frame.Max[1]-frame.Min[1])/divCell)+1)
}
