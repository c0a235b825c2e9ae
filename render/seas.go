package render

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// seaName is a sea, gulf or strait named on the map where its water is
// in view, as atlases of China name them.
type seaName struct {
	code   string    // for NameLabel.Code: "sea-" and a short name
	en, zh string    // names
	at     orb.Point // lon, lat: the middle of its open water
	// water is where it lies, lon/lat boxes (none overlaps another
	// sea's): where the places about its middle are taken or out of
	// the frame, a view names it on the part of its water in view.
	water []orb.Bound
}

// seaNames are the waters around China, the largest first: where two
// would take the same place the larger keeps it.
var seaNames = []seaName{
	{"sea-south-china", "South China Sea", "南海", orb.Point{115.5, 17.5},
		// South of the Gulf of Tonkin's mouth and of Hainan; east of
		// the Leizhou peninsula, not in the Qiongzhou Strait; off
		// Guangdong's coast (north to 22°N, not in the Pearl River's
		// estuary); south of the Taiwan Strait.
		lonLat(105, 3, 121.5, 17, 108.5, 17, 110.8, 18.3, 110.8, 17, 117.5, 22, 117.5, 17, 121, 21.8)},
	{"sea-east-china", "East China Sea", "东海", orb.Point{125.0, 29.0},
		// North of Taiwan to the line from the Yangtze's mouth to Jeju;
		// east of 122.2°E north of 29.8°N, not in Hangzhou Bay or the
		// Yangtze's channels.
		lonLat(122.2, 25.6, 128.5, 31.5, 120.2, 25.6, 122.2, 29.8, 122.5, 31.5, 127, 33)},
	{"sea-yellow", "Yellow Sea", "黄海", orb.Point{123.5, 35.5},
		// Up to Korea Bay; off Jiangsu north of 32.2°N, not in the
		// Yangtze's northern channel; Bohai's strait is Bohai's.
		lonLat(122, 31.5, 126.8, 39.9, 120.5, 32.2, 122, 37.3)},
	{"sea-japan", "Sea of Japan", "日本海", orb.Point{134.5, 40.5},
		lonLat(128.5, 35, 142, 52)},
	{"sea-bohai", "Bohai Sea", "渤海", orb.Point{120.0, 38.8},
		lonLat(117.5, 37, 121.1, 41, 121.1, 38.9, 122, 41)},
	{"sea-tonkin", "Gulf of Tonkin", "北部湾", orb.Point{107.8, 20.3},
		lonLat(105.7, 17, 109.5, 21.8)},
	{"sea-taiwan", "Taiwan Strait", "台湾海峡", orb.Point{119.6, 24.2},
		lonLat(117.5, 22, 120.2, 25.6)},
}

// lonLat makes boxes of west, south, east, north in turn.
func lonLat(v ...float64) []orb.Bound {
	var out []orb.Bound
	for i := 0; i+3 < len(v); i += 4 {
		out = append(out, orb.Bound{Min: orb.Point{v[i], v[i+1]}, Max: orb.Point{v[i+2], v[i+3]}})
	}
	return out
}

// contains reports whether a lon/lat point lies in the sea's water.
func (s *seaName) contains(ll orb.Point) bool {
	for _, w := range s.water {
		if w.Contains(ll) {
			return true
		}
	}
	return false
}

// seaOffsets are where a sea's name may stand about its middle, in
// widths and heights of the name, nearest first: the middle of a strait
// or a gulf is narrow, and hubs' labels may take it.
var seaOffsets = [][2]float64{{0, 0}, {0, -1}, {0, 1}, {-0.5, 0}, {0.5, 0}, {-0.5, -1}, {0.5, -1}, {-0.5, 1}, {0.5, 1},
	{0, -2}, {0, 2}, {-1, 0}, {1, 0}}

