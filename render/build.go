package render

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Simplification and dropping of rings, in px of the view.
const (
	minRingPx = 2 // rings smaller than this many px² are not drawn
	// minCountryRingPx drops the smaller islands of neighbouring
	// countries, background that costs bytes without telling anything.
	minCountryRingPx = 8
	// weightPx2 is the Visvalingam area, in px², below which a vertex is
	// dropped: about half a pixel of displacement.
	weightPx2 = 1.0
	// countryWeightPx2 is weightPx2 for the neighbouring countries:
	// background, drawn coarser.
	countryWeightPx2 = 3.0
)

// Build draws the hubs r.Filter selects as r.Options say. Options and
// filter are checked first; those errors are *geo.InvalidError. Build
// only reads the atlas and is safe for concurrent use. When ctx ends it
// stops and returns ctx.Err().
func Build(ctx context.Context, a *geo.Atlas, r Request) (*Scene, error) {
	f, opt := r.Filter, r.Options
	if err := a.Check(f); err != nil {
		return nil, err
	}
	if err := opt.Check(a); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	s, err := buildScene(ctx, a, f, opt, false)
	if err != nil || !s.chineseProducts() {
		return s, err
	}
	// Labels that list products in both languages take more room: the
	// map keeps them unless they say less of the hubs than labels in
	// English alone (saysLess).
	en, err := buildScene(ctx, a, f, opt, true)
	if err != nil {
		return nil, err
	}
	if s.saysLess(en) {
		return en, nil
	}
	return s, nil
}

// buildScene is Build of checked options with defaults; englishProducts keeps
// the products of a map in both languages in English (productLines).
func buildScene(ctx context.Context, a *geo.Atlas, f geo.Filter, opt Options, englishProducts bool) (*Scene, error) {
	W, H, page := opt.size()
	st := styleFor(W, H, page)
	s := &Scene{Width: W, Height: H, Page: page, Style: st, DPI: opt.rasterDPI(), englishProducts: englishProducts}

	sel := selectHubs(a, f)
	defer sel.release()
	focus := a.DivisionIndex(opt.Focus)
	if focus < 0 && opt.BBox.IsZero() {
		focus = a.DivisionIndex(f.Province)
	}
	view := viewBound(a, focus, opt)
	var inView []bool
	if focus >= 0 || !opt.BBox.IsZero() {
		inView = make([]bool, len(a.Divisions))
		for i := range a.Divisions {
			inView[i] = a.Projected[i].Intersects(view)
		}
	}
	sh := shading(a, sel, opt, inView, a.DivisionIndex(f.Province))
	title, sub := titles(a, f, opt, sel, focus, view)
	lay := s.frameTitleAndCredits(a, opt, title, sub, view)

	var fixed []orb.Bound
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		frame := lay.frame()
		tr := fitView(view, frame, st)
		if opt.Edition == EditionCN && focus < 0 && opt.BBox.IsZero() {
			tr = fitWithSea(a, view, frame, st, tr)
		}
		s.Panel = Panel{Frame: frame, Base: baseFor(a, frame, tr, opt.Graticule), Focus: focus}
		s.asked = viewPx(tr, view)
		s.fillProvinces(a, sh)
		s.Hubs, s.Shown, s.Aggregated, s.unnamed = nil, 0, false, nil
		s.drawSymbols(a, sel, tr, opt)
		s.Insets = nil
		fixed = nil
		s.SeaLine, s.Islands, s.seaBox, s.Claims = nil, nil, orb.Bound{}, nil
		if opt.Edition == EditionCN {
			s.Claims = claimsShown(a, &s.Panel)
			s.SeaLine = seaLine(a, tr, frame)
			s.Islands = islands(a, tr, frame)
			if box, ok := seaShown(a, s); ok && focus < 0 && frame.Max[1]-frame.Min[1] >= seaFitMinPx {
				// The map shows the sea whole: no inset repeats it, and
				// its islands too small to draw stand as dots.
				s.seaBox = box
				s.Islands = append(s.Islands, islets(a, tr, frame)...)
			} else if in, ok := seaInset(a, s, opt); ok {
				// The inset keeps clear of the islands drawn on the map.
				s.Insets = append(s.Insets, in)
				fixed = append(fixed, in.Frame)
			}
		}
		s.Legend = legendContent(a, s, sh, opt, tr)
		retry, err := s.placeLegendAndLabels(ctx, a, lay, opt, fixed, attempt < 3)
		if err != nil {
			return nil, err
		}
		if retry {
			continue
		}
		break
	}
	s.listLeftOutProducts(a, lay, opt, fixed)
	s.finishPage(lay)
	if s.Aggregated {
		s.oneSymbolPerPlace()
		s.placeCounts()
	}
	s.nameProvinces(a, opt)
	s.Desc = describe(a, sel, focus, opt.Shade, opt.Lang, s.shown)
	if !opt.BBox.IsZero() && sel.total > 0 {
		var near [2]string
		if s.Shown == 0 {
			at := orb.Point{(opt.BBox[0] + opt.BBox[2]) / 2, (opt.BBox[1] + opt.BBox[3]) / 2}
			near = [2]string{nearestHub(a, sel, at, false), nearestHub(a, sel, at, true)}
		}
		sub, width := viewSubtitle(s.Shown, sel.total, opt.Lang, wordsOf(a), near), s.Width-2*st.Pad
		s.Subtitle = subtitleLines(sub, st.Subtitle, width, len(s.SubY))
		s.retitleForFrame(a, f, opt, sel, focus, view, width)
	}
	return s, nil
}

// retitleForFrame words a window's title for the hubs the map shows: the
// frame, fitted to the page, shows more than the window asked for (view),
// and the title had said "in Hebei" over a map of Shijiazhuang's and
// Dalian's hubs (--bbox 113,37,121,42 at 800×600). The title the frame
// calls for takes the place of the first where it wraps to as many
// lines, else "in China" does; the layout around the title holds.
func (s *Scene) retitleForFrame(a *geo.Atlas, f geo.Filter, opt Options, sel *selection, focus int, view orb.Bound, width float64) {
	if opt.Title != "" || s.Base == nil || focus >= 0 {
		return // a focus names its division, whatever the window
	}
	pl := placeOf(a, sel, opt, -1, pxView(s.Base.Transform, s.Frame))
	if pl == placeOf(a, sel, opt, -1, view) {
		return
	}
	for _, p := range []place{pl, {"China", "中国"}} {
		if t := wrapBold(titleFor(a, f, opt, p, sel.total), s.Style.Title, width, 2); len(t) == len(s.Title) {
			s.Title = t
			return
		}
	}
}

