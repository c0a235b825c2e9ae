package render

import (
	"iter"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/hubatlas/hubatlas/geo"
)

// nameProvinces names the divisions on the main map (Options.ProvinceNames
// auto or on): each name at its division's pole of inaccessibility when
// it fits inside the division there, else a little around it, never over
// a hub's label, marker, the legend, the key, an inset or another name.
// "auto" names what fits; "on" also names small divisions (Beijing,
// Hong Kong, Macau…) beside them with a short leader when there is room.
// Then the neighbouring countries, in their own quieter grey, where they
// fit.
func (s *Scene) nameProvinces(a *geo.Atlas, opt Options) {
	s.Names = nil
	if opt.ProvinceNames == "off" {
		return
	}
	st := s.Style
	vn := s.Base.names(a, opt.Lang, st.Name)
	// (With the islands, whose land labels keep off, for labelMover.)
	p := newPlacer(s.Frame, st, s.Hubs, s.fixedBoxes(), s.Base.islands)
	p.lines = segmentsOf(s.SeaLine)
	defer p.free()
	mover := newLabelMover(s, p)
	for i, h := range s.Hubs {
		if len(h.Label.Lines) > 0 && !h.OnMarker {
			mover.add(i)
		}
		// Names keep off the hubs' leaders, and their own leaders do
		// not cross them.
		if len(h.Leader) == 2 {
			p.leaders = append(p.leaders, [2]orb.Point{h.Leader[0], h.Leader[1]})
		}
	}
	// free: a name's box over nothing placed and across no leader.
	// No name stands where a reader looks for a hub's label: level with
	// a marker and within a line of it ("Hubei 湖北" had stood 5 px before
	// Wuhan's marker, "Sichuan" 8 px before Chengdu's, and read as their
	// names).
	line := st.Name * lineHeight
	free := func(b orb.Bound) bool {
		if !p.freeBox(b) || p.markerInReadingPlace(b, line, line) {
			return false
		}
		b = b.Pad(1)
		return !slices.ContainsFunc(p.leaders, func(l [2]orb.Point) bool {
			return max(l[0][0], l[1][0]) > b.Min[0] && min(l[0][0], l[1][0]) < b.Max[0] &&
				max(l[0][1], l[1][1]) > b.Min[1] && min(l[0][1], l[1][1]) < b.Max[1] && segmentHitsBox(l[0], l[1], b)
		})
	}
	// The names' lines, sizes and baselines, copied out of the view's
	// (shared) names into one array each.
	nLines := 0
	for _, n := range vn.provinces {
		nLines += len(n.lines)
	}
	for _, n := range vn.countries {
		nLines += len(n.lines)
	}
	for _, n := range vn.seas {
		nLines += len(n.lines)
	}
	lines, nums := make([]string, 0, nLines), make([]float64, 0, 2*nLines)
	s.Names = make([]NameLabel, 0, len(vn.provinces)+len(vn.countries)+len(vn.seas))
	label := func(n *nameSpot) Label {
		k, f := len(lines), len(nums)
		lines = append(lines, n.lines...)
		nums = append(nums, n.sizes...)
		nums = nums[:len(nums)+len(n.lines)]
		return Label{Lines: lines[k:len(lines):len(lines)], Sizes: nums[f : f+len(n.lines) : f+len(n.lines)],
			Y: nums[f+len(n.lines) : f+len(n.lines) : len(nums)]}
	}
	// centred names n in box b, its text centred on at, and takes b.
	centred := func(n *nameSpot, b orb.Bound, at orb.Point, kind string) {
		l := label(n)
		setLabelBox(&l, b, at)
		l.Anchor, l.X = "middle", at[0]
		s.Names = append(s.Names, NameLabel{Code: n.code, Label: l, Kind: kind})
		p.grid.add(gridItem{box: b, owner: -1, label: true})
	}
	// Beside a small division on a leader: when asked, or by default in a
	// view closer than all of China, where Hong Kong and Macao have room.
	leaders := opt.ProvinceNames == "on" || opt.ProvinceNames != "off" && (s.Focus >= 0 || !opt.BBox.IsZero())
	// inside names n inside its division: around the pole, else
	// elsewhere inside, nearest the pole first, where the hubs' labels
	// leave room.
	insideWhere := func(n *nameSpot, free func(orb.Bound) bool) bool {
		if j := slices.IndexFunc(n.inside, free); j >= 0 {
			centred(n, n.inside[j], n.insideAt[j], "province")
			return true
		}
		if n.room == nil {
			return false
		}
		boxes, at := n.room.spots(s.Base.Provinces[n.div].Rings, n.at, n.w, n.h)
		if j := slices.IndexFunc(boxes, free); j >= 0 {
			centred(n, boxes[j], at[j], "province")
			return true
		}
		return false
	}
	inside := func(n *nameSpot) bool { return insideWhere(n, free) }
	// besideItsCoast names n on the water beside its coast, on the
	// first of its lines' variants that finds a place.
	besideItsCoast := func(n *nameSpot) bool {
		for _, v := range n.variants() {
			if b, ok := s.besideCoast(v, p, free); ok {
				centred(v, b, b.Center(), "province")
				return true
			}
		}
		return false
	}
	// The national capital first: a star, with Beijing's name inside
	// the municipality off the star or, where it is too small for it,
	// beside the star, as a city's beside its marker (on maps of all
	// China Beijing had gone unnamed); no star without its name, which
	// had left one bare under Qingdao's label (a column page). Later
	// names keep off both.
	capital := -1
	if at, box, ok := s.capitalStar(a, free); ok {
		offStar := func(b orb.Bound) bool { return !intersects(b, box) && free(b) }
		if k := slices.IndexFunc(vn.provinces, func(n nameSpot) bool { return n.code == capitalCode }); k >= 0 {
			n := &vn.provinces[k]
			named := insideWhere(n, offStar) || n.oneLine != nil && insideWhere(n.oneLine, offStar)
			if !named {
				if v, b, ok := s.besideStar(n, at, p, offStar); ok {
					centred(v, b, b.Center(), "province")
					named = true
				}
			}
			if named {
				capital = n.div
				s.Capital = []orb.Point{at}
				p.grid.add(gridItem{box: box, owner: -1, label: true})
			}
		}
	}
	for k := range vn.provinces {
		n := &vn.provinces[k]
		if n.div == capital && capital >= 0 {
			continue // named with its star
		}
		if inside(n) || n.oneLine != nil && inside(n.oneLine) {
			continue
		}
		if !leaders {
			// An island too small for its name (Taiwan, Hainan at small
			// sizes) is named beside it, on the sea; so is a small
			// division on the coast, with no leader, where the water
			// beside it is its own (Guangdong had gone unnamed on A4
			// pages).
			if b, ok := s.besideIsland(n, free); ok {
				centred(n, b, b.Center(), "province")
			} else if n.small && !n.cut && !s.namedByHub(n) {
				if b, ok := s.besideCoast(n, p, free); ok {
					centred(n, b, b.Center(), "province")
				}
			}
			continue
		}
		// A small division: beside it, on a leader. A larger one whose
		// name finds no room inside (its hubs' labels take it, or the
		// frame cuts it) stays unnamed: on a leader its name had stood
		// in another division, where it names that one (Hunan over
		// Chongqing in Sichuan's view at 400×400).
		// Nor is one the frame cuts, however small beside its name: its
		// name had stood on a neighbour, a short leader pointing at the
		// frame's edge ("Guangdong 广东" on Hunan and Jiangxi in a window
		// of eastern China at 640×480, both languages).
		if !n.small || n.cut || s.namedByHub(n) {
			// A larger division whose hubs' labels leave its name no
			// room inside: beside its coast, on water no other division
			// reaches, with no leader. Shanghai's name had found no room
			// under Suzhou's products in the Yangtze delta at 640×480.
			if !n.small && !n.cut && !s.namedByHub(n) {
				besideItsCoast(n)
			}
			continue
		}
		// The first free place (one off other divisions, farther out, had
		// put Beijing's name on the Bohai past Tianjin's) that keeps clear
		// of hubs' markers with no marker level with it within a line:
		// 香港 had stood on its leader just before Shenzhen's marker,
		// where it read as Shenzhen's name. (A whole line clear all
		// round, as a hub's label on a leader keeps, had sent it across
		// the Pearl River's estuary.) In both languages, on one line
		// where two lines find no such place.
		variants := n.variants()
		// A place near it and off other divisions first (the sea, land
		// beyond China, its own), where the name reads as none of theirs:
		// "Macau" had stood on Guangdong's land by Zhuhai in Guangdong's
		// view, with the sea free below it. Else the first free place, as
		// before, rather than no name. Only near: farther out, off other
		// divisions, Beijing's name had gone onto the Bohai past Tianjin,
		// and Tianjin's onto Hebei past Beijing.
		m := marker{n.at, math.Max(1, n.radius*0.5)}
	pass:
		for _, offOthers := range []bool{true, false} {
			for _, v := range variants {
				for cd := range p.away(m, v.w, v.h) {
					if p.freeBox(cd.box) && !p.leaderBlocked(cd.leader) && p.markersClear(cd.box, 3*st.Gap) && !p.markerInReadingPlace(cd.box, cd.box.Max[1]-cd.box.Min[1], line) &&
						(!offOthers || leaderLength(cd.leader) <= 2*line && s.Base.offOtherDivisions(n.div, cd.box)) {
						l := label(v)
						setLabelBox(&l, cd.box, n.at)
						s.Names = append(s.Names, NameLabel{Code: n.code, Label: l, Kind: "province", Leader: []orb.Point{cd.leader[0], cd.leader[1]}})
						p.grid.add(gridItem{box: cd.box, owner: -1, label: true})
						p.leaders = append(p.leaders, cd.leader)
						break pass
					}
				}
			}
		}
	}
	// Neighbouring countries: their names where a box fits on their land
	// in view, away from China's, at the first such place still free; the
	// seas last, where room is left on their water: about its middle,
	// else elsewhere on its water in view.
	firstFree := func(spots []nameSpot, kind string) {
		for k := range spots {
			n := &spots[k]
			if i := slices.IndexFunc(n.inside, free); i >= 0 {
				centred(n, n.inside[i], n.inside[i].Center(), kind)
				continue
			}
			if n.sea == nil {
				continue
			}
			more := n.sea.spots(s.Base, n.w, n.h)
			if i := slices.IndexFunc(more, free); i >= 0 {
				centred(n, more[i], more[i].Center(), kind)
			}
		}
	}
	if !s.seaBox.IsZero() {
		// The islands the map shows in place of an inset are named, as
		// the inset was, before the neighbours and the seas.
		// Inside the dashed line, which the name's box (a line's
		// height, more than its letters) may touch at a dash's end.
		lines := p.lines
		p.lines = nil
		firstFree([]nameSpot{s.Base.seaIslandsName(opt.Lang, st.Name)}, "sea")
		p.lines = lines
	}
	if s.Focus >= 0 || !opt.BBox.IsZero() {
		// Island groups far off their division, on closer views (on a
		// map of all China they are specks among many).
		firstFree(s.Base.islandGroupNames(a, opt.Lang, st.Name), "sea")
	}
	firstFree(vn.countries, "country")
	firstFree(vn.seas, "sea")
	// A larger division still unnamed where a hub's label alone takes
	// the places of its name inside it: that label moves to another of
	// its places beside its marker (labelMover), last, so that it takes
	// no other name's place. Else, on a map with no leaders, a coastal
	// one is named beside its coast, as a small one is (广东, amid its
	// hubs' labels, had gone unnamed on an A4 page in Chinese).
	// moved says whether a place inside is free once the one label over
	// it has moved (and moves it).
	moved := func(b orb.Bound) bool { return mover.moveFrom(b, free) }
	named := make([]bool, len(s.Base.Provinces))
	for _, l := range s.Names {
		if l.Kind == "province" {
			if i := a.DivisionIndex(l.Code); i >= 0 {
				named[i] = true
			}
		}
	}
	for k := range vn.provinces {
		n := &vn.provinces[k]
		if n.small || n.cut || named[n.div] || s.namedByHub(n) { // (the capital is named)
			continue
		}
		if insideWhere(n, moved) || n.oneLine != nil && insideWhere(n.oneLine, moved) {
			continue
		}
		if !leaders && besideItsCoast(n) {
			mover.placed() // the labels' other places may have gone
		}
	}
}

