package render

import (
	"context"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// seaWindow is the South China Sea inset's window, lon/lat: the sea to
// its southern islands, with Hainan, Taiwan and the coasts around it.
var seaWindow = orb.Bound{Min: orb.Point{106.5, 2.5}, Max: orb.Point{123.5, 24.5}}

// seaView is seaWindow projected (metres), worked out once.
var seaView = projectBound(seaWindow)

// seaInset is the box at the lower right of a cn-edition map that holds
// the South China Sea Islands (南海诸岛) at a scale of their own: the
// islands the boundary file holds, the neighbouring coasts and the dashed
// line. A zoomed view, or one of a division all of whose land it
// frames, shows the sea as it is instead; the view of Hainan, which
// frames its island (geo.Boundaries.Core) and not the islands of the
// province out at sea, has the inset.
func seaInset(a *geo.Atlas, s *Scene, opt Options, clear ...orb.Bound) (Inset, bool) {
	if s.Focus >= 0 && !leavesOutAtSea(a, s.Focus) || !opt.BBox.IsZero() {
		return Inset{}, false
	}
	st := s.Style
	f := s.Frame
	view := seaView
	aspect := (view.Max[0] - view.Min[0]) / (view.Max[1] - view.Min[1])
	m := st.Pad / 2
	// At the lower right, as Chinese maps have it, over no marker and
	// none of the islands drawn on the map (Diaoyu Dao and Chiwei Yu,
	// too small for the land mask); else wherever it covers none and the
	// least land; smaller if need be; and never under what must stay
	// clear of it (a legend over the map).
	hide := markerBoxes(s.Hubs)
	for _, r := range s.Islands {
		hide = append(hide, pointsBound(r).Pad(st.Pad/4))
	}
	avoid := append(slices.Clone(hide), clear...)
	// Smaller on the sea before larger on land: at 400×400 in both
	// languages the full size had covered Heilongjiang where two thirds
	// of it fitted off the coast.
	var frame, onLand orb.Bound
	placed, landed := false, false
	for _, scale := range []float64{1, 0.85, 0.7, 0.55} {
		h := scale * math.Min(0.3*(f.Max[1]-f.Min[1]), 0.24*(f.Max[0]-f.Min[0])/aspect)
		w := h * aspect
		frame = orb.Bound{Min: orb.Point{f.Max[0] - m - w, f.Max[1] - m - h}, Max: orb.Point{f.Max[0] - m, f.Max[1] - m}}
		if fitsNone(frame, avoid) {
			placed = true
			break
		}
		if b, ok := freeSpot(f, w, h, m, 2*st.Legend, s.Base.land, avoid, nil); ok {
			if s.Base.land.covered(b) <= insetLandShare {
				frame, placed = b, true
				break
			}
			if !landed {
				onLand, landed = b, true
			}
		}
	}
	if !placed && landed {
		frame, placed = onLand, true
	}
	if !placed && len(clear) > 0 {
		// Over markers rather than under the legend, where it hides the
		// fewest (at 360×360 in both languages the legend had covered it).
		w, h := frame.Max[0]-frame.Min[0], frame.Max[1]-frame.Min[1]
		if b, ok := leastHidden(f, w, h, m, 2*st.Legend, s.Base.land, clear, hide); ok {
			frame = b
		}
	}
	w, h := frame.Max[0]-frame.Min[0], frame.Max[1]-frame.Min[1]
	tr := geo.Fit(view, w, h, 0)
	tr.X0 += frame.Min[0]
	tr.Y0 += frame.Min[1]
	in := Inset{Kind: InsetSouthChinaSea, Title: seaInsetTitle(opt.Lang, w-st.Legend, st.Legend)}
	in.Panel = Panel{Frame: frame, Base: baseFor(a, frame, tr, false), Focus: -1}
	// Shaded as the map is: its Guangdong and Hainan had stood in the
	// colour of no hubs beside the map's, shaded darkest.
	in.Provinces = slices.Clone(s.Provinces)
	for i := range in.Provinces {
		in.Provinces[i].Rings = in.Base.Provinces[i].Rings
	}
	in.SeaLine = seaLine(a, tr, frame)
	in.Islands = append(islands(a, tr, frame), islets(a, tr, frame)...)
	in.TitleY = frame.Max[1] - st.Legend*0.5
	in.Scale = insetScale(frame, tr, opt.Lang, in.Title, st)
	return in, true
}

// insetScale is the South China Sea inset's scale bar, at its foot left
// of its title, or above the title where it leaves no room beside it
// (the foot is open sea; at its head stands Guangdong); a bar under
// 2 em is left out. The inset is drawn at about four fifths of an A4
// page's map, and the legend's bar, the only one, had given the map's
// scale alone.
func insetScale(frame orb.Bound, tr geo.Transform, lang, title string, st Style) ScaleBar {
	em := insetScaleEm * st.Legend
	w := frame.Max[0] - frame.Min[0]
	unit := kmUnit(lang)
	textW := func(sb ScaleBar) float64 { return 0.6*em + textWidth(sb.Text, em) } // as drawScaleBar sets it
	x0, y := frame.Min[0]+0.6*em, frame.Max[1]-0.6*em
	room := w - 1.2*em - textWidth(title, st.Legend) - 1.5*em
	sb := scaleBarOf(kmPerPx(frame, tr), math.Min(w/3, room-textWidth("1000"+unit, em)), unit)
	if room < 2*em || sb.Length < 2*em || sb.Length+textW(sb) > room {
		y -= 1.3 * st.Legend // above the title
		sb = scaleBarOf(kmPerPx(frame, tr), math.Min(w/3, w-1.2*em-textWidth("1000"+unit, em)), unit)
	}
	if sb.Length < 2*em || math.IsNaN(sb.Length) {
		return ScaleBar{}
	}
	sb.X, sb.Y = x0, y
	return sb
}

// insetScaleEm is the size of the inset's scale text, in the legend's.
const insetScaleEm = 0.85

// leavesOutAtSea reports whether the view of division d leaves out parts
// of it (geo.Boundaries.Core) out in the South China Sea, which the inset
// shows: Hainan's islands; a division whose far parts lie elsewhere
// gets no inset for them.
func leavesOutAtSea(a *geo.Atlas, d int) bool {
	core, all := a.Core[d], a.Projected[d]
	if core == all {
		return false
	}
	sea := seaView
	beyond := []orb.Bound{
		{Min: all.Min, Max: orb.Point{core.Min[0], all.Max[1]}}, // west of the core
		{Min: orb.Point{core.Max[0], all.Min[1]}, Max: all.Max}, // east
		{Min: all.Min, Max: orb.Point{all.Max[0], core.Min[1]}}, // south
		{Min: orb.Point{all.Min[0], core.Max[1]}, Max: all.Max}, // north
	}
	return slices.ContainsFunc(beyond, func(b orb.Bound) bool {
		return b.Min[0] < b.Max[0] && b.Min[1] < b.Max[1] && intersects(b, sea)
	})
}

// insetLandShare is the most of its area an inset may cover of the land
// before a smaller one on the sea is tried.
const insetLandShare = 0.05

// seaInsetTitle names the South China Sea inset in the label language,
// in the first of its shorter forms that fits width: in a small inset
// the full name had run off the canvas ("…a Islands 南海诸岛" at 360 px).
// The islands' Chinese name, as mainland maps print it, is the shortest
// form in every language ("S. China Sea" alone would name the sea).
func seaInsetTitle(lang string, width, size float64) string {
	var forms []string
	switch lang {
	case "en":
		forms = []string{"South China Sea Islands", "S. China Sea Is.", "南海诸岛"}
	case "both":
		forms = []string{"South China Sea Islands 南海诸岛", "S. China Sea Is. 南海诸岛", "南海诸岛"}
	default:
		forms = []string{"南海诸岛"}
	}
	for _, f := range forms {
		if textWidth(f, size) <= width {
			return f
		}
	}
	return forms[len(forms)-1]
}

// seaLine is the South China Sea's dashed line in a view: from the
// boundary file when it carries one (DataV's 100000_JD), else the
// indicative line shipped with hubatlas.
func seaLine(a *geo.Atlas, tr geo.Transform, frame orb.Bound) [][]orb.Point {
	var out [][]orb.Point
	box := frame.Pad(1)
	for _, l := range seaLineSource(a) {
		px := make([]orb.Point, len(l))
		for i, p := range l {
			px[i] = tr.Apply(geo.China.Forward(p))
		}
		out = append(out, clipLine(px, box)...)
	}
	return out
}

// seaShown says whether the map's own frame shows the whole of the South
// China Sea's dashed line, and so the islands it holds, a margin clear
// of the frame's edge, and where, px: a map of China as tall as an A4
// page reaches past the sea's southern islands, where an inset had shown
// the sea a second time.
func seaShown(a *geo.Atlas, s *Scene) (orb.Bound, bool) {
	src := seaLineSource(a)
	if len(src) == 0 {
		return orb.Bound{}, false
	}
	// Half a pixel of slack: fitWithSea puts the line's ends on the
	// margin itself.
	inner := s.Frame.Pad(0.5 - s.Style.Pad/2)
	var b orb.Bound
	for k, l := range src {
		for i, p := range l {
			q := s.Base.Transform.Apply(geo.China.Forward(p))
			if !inner.Contains(q) {
				return orb.Bound{}, false
			}
			if k == 0 && i == 0 {
				b = orb.Bound{Min: q, Max: q}
			}
			b = b.Extend(q)
		}
	}
	return b, true
}

// seaIslandsAt is where the South China Sea Islands' name goes on a map
// that shows the sea whole, lon/lat: among the Nansha Islands, inside
// the dashed line, clear of the sea's own name further north.
var seaIslandsAt = orb.Point{114.2, 10.5}

// seaIslandsName is the South China Sea Islands' name (南海诸岛) on the
// water about seaIslandsAt, as the inset it replaces was titled.
func (b *Base) seaIslandsName(lang string, size float64) nameSpot {
	n := nameSpot{code: "sea-islands", lines: nameLines("South China Sea Islands", "南海诸岛", lang), div: -1}
	n.sizes = slices.Repeat([]float64{size}, len(n.lines))
	n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
	n.inside, _ = b.waterAbout(b.Transform.Apply(geo.China.Forward(seaIslandsAt)), n.w, n.h)
	return n
}

// islandGroup is a group of islands a division's land holds far from the
// rest of it, named on closer views where they stand as specks: Hainan's
// view had stretched to a dot of land 300 km off the island, unnamed.
type islandGroup struct {
	name, nameZH string
	division     string
	bound        orb.Bound // lon/lat, about the group
}

// islandGroups are the groups named; the Xisha Islands (the Paracels) are
// Hainan's in the shipped boundaries.
var islandGroups = []islandGroup{
	{"Xisha Islands", "西沙群岛", "CN-HI", orb.Bound{Min: orb.Point{111.1, 15.7}, Max: orb.Point{112.9, 17.2}}},
}

// islandGroupNames returns the names of the island groups whose land the
// view draws, each with places beside the group's land on the water
// (right, left, below, above), off the land.
func (b *Base) islandGroupNames(a *geo.Atlas, lang string, size float64) []nameSpot {
	var out []nameSpot
	for _, g := range islandGroups {
		d := a.DivisionIndex(g.division)
		if d < 0 {
			continue
		}
		box := viewPx(b.Transform, projectBound(g.bound))
		var land orb.Bound
		for _, r := range b.Provinces[d].Rings {
			if rb := pointsBound(r); box.Contains(rb.Min) && box.Contains(rb.Max) {
				if land.IsZero() {
					land = rb
				} else {
					land = land.Union(rb)
				}
			}
		}
		if land.IsZero() || !b.Frame.Contains(land.Min) || !b.Frame.Contains(land.Max) {
			continue
		}
		n := nameSpot{code: "islands-" + g.division, lines: nameLines(g.name, g.nameZH, lang), div: -1}
		n.sizes = slices.Repeat([]float64{size}, len(n.lines))
		n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
		gap, mid := 3.0, land.Center()
		for _, c := range []orb.Point{
			{land.Max[0] + gap + n.w/2, mid[1]}, {land.Min[0] - gap - n.w/2, mid[1]},
			{mid[0], land.Max[1] + gap + n.h/2}, {mid[0], land.Min[1] - gap - n.h/2},
		} {
			nb := orb.Bound{Min: orb.Point{c[0] - n.w/2, c[1] - n.h/2}, Max: orb.Point{c[0] + n.w/2, c[1] + n.h/2}}
			if b.Frame.Pad(-2).Contains(nb.Min) && b.Frame.Pad(-2).Contains(nb.Max) && b.onWater(nb) {
				n.inside = append(n.inside, nb)
			}
		}
		out = append(out, n)
	}
	return out
}

// seaLineSource is the South China Sea's dashed line, lon/lat: the
// boundary file's when it carries one, else the one shipped.
func seaLineSource(a *geo.Atlas) [][]orb.Point {
	var src [][]orb.Point
	for _, e := range a.Extras {
		if e.Kind != "dashed-line" {
			continue
		}
		for _, l := range e.Lines {
			src = append(src, l)
		}
		for _, p := range e.Shape {
			// DataV draws each dash as a thin polygon: its outline is the dash.
			src = append(src, p[0])
		}
	}
	if src == nil && a.Context != nil {
		for _, l := range a.Context.SeaLine {
			src = append(src, l)
		}
	}
	return src
}

// islands are the context's islands (Diaoyu Dao, Chiwei Yu) in a view,
// each at least a dot.
func islands(a *geo.Atlas, tr geo.Transform, frame orb.Bound) [][]orb.Point {
	if a.Context == nil {
		return nil
	}
	var out [][]orb.Point
	for _, is := range a.Context.Islands {
		for _, poly := range is.Shape {
			r := make([]orb.Point, len(poly[0]))
			for i, p := range poly[0] {
				r[i] = tr.Apply(geo.China.Forward(p))
			}
			if !frame.Contains(r[0]) {
				continue
			}
			if b := orb.Ring(r).Bound(); b.Max[0]-b.Min[0] < 2.4 && b.Max[1]-b.Min[1] < 2.4 {
				r = dot(b.Center(), 1.2)
			}
			out = append(out, r)
		}
	}
	return out
}

// islets are the divisions' islands too small to draw at the view's
// scale, as dots: the Paracel Islands in the South China Sea inset.
func islets(a *geo.Atlas, tr geo.Transform, frame orb.Bound) [][]orb.Point {
	var out [][]orb.Point
	pv := pxView(tr, frame)
	win := orb.Bound{Min: geo.China.Inverse(pv.Min), Max: geo.China.Inverse(pv.Max)}
	for _, d := range a.Divisions {
		if !d.Bound.Intersects(win) {
			continue
		}
		for _, poly := range d.Shape {
			r := poly[0]
			b := r.Bound()
			// The islands of the sea itself (south of Hainan), not the
			// coasts' islets.
			if !win.Contains(b.Center()) || b.Center()[1] > 18.1 {
				continue
			}
			p0 := tr.Apply(geo.China.Forward(b.Min))
			p1 := tr.Apply(geo.China.Forward(b.Max))
			if math.Abs((p1[0]-p0[0])*(p1[1]-p0[1])) < minRingPx {
				out = append(out, dot(tr.Apply(geo.China.Forward(b.Center())), 1))
			}
		}
	}
	return out
}

// dot is a small circle as a ring.
func dot(c orb.Point, r float64) []orb.Point {
	out := make([]orb.Point, 0, 9)
	for k := range 9 {
		th := 2 * math.Pi * float64(k%8) / 8
		out = append(out, orb.Point{c[0] + r*math.Cos(th), c[1] + r*math.Sin(th)})
	}
	return out
}

// Enlargement insets. Where several hubs close together could only be
// numbered, a cartographer draws their area again at a larger scale in a
// free part of the map, marks the area on the main map and labels the
// hubs there: the Pearl River Delta, the Yangtze River Delta. The areas
// are found from the data — clusters of numbered hubs — not listed.

// maxInsets bounds the enlargements of one map.
const maxInsets = 2

// enlarge finds clusters of at least three numbered hubs and, where an
// enlargement of their area fits over no marker, label, legend or key,
// makes it: the hubs of the area lose their labels and numbers on the
// main map (their Inset says where they are labelled) and are placed
// again in the inset, at its scale. It returns how many insets it made.
func (s *Scene) enlarge(ctx context.Context, a *geo.Atlas, opt Options, fixed []orb.Bound, saved []Label) (int, error) {
	st := s.Style
	var numbered []int
	for i, h := range s.Hubs {
		if h.Number > 0 && h.Count <= 1 {
			numbered = append(numbered, i)
		}
	}
	clusters := clusterHubs(s.Hubs, numbered, 7*st.Label)
	made := 0
	for _, c := range clusters {
		if len(c) < 3 || made == maxInsets {
			continue
		}
		// The area: the cluster's markers, then every marker inside it.
		area := markersOf(s.Hubs, c).Pad(1.2 * st.Label)
		var members []int
		for i, h := range s.Hubs {
			if h.Count <= 1 && h.Inset < 0 && area.Contains(h.At) {
				members = append(members, i)
				area = area.Union(marker{h.At, h.R}.box(st.Label))
			}
		}
		if len(members) == 0 {
			continue // an enlargement made already holds them
		}
		area = clearOf(area, fixed, markersOf(s.Hubs, members))
		aw, ah := area.Max[0]-area.Min[0], area.Max[1]-area.Min[1]
		fw, fh := s.Frame.Max[0]-s.Frame.Min[0], s.Frame.Max[1]-s.Frame.Min[1]
		k := math.Min(math.Min(0.36*fw/aw, 0.42*fh/ah), 8)
		if k < 2 {
			continue // not worth an inset: the map is nearly as large
		}
		w, h := aw*k, ah*k
		avoid := append(slices.Clone(fixed), markerBoxes(s.Hubs)...)
		avoid = append(avoid, area)
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && h.Number == 0 && !h.OnMarker {
				avoid = append(avoid, h.Label.Box)
			}
		}
		for _, in := range s.Insets {
			avoid = append(avoid, in.Frame.Pad(st.Pad/2))
		}
		if !s.seaBox.IsZero() {
			// Not over the South China Sea the map shows in place of its
			// inset (an A4 page's enlargement of Fujian and Guangdong
			// had covered the dashed line).
			avoid = append(avoid, s.seaBox)
		}
		box, ok := freeSpot(s.Frame, w, h+st.Legend*lineHeight, st.Pad/2, 2*st.Legend, s.Base.land, avoid, nil)
		if !ok {
			continue
		}
		frame := orb.Bound{Min: box.Min, Max: orb.Point{box.Min[0] + w, box.Min[1] + h}}
		in := s.newEnlargement(a, area, frame, members, saved, opt)
		idx := len(s.Insets)
		for _, i := range members {
			hub := &s.Hubs[i]
			hub.Inset, hub.Number, hub.OnMarker, hub.Leader = idx, 0, false, nil
			hub.Label = Label{}
		}
		s.Insets = append(s.Insets, in)
		fixed = append(fixed, in.Frame.Pad(st.Pad/4), area)
		made++
		if err := ctx.Err(); err != nil {
			return made, err
		}
	}
	return made, nil
}