// frameTitleAndCredits sets the title block and the credits and returns
// the page's layout around them. An auto-height page is made as tall as
// the map at full width needs; panels then grow it (see layout.autoH).
func (s *Scene) frameTitleAndCredits(a *geo.Atlas, opt Options, title, sub string, view orb.Bound) *layout {
	st := s.Style
	lay := &layout{W: s.Width, H: s.Height, st: st, view: view}
	width := s.Width - 2*st.Pad
	autoH := s.Page != nil && s.Page.AutoHeight()
	s.Title = titleLines(title, st.Title, width, s.Height >= 600, autoH)
	// A second line for the Chinese where the map can spare it: below
	// 400 px high the legend needs every line (320×320), and below 340 px
	// wide the key (at 320×640 the line pushed it over the map); a page
	// that grows with its map can spare it.
	subLines := 1
	if s.Height >= 400 && s.Width >= 340 || autoH {
		subLines = 2
	}
	s.Subtitle = subtitleLines(sub, st.Subtitle, width, subLines)
	y := st.Pad * 0.6
	s.TitleY = nil
	for range s.Title {
		s.TitleY = append(s.TitleY, baseline(y, st.Title))
		y += st.Title * lineHeight
	}
	s.SubY = nil
	for range s.Subtitle {
		s.SubY = append(s.SubY, baseline(y, st.Subtitle))
		y += st.Subtitle * lineHeight
	}
	lay.header = y + st.Pad*0.4
	s.Credit = credits(a, opt, st, width)
	lay.foot = st.Pad*0.3 + float64(len(s.Credit))*st.Credit*lineHeight + st.Pad*0.5
	if s.Page != nil && s.Page.AutoHeight() {
		lay.autoH = true
		fw := s.Width - st.Pad
		mapH := fw*(view.Max[1]-view.Min[1])/(view.Max[0]-view.Min[0]) + st.Pad
		lay.H = lay.header + mapH + lay.foot
	}
	lay.footer = lay.H - lay.foot
	return lay
}

// finishPage sets the page's final height (an auto-height page's grows
// with its panel) and the credits' baselines at its foot.
func (s *Scene) finishPage(lay *layout) {
	st := s.Style
	s.Height = lay.H
	if s.Page != nil && s.Page.AutoHeight() {
		p := *s.Page
		p.Height = math.Round(lay.H*mmPerPx*10) / 10
		s.Page = &p
	}
	y := s.Height - st.Pad*0.5 - float64(len(s.Credit))*st.Credit*lineHeight
	s.CreditY = nil
	for range s.Credit {
		s.CreditY = append(s.CreditY, baseline(y, st.Credit))
		y += st.Credit * lineHeight
	}
}

// placeLegendAndLabels puts the legend in a corner of the frame free of
// land (or in a panel), places the hubs' labels, and puts the key of
// numbered hubs where it fits. It reports that the layout changed (a
// panel was made or grown) and everything must be placed again.
func (s *Scene) placeLegendAndLabels(ctx context.Context, a *geo.Atlas, lay *layout, opt Options, fixed []orb.Bound, mayReflow bool) (bool, error) {
	st := s.Style
	m := st.Pad / 2
	lw, lh := s.Legend.measure(st, 1)
	bottomCols := legendColumns(&s.Legend, st, lay.W-2*st.Pad)
	_, bh := s.Legend.measure(st, bottomCols)
	markers := markerBoxes(s.Hubs)
	if !s.seaBox.IsZero() {
		// The legend and the key keep off the sea the map shows whole,
		// as off markers.
		markers = append(markers, s.seaBox)
	}
	if !lay.has {
		box, ok := freeCorner(s.Frame, lw, lh, m, s.Base.land, append(slices.Clone(fixed), markers...), s.landBudget())
		if !ok {
			box, ok = cornerBeyondView(s.Frame, lw, lh, m, viewPx(s.Base.Transform, lay.view), append(slices.Clone(fixed), markers...))
		}
		if !ok && (opt.Focus != "" || !opt.BBox.IsZero()) {
			box, ok = cornerWithinBudget(s.Frame, lw, lh, m, s.Base, s.Panel.Focus, append(slices.Clone(fixed), markers...), s.landBudget())
		}
		if !ok && mayReflow && lay.reservePanel(lw, bh) {
			return true, nil
		}
		lw0 := lw
		if !ok {
			// Over the map, in a corner; tighter where it is taller than
			// the map, and its margin given up before it rises over the
			// subtitle, as it had at 360×360 in both languages.
			mm, fh := m, s.Frame.Max[1]-s.Frame.Min[1]
			if lh > fh-2*m {
				s.Legend.fitHeight(st, 1, fh-2*m)
				lw, lh = s.Legend.measure(st, 1)
				mm = max(0, (fh-lh)/2)
			}
			// The corner that hides the fewest markers, then the fewest
			// insets (the South China Sea's had been hidden at 400×400
			// in both languages where a corner left it clear).
			hidden, covered := math.Inf(1), math.Inf(1)
			for _, c := range corners(s.Frame, lw, lh, mm) {
				h, f := countOver(c, markers), countOver(c, fixed)
				if h < hidden || h == hidden && f < covered {
					box, hidden, covered = c, h, f
				}
			}
			// A legend that hides hubs or the land asked for (see
			// landBudget) may shrink the map further than one that
			// hides nothing.
			hides := hidden > 0 || !s.landBudget().allows(box)
			if hides && mayReflow && lay.reservePanelDown(lw0, bh, minPanelScaleHiding) {
				return true, nil
			}
			// The South China Sea inset is part of the map of China: it
			// moves from under the legend (360×360 and 400×400 in both
			// languages had hidden it whole).
			for k, in := range s.Insets {
				if in.Kind != InsetSouthChinaSea || !intersects(box, in.Frame) {
					continue
				}
				if moved, ok := seaInset(a, s, opt, box); ok {
					if i := slices.Index(fixed, in.Frame); i >= 0 {
						fixed[i] = moved.Frame
					}
					s.Insets[k] = moved
				}
			}
		}
		s.Legend.Box, s.Legend.Columns = box, 1
	} else {
		s.Legend.Columns = 1
		if !lay.side && !lay.legendBeside {
			s.Legend.Columns = bottomCols
			lw, lh = s.Legend.measure(st, bottomCols)
		}
		if ph := lay.panel.Max[1] - lay.panel.Min[1]; lh > ph+0.5 {
			s.Legend.fitHeight(st, s.Legend.Columns, ph)
			lw, lh = s.Legend.measure(st, s.Legend.Columns)
		}
		// Half a pixel over is rounding: the panel was made for a legend
		// of the same width.
		if pw := lay.panel.Max[0] - lay.panel.Min[0]; lw > pw+0.5 {
			s.Legend.fitWidth(st, s.Legend.Columns, pw)
			lw, lh = s.Legend.measure(st, s.Legend.Columns)
		}
		s.Legend.Box = orb.Bound{Min: lay.panel.Min, Max: orb.Point{lay.panel.Min[0] + lw, lay.panel.Min[1] + lh}}
	}
	layOutScale(&s.Legend, st)
	if intersects(s.Legend.Box, s.Frame) {
		fixed = append(fixed, s.Legend.Box)
	}
	s.nameSymbols(a)
	saved := make([]Label, len(s.Hubs))
	for i, h := range s.Hubs {
		saved[i] = h.Label
		saved[i].Lines, saved[i].Sizes = slices.Clone(h.Label.Lines), slices.Clone(h.Label.Sizes)
	}
	n, err := placeLabels(ctx, st, s.Frame, s.Hubs, fixed, &s.Panel, 1)
	if err != nil || n == 0 {
		s.Key = Key{}
		return false, err
	}
	// Crowded areas whose hubs could only be numbered: enlargements.
	s.Insets = slices.DeleteFunc(s.Insets, func(in Inset) bool { return in.Kind == InsetEnlargement })
	if made, err := s.enlarge(ctx, a, opt, fixed, saved); err != nil {
		return false, err
	} else if made > 0 {
		restoreLabels(s.Hubs, saved)
		for _, in := range s.Insets {
			fixed = append(fixed, in.Frame.Pad(st.Pad/4))
			if in.Kind == InsetEnlargement {
				fixed = append(fixed, in.Source)
			}
		}
		if n, err = placeLabels(ctx, st, s.Frame, s.Hubs, fixed, &s.Panel, 1); err != nil {
			return false, err
		}
		for k := range s.Insets {
			in := &s.Insets[k]
			if in.Kind != InsetEnlargement {
				continue
			}
			separate(in.Hubs)
			in.saved = make([]Label, len(in.Hubs))
			for i := range in.Hubs {
				in.Hubs[i].Inset = -1
				in.saved[i] = in.Hubs[i].Label
			}
		}
		if n, err = s.labelEnlargements(ctx, n); err != nil {
			return false, err
		}
		if n == 0 {
			s.Key = Key{}
			return false, nil
		}
	}
	// partial keeps the hubs as first labelled where every hub is then
	// numbered: the key of them all may find no place where that of the
	// hubs first numbered does.
	var partial []HubMark
	if named := labelled(s.Hubs); 2*n > named+n && mayReflow && len(s.Insets) == 0 {
		// Most names cannot stand: number every hub, in reading order, so
		// that the map stays legible and the key is read in one go.
		partial = cloneHubs(s.Hubs)
		numberAll(s.Hubs, saved, st)
		if _, err := placeLabels(ctx, st, s.Frame, s.Hubs, fixed, &s.Panel, 1); err != nil {
			return false, err
		}
	}
	reflow, keyed, err := s.keyOfNumbered(ctx, a, lay, opt, fixed, saved, markers, mayReflow)
	if err != nil || reflow || keyed {
		return reflow, err
	}
	if partial != nil {
		// No place for the key of every hub: the hubs as first
		// labelled, the key of those numbered then. At 640×480 in both
		// languages 26 numbers had found no place for their key, and
		// the map had named 8 hubs, 18 markers left bare, beside an
		// empty panel that holds the key of those 18.
		s.Hubs = partial
		if _, keyed, err = s.keyOfNumbered(ctx, a, lay, opt, fixed, saved, markers, false); err != nil || keyed {
			return false, err
		}
	}
	return false, s.nameWhatFits(ctx, saved, fixed)
}

