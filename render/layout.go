package render

import (
	"github.com/paulmach/orb"
)

// layout divides the page: the title block at the top, the credits at
// the bottom, the map frame between them and, when the legend or the key
// would cover land in the frame, a panel beside the map (landscape
// pages) or below it (portrait ones) that holds them instead.
type layout struct {
	W, H   float64
	st     Style
	header float64   // bottom of the title block
	footer float64   // top of the credits
	view   orb.Bound // the projected window the map shows
	panel  orb.Bound
	has    bool // there is a panel
	side   bool // the panel is beside the map, not below it
	// legendBeside puts the key beside a one-column legend in the panel,
	// not below it.
	legendBeside bool
	// autoH grows the page for a panel (below the map) instead of
	// shrinking the map: a column figure is as tall as it needs.
	autoH bool
	foot  float64 // height of the credits, for autoH
}

// frame is the map's area.
func (l *layout) frame() orb.Bound {
	f := orb.Bound{Min: orb.Point{l.st.Pad / 2, l.header}, Max: orb.Point{l.W - l.st.Pad/2, l.footer}}
	if !l.has {
		return f
	}
	if l.side {
		f.Max[0] = l.panel.Min[0] - l.st.Pad/2
	} else {
		f.Max[1] = l.panel.Min[1] - l.st.Pad/2
	}
	return f
}

// reservePanel makes room for boxes that need sideW px beside the map or
// bottomH px below it (0: that way is not wanted), whichever leaves the
// map larger. It returns false when neither leaves room for a map.
func (l *layout) reservePanel(sideW, bottomH float64) bool {
	return l.reservePanelDown(sideW, bottomH, minPanelScale)
}

// minPanelScale is how far a panel may shrink the map: to half its size.
// A legend that would hide hubs over the map may shrink it further, to
// minPanelScaleHiding: a smaller map whole reads better than a larger one
// whose hubs are hidden (Guangdong's at 400×400 in both languages), or
// whose land is (see landBudget). Further down, the map is too small to
// read: a map 320 px wide in both languages, whose legend is two thirds
// of its width, would be a strip 70 px wide.
const (
	minPanelScale       = 0.5
	minPanelScaleHiding = 0.35
)

// reservePanelDown is reservePanel with the least scale, of the map's
// without a panel, that a panel may leave.
func (l *layout) reservePanelDown(sideW, bottomH, least float64) bool {
	if l.autoH {
		if bottomH <= 0 {
			return false
		}
		top := l.footer
		if l.has {
			top = l.panel.Min[1]
		}
		l.footer = top + bottomH
		l.H = l.footer + l.foot
		l.panel = orb.Bound{Min: orb.Point{l.st.Pad / 2, top}, Max: orb.Point{l.W - l.st.Pad/2, l.footer}}
		l.has, l.side = true, false
		return true
	}
	type choice struct {
		panel orb.Bound
		side  bool
		scale float64
	}
	var best *choice
	bare := *l
	bare.has = false
	full := fitView(l.view, bare.frame(), l.st).Scale
	try := func(side bool, size float64) {
		if size <= 0 {
			return
		}
		var p orb.Bound
		if side {
			p = orb.Bound{Min: orb.Point{l.W - l.st.Pad/2 - size, l.header}, Max: orb.Point{l.W - l.st.Pad/2, l.footer}}
		} else {
			p = orb.Bound{Min: orb.Point{l.st.Pad / 2, l.footer - size}, Max: orb.Point{l.W - l.st.Pad/2, l.footer}}
		}
		save := *l
		l.panel, l.side, l.has = p, side, true
		f := l.frame()
		sc := 0.0
		if f.Max[0]-f.Min[0] > 4*l.st.Pad && f.Max[1]-f.Min[1] > 4*l.st.Pad {
			sc = fitView(l.view, f, l.st).Scale
		}
		*l = save
		if sc >= least*full && (best == nil || sc > best.scale) {
			best = &choice{p, side, sc}
		}
	}
	try(true, sideW)
	try(false, bottomH)
	if best == nil {
		return false
	}
	l.panel, l.side, l.has = best.panel, best.side, true
	return true
}