// viewNames is where the names of a view's divisions and countries may
// go, in one language at one size: what naming them costs that no filter
// changes, worked out once per view (see Base.names).
type viewNames struct {
	provinces []nameSpot // largest division first
	countries []nameSpot // those whose name fits on their land in view
	seas      []nameSpot // the waters in view whose name fits on them
}

// nameSpot is one name and where it may go, px.
type nameSpot struct {
	code   string
	div    int // the division's index, for provinces
	lines  []string
	sizes  []float64
	w, h   float64     // of the text block
	at     orb.Point   // the pole: the division's, or its part in view's
	radius float64     // of the pole's circle
	cut    bool        // the frame cuts the division
	inside []orb.Bound // boxes within the division around the pole, nearest first
	// insideAt are the centres of the boxes inside, as placed.
	insideAt []orb.Point
	// room is where else inside the division the name fits, for a
	// division in view; nil for countries.
	room *nameRoom
	// coast is where the name of a small division may stand off its
	// coast on a map of all China, the filter aside (see besideCoast).
	coast *coastRoom
	// small is for a division whose name fits nowhere inside it, even
	// whole and bare: only such a one is named beside it, on a leader.
	small bool
	// sea is where else a sea's name fits on its water in view; nil for
	// divisions and countries.
	sea *seaRoom
	// oneLine is a division's name in both languages on one line, where
	// it fits, tried when the two lines find no free place: Anhui, Hunan
	// and Jilin had gone unnamed on an A4 page in both languages, their
	// two lines fitting each at few places about the pole, which hubs'
	// labels took.
	oneLine *nameSpot
}