// seaSpots lays out the names of the waters in view: for each, the boxes
// around its middle that lie whole on water in the frame, nearest first.
func (b *Base) seaSpots(lang string, size float64) []nameSpot {
	var out []nameSpot
	for i, sea := range seaNames {
		at := b.Transform.Apply(geo.China.Forward(sea.at))
		n := nameSpot{code: sea.code, lines: nameLines(sea.en, sea.zh, lang), div: -1}
		n.sizes = []float64{size, size}[:len(n.lines)]
		n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
		n.inside, n.insideAt = b.waterAbout(at, n.w, n.h)
		// Then, when every place about the middle is taken or out of the
		// frame, elsewhere on its water in view (see seaRoom).
		water, ok := b.seaInView(i)
		if ok {
			n.sea = &seaRoom{sea: &seaNames[i], water: water}
		}
		if len(n.inside) == 0 && !ok {
			continue
		}
		out = append(out, n)
	}
	return out
}

// waterAbout returns the w×h boxes about at, px, nearest first
// (seaOffsets), that lie whole on water in the frame, and their centres.
func (b *Base) waterAbout(at orb.Point, w, h float64) ([]orb.Bound, []orb.Point) {
	inner := b.Frame.Pad(-2)
	// No place about a middle this far out of the frame is in it.
	reach := orb.Bound{Min: orb.Point{at[0] - 1.5*w, at[1] - 2.5*h}, Max: orb.Point{at[0] + 1.5*w, at[1] + 2.5*h}}
	if !reach.Intersects(inner) {
		return nil, nil
	}
	var boxes []orb.Bound
	var centres []orb.Point
	for _, off := range seaOffsets {
		c := orb.Point{at[0] + off[0]*w, at[1] + off[1]*h}
		box := orb.Bound{Min: orb.Point{c[0] - w/2, c[1] - h/2}, Max: orb.Point{c[0] + w/2, c[1] + h/2}}
		if inner.Contains(box.Min) && inner.Contains(box.Max) && b.onWater(box) {
			boxes, centres = append(boxes, box), append(centres, c)
		}
	}
	return boxes, centres
}

// seaWater is the projected bound of each sea's water, made once.
var seaWater = sync.OnceValue(func() []orb.Bound {
	out := make([]orb.Bound, len(seaNames))
	for i, sea := range seaNames {
		for k, w := range sea.water {
			if pb := projectBound(w); k == 0 {
				out[i] = pb
			} else {
				out[i] = out[i].Union(pb)
			}
		}
	}
	return out
})

// seaInView returns the bound, px, of sea i's water in the frame; false
// when none of it may lie there.
func (b *Base) seaInView(i int) (orb.Bound, bool) {
	px := viewPx(b.Transform, seaWater()[i])
	if !px.Intersects(b.Frame) {
		return orb.Bound{}, false
	}
	f := b.Frame
	return orb.Bound{Min: orb.Point{max(px.Min[0], f.Min[0]), max(px.Min[1], f.Min[1])}, Max: orb.Point{min(px.Max[0], f.Max[0]), min(px.Max[1], f.Max[1])}}, true
}

// seaRoom is where else on a sea's water in view its name fits: the
// places about its middle may all lie under a legend (the Yellow Sea in
// Jiangsu's view) or out of the frame (the South China Sea in
// Guangdong's). Worked out on first use — when no place about the middle
// is free, which a view of all China seldom asks — once per view, and
// read-only after.
type seaRoom struct {
	once  sync.Once
	sea   *seaName
	water orb.Bound // px, in the frame
	boxes []orb.Bound
}

// spots returns the places for a w×h name (see seaWaterSpots).
func (r *seaRoom) spots(b *Base, w, h float64) []orb.Bound {
	r.once.Do(func() { r.boxes = b.seaWaterSpots(r.sea, r.water, w, h) })
	return r.boxes
}

// maxSeaSpots is how many places on its water in view a sea's name is
// offered, at most, when its middle is out of view.
const maxSeaSpots = 8

// maxSeaGrid bounds the places seaWaterSpots tries.
const maxSeaGrid = 4096