// corners returns the four places a w×h box may take in frame, inset by
// a margin: bottom left first (south-west of China is outside it at
// every zoom that shows the whole country), then top left, top right and
// bottom right.
func corners(frame orb.Bound, w, h, m float64) []orb.Bound {
	at := func(x, y float64) orb.Bound {
		return orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
	}
	return []orb.Bound{
		at(frame.Min[0]+m, frame.Max[1]-m-h),
		at(frame.Min[0]+m, frame.Min[1]+m),
		at(frame.Max[0]-m-w, frame.Min[1]+m),
		at(frame.Max[0]-m-w, frame.Max[1]-m-h),
	}
}

// freeCorner returns the first corner of frame where a w×h box covers
// (almost) no land, within the land budget, and none of the given boxes.
func freeCorner(frame orb.Bound, w, h, m float64, land *landMask, avoid []orb.Bound, budget *landBudget) (orb.Bound, bool) {
	if w > frame.Max[0]-frame.Min[0]-2*m || h > frame.Max[1]-frame.Min[1]-2*m {
		return orb.Bound{}, false
	}
	for _, c := range corners(frame, w, h, m) {
		if land.covered(c) > 0.01 || !budget.allows(c) {
			continue
		}
		ok := true
		for _, a := range avoid {
			if intersects(c, a) {
				ok = false
				break
			}
		}
		if ok {
			return c, true
		}
	}
	return orb.Bound{}, false
}

// freeSpot finds where a w×h box fits in frame over none of the boxes to
// avoid and within the land budget, covering the least land: positions on
// a grid of step px, corners first on a tie. It reports false when every
// position covers something.
func freeSpot(frame orb.Bound, w, h, m, step float64, land *landMask, avoid []orb.Bound, budget *landBudget) (orb.Bound, bool) {
	best, bestCov := orb.Bound{}, 2.0
	eachSpot(frame, w, h, m, step, func(c orb.Bound, corner bool) {
		if !fitsNone(c, avoid) || !budget.allows(c) {
			return
		}
		// A grid position takes a corner's place only when it covers
		// clearly less.
		slack := 0.02
		if corner {
			slack = 0
		}
		if cov := land.covered(c); cov < bestCov-slack {
			best, bestCov = c, cov
		}
	})
	return best, bestCov <= 1
}

// eachSpot calls f with the places a w×h box may take in frame, inset by
// m: its corners (corner true), then positions on a grid of step px.
func eachSpot(frame orb.Bound, w, h, m, step float64, f func(c orb.Bound, corner bool)) {
	for _, c := range corners(frame, w, h, m) {
		f(c, true)
	}
	for y := frame.Min[1] + m; y+h <= frame.Max[1]-m; y += step {
		for x := frame.Min[0] + m; x+w <= frame.Max[0]-m; x += step {
			f(orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}, false)
		}
	}
}

func fitsNone(b orb.Bound, avoid []orb.Bound) bool {
	for _, a := range avoid {
		if intersects(b, a) {
			return false
		}
	}
	return true
}

// landBudget bounds how much of the land of the view asked for (the
// country, a province, a window) a box over the map may hide: a key or a
// legend that hides a part of the country hides what the map is for, and
// in the mainland edition makes it a map that may not be published
// (territory left out). The numbered key had covered Xinjiang, Tibet and
// Qinghai on the map of all China at 480×360, and the legend four fifths
// of the country at 320×320 in both languages. A nil budget allows any
// box. Its counts are made when a box is first asked about: most maps
// place their legend in a corner off the land, asking nothing.
type landBudget struct {
	mask  *landMask
	asked orb.Bound // px
	// base gives each division's cells (Base.wholeCells): a box hides at
	// most maxHiddenDivision of any one the frame shows whole. The
	// supplier map's legend had hidden half of Taiwan at 800×600, a
	// sliver of the country's land.
	base *Base
	// focus is the division a province's view is of (an index), or -1:
	// a box may also pass on its land alone (withinFocus). Guizhou's,
	// Beijing's and Chongqing's views had made a panel beside the map, a
	// blank column under the legend, where a corner over the neighbours
	// hid none of the province.
	focus int

	counted bool
	total   int // land cells in asked
	most    int // of them a box may hide
}