type namesKey struct {
	lang string
	size float64
}

// names returns the view's names in lang at size px, worked out on first
// use and kept: a Base stays read-only to its users.
func (b *Base) names(a *geo.Atlas, lang string, size float64) *viewNames {
	k := namesKey{lang, size}
	b.namesMu.Lock()
	vn, ok := b.namesBy[k]
	b.namesMu.Unlock()
	if ok {
		return vn
	}
	vn = b.workOutNames(a, lang, size)
	b.namesMu.Lock()
	defer b.namesMu.Unlock()
	if old, ok := b.namesBy[k]; ok {
		return old // another render of the view got there first: the same
	}
	if b.namesBy == nil {
		b.namesBy = map[namesKey]*viewNames{}
	}
	b.namesBy[k] = vn
	return vn
}

// workOutNames places each division's name candidates: at its pole of
// inaccessibility when the name fits inside the division there, else a
// little around it; and each country's name on its land in view.
func (b *Base) workOutNames(a *geo.Atlas, lang string, size float64) *viewNames {
	poles := a.Poles()
	vn := &viewNames{provinces: make([]nameSpot, 0, len(poles))}
	tr := b.Transform
	for i, pole := range poles {
		n := nameSpot{code: a.Divisions[i].Code, div: i}
		// A division the frame cuts is named on its part in view.
		if cut, ok := b.cutPole(poles, i); ok {
			n.at, n.radius, n.cut = cut.At, cut.Radius, true
		} else {
			n.at = tr.Apply(pole.At)
			if !b.Frame.Contains(n.at) {
				continue
			}
			n.radius = pole.Radius * tr.Scale
		}
		vn.provinces = append(vn.provinces, n)
	}
	// Large divisions first: they have the room, small ones take what is left.
	slices.SortStableFunc(vn.provinces, func(x, y nameSpot) int { return int(y.radius - x.radius) })
	for k := range vn.provinces {
		n := &vn.provinces[k]
		d := a.Divisions[n.div]
		lines := nameLines(d.Name, d.NameZH, lang)
		b.fitName(n, lines, size, poles[n.div].Radius*tr.Scale)
		// Both languages on one line where the two lines find no room
		// (see nameSpot.oneLine).
		if len(lines) == 2 {
			one := *n
			b.fitName(&one, oneLine(lines), size, poles[n.div].Radius*tr.Scale)
			if len(one.inside) > 0 || one.room != nil {
				n.oneLine = &one
			}
		}
	}
	for _, c := range b.Countries {
		// On one line, else a name of several words stacked ("South /
		// Korea"), which a narrow country holds; an island nation too
		// small for either (the Philippines' north in a view of China)
		// beside its land, on the sea.
		one := nameLines(c.Name, c.NameZH, lang)
		for k, lines := range [][]string{one, stacked(one), one} {
			if lines == nil || k == 2 && !c.island {
				continue
			}
			n := nameSpot{code: c.Code, lines: lines}
			n.sizes = slices.Repeat([]float64{size}, len(n.lines))
			n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
			spots := countryLabelSpots(c, n.w, n.h, b.Frame, b.land)
			if k == 2 {
				spots = b.besideCountry(c, n.w, n.h)
			}
			if len(spots) == 0 {
				continue
			}
			n.at = spots[0]
			for _, at := range spots {
				n.inside = append(n.inside, orb.Bound{Min: orb.Point{at[0] - n.w/2, at[1] - n.h/2}, Max: orb.Point{at[0] + n.w/2, at[1] + n.h/2}})
			}
			vn.countries = append(vn.countries, n)
			break
		}
	}
	vn.seas = b.seaSpots(lang, size)
	return vn
}

// cutPolePrecision is how close, px, the search for the pole of a cut
// division comes to the best: a name needs no finer, and each halving
// doubles the search.
const cutPolePrecision = 2.5