// markersOf is the bound of the markers of hubs members (at least one).
func markersOf(hubs []HubMark, members []int) orb.Bound {
	b := marker{hubs[members[0]].At, hubs[members[0]].R}.box(0)
	for _, i := range members[1:] {
		b = b.Union(marker{hubs[i].At, hubs[i].R}.box(0))
	}
	return b
}

// clearOf draws area's sides back off the boxes of fixed it overlaps
// (a legend placed before the enlargement was made), each side no nearer
// the markers than a px: the rectangle of an area enlarged had run 3 px
// under the legend of all China at 800×600 in Chinese, beside Taiwan.
// A box it cannot clear without leaving out a marker stays overlapped.
func clearOf(area orb.Bound, fixed []orb.Bound, markers orb.Bound) orb.Bound {
	for _, f := range fixed {
		if !intersects(area, f) {
			continue
		}
		c := area
		switch {
		case f.Min[0] > markers.Max[0]:
			c.Max[0] = max(markers.Max[0]+1, f.Min[0]-1)
		case f.Max[0] < markers.Min[0]:
			c.Min[0] = min(markers.Min[0]-1, f.Max[0]+1)
		case f.Min[1] > markers.Max[1]:
			c.Max[1] = max(markers.Max[1]+1, f.Min[1]-1)
		case f.Max[1] < markers.Min[1]:
			c.Min[1] = min(markers.Min[1]-1, f.Max[1]+1)
		}
		area = c
	}
	return area
}