// seaWaterSpots finds places for a w×h name of sea on the part of its
// water in view (within water, px), nearest the middle of that part
// first — out in the open water, not in a corner of the frame nearest
// the sea's own middle — each two names' widths from the others. The
// places are the centres of a grid half a name wide and a name high, at
// least half a name's height inside the frame, each on the sea's water
// and on no land.
func (b *Base) seaWaterSpots(sea *seaName, water orb.Bound, w, h float64) []orb.Bound {
	mid := water.Center()
	inner := b.Frame.Pad(-max(2, h/2))
	x0, y0 := max(inner.Min[0], water.Min[0]-w/2), max(inner.Min[1], water.Min[1]-h/2)
	x1, y1 := min(inner.Max[0], water.Max[0]+w/2), min(inner.Max[1], water.Max[1]+h/2)
	type cand struct {
		at orb.Point
		d  float64 // squared, to mid
	}
	// The grid coarser on a large page, so that it holds about
	// maxSeaGrid places at most.
	sx, sy := w/2, h
	if n := (x1 - x0) * (y1 - y0) / (sx * sy); n > maxSeaGrid {
		k := math.Sqrt(n / maxSeaGrid)
		sx, sy = sx*k, sy*k
	}
	var cands []cand
	for y := y0 + h/2; y+h/2 <= y1; y += sy {
		for x := x0 + w/2; x+w/2 <= x1; x += sx {
			dx, dy := x-mid[0], y-mid[1]
			cands = append(cands, cand{orb.Point{x, y}, dx*dx + dy*dy})
		}
	}
	slices.SortStableFunc(cands, func(p, q cand) int { return cmp.Compare(p.d, q.d) })
	var boxes []orb.Bound
	var at []orb.Point // their centres
	for _, cd := range cands {
		c := cd.at
		if len(at) == maxSeaSpots {
			break
		}
		// Each place two names' widths from those before: a legend over
		// the water nearest the middle then leaves some free.
		if slices.ContainsFunc(at, func(o orb.Point) bool { return math.Hypot(o[0]-c[0], o[1]-c[1]) < 2*w }) {
			continue
		}
		// China's land first, the cheapest test (onWater tests it again).
		box := orb.Bound{Min: orb.Point{c[0] - w/2, c[1] - h/2}, Max: orb.Point{c[0] + w/2, c[1] + h/2}}
		if b.land.covered(box) > 0 || !sea.contains(geo.China.Inverse(b.Transform.Invert(c))) {
			continue
		}
		if b.onWater(box) {
			boxes, at = append(boxes, box), append(at, c)
		}
	}
	return boxes
}

// onWater reports whether box lies on no land: neither China's (the land
// mask) nor a neighbour's (offNeighbours).
func (b *Base) onWater(box orb.Bound) bool {
	return b.land.covered(box) == 0 && b.offNeighbours(box)
}

// offNeighbours reports whether box lies on no neighbour's land, sampled
// at its corners, the middles of its sides and its centre, and with no
// point of a neighbour's coast inside.
func (b *Base) offNeighbours(box orb.Bound) bool {
	c := box.Center()
	pts := [9]orb.Point{box.Min, box.Max, {box.Min[0], box.Max[1]}, {box.Max[0], box.Min[1]},
		{c[0], box.Min[1]}, {c[0], box.Max[1]}, {box.Min[0], c[1]}, {box.Max[0], c[1]}, c}
	for _, country := range b.Countries {
		if !country.Bound.Intersects(box) {
			continue
		}
		for ri, r := range country.Rings {
			// Neither test passes where the ring's bound misses the box.
			if !country.rings.bounds[ri].Intersects(box) {
				continue
			}
			for _, p := range pts {
				if country.rings.contains(ri, p) {
					return false
				}
			}
			for _, p := range r {
				if box.Contains(p) {
					return false
				}
			}
		}
	}
	return true
}