// cutPoleShare: the search also stops within this share of the widest
// circle, which a name needs no closer (a tenth of 100 px is a name's
// half height at most sizes): in a zoomed view, where the frame cuts
// most divisions, the searches had taken a third of the render.
const cutPoleShare = 0.1

// cutPole returns the pole of inaccessibility, px, of the part in view
// of division i when the frame cuts it; false when the frame holds it
// whole or none of it. When the division's own pole (poles, projected
// metres) has its whole circle in the frame, it is the pole of the part
// in view too: clipping adds only frame edges, all farther than the
// circle's radius, and removes no boundary nearer. Only divisions cut
// through their middle pay for a search, as a whole-China view's far
// islands do not: in the view's division mask (divisionMask.widestCells,
// one pass for them all), then the exact distance to the part's rings
// from the centres of its few farthest cells, the farthest taken. A
// search over the rings (polylabel) had taken a quarter of a zoomed
// view's render; the circle found is nearly as wide as theirs (most
// within 5 %, see TestCutPolesNearTheWidest).
// A division with no cell of its own in view, or whose part in view is
// a few cells across, is searched over its largest ring (too).
func (b *Base) cutPole(poles []geo.Pole, i int) (geo.Pole, bool) {
	b.cutPolesOnce.Do(func() {
		b.cutPoles = map[int]geo.Pole{}
		const eps = 0.01
		var search []bool
		for k, p := range b.Provinces {
			pb := p.Bound
			if len(p.Rings) == 0 || pb.Min[0] > b.Frame.Min[0]+eps && pb.Min[1] > b.Frame.Min[1]+eps &&
				pb.Max[0] < b.Frame.Max[0]-eps && pb.Max[1] < b.Frame.Max[1]-eps {
				continue
			}
			if k < len(poles) && poles[k].Radius > 0 {
				at, r := b.Transform.Apply(poles[k].At), poles[k].Radius*b.Transform.Scale
				if b.Frame.Pad(-r).Contains(at) {
					b.cutPoles[k] = geo.Pole{At: at, Radius: r}
					continue
				}
			}
			if search == nil {
				search = make([]bool, len(b.Provinces))
			}
			search[k] = true
		}
		if search == nil {
			return
		}
		var widest [][maxWidest]int32
		if b.divMask != nil {
			widest = b.divMask.widestCells(search)
		}
		for k, ok := range search {
			if !ok {
				continue
			}
			var best geo.Pole
			found := false
			if k < len(widest) {
				for _, c := range widest[k] {
					if c < 0 {
						break
					}
					at := b.divMask.cellCentre(int(c))
					if r := ringsDistance(b.Provinces[k].Rings, at); !found || r > best.Radius {
						best, found = geo.Pole{At: at, Radius: r}, true
					}
				}
			}
			// A part a few cells across is found too coarsely in the
			// mask (Henan's corner of a window of Zhejiang, named
			// before, had lost its name): searched over its rings too,
			// the wider taken.
			if !found || best.Radius < smallCutPx {
				if p, ok := ringPole(b.Provinces[k].Rings); ok && (!found || p.Radius > best.Radius) {
					best, found = p, true
				}
			}
			if found {
				b.cutPoles[k] = best
			}
		}
	})
	pole, ok := b.cutPoles[i]
	return pole, ok
}

// smallCutPx is the radius, px, below which the pole of a cut division
// found in the mask is searched for over its rings too: four cells (a
// part about eight cells across).
const smallCutPx = 4 * landCell

// ringsDistance is the distance, px, from at to the nearest edge of rs.
func ringsDistance(rs [][]orb.Point, at orb.Point) float64 {
	best := math.Inf(1)
	for _, r := range rs {
		for i := range r {
			j := i - 1
			if j < 0 {
				j = len(r) - 1
			}
			best = min(best, geo.SegmentDistance2(at, r[j], r[i]))
		}
	}
	return math.Sqrt(best)
}

// ringPole is the pole of inaccessibility of the largest of rs, found to
// within cutPolePrecision (or cutPoleShare of its radius); false when rs
// has no ring with an area.
func ringPole(rs [][]orb.Point) (geo.Pole, bool) {
	best := largestRing(rs)
	if best < 0 {
		return geo.Pole{}, false
	}
	w := poleWork.Get().(*poleSearch)
	defer poleWork.Put(w)
	ring := append(w.ring[:0], rs[best]...)
	if ring[0] != ring[len(ring)-1] {
		ring = append(ring, ring[0])
	}
	w.ring = ring
	at, r := w.Within(orb.Polygon{ring}, cutPolePrecision, cutPoleShare)
	return geo.Pole{At: at, Radius: r}, true
}

// poleSearch is cutPole's work space, recycled: the search's arrays and
// the ring searched (a copy, closed).
type poleSearch struct {
	geo.PoleSearch
	ring orb.Ring
}

var poleWork = sync.Pool{New: func() any { return new(poleSearch) }}

// fitName sets n's lines at size and where they fit in the division:
// the places about its pole (inside), whether to look for room elsewhere
// inside it (room), and whether it is too small for them even whole
// (small; full is the radius, px, of its whole pole's circle).
func (b *Base) fitName(n *nameSpot, lines []string, size, full float64) {
	n.setLines(lines, size)
	n.inside, n.insideAt, n.room, n.small = nil, nil, nil, false
	n.coast = &coastRoom{}
	// Room elsewhere for a name that fits in the division's box and
	// whose height fits in its widest circle (any box inside holds
	// a circle of half its height; the pole's radius is the widest,
	// found to within cutPolePrecision).
	if pb := b.Provinces[n.div].Bound; len(b.Provinces[n.div].Rings) > 0 &&
		n.w+2*roomMargin <= pb.Max[0]-pb.Min[0] && n.h+2*roomMargin <= pb.Max[1]-pb.Min[1] &&
		n.h/2+roomMargin <= n.radius+cutPolePrecision {
		n.room = &nameRoom{}
	}
	// Small: too small for its name even whole and bare, as Hong
	// Kong, Macao or Beijing in a view of a province.
	if math.Max(n.w/2, n.h/2) > 1.35*full || n.h/2 > full {
		n.small = true
	}
	if math.Max(n.w/2, n.h/2) <= 1.35*n.radius && n.h/2 <= n.radius {
		offs := nameOffsets(n.radius, n.h)
		n.inside, n.insideAt = make([]orb.Bound, 0, len(offs)), make([]orb.Point, 0, len(offs))
		for _, off := range offs {
			at := orb.Point{n.at[0] + off[0], n.at[1] + off[1]}
			n.inside = append(n.inside, orb.Bound{Min: orb.Point{at[0] - n.w/2, at[1] - n.h/2}, Max: orb.Point{at[0] + n.w/2, at[1] + n.h/2}})
			n.insideAt = append(n.insideAt, at)
		}
	}
}