// cloneHubs copies hubs with their labels, which placing labels again
// changes in place.
func cloneHubs(hubs []HubMark) []HubMark {
	out := slices.Clone(hubs)
	for i := range out {
		l := &out[i].Label
		l.Lines, l.Sizes, l.Y = slices.Clone(l.Lines), slices.Clone(l.Sizes), slices.Clone(l.Y)
		out[i].Leader = slices.Clone(out[i].Leader)
	}
	return out
}

// keyOfNumbered puts the key of numbered hubs where it fits: in the panel
// below or beside the legend, else in a free corner of the frame, else
// in a panel made for it (reflow), else over the map. It reports
// whether it placed one (keyed); where it found no place, the map is
// left for nameWhatFits.
func (s *Scene) keyOfNumbered(ctx context.Context, a *geo.Atlas, lay *layout, opt Options, fixed []orb.Bound, saved []Label, markers []orb.Bound, mayReflow bool) (reflow, keyed bool, err error) {
	st := s.Style
	m := st.Pad / 2
	// Where a key may go: below the legend or beside it in the panel.
	var areas []orb.Bound
	if lay.has {
		areas = append(areas,
			orb.Bound{Min: orb.Point{lay.panel.Min[0], s.Legend.Box.Max[1] + m}, Max: lay.panel.Max},
			orb.Bound{Min: orb.Point{s.Legend.Box.Max[0] + m, lay.panel.Min[1]}, Max: lay.panel.Max})
		for _, area := range areas {
			if area.Max[0]-area.Min[0] < 8*st.Legend || area.Max[1]-area.Min[1] < 4*st.Legend {
				continue
			}
			if k, ok := fitKey(a, s.allMarks(), opt.Lang, st, area.Max[0]-area.Min[0], area.Max[1]-area.Min[1]); ok {
				return false, true, s.placeKey(ctx, a, opt.Lang, k, area.Min, fixed)
			}
		}
	} else {
		avoid := append(slices.Clone(fixed), markers...)
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 {
				avoid = append(avoid, h.Label.Box)
			}
		}
		avoid = append(avoid, s.Legend.Box.Pad(m/2))
		fw, fh := s.Frame.Max[0]-s.Frame.Min[0], s.Frame.Max[1]-s.Frame.Min[1]
		for _, f := range keyFormats {
			k := keyContentAs(a, s.allMarks(), opt.Lang, st, f, math.Min(0.45*fw, 30*st.Legend))
			kw, kh := k.measure(st)
			if kh > 0.6*fh {
				continue
			}
			if box, ok := freeCorner(s.Frame, kw, kh, m, s.Base.land, avoid, s.landBudget()); ok {
				return false, true, s.placeKey(ctx, a, opt.Lang, k, box.Min, fixed)
			}
		}
	}
	if mayReflow && s.planPanel(a, lay, opt) {
		return true, false, nil
	}
	// Nowhere it fits whole: as much as fits in the largest area, the rest
	// counted.
	if len(areas) == 0 {
		areas = append(areas, orb.Bound{Min: orb.Point{s.Frame.Max[0] - 16*st.Legend - m, s.Frame.Min[1] + m}, Max: orb.Point{s.Frame.Max[0] - m, s.Frame.Max[1] - m}})
	}
	best := areas[0]
	for _, ar := range areas[1:] {
		if (ar.Max[0]-ar.Min[0])*(ar.Max[1]-ar.Min[1]) > (best.Max[0]-best.Min[0])*(best.Max[1]-best.Min[1]) {
			best = ar
		}
	}
	// The format that keeps the most entries (the most informative of
	// those); when none holds them all, the key goes over the map whole,
	// in its top right corner: nothing numbered is left out.
	bw, bh2 := best.Max[0]-best.Min[0], best.Max[1]-best.Min[1]
	var k Key
	kept := -1
	for _, f := range keyFormats {
		c := keyContentAs(a, s.allMarks(), opt.Lang, st, f, f.colWidth(bw, st))
		if kw, _ := c.measure(st); kw > bw {
			continue
		}
		c.trim(st, bh2)
		if n := c.numbered(); n > kept {
			k, kept = c, n
		}
	}
	kw, kh := k.measure(st)
	clear := fitsNone(orb.Bound{Min: best.Min, Max: orb.Point{best.Min[0] + kw, best.Min[1] + kh}}, fixed)
	// A key whose entries the area cannot hold (trim keeps one) is not
	// kept there: keys had run past the panel over the credits
	// (Guangdong's view at 480×360 in both languages and at 320×320 in
	// Chinese, a window of the Pearl River delta at 320×320).
	if kept < numberedHubs(s.allMarks()) || !clear || kh > bh2+0.5 || kw > bw+0.5 {
		// The key goes over the map, whole, where it covers no marker and
		// the least land; the labels are then placed again around it (the
		// numbered hubs may change: the key follows, in the same box).
		fw := s.Frame.Max[0] - s.Frame.Min[0]
		var box orb.Bound
		found := false
		for _, f := range keyFormatsPlain {
			k = keyContentAs(a, s.allMarks(), opt.Lang, st, f, f.colWidth(math.Min(0.5*fw, 26*st.Legend), st))
			kw, kh := k.measure(st)
			if box, found = freeSpot(s.Frame, kw, kh+2*st.Legend*1.3, m, 2*st.Legend, s.Base.land, append(slices.Clone(fixed), markers...), s.landBudget()); found {
				break
			}
		}
		if !found {
			// Over no marker and not over the legend: where keyOverMap
			// finds room, else no key. (The top right corner, taken
			// where it missed the legend, had hidden 18 of 25 markers of
			// a window at 480×360 in both languages.)
			var ok bool
			if k, box, ok = s.keyOverMap(a, opt.Lang, m, fixed, markers); !ok {
				return false, false, nil
			}
		}
		s.Key.Box = box
		if err := s.placeLabelsAround(ctx, fixed, saved, box); err != nil {
			return false, false, err
		}
		fits := false
		for _, f := range keyFormats {
			k = keyContentAs(a, s.allMarks(), opt.Lang, st, f, f.colWidth(box.Max[0]-box.Min[0], st))
			if kw, kh := k.measure(st); kw <= box.Max[0]-box.Min[0]+0.5 && kh <= box.Max[1]-box.Min[1]+0.5 {
				fits = true
				break
			}
		}
		if kw, kh := k.measure(st); !fits || !s.Frame.Pad(0.5).Contains(orb.Point{box.Min[0] + kw, box.Min[1] + kh}) || !s.Frame.Pad(0.5).Contains(box.Min) {
			// No format holds the key in the box, or the box leaves the
			// frame: the key as keyOverMap lays it out, whole, inside,
			// and the labels placed again around it.
			var ok bool
			if k, box, ok, err = s.keyOverMapPlaced(ctx, a, opt.Lang, m, fixed, saved, box); err != nil {
				return false, false, err
			} else if !ok {
				return false, false, nil
			}
		}
		return false, true, s.placeKey(ctx, a, opt.Lang, k, box.Min, fixed)
	}
	return false, true, s.placeKey(ctx, a, opt.Lang, k, best.Min, fixed)
}

