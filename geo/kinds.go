package geo

import (
	"encoding/binary"
	"math"
)

// hubKinds group the hubs that every filter without a search treats
// alike: the same division, the same city and the same categories in the
// same order. A filter by category, industry or province gives every hub
// of a kind the same mask of matching specialties, so a map of a long
// supplier list can be drawn from a few thousand kinds instead of every
// hub (see render's hubsInView). A search reads each hub's own names and
// products, so it still goes hub by hub.
type hubKinds []hubKind

// hubKind is what the hubs of one kind share, and their totals, packed
// for a pass over every kind.
type hubKind struct {
	full   uint64  // mask of all specialties
	value  float64 // summed value of the hubs that have one
	rep    int32   // the first hub: the one Mask and dominant are asked about
	n      int32   // hubs
	div    int32
	city   int32
	dom    int32 // dominant industry of all specialties
	valued bool  // some hub has a value
}

// buildKinds sorts the hubs into kinds, numbered in order of first
// appearance, and sets each hub's kind in its column.
func (a *Atlas) buildKinds() {
	byKey := map[string]int32{}
	var key []byte
	for i := range a.Hubs {
		h := &a.Hubs[i]
		c := &a.cols[i]
		key = binary.AppendVarint(key[:0], int64(h.div))
		key = binary.AppendVarint(key, int64(h.city))
		for _, sp := range h.Specialties {
			key = binary.AppendVarint(key, int64(sp.cat))
		}
		k, ok := byKey[string(key)]
		if !ok {
			k = int32(len(a.kinds))
			byKey[string(key)] = k
			a.kinds = append(a.kinds, hubKind{full: c.full, rep: int32(i), div: c.div, city: c.city, dom: c.dom})
		}
		c.kind = k
		kd := &a.kinds[k]
		kd.n++
		if v := h.Value; !math.IsNaN(v) {
			kd.value += v
			kd.valued = true
		}
	}
}

// Kinds returns the number of hub kinds.
func (a *Atlas) Kinds() int { return len(a.kinds) }

// HubKind returns the kind of hub i.
func (a *Atlas) HubKind(i int) int { return int(a.cols[i].kind) }

// KindTotals returns the number of hubs of kind k, their division, the
// sum of their values and whether any of them has one.
func (a *Atlas) KindTotals(k int) (n, div int, value float64, valued bool) {
	kd := &a.kinds[k]
	return int(kd.n), int(kd.div), kd.value, kd.valued
}

// KindFacts returns the division, city (-1 when none) and dominant
// industry in mask that every hub of kind k shares.
func (a *Atlas) KindFacts(k int, mask uint64) (div, city, industry int) {
	kd := &a.kinds[k]
	industry = int(kd.dom)
	if mask != kd.full {
		industry = a.dominant(&a.Hubs[kd.rep], mask)
	}
	return int(kd.div), int(kd.city), industry
}

// KindMask returns the mask of matching specialties that m gives every hub
// of kind k, and false when m searches: the mask then differs hub by hub
// (ask Mask).
func (m *Matcher) KindMask(k int) (uint64, bool) {
	kd := &m.a.kinds[k]
	switch {
	case len(m.q) > 0:
		return 0, false
	case m.div >= 0 && int(kd.div) != m.div:
		return 0, true
	case m.cats == nil && m.industry < 0:
		return kd.full, true
	}
	return m.Mask(int(kd.rep)), true
}

// Searches says whether m has a search, so that hubs of one kind may
// match differently.
func (m *Matcher) Searches() bool { return len(m.q) > 0 }