// newEnlargement draws the main map's area (px) again in frame: the same
// shading, the hubs of members with the labels they had before placement
// (saved): a hub numbered on the main map had carried its number into
// the enlargement as if it were its name, unlisted in the key.
func (s *Scene) newEnlargement(a *geo.Atlas, area, frame orb.Bound, members []int, saved []Label, opt Options) Inset {
	tr := s.Base.Transform
	view := pxView(tr, area)
	itr := geo.Fit(view, frame.Max[0]-frame.Min[0], frame.Max[1]-frame.Min[1], 0)
	itr.X0 += frame.Min[0]
	itr.Y0 += frame.Min[1]
	in := Inset{Kind: InsetEnlargement, Source: area}
	in.Panel = Panel{Frame: frame, Base: baseFor(a, frame, itr, false), Focus: -1}
	in.Provinces = make([]Province, len(s.Provinces))
	var names []string
	for i, p := range s.Provinces {
		in.Provinces[i] = p
		in.Provinces[i].Rings = in.Base.Provinces[i].Rings
	}
	seen := map[string]bool{}
	for _, i := range members {
		h := s.Hubs[i]
		h.At = itr.Apply(tr.Invert(h.True))
		h.True, h.Inset, h.Number, h.OnMarker, h.Leader = h.At, -1, 0, false, nil
		h.Label = saved[i]
		h.Label.Lines, h.Label.Sizes = slices.Clone(saved[i].Lines), slices.Clone(saved[i].Sizes)
		in.Hubs = append(in.Hubs, h)
		if hub, ok := a.HubByID(h.ID); ok {
			if d, ok := a.Division(hub.Province); ok && !seen[d.Code] {
				seen[d.Code] = true
				names = append(names, pick(opt.Lang, d.Name, d.NameZH))
			}
		}
	}
	slices.Sort(names)
	in.Title = pick(opt.Lang, "Enlarged: ", "放大：") + strings.Join(names, ", ")
	if opt.Lang == "zh" {
		in.Title = "放大：" + strings.Join(names, "、")
	}
	in.TitleY = frame.Max[1] + s.Style.Legend*1.15
	return in
}