// keyOverMapPlaced is keyOverMap with the labels placed again around the
// key's box, until the key of the hubs numbered then takes the same box
// (six times at most; three had left 3 labels under keys in 162 maps).
// The labels had been left under the key: names and products of
// Guangdong's hubs at 400×400 in both languages. Where the key that
// comes of it hides more (placed around, more hubs are numbered, and
// the longer key covers more: 17 markers of all China at 400×400), the
// labels go back to where they were placed (around the box around, the
// key's box before), and the first key over them.
func (s *Scene) keyOverMapPlaced(ctx context.Context, a *geo.Atlas, lang string, m float64, fixed []orb.Bound, saved []Label, around orb.Bound) (Key, orb.Bound, bool, error) {
	place := func(box orb.Bound) error { return s.placeLabelsAround(ctx, fixed, saved, box) }
	k0, box0, ok := s.keyOverMap(a, lang, m, fixed, markerBoxes(s.Hubs))
	if !ok {
		return Key{}, orb.Bound{}, false, nil
	}
	before := s.hiddenBy(box0)
	k, box := k0, box0
	for try := 0; ok && try < 6; try++ {
		if err := place(box); err != nil {
			return Key{}, orb.Bound{}, false, err
		}
		var again orb.Bound
		if k, again, ok = s.keyOverMap(a, lang, m, fixed, markerBoxes(s.Hubs)); again == box {
			break
		}
		box = again
	}
	if !ok {
		return Key{}, orb.Bound{}, false, nil
	}
	if s.hiddenBy(box) > before {
		if err := place(around); err != nil {
			return Key{}, orb.Bound{}, false, err
		}
		return k0, box0, true, nil
	}
	return k, box, true, nil
}

// placeLabelsAround places the hubs' labels again, from saved, clear of
// fixed and of box (a key over the map). The enlargements' numbers follow
// the main map's, which may have changed: they had repeated its 1, 2, 3
// (800×600 in Chinese), and the key listed neither.
func (s *Scene) placeLabelsAround(ctx context.Context, fixed []orb.Bound, saved []Label, box orb.Bound) error {
	restoreLabels(s.Hubs, saved)
	n, err := placeLabels(ctx, s.Style, s.Frame, s.Hubs, append(slices.Clone(fixed), box), &s.Panel, 1)
	if err != nil {
		return err
	}
	_, err = s.labelEnlargements(ctx, n)
	return err
}

// hiddenBy counts the markers and the hubs' labels box covers.
func (s *Scene) hiddenBy(box orb.Bound) int {
	n := 0
	for _, h := range s.Hubs {
		if intersects(box, marker{h.At, h.drawnR()}.box(0)) {
			n++
		}
		if len(h.Label.Lines) > 0 && !h.OnMarker && h.Inset < 0 && intersects(box, h.Label.Box) {
			n++
		}
	}
	return n
}

// keyOverMap lays out the key of the numbered hubs where nothing leaves
// room for it (a phone's map in both languages): whole and inside the
// frame, clear of the legend and the insets (fixed), over no marker,
// covering the least of the map. It reports false when no format fits
// so, or every one would cover more than maxKeyShare of the map: the
// key had stood partly off the canvas (320×320), or over the legend and
// most of the map (400×400 in both languages). A key over markers is
// refused: in the corner that hid the fewest, it had hidden 12 of the 26
// hubs of all China at 360×360 in Chinese, among them every one inland
// (Chengdu, Chongqing, Xi'an, Wuhan, Changsha); the map names what fits
// instead (nameWhatFits).
func (s *Scene) keyOverMap(a *geo.Atlas, lang string, m float64, fixed, markers []orb.Bound) (Key, orb.Bound, bool) {
	st := s.Style
	fw, fh := s.Frame.Max[0]-s.Frame.Min[0]-2*m, s.Frame.Max[1]-s.Frame.Min[1]-2*m
	avoid := append(slices.Clone(fixed), markers...)
	budget := s.landBudget()
	var best Key
	var box orb.Bound
	area := math.Inf(1)
	for _, f := range keyFormatsPlain {
		// Columns as wide as the frame allows, or as narrow as the
		// entries take: 9 em holds a city, 13 and 17 em both its names.
		for _, col := range []float64{f.colWidth(fw, st), 9 * st.Legend, 13 * st.Legend, 17 * st.Legend} {
			k := keyContentAs(a, s.allMarks(), lang, st, f, col)
			kw, kh := k.measure(st)
			if kw > fw || kh > fh || kw*kh > maxKeyShare*fw*fh {
				continue
			}
			// Anywhere it hides no marker and nothing fixed.
			if c, ok := freeSpot(s.Frame, kw, kh, m, 2*st.Legend, s.Base.land, avoid, budget); ok && kw*kh < area {
				best, box, area = k, c, kw*kh
			}
		}
	}
	return best, box, !math.IsInf(area, 1)
}