// setLines sets n's lines at size, and its text block's size.
func (n *nameSpot) setLines(lines []string, size float64) {
	n.lines = lines
	n.sizes = slices.Repeat([]float64{size}, len(n.lines))
	n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
}

// variants returns n and, for a name in both languages, a copy of it on
// one line, to try where the two lines find no place.
func (n *nameSpot) variants() []*nameSpot {
	if len(n.lines) != 2 {
		return []*nameSpot{n}
	}
	one := *n
	one.coast = nil // its places are for n's lines
	one.setLines(oneLine(n.lines), n.sizes[0])
	return []*nameSpot{n, &one}
}

// oneLine puts a name's two lines (both languages) on one.
func oneLine(lines []string) []string { return []string{lines[0] + " " + lines[1]} }

// nameLines words a name in the label language: both languages on two
// lines.
func nameLines(en, zh, lang string) []string {
	switch {
	case lang == "zh" && zh != "":
		return []string{zh}
	case lang == "both" && zh != "" && zh != en:
		return []string{en, zh}
	}
	return []string{en}
}

// nameOffsets are the places to try around a pole, nearest first, within
// the room the pole's circle leaves.
func nameOffsets(radius, h float64) [][2]float64 {
	out := make([][2]float64, 1, 17)
	room := radius - h/2
	for _, f := range []float64{0.35, 0.7} {
		d := room * f
		if d < 2 {
			continue
		}
		for k := range 8 {
			th := float64(k) * math.Pi / 4
			out = append(out, [2]float64{d * math.Cos(th), d * math.Sin(th)})
		}
	}
	return out
}

// leaderLength is the length of leader l, px.
func leaderLength(l [2]orb.Point) float64 {
	return math.Hypot(l[1][0]-l[0][0], l[1][1]-l[0][1])
}

// maxNameOnOthers is the most of a name on a leader, in cells of the
// division mask, that may lie on divisions other than its own for the
// name to read as none of theirs.
const maxNameOnOthers = 0.2

// offOtherDivisions reports whether box, a place for the name of division
// div, lies on other divisions for at most maxNameOnOthers of its cells.
func (b *Base) offOtherDivisions(div int, box orb.Bound) bool { return b.divMask.offOthers(box, div) }

// freeBox reports whether b lies in the frame over nothing placed, and
// no fixed line (placer.lines) runs through its letters (a name's).
func (p *placer) freeBox(b orb.Bound) bool {
	if !p.frame.Contains(b.Min) || !p.frame.Contains(b.Max) {
		return false
	}
	free := true
	p.grid.each(b.Pad(1), func(_ int, it *gridItem) bool {
		if intersects(b.Pad(1), it.box) {
			free = false
		}
		return free
	})
	return free && !p.acrossLines(b, p.st.Name)
}

// acrossLines reports whether a fixed line runs through the letters of a
// text box b of lines of about size px.
func (p *placer) acrossLines(b orb.Bound, size float64) bool {
	if len(p.lines) == 0 {
		return false
	}
	ink := letters(b, size)
	for _, l := range p.lines {
		if segmentHitsBox(l[0], l[1], ink) {
			return true
		}
	}
	return false
}

// besideCoast returns a place for the name of division n on the water
// beside its coast (coastPlaces, out from the hubs' centre) that free
// allows, clear of hubs' markers, so that it reads as its name and no
// other's.
func (s *Scene) besideCoast(n *nameSpot, p *placer, free func(orb.Bound) bool) (orb.Bound, bool) {
	ok := func(b orb.Bound) bool { return free(b) && p.markersClear(b, 3*s.Style.Gap) }
	if n.coast == nil { // a copy on other lines: its places are not kept
		for b := range s.Base.coastPlaces(n, p, p.centre) {
			if ok(b) {
				return b, true
			}
		}
		return orb.Bound{}, false
	}
	boxes := n.coast.places(s.Base, p, n, p.centre)
	if j := slices.IndexFunc(boxes, ok); j >= 0 {
		return boxes[j], true
	}
	return orb.Bound{}, false
}

// coastRoom is what besideCoast finds for a division, tried at every
// render of its view: the places no filter changes, nearest first, by the point the places' directions start
// from (the hubs' centre: maps of one filter share it) and the labels'
// size (the leaders' reach), found once per view, point and size. Tried
// at every render, they had cost the whole-China map 6–8 % of its time.
// A few keys are kept; past them the places are found each time. A copy
// of a name spot on other lines must not share it (see variants).
type coastRoom struct {
	mu    sync.Mutex
	byKey map[coastKey][]orb.Bound
}

type coastKey struct {
	from  orb.Point
	label float64
}

// maxCoastFroms is how many keys a coastRoom keeps places for.
const maxCoastFroms = 8

// places returns n's places off its coast in directions out from from.
func (r *coastRoom) places(b *Base, p *placer, n *nameSpot, from orb.Point) []orb.Bound {
	k := coastKey{from, p.st.Label}
	r.mu.Lock()
	boxes, ok := r.byKey[k]
	r.mu.Unlock()
	if ok {
		return boxes
	}
	for box := range b.coastPlaces(n, p, from) {
		boxes = append(boxes, box)
	}
	r.mu.Lock()
	if r.byKey == nil {
		r.byKey = map[coastKey][]orb.Bound{}
	}
	if len(r.byKey) < maxCoastFroms {
		r.byKey[k] = boxes
	}
	r.mu.Unlock()
	return boxes
}

