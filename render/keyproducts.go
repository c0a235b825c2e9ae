package render

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// productsLeftOut reports whether h, named on the map with products asked
// for, stands without them all: its name alone, or its first product with
// "etc." (firstProduct). Hangzhou and Yiwu had stood named alone on the
// map of all China at 1200×900 with products asked for, their products
// nowhere: the key listed only numbered hubs.
func (h *HubMark) productsLeftOut() bool {
	if !h.productsAsked || h.Number > 0 || h.OnMarker || len(h.Label.Lines) == 0 {
		return false
	}
	return len(h.Label.Lines) == 1 || h.firstProduct != "" && h.Label.Lines[1] == h.firstProduct
}

// chineseProducts reports whether a label of the map was given its
// products in Chinese after English (englishLines).
func (s *Scene) chineseProducts() bool {
	return slices.ContainsFunc(s.allMarks(), func(h HubMark) bool { return h.englishLines > 0 })
}

// saysLess reports whether s says less than o: more markers bare (with
// neither name nor number), the products of a hub unsaid that o says,
// or fewer divisions and neighbours named. Longer labels had taken the
// names of Shanxi, Sichuan and Guizhou from a map of all China, and
// Wenzhou's products for Ningbo's in Chinese.
func (s *Scene) saysLess(o *Scene) bool {
	if s.bareHubs() > o.bareHubs() || len(s.Names) < len(o.Names) {
		return true
	}
	said := o.productsUnsaid()
	for id := range s.productsUnsaid() {
		if !said[id] {
			return true
		}
	}
	return false
}

// bareHubs counts the markers in the frame with neither name nor number.
func (s *Scene) bareHubs() int {
	n := 0
	for _, h := range s.Hubs {
		if h.Inset < 0 && s.Frame.Contains(h.At) && len(h.Label.Lines) == 0 && h.Number == 0 {
			n++
		}
	}
	return n
}

// productsUnsaid are the hubs (by id) with products asked for whose
// products the map gives nowhere in full: named on the map without them
// and not listed in the key, or numbered in a key that lists no
// products.
func (s *Scene) productsUnsaid() map[string]bool {
	listed := map[string]bool{}
	for _, e := range s.Key.Entries {
		if e.ID != "" {
			listed[e.ID] = true
		}
	}
	unsaid := map[string]bool{}
	for _, h := range s.allMarks() {
		switch {
		case !h.productsAsked:
		case h.Number > 0:
			if !s.Key.format.products {
				unsaid[h.ID] = true
			}
		case h.productsLeftOut() && !listed[h.ID]:
			unsaid[h.ID] = true
		}
	}
	return unsaid
}

// listLeftOutProducts adds to the key, with products asked for, the hubs
// named on the map whose labels could not hold their products
// (withLeftOutProducts), where the longer key still fits: the key grows
// from any corner of its box within its place (the panel, or the frame
// over nothing else drawn and no more land); without a key, a key of them
// alone takes the panel below the legend or a free corner of the frame.
// Where none fits, the map stays as it is: the labels and the key of
// numbered hubs are never given up for it.
func (s *Scene) listLeftOutProducts(a *geo.Atlas, lay *layout, opt Options, fixed []orb.Bound) {
	if opt.Products != ProductsOn || s.Aggregated {
		return
	}
	marks := s.allMarks()
	if !slices.ContainsFunc(marks, func(h HubMark) bool { return h.productsLeftOut() }) {
		return
	}
	avoid := s.keyAvoids(fixed)
	// Every hub left out, else those named alone: "Silk etc." says
	// something of Suzhou, its name alone nothing of Hangzhou.
	for _, aloneOnly := range []bool{false, true} {
		if s.placeLeftOut(a, lay, opt, avoid, marks, aloneOnly) {
			return
		}
	}
}