// cornerBeyondView returns the first corner of frame where a w×h box
// lies wholly beyond the view asked for (view, px) and over none of the
// given boxes: where the frame is wider (or taller) than the view, the
// land there is only what fills the frame, and a legend over it hides
// nothing asked for. A window or a province all of whose corners are
// land had taken a panel beside the map instead, which left a blank
// column under the legend (Sichuan's on a slide, a window of Chongqing
// at 1280×720).
func cornerBeyondView(frame orb.Bound, w, h, m float64, view orb.Bound, avoid []orb.Bound) (orb.Bound, bool) {
	if w > frame.Max[0]-frame.Min[0]-2*m || h > frame.Max[1]-frame.Min[1]-2*m {
		return orb.Bound{}, false
	}
	for _, c := range corners(frame, w, h, m) {
		if !intersects(c, view) && fitsNone(c, avoid) {
			return c, true
		}
	}
	return orb.Bound{}, false
}

// cornerWithinBudget returns the corner of frame where a w×h box covers
// the least land, over none of the given boxes, within the land budget
// and over no cell of the focus division (an index, or -1): a province's
// view or a window whose every corner is land had made a panel beside a
// map that, fitted to the asked view, then left a blank column under the
// legend and cut off the land beyond the view (Inner Mongolia's at
// 800×600 in both languages, with Heilongjiang halved and Harbin on the
// frame's edge), where a corner over the neighbours is context given up.
func cornerWithinBudget(frame orb.Bound, w, h, m float64, b *Base, focus int, avoid []orb.Bound, budget *landBudget) (orb.Bound, bool) {
	if b.land == nil || b.divMask == nil || w > frame.Max[0]-frame.Min[0]-2*m || h > frame.Max[1]-frame.Min[1]-2*m {
		return orb.Bound{}, false
	}
	best, least := orb.Bound{}, math.Inf(1)
	for _, c := range corners(frame, w, h, m) {
		f := b.land.covered(c)
		if f >= least || !fitsNone(c, avoid) || !budget.allows(c) {
			continue
		}
		if focus >= 0 && b.divMask.holds(c, focus) {
			continue
		}
		best, least = c, f
	}
	return best, !math.IsInf(least, 1)
}

// viewPx is the px bound of a projected bound under tr.
func viewPx(tr geo.Transform, v orb.Bound) orb.Bound {
	return orb.Bound{Min: tr.Apply(orb.Point{v.Min[0], v.Max[1]}), Max: tr.Apply(orb.Point{v.Max[0], v.Min[1]})}
}

// pxView is the projected bound a px box shows under tr: viewPx's
// inverse.
func pxView(tr geo.Transform, b orb.Bound) orb.Bound {
	return orb.Bound{Min: tr.Invert(orb.Point{b.Min[0], b.Max[1]}), Max: tr.Invert(orb.Point{b.Max[0], b.Min[1]})}
}

// countOver counts the boxes b covers part of.
func countOver(b orb.Bound, boxes []orb.Bound) float64 {
	n := 0.0
	for _, x := range boxes {
		if intersects(b, x) {
			n++
		}
	}
	return n
}

// maxKeyShare is the most of the map a key over it may cover: beyond it
// the map would be a list, its hubs hidden.
const maxKeyShare = 0.75

// nameWhatFits is for where no key fits: the hubs' names are placed
// again, each where it fits or not at all, and no hub is numbered; the
// markers of the others stay, unnamed (the table of hubs lists them).
func (s *Scene) nameWhatFits(ctx context.Context, saved []Label, fixed []orb.Bound) error {
	restoreLabels(s.Hubs, saved)
	for i := range s.Hubs {
		if s.Hubs[i].Inset < 0 {
			s.Hubs[i].Label.Optional = true
			s.Hubs[i].nearOrOwn = true
		}
	}
	if _, err := placeLabels(ctx, s.Style, s.Frame, s.Hubs, fixed, &s.Panel, 1); err != nil {
		return err
	}
	unnumber := func(hubs []HubMark) {
		for i := range hubs {
			if h := &hubs[i]; h.Number > 0 {
				h.Number, h.OnMarker, h.Leader, h.Label = 0, false, nil, Label{}
			}
		}
	}
	unnumber(s.Hubs)
	for i := range s.Insets {
		unnumber(s.Insets[i].Hubs)
	}
	s.Key = Key{}
	return nil
}

// labelEnlargements places the labels of the enlargements' hubs, from
// their saved labels, numbering those that cannot stand after the n
// numbered on the main map; it returns the number of numbered hubs in
// all.
func (s *Scene) labelEnlargements(ctx context.Context, n int) (int, error) {
	for k := range s.Insets {
		in := &s.Insets[k]
		if in.Kind != InsetEnlargement || in.saved == nil {
			continue
		}
		restoreLabels(in.Hubs, in.saved)
		m, err := placeLabels(ctx, s.Style, in.Frame, in.Hubs, nil, &in.Panel, n+1)
		if err != nil {
			return 0, err
		}
		n += m
	}
	return n, nil
}

// restoreLabels gives the hubs of the main map (not those shown in an
// enlargement) their labels as saved before placement, unnumbered, to be
// placed again.
func restoreLabels(hubs []HubMark, saved []Label) {
	for i := range hubs {
		if h := &hubs[i]; h.Inset < 0 {
			h.Label, h.Number, h.OnMarker, h.Leader = saved[i], 0, false, nil
			h.Label.Lines, h.Label.Sizes = slices.Clone(saved[i].Lines), slices.Clone(saved[i].Sizes)
		}
	}
}

// labelled counts the hubs that keep a name on the map.
func labelled(hubs []HubMark) int {
	n := 0
	for _, h := range hubs {
		if h.Number == 0 && !h.Label.Optional && len(h.Label.Lines) > 0 {
			n++
		}
	}
	return n
}

// readingOrder compares two places on the map in reading order: north to
// south by bands three labels high, then west to east.
func readingOrder(a, b orb.Point, st Style) int {
	if ba, bb := int(a[1]/(3*st.Label)), int(b[1]/(3*st.Label)); ba != bb {
		return ba - bb
	}
	return cmp.Compare(a[0], b[0])
}