// maxHiddenDivision is the share of a division's land in the frame a box
// over the map may hide.
const maxHiddenDivision = 0.1

// maxHiddenLand is the share of the asked view's land a box over the map
// may hide: a sliver along its edge, not a region.
const maxHiddenLand = 0.01

// landBudget is the budget of boxes over s's map.
func (s *Scene) landBudget() *landBudget {
	return &landBudget{mask: s.Base.land, asked: s.asked, base: s.Base, focus: s.Panel.Focus}
}

// allows reports whether box hides no more of the asked view's land (in
// a province's view, of the province's), and of each division, than the
// budget allows.
func (b *landBudget) allows(box orb.Bound) bool {
	if b == nil || b.mask == nil || b.mask.landIn(box) == 0 {
		return true // (most legends, in a corner off the land)
	}
	if b.base != nil && b.base.divMask != nil {
		whole := b.base.wholeCells()
		for d, n := range b.base.divMask.counts(box, make([]int, len(whole))) {
			if n > 0 && whole[d] > 0 && float64(n) > maxHiddenDivision*float64(whole[d]) {
				return false
			}
		}
	}
	if b.withinAsked(box) {
		return true
	}
	return b.withinFocus(box)
}

// withinAsked reports whether box hides no more than maxHiddenLand of
// the land of the view asked for.
func (b *landBudget) withinAsked(box orb.Bound) bool {
	in := orb.Bound{Min: orb.Point{max(box.Min[0], b.asked.Min[0]), max(box.Min[1], b.asked.Min[1])},
		Max: orb.Point{min(box.Max[0], b.asked.Max[0]), min(box.Max[1], b.asked.Max[1])}}
	if in.Min[0] > in.Max[0] || in.Min[1] > in.Max[1] {
		return true
	}
	hidden := b.mask.landIn(in)
	if hidden == 0 {
		return true
	}
	if !b.counted {
		b.counted = true
		b.total = b.mask.landIn(b.asked)
		b.most = int(maxHiddenLand * float64(b.total))
	}
	return b.total == 0 || hidden <= b.most
}

// withinFocus reports, in a province's view, whether box hides no more
// than maxHiddenLand of the province's land, no more than
// maxHiddenDivision of a neighbour the frame shows mostly, and no
// claimed area: the neighbours about a province are context, as the land
// beyond a window is, and a legend may stand over them where every corner
// holds more than a sliver of the land about the province.
func (b *landBudget) withinFocus(box orb.Bound) bool {
	if b.focus < 0 || b.base == nil || b.base.divMask == nil || b.focus >= len(b.base.Provinces) || b.base.frameCells()[b.focus] == 0 {
		return false
	}
	all := b.base.frameCells()
	under := b.base.divMask.counts(box, make([]int, len(all)))
	for d, n := range under {
		// A neighbour the frame shows mostly, though it cuts it, is
		// kept as one shown whole: Fujian's legend had hidden all
		// but a few cells of Taiwan.
		if d != b.focus && n > 0 && b.base.mostlyShown(d) && float64(n) > maxHiddenDivision*float64(all[d]) {
			return false
		}
	}
	// Nor over a claimed area (land of no division), which the
	// mainland edition must show.
	for _, c := range b.base.Claims {
		for _, r := range c.Rings {
			if intersects(box, pointsBound(r)) {
				return false
			}
		}
	}
	return float64(under[b.focus]) <= maxHiddenLand*float64(all[b.focus])
}