// placeLeftOut is listLeftOutProducts for one choice of the hubs to list;
// it reports whether the key took them.
func (s *Scene) placeLeftOut(a *geo.Atlas, lay *layout, opt Options, avoid []orb.Bound, marks []HubMark, aloneOnly bool) bool {
	st := s.Style
	m := st.Pad / 2
	if len(s.Key.Entries) > 0 {
		k, ok := withLeftOutProducts(a, s.Key, marks, opt.Lang, st, aloneOnly)
		if !ok {
			return false
		}
		w, h := k.measure(st)
		old := s.Key.Box
		for _, at := range []orb.Point{old.Min, {old.Max[0] - w, old.Min[1]}, {old.Min[0], old.Max[1] - h}, {old.Max[0] - w, old.Max[1] - h}} {
			if s.keyFits(orb.Bound{Min: at, Max: orb.Point{at[0] + w, at[1] + h}}, old, lay, avoid) {
				s.setKey(k, at)
				return true
			}
		}
		// Over the map, the whole key may move to a free place where the
		// longer one fits, in its columns or in one more (wider, less
		// tall: the mainland edition's map of all China at 1200×900 had
		// found no place for one column of ten entries).
		if lay.has && !intersects(old, s.Frame) {
			return false
		}
		for _, more := range []int{0, 1} {
			kk := k
			kk.format.columns += more
			w, h := kk.measure(st)
			if box, ok := s.freeOffLand(w, h, avoid); ok {
				s.setKey(kk, box.Min)
				return true
			}
		}
		return false
	}
	for _, f := range keyFormats {
		if !f.products || f.columns > 2 {
			continue
		}
		if lay.has {
			area := orb.Bound{Min: orb.Point{lay.panel.Min[0], s.Legend.Box.Max[1] + m}, Max: lay.panel.Max}
			k, ok := withLeftOutProducts(a, Key{format: f, colWidth: f.colWidth(area.Max[0]-area.Min[0], st)}, marks, opt.Lang, st, aloneOnly)
			if w, h := k.measure(st); ok && w <= area.Max[0]-area.Min[0]+0.5 && h <= area.Max[1]-area.Min[1]+0.5 {
				s.setKey(k, area.Min)
				return true
			}
			continue
		}
		fw, fh := s.Frame.Max[0]-s.Frame.Min[0], s.Frame.Max[1]-s.Frame.Min[1]
		k, ok := withLeftOutProducts(a, Key{format: f, colWidth: f.colWidth(math.Min(0.45*fw, 30*st.Legend), st)}, marks, opt.Lang, st, aloneOnly)
		w, h := k.measure(st)
		if !ok || h > 0.6*fh {
			continue
		}
		if box, ok := s.freeOffLand(w, h, avoid); ok {
			s.setKey(k, box.Min)
			return true
		}
	}
	return false
}

// freeOffLand finds where a w×h key stands in the frame over none of
// avoid and off China's land: a corner (freeCorner), else a place on a
// grid (freeSpot) that touches no cell of land (one there had touched
// Guangdong's coast), as over the sea of Guangdong's view.
func (s *Scene) freeOffLand(w, h float64, avoid []orb.Bound) (orb.Bound, bool) {
	m := s.Style.Pad / 2
	if box, ok := freeCorner(s.Frame, w, h, m, s.Base.land, avoid, s.landBudget()); ok {
		return box, true
	}
	box, ok := freeSpot(s.Frame, w, h, m, 2*s.Style.Legend, s.Base.land, avoid, s.landBudget())
	return box, ok && s.Base.land.covered(box) == 0
}

// setKey puts k with its top left at at, its entries laid out.
func (s *Scene) setKey(k Key, at orb.Point) {
	w, h := k.measure(s.Style)
	k.Box = orb.Bound{Min: at, Max: orb.Point{at[0] + w, at[1] + h}}
	layOutKey(&k, s.Style)
	s.Key = k
}

// keyAvoids is what a key may not cover: the fixed boxes, the legend,
// the sea shown whole, every inset with its title and the area an
// enlargement shows, every marker and every label on the map.
func (s *Scene) keyAvoids(fixed []orb.Bound) []orb.Bound {
	avoid := append(slices.Clone(fixed), markerBoxes(s.Hubs)...)
	avoid = append(avoid, s.Legend.Box.Pad(s.Style.Pad/4))
	if !s.seaBox.IsZero() {
		avoid = append(avoid, s.seaBox)
	}
	for _, in := range s.Insets {
		f := in.Frame
		if in.TitleY > f.Max[1] {
			f.Max[1] = in.TitleY + s.Style.Legend/2 // the title below it, to its descenders
		}
		avoid = append(avoid, f.Pad(s.Style.Pad/4))
		if !in.Source.IsZero() {
			avoid = append(avoid, in.Source)
		}
	}
	for _, h := range s.Hubs {
		if len(h.Label.Lines) > 0 && !h.OnMarker {
			avoid = append(avoid, h.Label.Box)
		}
	}
	return avoid
}

// keyFits reports whether a key grown from box old to box may stand
// there: in the panel, inside it and off the legend; over the map,
// inside the frame, over none of avoid, and over no more cells of land
// than before (nor more than the land budget allows).
func (s *Scene) keyFits(box, old orb.Bound, lay *layout, avoid []orb.Bound) bool {
	if lay.has && !intersects(old, s.Frame) {
		p := lay.panel.Pad(0.5)
		return p.Contains(box.Min) && p.Contains(box.Max) && !intersects(box, s.Legend.Box)
	}
	f := s.Frame.Pad(0.5)
	if !f.Contains(box.Min) || !f.Contains(box.Max) || !fitsNone(box, avoid) {
		return false
	}
	land := s.Base.land
	return land.landIn(box) <= land.landIn(old) && s.landBudget().allows(box)
}