// numberAll gives every hub a number in reading order (readingOrder) and
// a label of just that number.
func numberAll(hubs []HubMark, saved []Label, st Style) {
	var order []int
	for i := range hubs {
		if len(saved[i].Lines) > 0 && !saved[i].Optional {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(x, y int) int { return readingOrder(hubs[x].At, hubs[y].At, st) })
	for k, i := range order {
		h := &hubs[i]
		h.Number, h.OnMarker, h.Leader = k+1, false, nil
		h.Label = Label{Lines: []string{strconv.Itoa(k + 1)}, Sizes: []float64{st.Label}}
	}
}

// allMarks is the hubs of the main map and of the enlargements: what the
// key lists.
func (s *Scene) allMarks() []HubMark {
	out := slices.Clone(s.Hubs)
	for _, in := range s.Insets {
		out = append(out, in.Hubs...)
	}
	return out
}

func numberedHubs(hubs []HubMark) int {
	n := 0
	for _, h := range hubs {
		if h.Number > 0 {
			n++
		}
	}
	return n
}

// planPanel makes a panel that holds the legend and the key of the
// numbered hubs, choosing among: beside the map (key below the legend, or
// beside it), and below the map (key below a legend spread in columns, or
// beside a one-column legend), whichever leaves the map largest. It
// returns false when none leaves room for a map.
func (s *Scene) planPanel(a *geo.Atlas, lay *layout, opt Options) bool {
	st := s.Style
	m := st.Pad / 2
	lw, lh := s.Legend.measure(st, 1)
	cols := legendColumns(&s.Legend, st, lay.W-2*st.Pad)
	bw, bh := s.Legend.measure(st, cols)
	key := func(width float64) (float64, float64) {
		best := [2]float64{math.Inf(1), math.Inf(1)}
		for _, f := range keyFormatsPlain { // without products: the plan's floor
			k := keyContentAs(a, s.allMarks(), opt.Lang, st, f, f.colWidth(width, st))
			if kw, kh := k.measure(st); kw <= width && kh < best[1] {
				best = [2]float64{kw, kh}
			}
		}
		return best[0], best[1]
	}
	frameH := lay.footer - lay.header
	type plan struct {
		side, beside bool
		size         float64
	}
	var plans []plan
	if kw, kh := key(18 * st.Legend); lh+m+kh <= frameH {
		plans = append(plans, plan{true, false, math.Max(lw, kw)})
	} else if kw, kh := key(24 * st.Legend); math.Max(lh, kh) <= frameH {
		plans = append(plans, plan{true, true, lw + m + kw})
	}
	if _, kh := key(lay.W - 2*st.Pad); !math.IsInf(kh, 1) {
		plans = append(plans, plan{false, false, bh + m + kh})
	}
	if _, kh := key(lay.W - 2*st.Pad - lw - m); !math.IsInf(kh, 1) {
		plans = append(plans, plan{false, true, math.Max(lh, kh)})
	}
	_ = bw
	best, bestScale := -1, 0.0
	for i, p := range plans {
		try := *lay
		ok := false
		if p.side {
			ok = try.reservePanel(p.size, 0)
		} else {
			ok = try.reservePanel(0, p.size)
		}
		if !ok {
			continue
		}
		if sc := fitView(try.view, try.frame(), st).Scale; sc > bestScale {
			best, bestScale = i, sc
		}
	}
	if best < 0 {
		return false
	}
	p := plans[best]
	if p.side {
		lay.reservePanel(p.size, 0)
	} else {
		lay.reservePanel(0, p.size)
	}
	lay.legendBeside = p.beside
	return true
}

// fitKey returns the most informative key that fits w×h.
func fitKey(a *geo.Atlas, hubs []HubMark, lang string, st Style, w, h float64) (Key, bool) {
	for _, f := range keyFormats {
		k := keyContentAs(a, hubs, lang, st, f, f.colWidth(w, st))
		if kw, kh := k.measure(st); kw <= w+0.5 && kh <= h+0.5 {
			return k, true
		}
	}
	return Key{}, false
}

// placeKey puts the key with its top left at at. A name a key over the
// map covers is placed again clear of it and of every other label, then
// gives way to the next number, on its hub's marker, which the key lists,
// as long as the longer key stays inside the frame and covers no more
// markers (it may cover more names, numbered in turn); names still covered after that leave their
// markers bare (unlabelUnderKey). Chengdu, Chongqing, Xi'an, Foshan and
// Sanya had been left bare over all China at 400×400.
func (s *Scene) placeKey(ctx context.Context, a *geo.Atlas, lang string, k Key, at orb.Point, fixed []orb.Bound) error {
	if err := s.nameAgainBeside(ctx, keyBox(k, at, s.Style), fixed); err != nil {
		return err
	}
	for range maxKeyGrowth {
		k.Box = keyBox(k, at, s.Style)
		// A hub whose marker the key covers too is not numbered.
		covered := slices.DeleteFunc(s.namesUnder(k.Box), func(i int) bool {
			return intersects(k.Box, marker{s.Hubs[i].At, s.Hubs[i].R}.box(0))
		})
		if len(covered) == 0 || s.Aggregated || k.cut() {
			// (A key cut short, "3 more", is not lengthened.)
			break
		}
		was := make([]HubMark, len(covered))
		for j, i := range covered {
			was[j] = s.Hubs[i]
			s.numberOnMarker(i)
		}
		longer := keyContentAs(a, s.allMarks(), lang, s.Style, k.format, k.colWidth)
		up := at
		if b := keyBox(longer, at, s.Style); !s.Frame.Pad(0.5).Contains(b.Max) {
			// Raised as far as it must, if the frame has the room.
			up[1] -= b.Max[1] - (s.Frame.Max[1] - s.Style.Pad/2)
		}
		markers := markerBoxes(s.Hubs)
		if b := keyBox(longer, up, s.Style); !s.Frame.Pad(0.5).Contains(b.Max) || !s.Frame.Pad(0.5).Contains(b.Min) || countOver(b, markers) > countOver(k.Box, markers) {
			for j, i := range covered {
				s.Hubs[i] = was[j]
			}
			break
		}
		k, at = longer, up
	}
	k.Box = keyBox(k, at, s.Style)
	layOutKey(&k, s.Style)
	s.Key = k
	s.unlabelUnderKey()
	return nil
}

// nameAgainBeside places the names box covers again, each where it
// stands clear of box, fixed and every other label; a name that finds no
// such place is left as it is.
func (s *Scene) nameAgainBeside(ctx context.Context, box orb.Bound, fixed []orb.Bound) error {
	covered := s.namesUnder(box)
	if len(covered) == 0 || s.Aggregated {
		return nil
	}
	avoid := append(slices.Clone(fixed), box)
	again := slices.Clone(s.Hubs)
	for i := range again {
		h := &again[i]
		if slices.Contains(covered, i) {
			continue
		}
		if len(h.Label.Lines) > 0 && !h.OnMarker {
			avoid = append(avoid, h.Label.Box)
		}
		h.Label.Lines, h.Label.Sizes = nil, nil
	}
	// Numbers placeLabels gives are not kept: no key lists them.
	if _, err := placeLabels(ctx, s.Style, s.Frame, again, avoid, &s.Panel, math.MaxInt32/2); err != nil {
		return err
	}
	for _, i := range covered {
		if h := again[i]; h.Number == 0 && !h.OnMarker && len(h.Label.Lines) > 0 && !intersects(box, h.Label.Box) {
			s.Hubs[i].Label, s.Hubs[i].Leader = h.Label, h.Leader
		}
	}
	return nil
}

// maxKeyGrowth is how many times placeKey lengthens a key for the names
// it covers.
const maxKeyGrowth = 4

// keyBox is k's box with its top left at at.
func keyBox(k Key, at orb.Point, st Style) orb.Bound {
	w, h := k.measure(st)
	return orb.Bound{Min: at, Max: orb.Point{at[0] + w, at[1] + h}}
}

// namesUnder returns the hubs of the main map whose names box covers.
func (s *Scene) namesUnder(box orb.Bound) []int {
	if box.IsZero() || !intersects(box, s.Frame) {
		return nil
	}
	var out []int
	for i := range s.Hubs {
		h := &s.Hubs[i]
		if len(h.Label.Lines) > 0 && h.Number == 0 && !h.OnMarker && h.Inset < 0 && intersects(box, h.Label.Box) {
			out = append(out, i)
		}
	}
	return out
}

// numberOnMarker gives hub i the next number, drawn on its marker, grown
// as far as the nearest other marker allows (onMarker).
func (s *Scene) numberOnMarker(i int) {
	next := 0
	for _, h := range s.allMarks() {
		next = max(next, h.Number)
	}
	h := &s.Hubs[i]
	room := math.Inf(1)
	for j := range s.Hubs {
		if o := &s.Hubs[j]; j != i {
			room = min(room, math.Hypot(o.At[0]-h.At[0], o.At[1]-h.At[1])-o.drawnR()-1)
		}
	}
	h.Number, h.OnMarker, h.Leader = next+1, true, nil
	h.numberR, h.numberSize = onMarker(h.Number, h.R, room, s.Style)
	h.Label = Label{Lines: []string{strconv.Itoa(h.Number)}, Sizes: []float64{s.Style.Label}, Box: marker{h.At, h.drawnR()}.box(0)}
}

// unlabelUnderKey takes off the map the names that a key over it covers,
// leaving their hubs' markers bare: where placing the labels around the
// key numbered more hubs and the longer key covered more, the labels go
// back under the first key (keyOverMapPlaced), and "Chengdu" or "Xi'an"
// had shown a few letters beside its edge (all China at 400×400).
func (s *Scene) unlabelUnderKey() {
	for _, i := range s.namesUnder(s.Key.Box) {
		s.Hubs[i].Label, s.Hubs[i].Leader = Label{Optional: true}, nil
	}
}

// legendColumns is how many industry columns a legend spread over width
// takes.
func legendColumns(l *Legend, st Style, width float64) int {
	for c := 4; c > 1; c-- {
		if w, _ := l.measure(st, c); w <= width {
			return c
		}
	}
	return 1
}

// layOutScale puts the scale bar at the bottom of the legend box.
func layOutScale(l *Legend, st Style) {
	em := st.Legend
	l.Scale.X = l.Box.Min[0] + legendPadEm*em
	l.Scale.Y = l.Box.Max[1] - legendPadEm*em - 0.3*em
}

// layOutKey sets the position of the key's entries, column by column.
func layOutKey(k *Key, st Style) {
	em := st.Legend
	top := k.Box.Min[1] + legendPadEm*em + legendRowEm*em
	rows := k.rowsPerColumn()
	y, col := top, 0
	for i := range k.Entries {
		if i > 0 && i%rows == 0 {
			col++
			y = top
		}
		e := &k.Entries[i]
		e.X = k.Box.Min[0] + legendPadEm*em + float64(col)*(k.width(st)+em)
		e.Y = e.Y[:0]
		for range e.Lines {
			e.Y = append(e.Y, baseline(y, em))
			y += em * 1.3
		}
	}
}

func markerBoxes(hubs []HubMark) []orb.Bound {
	out := make([]orb.Bound, len(hubs))
	for i, h := range hubs {
		out[i] = marker{h.At, h.drawnR()}.box(1)
	}
	return out
}

// viewBound is the window to fit, in projected metres: the bbox, the
// focused division with a margin, or all of China.
func viewBound(a *geo.Atlas, focus int, opt Options) orb.Bound {
	switch {
	case !opt.BBox.IsZero():
		return projectBound(opt.BBox.Bound())
	case focus >= 0:
		v := a.Core[focus]
		pad := 0.08 * math.Max(v.Max[0]-v.Min[0], v.Max[1]-v.Min[1])
		return v.Pad(pad)
	}
	return a.Extent
}

// projectBound returns the projected bound of a lon/lat box, sampling its
// edges (parallels curve under the conic projection).
func projectBound(b orb.Bound) orb.Bound {
	var out orb.Bound
	first := true
	for i := 0; i <= 16; i++ {
		t := float64(i) / 16
		for _, p := range []orb.Point{
			{b.Min[0] + t*(b.Max[0]-b.Min[0]), b.Min[1]}, {b.Min[0] + t*(b.Max[0]-b.Min[0]), b.Max[1]},
			{b.Min[0], b.Min[1] + t*(b.Max[1]-b.Min[1])}, {b.Max[0], b.Min[1] + t*(b.Max[1]-b.Min[1])},
		} {
			q := geo.China.Forward(p)
			if first {
				out, first = orb.Bound{Min: q, Max: q}, false
			}
			out = out.Extend(q)
		}
	}
	return out
}

// fitView fits the projected window into the frame with a small margin.
func fitView(view, frame orb.Bound, st Style) geo.Transform {
	w, h := frame.Max[0]-frame.Min[0], frame.Max[1]-frame.Min[1]
	tr := geo.Fit(view, w, h, st.Pad*0.5)
	tr.X0 += frame.Min[0]
	tr.Y0 += frame.Min[1]
	return tr
}

// seaFit is the least share of its scale a cn-edition map of China
// keeps when it is fitted to show the South China Sea whole: a portrait
// page (A4) keeps all of it, where its map had stopped short of the
// sea's southern islands and an inset had shown the sea a second time.
// Wider maps keep the inset, and so do maps less than seaFitMinPx tall,
// even where they show the sea whole: at 400×400 the sea had taken half
// the map and the key of numbered hubs, kept off it, had covered the
// west and the names there.
const (
	seaFit      = 0.9
	seaFitMinPx = 560
)

// fitWithSea returns the transform that fits view and the South China
// Sea's dashed line into frame, when it keeps seaFit of tr's scale, else
// tr.
func fitWithSea(a *geo.Atlas, view, frame orb.Bound, st Style, tr geo.Transform) geo.Transform {
	ext := view
	for _, l := range seaLineSource(a) {
		for _, p := range l {
			ext = ext.Extend(geo.China.Forward(p))
		}
	}
	if ext == view || frame.Max[1]-frame.Min[1] < seaFitMinPx {
		return tr
	}
	if t := fitView(ext, frame, st); t.Scale >= seaFit*tr.Scale {
		return t
	}
	return tr
}

// fillProvinces shades the base's provinces.
func (s *Scene) fillProvinces(a *geo.Atlas, sh *shade) {
	s.Provinces = make([]Province, len(a.Divisions))
	for i, d := range a.Divisions {
		s.Provinces[i] = Province{Code: d.Code, Name: d.Name, Value: sh.values[i], Fill: sh.fill(i), Rings: s.Base.Provinces[i].Rings, apart: d.Apart()}
	}
}

// separate moves markers that overlap apart along the line joining them,
// each by half the overlap, a few rounds: near-coincident hubs
// (Quanzhou and Jinjiang) stay visible and clickable. True keeps where
// each hub is.
func separate(hubs []HubMark) {
	for i := range hubs {
		hubs[i].True = hubs[i].At
		hubs[i].Inset = -1
	}
	for range 8 {
		moved := false
		for i := range hubs {
			for j := i + 1; j < len(hubs); j++ {
				a, b := &hubs[i], &hubs[j]
				if a.Count > 1 || b.Count > 1 {
					continue // proportional symbols may overlap
				}
				dx, dy := b.At[0]-a.At[0], b.At[1]-a.At[1]
				need := a.R + b.R + 1.5
				// Apart by a leg's length apart in all: the distance is
				// at least the longer leg (math.Hypot only for near ones).
				if max(math.Abs(dx), math.Abs(dy)) >= need {
					continue
				}
				d := math.Hypot(dx, dy)
				if d >= need {
					continue
				}
				if d < 1e-6 {
					dx, dy, d = 1, 0, 1 // the same place: side by side
				}
				push := (need - d) / 2
				a.At[0] -= dx / d * push
				a.At[1] -= dy / d * push
				b.At[0] += dx / d * push
				b.At[1] += dy / d * push
				moved = true
			}
		}
		if !moved {
			return
		}
	}
}

// titleLines wraps a title to two lines; a title in both languages
// ("English / 中文") that two lines cannot hold whole takes its Chinese
// to a line of its own where the map can spare it (600 px high), or to
// two on a page that grows with its map: the Chinese had been cut to
// "/ 眼镜、鞋…" on a column page. A title of one's own with a slash in
// it stays as it is.
func titleLines(title string, size, width float64, tall, grows bool) []string {
	en, zh, ok := strings.Cut(title, " / ")
	if ok && hasCJK(zh) && !hasCJK(en) && (tall || grows) && len(wrapText(title, size*1.07, width)) > 2 {
		n := 1
		if grows {
			n = 2
		}
		return append(wrapBold(en, size, width, 2), wrapBold(zh, size, width, n)...)
	}
	return wrapBold(title, size, width, 2)
}

// wrapBold wraps bold text to at most n lines, the last shortened. Chinese
// between spaces stays on one line where it fits in n lines so: a
// bilingual title breaks at its " / " ("中国制" / "造业中心" on a phone).
func wrapBold(s string, size, width float64, n int) []string {
	lines := wrapKeeping(s, size*1.07, width, hanWords(s))
	if len(lines) > n || slices.ContainsFunc(lines, func(l string) bool { return textWidth(l, size*1.07) > width }) {
		lines = phraseBreaks(wrapText(s, size*1.07, width), size*1.07, width, n)
	}
	if len(lines) > n {
		lines = append(lines[:n-1], fitText(strings.Join(lines[n-1:], " "), size*1.07, width))
	}
	return lines
}

// phraseBreaks moves a line's break between two Chinese characters back,
// where the next line still fits width at size, or is the last of n and
// is shortened anyway: to before a quotation the break would cut, or
// that would end the line (`matching "玩` over `具"`), or, where the next line
// starts with the last two or three characters of a word ("中心"), to
// the end of the last phrase in the line's last two fifths: after a mark
// (：，、”) or a joining word (的, 和, 与, 及). A title wraps at any
// character where it must, and had broken inside its words:
// "中国没有符合“电吹风”的制造业" over "中心".
func phraseBreaks(lines []string, size, width float64, n int) []string {
	for i := 0; i+1 < len(lines); i++ {
		r := []rune(lines[i])
		next := []rune(lines[i+1])
		at := -1
		if q := openQuote(r); q > 0 && (q == len(r)-1 || isHan(r[len(r)-1]) && isHan(next[0])) {
			at = q
		} else if len(r) < 5 || !isHan(r[len(r)-1]) || !isHan(next[0]) {
			continue
		} else if tail := slices.IndexFunc(next, func(c rune) bool { return !isHan(c) }); tail < 0 && len(next) <= 3 || tail > 0 && tail <= 3 {
			for k := len(r) - 1; k >= len(r)*3/5; k-- {
				if strings.ContainsRune("：，、”的和与及", r[k-1]) {
					at = k
					break
				}
			}
		}
		if at < 0 {
			continue
		}
		// The next line takes the words moved where it still fits, or
		// where it is the last and is shortened anyway.
		moved := string(r[at:]) + lines[i+1]
		if textWidth(moved, size) <= width || i+2 >= n && textWidth(strings.Join(lines[i+1:], " "), size) > width {
			lines[i], lines[i+1] = strings.TrimRight(string(r[:at]), " "), moved
		}
	}
	return lines
}

// openQuote returns the index in r of a quotation mark that opens a
// quotation r does not close, or -1.
func openQuote(r []rune) int {
	at := -1
	for k, c := range r {
		switch {
		case c == '“' || c == '"' && at < 0:
			at = k
		case c == '”' || c == '"':
			at = -1
		}
	}
	return at
}

// fitText shortens s with an ellipsis until it fits width at size.
func fitText(s string, size, width float64) string {
	if textWidth(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && textWidth(string(r)+"…", size) > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,、") + "…"
}

// subtitleLines sets a subtitle in at most n lines of width: one when it
// fits; a bilingual one ("English / 中文") else in two, each language on
// its own (the Chinese had been dropped on small maps), or in English
// alone when only one line is to be had; each line shortened to fit.
func subtitleLines(s string, size, width float64, n int) []string {
	if en, zh, ok := strings.Cut(s, " / "); ok && n >= 2 && textWidth(s, size) > width {
		return []string{fitText(en, size, width), fitText(zh, size, width)}
	}
	return []string{fitText(englishIfLong(s, size, width), size, width)}
}

// englishIfLong returns a bilingual line ("26 hubs … / 26 个…") whole
// when it fits width, else its English half.
func englishIfLong(s string, size, width float64) string {
	if en, _, ok := strings.Cut(s, " / "); ok && textWidth(s, size) > width {
		return en
	}
	return s
}

// truncate shortens s to at most n runes, ending with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ,、") + "…"
}

// Release is a no-op kept for compatibility: scenes hold no pooled
// buffers any more (their geometry is the shared Base).
func (s *Scene) Release() {}
