package render

import (
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
)

// labelInk is how a label is inked: its first line, the lines after, and
// the halo below them.
type labelInk struct {
	first, rest, halo string
	// restCJK inks a later line with Chinese in it, when not empty.
	restCJK string
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
	hubInk  = labelInk{textColor, mutedText, haloColor, mutedCJK}
	nameInk = labelInk{nameColor, nameColor, haloColor, ""}
	// seaInk names the waters in a blue of their own, its halo the sea's
	// (over the dashed line and the graticule).
	seaInk = labelInk{seaText, seaText, seaColor, ""}
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
// below, when nearly all of the box (uniformShare) lies on provinces
// shaded dark (see dark); else ink itself, which reads on both grounds:
// with light letters for most of it on dark, "Hong Kong" had stood half
// over the estuary in a halo of Guangdong's navy (Guangdong's view).
func (pi *panelInk) onDark(box orb.Bound, ink, light labelInk) labelInk {
	n, darkCells := 0, 0
	// The dark division below the most cells, for the halo.
	var divs [8]struct{ div, n int }
	pi.p.Base.divMask.each(box, func(div int) {
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
	if n == 0 || float64(darkCells) < uniformShare*float64(n) {
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
// holds the cell's centre: what lies below a label (newMasks).
type divisionMask struct {
	frame      orb.Bound
	cols, rows int
	div        []uint16 // division index + 1; 0 for none
}

// divCrossing is where a row's centre line crosses an edge of a division
// (index + 1).
type divCrossing struct {
	x   float64
	div uint16
}

// cells returns the first and last columns and rows of the cells whose
// centres lie in box (none when c0 > c1 or r0 > r1).
func (m *divisionMask) cells(box orb.Bound) (c0, c1, r0, r1 int) {
	return centresIn(m.frame, m.cols, m.rows, box)
}

// centresIn returns the first and last columns and rows of the cells of
// a mask of landCell px cells over frame (cols × rows) whose centres lie
// in box (none when c0 > c1 or r0 > r1): the land and division masks'.
func centresIn(frame orb.Bound, cols, rows int, box orb.Bound) (c0, c1, r0, r1 int) {
	c0 = max(0, int(math.Ceil((box.Min[0]-frame.Min[0])/landCell-0.5)))
	c1 = min(cols-1, int(math.Floor((box.Max[0]-frame.Min[0])/landCell-0.5)))
	r0 = max(0, int(math.Ceil((box.Min[1]-frame.Min[1])/landCell-0.5)))
	r1 = min(rows-1, int(math.Floor((box.Max[1]-frame.Min[1])/landCell-0.5)))
	return c0, c1, r0, r1
}

// each calls f with the division (index, -1 for none) of every cell
// whose centre lies in box.
func (m *divisionMask) each(box orb.Bound, f func(div int)) {
	c0, c1, r0, r1 := m.cells(box)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			f(int(m.div[r*m.cols+c]) - 1)
		}
	}
}

// counts adds to dst (made when nil, as long as the divisions the mask
// knows) the cells of each division whose centres lie in box.
func (m *divisionMask) counts(box orb.Bound, dst []int) []int {
	if dst == nil {
		most := 0
		for _, d := range m.div {
			most = max(most, int(d))
		}
		dst = make([]int, most)
	}
	m.each(box, func(div int) {
		if div >= 0 && div < len(dst) {
			dst[div]++
		}
	})
	return dst
}

// eachCell calls f with the division (index, -1 for none) and the centre
// of every cell whose centre lies in box.
func (m *divisionMask) eachCell(box orb.Bound, f func(div int, at orb.Point)) {
	c0, c1, r0, r1 := m.cells(box)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			f(int(m.div[r*m.cols+c])-1, m.cellCentre(r*m.cols+c))
		}
	}
}

// offOthers reports whether box lies on divisions other than div for at
// most maxNameOnOthers of its cells.
func (m *divisionMask) offOthers(box orb.Bound, div int) bool {
	n, others := 0, 0
	m.each(box, func(d int) {
		n++
		if d >= 0 && d != div {
			others++
		}
	})
	return float64(others) <= maxNameOnOthers*float64(n)
}

// maxLabelOnOthers is the most of a hub's label beside its marker that
// may lie on a division of another system (offApart).
const maxLabelOnOthers = 0.05

// holds reports whether a cell of division div has its centre in box.
func (m *divisionMask) holds(box orb.Bound, div int) bool {
	found := false
	m.each(box, func(d int) { found = found || d == div })
	return found
}

// bordersNone returns, for n divisions, whether a cell of each has a
// cell of none (-1) beside it, across a side.
func (m *divisionMask) bordersNone(n int) []bool {
	out := make([]bool, n)
	mark := func(a, b int) {
		if a >= 0 && b < 0 && a < n {
			out[a] = true
		}
	}
	for r := range m.rows {
		for c := range m.cols {
			d := int(m.div[r*m.cols+c]) - 1
			if c+1 < m.cols {
				e := int(m.div[r*m.cols+c+1]) - 1
				mark(d, e)
				mark(e, d)
			}
			if r+1 < m.rows {
				e := int(m.div[(r+1)*m.cols+c]) - 1
				mark(d, e)
				mark(e, d)
			}
		}
	}
	return out
}

func (m *divisionMask) bytes() int { return 2 * len(m.div) }

// ground tells of a panel's places whether they lie on a dark fill
// (which a label reads on light, see panelInk) or a light one: the sea,
// land beyond China and the provinces shaded light.
type ground struct {
	mask  *divisionMask
	dark  []bool // per division
	apart []bool // per division: Province.apart
	// apartIn are the px bounds of the apart divisions the panel draws:
	// a box clear of them all is off them without a look at the mask.
	apartIn []orb.Bound
}

// offOthers is the mask's offOthers.
func (g *ground) offOthers(box orb.Bound, div int) bool { return g.mask.offOthers(box, div) }

func newGround(pn *Panel) *ground {
	g := &ground{mask: pn.Base.divMask, dark: make([]bool, len(pn.Provinces)), apart: make([]bool, len(pn.Provinces))}
	for i, pr := range pn.Provinces {
		g.dark[i], g.apart[i] = dark(pr.Fill), pr.apart
		if pr.apart && i < len(pn.Base.Provinces) && len(pn.Base.Provinces[i].Rings) > 0 {
			g.apartIn = append(g.apartIn, pn.Base.Provinces[i].Bound)
		}
	}
	return g
}

// offApart reports whether box, a label of a hub of division div, keeps
// off the land of a division of another system than div's: a label of
// a city of the mainland on Hong Kong, Macau or Taiwan, or of one of
// theirs on the mainland, at most maxLabelOnOthers of it ("Shenzhen"
// and its products had stood on Hong Kong in Guangdong's views).
func (g *ground) offApart(box orb.Bound, div int) bool {
	return g.apartShare(box, div) <= maxLabelOnOthers
}

// apartShare is the share of box on the land of divisions of another
// system than div's.
func (g *ground) apartShare(box orb.Bound, div int) float64 {
	if div < 0 || div >= len(g.apart) {
		return 0
	}
	if !g.apart[div] && !slices.ContainsFunc(g.apartIn, func(b orb.Bound) bool { return intersects(b, box) }) {
		return 0 // the usual case: no such division near
	}
	n, across := 0, 0
	g.mask.each(box, func(d int) {
		n++
		if d >= 0 && d != div && d < len(g.apart) && (g.apart[d] || g.apart[div]) {
			across++
		}
	})
	return float64(across) / float64(max(n, 1))
}

// uniform tells whether nearly all of box lies on one ground (share):
// at least uniformShare.
func (g *ground) uniform(box orb.Bound) bool { return g.share(box) >= uniformShare }

// share returns the most of box, as a share of the cells whose centres
// it holds, that lies on dark fills or on light ground.
func (g *ground) share(box orb.Bound) float64 {
	total, darkCells := 0, 0
	g.mask.each(box, func(div int) {
		total++
		if div >= 0 && div < len(g.dark) && g.dark[div] {
			darkCells++
		}
	})
	if total == 0 {
		return 1
	}
	return float64(max(darkCells, total-darkCells)) / float64(total)
}

// uniformShare is the share of a label's box that must lie on one ground
// for the label to read as on it.
const uniformShare = 0.9

// widestCells returns, for each division d with want[d], the cells of d
// (indices into m.div) farthest from every cell not d's and from the
// frame's edge, at most len of a [maxWidest] array, farthest first (in
// reading order on a tie), -1 past the last: a chamfer distance (3 a side,
// 4 a corner) in two passes over the mask, for all the divisions at once
// (the nearest cell not d's to a cell of d is across d's own boundary).
// The pole of a division the frame cuts lies about them (Base.cutPole).
func (m *divisionMask) widestCells(want []bool) [][maxWidest]int32 {
	out := make([][maxWidest]int32, len(want))
	for d := range out {
		for k := range out[d] {
			out[d][k] = -1
		}
	}
	// The labels and distances of a grid one cell larger all round,
	// whose border is no division's: no cell is at an edge.
	w := distWork.Get().(*distGrid)
	defer distWork.Put(w)
	W, n := m.cols+2, (m.cols+2)*(m.rows+2)
	w.lab = slices.Grow(w.lab[:0], n)[:n]
	w.dist = slices.Grow(w.dist[:0], n)[:n]
	lab, dd := w.lab, w.dist
	for i := range lab {
		lab[i] = outsideMask
	}
	for r := range m.rows {
		for c, l := range m.div[r*m.cols : (r+1)*m.cols] {
			if l > 0 && int(l) <= len(want) && want[l-1] {
				lab[(r+1)*W+c+1] = l
			} else {
				lab[(r+1)*W+c+1] = 0
			}
		}
	}
	for p := W; p < n-W; p++ {
		if l := lab[p]; l != 0 && l != outsideMask {
			dd[p] = min(chamfer(lab, dd, p-1, l, 3), chamfer(lab, dd, p-W-1, l, 4), chamfer(lab, dd, p-W, l, 3), chamfer(lab, dd, p-W+1, l, 4))
		}
	}
	for p := n - W - 1; p >= W; p-- {
		l := lab[p]
		if l == 0 || l == outsideMask {
			continue
		}
		dd[p] = min(dd[p], chamfer(lab, dd, p+1, l, 3), chamfer(lab, dd, p+W+1, l, 4), chamfer(lab, dd, p+W, l, 3), chamfer(lab, dd, p+W-1, l, 4))
		// Kept among the farthest of its division (grid indices until
		// the end): in reading order on a tie, as this pass meets the
		// cells backwards.
		best := &out[l-1]
		if last := best[maxWidest-1]; last >= 0 && dd[p] < dd[last] {
			continue
		}
		for k := range best {
			if best[k] < 0 || dd[p] >= dd[best[k]] {
				copy(best[k+1:], best[k:])
				best[k] = int32(p)
				break
			}
		}
	}
	for d := range out {
		for k, p := range out[d] {
			if p >= 0 {
				out[d][k] = int32((int(p)/W-1)*m.cols + int(p)%W - 1)
			}
		}
	}
	return out
}

// chamfer is the distance to a cell of label l from its neighbour n, a
// step of w away: w when n is not l's (the boundary lies between), else
// n's own distance and w.
func chamfer(lab, dist []uint16, n int, l, w uint16) uint16 {
	if lab[n] != l {
		return w
	}
	return dist[n] + w
}

// outsideMask labels the border of widestCells' grid: no division's.
const outsideMask = math.MaxUint16

// distGrid is widestCells' work space, recycled.
type distGrid struct{ lab, dist []uint16 }

// maxWidest is how many of a division's farthest cells widestCells keeps.
const maxWidest = 4

// distWork recycles widestCells' grids.
var distWork = sync.Pool{New: func() any { return new(distGrid) }}

// cellCentre is the centre, px, of cell i.
func (m *divisionMask) cellCentre(i int) orb.Point {
	c, r := i%m.cols, i/m.cols
	return orb.Point{m.frame.Min[0] + (float64(c)+0.5)*landCell, m.frame.Min[1] + (float64(r)+0.5)*landCell}
}
