package geo

import "slices"

// bandList lists items by horizontal band, all in one array: band k is
// items[at[k]:at[k+1]]. The point-in-division index (locator) and the
// pole search (edgeIndex) both list edges by the latitude bands they
// span, so that a ray cast from a point tests only its band's edges.
type bandList[E any] struct {
	at    []int32
	items []E
}

// newBandList lists in nb bands the items each passes to add, each with
// the range of bands it spans (lo to hi, within 0 to nb-1). It calls
// each twice: to count each band's items, then to fill one array of
// exact size.
func newBandList[E any](nb int, each func(add func(lo, hi int, e E))) bandList[E] {
	var b bandList[E]
	b.fill(nb, new([]int32), each)
	return b
}

// fill is newBandList in b's own arrays, grown when they are too small;
// next is scratch space, kept by the caller between fills.
func (b *bandList[E]) fill(nb int, next *[]int32, each func(add func(lo, hi int, e E))) {
	b.at = slices.Grow(b.at[:0], nb+1)[:nb+1]
	clear(b.at)
	each(func(lo, hi int, _ E) {
		for k := lo; k <= hi; k++ {
			b.at[k+1]++
		}
	})
	for k := range nb {
		b.at[k+1] += b.at[k]
	}
	b.items = slices.Grow(b.items[:0], int(b.at[nb]))[:b.at[nb]]
	*next = append((*next)[:0], b.at[:nb]...)
	nx := *next
	each(func(lo, hi int, e E) {
		for k := lo; k <= hi; k++ {
			b.items[nx[k]] = e
			nx[k]++
		}
	})
}

// band returns band k's items.
func (b bandList[E]) band(k int) []E { return b.items[b.at[k]:b.at[k+1]] }

// bands returns how many bands there are.
func (b bandList[E]) bands() int { return max(0, len(b.at)-1) }

// bandCount returns how many bands to list n edges in: limit, or fewer
// while the edges, whose heights add up to tall times the height banded,
// would make more than 8 entries an edge (each is listed in every band
// it spans). Tall edges (a comb or a star of spikes across the whole
// polygon) would otherwise fill every band.
func bandCount(limit int, n, tall float64) int {
	for limit > 1 && !(n+tall*float64(limit) <= 8*n) {
		limit /= 2
	}
	return max(1, limit)
}