// coastPlaces yields the places for the name of division n beside its
// coast that no filter changes, out from its pole (nearest first,
// within a leader's reach, in directions starting from the one pointing
// away from from): beside its coast (coastOf) and off the neighbours'
// land (offNeighbours): the division mask knows China's divisions
// alone, and "Inner Mongolia" had stood on Mongolia.
func (b *Base) coastPlaces(n *nameSpot, p *placer, from orb.Point) iter.Seq[orb.Bound] {
	return func(yield func(orb.Bound) bool) {
		// A division with no cell beside a cell of none has no coast
		// coastOf could find (its nearest cell to any place on the
		// water would have another division's between), and is passed
		// over: the places tried for Beijing had taken half the time to
		// draw all China.
		b.coastalOnce.Do(func() { b.coastal = b.divMask.bordersNone(len(b.Provinces)) })
		if n.div < 0 || n.div >= len(b.coastal) || !b.coastal[n.div] {
			return
		}
		near := 0.5 * n.sizes[0] * lineHeight
		db := b.Provinces[n.div].Bound
		// A place out at d from the marker's edge holds a point
		// n.radius+d from the pole, so none of it is nearer the
		// division's box than that less its diagonal and the box's
		// farthest corner from the pole: farther out than limit, every
		// place is more than near from the division.
		far := 0.0
		for _, c := range [4]orb.Point{db.Min, db.Max, {db.Min[0], db.Max[1]}, {db.Max[0], db.Min[1]}} {
			far = max(far, math.Hypot(c[0]-n.at[0], c[1]-n.at[1]))
		}
		limit := far + near + math.Hypot(n.w, n.h) - n.radius
		for cd := range p.awayWithin(marker{n.at, n.radius}, n.w, n.h, limit, from) {
			// The tests cheapest for the places most often refused
			// first: most lie farther than near from the division's box
			// (which holds the centres of its cells), or on land.
			gx := max(0, cd.box.Min[0]-db.Max[0], db.Min[0]-cd.box.Max[0])
			gy := max(0, cd.box.Min[1]-db.Max[1], db.Min[1]-cd.box.Max[1])
			if gx*gx+gy*gy > near*near || !coastOf(b.divMask, cd.box, n.div, near) || !b.offNeighbours(cd.box) {
				continue
			}
			if !yield(cd.box) {
				return
			}
		}
	}
}

// coastOf reports whether box lies on no division's land, within near
// px of division div's and near px nearer it than any other's ("Zhejiang"
// had stood off the coast where Zhejiang meets Fujian, as near to
// either). The mask's cells tell the land, to a cell.
func coastOf(m *divisionMask, box orb.Bound, div int, near float64) bool {
	// On land: a cell of a division whose centre is in the box. Most
	// places tried are, and this test needs no distances.
	on := false
	m.each(box, func(d int) { on = on || d >= 0 })
	if on {
		return false
	}
	// The squared distances to the nearest cells of its own and of any
	// other division.
	own, other := math.Inf(1), math.Inf(1)
	m.eachCell(box.Pad(2*near), func(d int, at orb.Point) {
		if d < 0 {
			return
		}
		n := nearestOnBox(box, at)
		dx, dy := n[0]-at[0], n[1]-at[1]
		if d2 := dx*dx + dy*dy; d == div {
			own = min(own, d2)
		} else {
			other = min(other, d2)
		}
	})
	if !(own <= near*near) {
		return false
	}
	o := math.Sqrt(own)
	return other >= (o+near)*(o+near)
}

// besideIsland returns a place for the name of division n beside it on
// the sea, when n is an island (no land border): right of it, left,
// below or above, where free (clear of everything placed, of leaders and
// of where a reader looks for a hub's name) and off China's land.
// "Hainan" had stood left of the island, 3.5 px before Sanya's marker,
// level with it, on a map of all China at 400×400 whose hubs go unnamed
// where they find no room.
func (s *Scene) besideIsland(n *nameSpot, free func(orb.Bound) bool) (orb.Bound, bool) {
	b := s.Base
	if !slices.ContainsFunc(b.islands, func(l islandLand) bool { return l.div == n.div }) {
		return orb.Bound{}, false
	}
	for _, cand := range besideBox(b.Provinces[n.div].Bound, n.w, n.h, 0.4*s.Style.Name) {
		if free(cand) && b.land.covered(cand) == 0 {
			return cand, true
		}
	}
	return orb.Bound{}, false
}

// capitalCode is the division of the national capital, whose star
// stands at capitalAt (Beijing, Tiananmen; lon, lat).
const capitalCode = "CN-BJ"

var capitalAt = orb.Point{116.3975, 39.9087}

// capitalStar returns where the national capital's star stands on the
// main map, px, and the box it takes: only inside the capital's division
// (a boundary file without it has no star), well inside the frame, away
// from every hub's marker (a hub there is named by its own label, as
// Beijing's suppliers are) and where free (no label, leader or legend
// over it).
func (s *Scene) capitalStar(a *geo.Atlas, free func(orb.Bound) bool) (orb.Point, orb.Bound, bool) {
	i := a.DivisionIndex(capitalCode)
	if i < 0 || i >= len(s.Base.Provinces) {
		return orb.Point{}, orb.Bound{}, false
	}
	at := s.Base.Transform.Apply(geo.China.Forward(capitalAt))
	r := starRadius(s.Style)
	box := orb.Bound{Min: orb.Point{at[0] - r - 1, at[1] - r - 1}, Max: orb.Point{at[0] + r + 1, at[1] + r + 1}}
	if !s.Frame.Pad(-2*r).Contains(at) || !slices.ContainsFunc(s.Base.Provinces[i].Rings, func(ring []orb.Point) bool {
		return planar.RingContains(orb.Ring(ring), at)
	}) {
		return orb.Point{}, orb.Bound{}, false
	}
	for _, h := range s.Hubs {
		if math.Hypot(h.At[0]-at[0], h.At[1]-at[1]) < h.drawnR()+r+2*s.Style.Gap {
			return orb.Point{}, orb.Bound{}, false
		}
	}
	if !free(box) {
		return orb.Point{}, orb.Bound{}, false
	}
	return at, box, true
}

