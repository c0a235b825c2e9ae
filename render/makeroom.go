package render

import (
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
type labelMover struct {
	s     *Scene
	names *placer // the names' placer: markers, labels, fixed boxes, names
	item  []int   // each hub's label's item in names.grid, -1 for none
	// labels holds the hubs' labels as placed, for the labels' rules;
	// made on first use.
	labels *placer
}

func newLabelMover(s *Scene, names *placer) *labelMover {
	m := &labelMover{s: s, names: names, item: make([]int, len(s.Hubs))}
	for i := range m.item {
		m.item[i] = -1
	}
	return m
}

// add puts hub i's label into the names' grid, as placed.
func (m *labelMover) add(i int) {
	m.item[i] = m.names.grid.add(gridItem{box: m.s.Hubs[i].Label.Box, owner: i, label: true})
}

// free hands the labels' placer back, when made.
func (m *labelMover) free() {
	if m.labels != nil {
		m.labels.free()
	}
}

// labelPlacer returns the labels' placer, with every label as it stands.
func (m *labelMover) labelPlacer() *placer {
	if m.labels != nil {
		return m.labels
	}
	s := m.s
	p := newPlacer(s.Frame, s.Style, s.Hubs, s.fixedBoxes(), s.Base.islands)
	p.ground = newGround(&s.Panel)
	p.offNeighbours = s.Base.offNeighbours
	p.div = make([]int, len(s.Hubs))
	for i, h := range s.Hubs {
		p.div[i] = h.div - 1
		if m.item[i] < 0 {
			continue
		}
		c := candidate{box: h.Label.Box}
		if len(h.Leader) == 2 {
			c.hasLeader, c.leader = true, [2]orb.Point{h.Leader[0], h.Leader[1]}
		}
		p.take(i, c)
	}
	m.labels = p
	return p
}

// makeRoom looks through the places of n's name inside its division (its
// lines, then on one line), nearest its pole first, for one that only a
// hub's label beside its marker keeps from being free, and a place for
// that label beside its marker clear of it. It moves the label there and
// returns the name's variant, box and centre.
func (m *labelMover) makeRoom(n *nameSpot, free func(orb.Bound) bool) (*nameSpot, orb.Bound, orb.Point, bool) {
	for _, v := range []*nameSpot{n, n.oneLine} {
		if v == nil {
			continue
		}
		boxes, at := v.inside, v.insideAt
		if v.room != nil {
			rb, ra := v.room.spots(m.s.Base.Provinces[v.div].Rings, v.at, v.w, v.h)
			boxes, at = append(boxes[:len(boxes):len(boxes)], rb...), append(at[:len(at):len(at)], ra...)
		}
		for k, b := range boxes {
			if m.moveFrom(b, free) {
				return v, b, at[k], true
			}
		}
	}
	return nil, orb.Bound{}, orb.Point{}, false
}

// moveFrom moves the one hub's label that keeps box b from being free to
// another place beside its marker clear of b, and reports whether it did.
func (m *labelMover) moveFrom(b orb.Bound, free func(orb.Bound) bool) bool {
	g := m.names.grid
	hub, items := -1, 0
	g.each(b.Pad(1), func(id int, it *gridItem) bool {
		if !intersects(b.Pad(1), it.box) {
			return true
		}
		if it.owner < 0 || !it.label || m.item[it.owner] != id || hub >= 0 && hub != it.owner {
			items = 2 // a marker, a fixed box, a name or a second label
			return false
		}
		hub, items = it.owner, 1
		return true
	})
	if items != 1 {
		return false
	}
	h := &m.s.Hubs[hub]
	if len(h.Leader) > 0 || h.OnMarker {
		return false
	}
	old := h.Label.Box
	g.remove(m.item[hub])
	m.item[hub] = -1
	if c, ok := m.placeClear(hub, old, b, free); ok {
		setLabelBox(&h.Label, c.box, h.At)
		m.add(hub)
		return true
	}
	m.add(hub) // as it was
	return false
}

// placeClear finds hub's label, now taken out of the names' grid, a place
// beside its marker clear of name box b, where b is then free; it keeps
// the label's old place in the labels' placer when it finds none.
func (m *labelMover) placeClear(hub int, old, b orb.Bound, free func(orb.Bound) bool) (candidate, bool) {
	if !free(b) {
		return candidate{}, false
	}
	p := m.labelPlacer()
	p.release(hub)
	var arr [8]candidate
	cands := p.beside(p.markers[hub], old.Max[0]-old.Min[0], old.Max[1]-old.Min[1], &arr)
	for _, c := range cands {
		if c.box == old || intersects(c.box, b.Pad(1)) || !p.fits(hub, c, -1) ||
			p.ground != nil && p.ground.uniform(old) && !p.ground.uniform(c.box) || !m.names.freeBox(c.box) ||
			m.names.leaderThrough(c.box) {
			continue
		}
		p.take(hub, c)
		return c, true
	}
	p.take(hub, candidate{box: old})
	return candidate{}, false
}

// leaderThrough reports whether a placed leader runs through box b.
func (p *placer) leaderThrough(b orb.Bound) bool {
	for _, l := range p.leaders {
		if segmentHitsBox(l[0], l[1], b) {
			return true
		}
	}
	return false
}