// clusterHubs groups the given hubs whose markers lie within d of one
// another (single linkage), largest groups first.
func clusterHubs(hubs []HubMark, idx []int, d float64) [][]int {
	parent := make([]int, len(idx))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range idx {
		for j := i + 1; j < len(idx); j++ {
			p, q := hubs[idx[i]].At, hubs[idx[j]].At
			if math.Hypot(p[0]-q[0], p[1]-q[1]) <= d {
				parent[find(i)] = find(j)
			}
		}
	}
	groups := map[int][]int{}
	for i := range idx {
		r := find(i)
		groups[r] = append(groups[r], idx[i])
	}
	var out [][]int
	for _, g := range groups {
		out = append(out, g)
	}
	slices.SortFunc(out, func(x, y []int) int {
		if len(x) != len(y) {
			return len(y) - len(x)
		}
		return x[0] - y[0]
	})
	return out
}

// leastHidden finds where a w×h box fits in frame clear of every box in
// clear, over the fewest of hide and then the least land: positions on a
// grid of step px, corners first on a tie. It reports false when every
// position meets clear.
func leastHidden(frame orb.Bound, w, h, m, step float64, land *landMask, clear, hide []orb.Bound) (orb.Bound, bool) {
	best, fewest, least := orb.Bound{}, math.Inf(1), math.Inf(1)
	eachSpot(frame, w, h, m, step, func(c orb.Bound, _ bool) {
		if !fitsNone(c, clear) {
			return
		}
		n := countOver(c, hide)
		if n > fewest {
			return
		}
		if cov := land.covered(c); n < fewest || cov < least-0.02 {
			best, fewest, least = c, n, cov
		}
	})
	return best, !math.IsInf(fewest, 1)
}