// starRadius is the outer radius of the capital's star, px: a hub's
// marker's.
func starRadius(st Style) float64 { return st.Marker }

// starRing is the capital's five-pointed star about at, point up, closed.
func starRing(at orb.Point, r float64) []orb.Point {
	ring := make([]orb.Point, 0, 11)
	for k := range 10 {
		rr := r
		if k%2 == 1 {
			rr = 0.4 * r
		}
		a := math.Pi * (float64(k)/5 - 0.5)
		ring = append(ring, orb.Point{at[0] + rr*math.Cos(a), at[1] + rr*math.Sin(a)})
	}
	return append(ring, ring[0])
}

// besideStar returns the name of division n, or its one-line copy, and
// a free place for it beside the capital's star at at: right of it,
// left, above or below, a label's gap away, and three gaps clear of
// every hub's marker, so that it reads as the star's ("Beijing" had
// stood 4.5 px before Dalian's marker, 6 px after the star, at 800×600).
func (s *Scene) besideStar(n *nameSpot, at orb.Point, p *placer, free func(orb.Bound) bool) (*nameSpot, orb.Bound, bool) {
	r := starRadius(s.Style)
	star := orb.Bound{Min: orb.Point{at[0] - r, at[1] - r}, Max: orb.Point{at[0] + r, at[1] + r}}
	for _, v := range n.variants() {
		bs := besideBox(star, v.w, v.h, s.Style.Gap)
		for _, b := range [4]orb.Bound{bs[0], bs[1], bs[3], bs[2]} { // right, left, above, below
			if s.Frame.Contains(b.Min) && s.Frame.Contains(b.Max) && free(b) && p.markersClear(b, 3*s.Style.Gap) {
				return v, b, true
			}
		}
	}
	return nil, orb.Bound{}, false
}

// besideBox returns the places of a w×h box gap from b, each centred on
// b's middle: right of it, left, below and above.
func besideBox(b orb.Bound, w, h, gap float64) [4]orb.Bound {
	c := b.Center()
	at := func(x, y float64) orb.Bound { return orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}} }
	return [4]orb.Bound{
		at(b.Max[0]+gap, c[1]-h/2), at(b.Min[0]-gap-w, c[1]-h/2),
		at(c[0]-w/2, b.Max[1]+gap), at(c[0]-w/2, b.Min[1]-gap-h),
	}
}

// markerInReadingPlace reports whether a hub's marker stands where a
// reader takes box b's marker to be (inReadingPlace, first the height of
// its first line) within reach px of it, from the marker's edge.
func (p *placer) markerInReadingPlace(b orb.Bound, first, reach float64) bool {
	found := false
	p.mgrid.each(orb.Bound{Min: orb.Point{b.Min[0] - reach - 1, b.Min[1] - 1}, Max: orb.Point{b.Max[0] + reach + 1, b.Min[1] + first + 1}}, func(_ int, it *gridItem) bool {
		m := p.markers[it.owner]
		found = inReadingPlace(b, first, m.at) && boxDist(b, m.at)-m.r < reach
		return !found
	})
	return found
}

// markersClear reports whether every hub's marker lies at least clear
// px (from its edge) from box b.
func (p *placer) markersClear(b orb.Bound, clear float64) bool {
	ok := true
	p.mgrid.each(b.Pad(clear+1), func(_ int, it *gridItem) bool {
		m := p.markers[it.owner]
		ok = boxDist(b, m.at)-m.r >= clear
		return ok
	})
	return ok
}

// leaderBlocked reports whether a leader crosses anything placed.
func (p *placer) leaderBlocked(l [2]orb.Point) bool {
	lb := orb.Bound{Min: orb.Point{min(l[0][0], l[1][0]), min(l[0][1], l[1][1])}, Max: orb.Point{max(l[0][0], l[1][0]), max(l[0][1], l[1][1])}}
	blocked := false
	p.grid.each(lb, func(_ int, it *gridItem) bool {
		if segmentHitsBox(l[0], l[1], it.box) {
			blocked = true
		}
		return !blocked
	})
	if blocked {
		return true
	}
	for _, o := range p.leaders {
		if segmentsCross(o[0], o[1], l[0], l[1]) {
			return true
		}
	}
	for _, o := range p.lines {
		if segmentsCross(o[0], o[1], l[0], l[1]) {
			return true
		}
	}
	return false
}

// maxCountrySpots is how many places countryLabelSpots offers a name of
// each kind (its box wholly on the country's land, or its centre only).
const maxCountrySpots = 4

