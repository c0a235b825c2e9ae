package render

import (
	"slices"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// hubsInView are the hubs whose markers lie in a view's frame, in runs of
// one kind (see geo's kinds) in one grid cell, with each run's sums. No
// filter changes them, so they are found once per view and hub list (see
// views) and a map of 50,000 hubs then gathers a few thousand runs, not
// every hub.
type hubsInView struct {
	cells   int // grid cells with hubs, one per division in each; runs number them densely
	runs    []hubRun
	members []int32 // hub indices, run after run, in file order within each
	bytes   int
}

// hubRun is the hubs of one kind in one cell: members[start:start+n].
type hubRun struct {
	kind  int32
	start int32
	hubRunSums
}

// hubRunSums are summed in file order, by the view and by gather alike.
type hubRunSums struct {
	cell, n int32   // cell: of the cells with hubs, in order of first hub
	sx, sy  float64 // px
	value   float64 // of the hubs that have one
}

func (r *hubRunSums) add(p orb.Point, value float64) {
	r.n++
	r.sx += p[0]
	r.sy += p[1]
	if value == value { // not NaN
		r.value += value
	}
}

// hubViewKey names what a hubsInView depends on.
type hubViewKey struct {
	version string // of the atlas
	gridKey
}

// views caches the hubs in view of recent views. 50,000 hubs take about
// 0.3 MB per view (2,088 runs and the members' indices), so the 4 MB
// bound keeps about 13; the 26 of the embedded list take about 2 KB, and
// the bound of 64 entries (eight times the Bases kept at 1200×900) keeps
// those: before it, 2,000 views' worth had filled the 4 MB under the load
// test, a sixth of the live heap, for views whose Base was long gone.
var views = newViewCache[hubViewKey](4<<20, 64, func(h *hubsInView) int { return h.bytes })

// hubsInView returns the hubs of a in the grid's frame.
func (g *symbolGrid) hubsInView(a *geo.Atlas) *hubsInView {
	k := hubViewKey{version: a.Version, gridKey: g.gridKey}
	return views.get(k, func() *hubsInView { return g.findHubs(a) })
}

// findHubs sorts the hubs in the frame into runs, numbered in order of
// their first hub.
func (g *gridKey) findHubs(a *geo.Atlas) *hubsInView {
	hv := &hubsInView{}
	// Most kinds lie in one city, so in one cell or two: a kind's last
	// run is nearly always the one, and the map is asked only otherwise.
	runOf := map[[2]int32]int32{}
	lastRun := make([]int32, a.Kinds())
	for k := range lastRun {
		lastRun[k] = -1
	}
	// A cell holds the hubs of one division: a symbol is never drawn
	// across a boundary, where it had counted Beijing's hubs in
	// "Tianjin etc.", Shanghai's in "Suzhou etc." and Hong Kong's in
	// Shenzhen's. slot numbers a grid cell's first division, more the
	// others (few cells hold two).
	slot := make([]int32, g.cols*g.rows) // grid cell to dense cell, +1
	slotDiv := make([]int32, g.cols*g.rows)
	var more map[[2]int32]int32
	hubRunIx := make([]int32, len(a.Hubs))
	for i := range a.Hubs {
		p, c, ok := g.locate(a.HubXY(i))
		if !ok {
			hubRunIx[i] = -1
			continue
		}
		div := int32(a.HubDivision(i))
		d := slot[c]
		switch {
		case d == 0:
			hv.cells++
			d = int32(hv.cells)
			slot[c], slotDiv[c] = d, div
		case slotDiv[c] != div:
			if more == nil {
				more = map[[2]int32]int32{}
			}
			key := [2]int32{int32(c), div}
			if d = more[key]; d == 0 {
				hv.cells++
				d = int32(hv.cells)
				more[key] = d
			}
		}
		hv.addTo(d-1, int32(a.HubKind(i)), p, a.HubValue(i), lastRun, runOf, hubRunIx, i)
	}
	next := make([]int32, len(hv.runs))
	var total int32
	for r := range hv.runs {
		hv.runs[r].start = total
		next[r] = total
		total += hv.runs[r].n
	}
	hv.members = make([]int32, total)
	for i, r := range hubRunIx {
		if r >= 0 {
			hv.members[next[r]] = int32(i)
			next[r]++
		}
	}
	hv.runs = slices.Clip(hv.runs)
	hv.bytes = 64*len(hv.runs) + 4*len(hv.members) + 256
	return hv
}

// addTo adds hub i, of kind k at p, to its run in dense cell d: the
// kind's last run nearly always, else the one runOf finds or a new one.
func (hv *hubsInView) addTo(d, k int32, p orb.Point, value float64, lastRun []int32, runOf map[[2]int32]int32, hubRunIx []int32, i int) {
	r := lastRun[k]
	if r < 0 || hv.runs[r].cell != d {
		key := [2]int32{d, k}
		var ok bool
		if r, ok = runOf[key]; !ok {
			r = int32(len(hv.runs))
			runOf[key] = r
			hv.runs = append(hv.runs, hubRun{kind: k, hubRunSums: hubRunSums{cell: d}})
		}
		lastRun[k] = r
	}
	hv.runs[r].add(p, value)
	hubRunIx[i] = r
}

// matching counts the hubs in view that sel matches.
func (hv *hubsInView) matching(sel *selection) int {
	n := 0
	for ri := range hv.runs {
		run := &hv.runs[ri]
		if sel.kindMasks != nil {
			if sel.kindMasks[run.kind] != 0 {
				n += int(run.n)
			}
			continue
		}
		for _, i := range hv.members[run.start : run.start+run.n] {
			if sel.masks[i] != 0 {
				n++
			}
		}
	}
	return n
}

// matchingHubs lists the hubs in view that sel matches, in file order.
func (hv *hubsInView) matchingHubs(sel *selection) []int {
	var out []int
	for ri := range hv.runs {
		run := &hv.runs[ri]
		if sel.kindMasks != nil && sel.kindMasks[run.kind] == 0 {
			continue
		}
		for _, i := range hv.members[run.start : run.start+run.n] {
			if sel.mask(int(i)) != 0 {
				out = append(out, int(i))
			}
		}
	}
	slices.Sort(out)
	return out
}
