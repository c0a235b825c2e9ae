package render

import (
	"slices"

	"github.com/paulmach/orb"
)

// labelMover makes room for a division's name where a hub's label alone
// takes every place the name finds inside the division: the label moves
// to another of its places beside its marker, under the labels' own rules
// (placer.fits), clear of the name. Labels are placed before names, each
// at its first free place, and a city's label reaching into the next
// province had left that province unnamed with the label's other places
// free: "Xi'an 西安" across the middle of Henan at 1600×1200 in both
// languages.
//
// It works on the names' placer, which holds the markers, the fixed
// boxes, the hubs' labels and leaders and the names placed: a label's
// place there keeps the labels' rules, and a label space from names too.
type labelMover struct {
	s     *Scene
	names *placer
	item  []int // each hub's label's item in names.grid, -1 for none
	// alts are, by hub, the other places beside its marker its label may
	// take as things stand (nil: not looked for since the last move).
	alts   [][]candidate
	ground *ground // made on first use
}

func newLabelMover(s *Scene, names *placer) *labelMover {
	m := &labelMover{s: s, names: names, item: make([]int, len(s.Hubs)), alts: make([][]candidate, len(s.Hubs))}
	for i := range m.item {
		m.item[i] = -1
	}
	return m
}

// add puts hub i's label into the names' grid, as placed.
func (m *labelMover) add(i int) {
	m.item[i] = m.names.grid.add(gridItem{box: m.s.Hubs[i].Label.Box, owner: i, label: true})
}

// moveFrom moves the one hub's label that keeps box b from being free to
// another place beside its marker clear of b, and reports whether it did.
func (m *labelMover) moveFrom(b orb.Bound, free func(orb.Bound) bool) bool {
	// One label alone over b first, by the labels: it costs less than the
	// grid, and most places lie under none or several.
	pb, hub := b.Pad(1), -1
	for i, id := range m.item {
		if id >= 0 && intersects(pb, m.s.Hubs[i].Label.Box) {
			if hub >= 0 {
				return false
			}
			hub = i
		}
	}
	if hub < 0 {
		return false
	}
	h := &m.s.Hubs[hub]
	if len(h.Leader) > 0 || h.OnMarker {
		return false
	}
	// Clear of the name by a label space to either side, as of a label.
	space := labelSpace(m.s.Style)
	wide := orb.Bound{Min: orb.Point{pb.Min[0] - space, pb.Min[1]}, Max: orb.Point{pb.Max[0] + space, pb.Max[1]}}
	clearOf := func(c candidate) bool { return !intersects(c.box, wide) }
	if m.alts[hub] != nil && !slices.ContainsFunc(m.alts[hub], clearOf) {
		return false
	}
	g := m.names.grid
	alone := true
	g.each(pb, func(id int, it *gridItem) bool {
		alone = id == m.item[hub] || !intersects(pb, it.box)
		return alone // else a marker, a fixed box or a name
	})
	if !alone {
		return false
	}
	// Whether b is free but for the label before the label's other
	// places, which cost more the first time.
	g.remove(m.item[hub])
	ok := free(b)
	m.add(hub) // as it was
	if !ok {
		return false
	}
	k := slices.IndexFunc(m.others(hub), clearOf)
	if k < 0 {
		return false
	}
	g.remove(m.item[hub])
	setLabelBox(&h.Label, m.alts[hub][k].box, h.At)
	m.add(hub)
	m.placed() // things have moved
	return true
}

// placed says something was placed since the labels' other places were
// found: they are found again when asked for.
func (m *labelMover) placed() { clear(m.alts) }

// others returns the places beside its marker, other than its own, that
// hub's label may take under the labels' rules, over nothing placed, on
// one ground where its own is.
func (m *labelMover) others(hub int) []candidate {
	if m.alts[hub] != nil {
		return m.alts[hub]
	}
	if m.ground == nil {
		m.ground = newGround(&m.s.Panel)
	}
	p, old := m.names, m.s.Hubs[hub].Label.Box
	p.grid.remove(m.item[hub])
	var arr [8]candidate
	alts := make([]candidate, 0, 8)
	for _, c := range p.beside(p.markers[hub], old.Max[0]-old.Min[0], old.Max[1]-old.Min[1], &arr) {
		if c.box != old && p.fits(hub, c, -1) && p.freeBox(c.box) && (!m.ground.uniform(old) || m.ground.uniform(c.box)) {
			alts = append(alts, c)
		}
	}
	m.add(hub)
	m.alts[hub] = alts
	return alts
}