// countryLabelSpots finds where a country's name fits on its land in
// view, best first, at most maxCountrySpots of each kind: the centre of its largest
// visible ring's box, then places around it, off China's land. The
// first that is still free when names are placed takes it (a hub's
// label or another name may hold the first).
func countryLabelSpots(c Country, w, h float64, frame orb.Bound, land *landMask) []orb.Point {
	best := c.rings.largest
	if best < 0 {
		return nil
	}
	rb := c.rings.bounds[best]
	// A country with room to spare takes its name where the centre of
	// the box is on its land; a narrower one (the Koreas, Vietnam's
	// north) only where all of the box is.
	roomy := rb.Max[0]-rb.Min[0] >= 1.6*w && rb.Max[1]-rb.Min[1] >= 2.5*h
	if !roomy && (rb.Max[0]-rb.Min[0] < 1.1*w || rb.Max[1]-rb.Min[1] < 1.3*h) {
		return nil
	}
	// Places where all of the box is on its land come first, then (for
	// a roomy one) those where only its centre is: "Kazakhstan 哈萨克斯坦"
	// had stood across Kyrgyzstan's border with a place wholly in
	// Kazakhstan free below the legend (--bbox 75,36,96,48).
	var whole, centre []orb.Point
	at := rb.Center()
	for _, f := range []float64{0, 0.25, -0.25, 0.4, -0.4} {
		for _, g := range []float64{0, 0.25, -0.25, 0.4, -0.4} {
			if roomy && (g == 0.4 || g == -0.4) {
				continue
			}
			q := orb.Point{at[0] + f*(rb.Max[0]-rb.Min[0]), at[1] + g*(rb.Max[1]-rb.Min[1])}
			b := orb.Bound{Min: orb.Point{q[0] - w/2, q[1] - h/2}, Max: orb.Point{q[0] + w/2, q[1] + h/2}}
			if !frame.Contains(b.Min) || !frame.Contains(b.Max) || land.covered(b) != 0 || !c.rings.contains(best, q) {
				continue
			}
			switch {
			case len(whole) < maxCountrySpots && c.rings.contains(best, b.Min) && c.rings.contains(best, b.Max) &&
				c.rings.contains(best, orb.Point{b.Min[0], b.Max[1]}) && c.rings.contains(best, orb.Point{b.Max[0], b.Min[1]}):
				whole = append(whole, q)
			case roomy && len(centre) < maxCountrySpots:
				centre = append(centre, q)
			}
			if len(whole) == maxCountrySpots && (!roomy || len(centre) == maxCountrySpots) {
				return append(whole, centre...)
			}
		}
	}
	return append(whole, centre...)
}

// largestRing returns the index of the ring of largest area, -1 when
// none has any.
func largestRing(rings [][]orb.Point) int {
	best, bestArea := -1, 0.0
	for i, r := range rings {
		if a := math.Abs(geo.SignedArea(r)); a > bestArea {
			best, bestArea = i, a
		}
	}
	return best
}

// besideCountry returns places for a w×h name on the sea beside c's
// largest ring in view, nearest first: right of it, left, below, above,
// each in the frame, off China's land and every country's, and none on
// the side facing China: "Philippines" had stood in the South China Sea,
// inside the dashed line of a mainland-edition A4 page.
func (b *Base) besideCountry(c Country, w, h float64) []orb.Point {
	best := c.rings.largest
	if best < 0 {
		return nil
	}
	rb := c.rings.bounds[best]
	mid := rb.Center()
	china, ok := b.chinaCentre()
	gap := h / 2
	var spots []orb.Point
	for _, q := range []orb.Point{
		{rb.Max[0] + gap + w/2, mid[1]}, {rb.Min[0] - gap - w/2, mid[1]},
		{mid[0], rb.Max[1] + gap + h/2}, {mid[0], rb.Min[1] - gap - h/2},
	} {
		box := orb.Bound{Min: orb.Point{q[0] - w/2, q[1] - h/2}, Max: orb.Point{q[0] + w/2, q[1] + h/2}}
		if !b.Frame.Contains(box.Min) || !b.Frame.Contains(box.Max) || b.land.covered(box) != 0 || b.onCountry(box) {
			continue
		}
		if ok && math.Hypot(q[0]-china[0], q[1]-china[1]) < math.Hypot(mid[0]-china[0], mid[1]-china[1]) {
			continue
		}
		spots = append(spots, q)
	}
	return spots
}

// chinaCentre is the centre of the box of China's divisions in view, px.
func (b *Base) chinaCentre() (orb.Point, bool) {
	var box orb.Bound
	ok := false
	for _, p := range b.Provinces {
		if len(p.Rings) == 0 {
			continue
		}
		if !ok {
			box, ok = p.Bound, true
		}
		box = box.Union(p.Bound)
	}
	return box.Center(), ok
}

// onCountry reports whether any of a grid of points over box lies on a
// neighbouring country's land in view.
func (b *Base) onCountry(box orb.Bound) bool {
	for _, c := range b.Countries {
		if !c.Bound.Intersects(box) {
			continue
		}
		for i := range 5 {
			for j := range 3 {
				p := orb.Point{box.Min[0] + (box.Max[0]-box.Min[0])*float64(i)/4, box.Min[1] + (box.Max[1]-box.Min[1])*float64(j)/2}
				if c.rings.anyContains(p) {
					return true
				}
			}
		}
	}
	return false
}

// stacked returns a name's lines with its first line, when of several
// words, split in two where the halves are most even; nil when it is one
// word.
func stacked(lines []string) []string {
	words := strings.Fields(lines[0])
	if len(words) < 2 {
		return nil
	}
	best, bestDiff := 1, math.Inf(1)
	for k := 1; k < len(words); k++ {
		a, b := strings.Join(words[:k], " "), strings.Join(words[k:], " ")
		if d := math.Abs(float64(len(a) - len(b))); d < bestDiff {
			best, bestDiff = k, d
		}
	}
	return append([]string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}, lines[1:]...)
}

// fixedBoxes are the boxes names and labels keep out of: legend, key and
// insets.
func (s *Scene) fixedBoxes() []orb.Bound {
	var out []orb.Bound
	for _, b := range []orb.Bound{s.Legend.Box, s.Key.Box} {
		if !b.IsEmpty() && intersects(b, s.Frame) {
			out = append(out, b)
		}
	}
	for _, in := range s.Insets {
		out = append(out, in.Frame)
	}
	return out
}

// namedByHub reports whether a hub's label on the map already names
// division n: a city that is its own province (Chongqing, Beijing,
// Tianjin, Shanghai) is named once, by its hub.
func (s *Scene) namedByHub(n *nameSpot) bool {
	for _, h := range s.Hubs {
		if h.div-1 == n.div && len(h.Label.Lines) > 0 && !h.OnMarker && len(n.lines) > 0 && strings.HasPrefix(h.Label.Lines[0], n.lines[0]) {
			return true
		}
	}
	return false
}
