package render

import (
	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// seaName is a sea, gulf or strait named on the map where its water is
// in view, as atlases of China name them.
type seaName struct {
	code   string    // for NameLabel.Code: "sea-" and a short name
	en, zh string    // names
	at     orb.Point // lon, lat: the middle of its open water
}

// seaNames are the waters around China, the largest first: where two
// would take the same place the larger keeps it.
var seaNames = []seaName{
	{"sea-south-china", "South China Sea", "南海", orb.Point{115.5, 17.5}},
	{"sea-east-china", "East China Sea", "东海", orb.Point{125.0, 29.0}},
	{"sea-yellow", "Yellow Sea", "黄海", orb.Point{123.5, 35.5}},
	{"sea-japan", "Sea of Japan", "日本海", orb.Point{134.5, 40.5}},
	{"sea-bohai", "Bohai Sea", "渤海", orb.Point{120.0, 38.8}},
	{"sea-tonkin", "Gulf of Tonkin", "北部湾", orb.Point{107.8, 20.3}},
	{"sea-taiwan", "Taiwan Strait", "台湾海峡", orb.Point{119.6, 24.2}},
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
	inner := b.Frame.Pad(-2)
	for _, sea := range seaNames {
		at := b.Transform.Apply(geo.China.Forward(sea.at))
		n := nameSpot{code: sea.code, lines: nameLines(sea.en, sea.zh, lang), div: -1}
		n.sizes = []float64{size, size}[:len(n.lines)]
		n.w, n.h = labelSize(Label{Lines: n.lines, Sizes: n.sizes})
		// No place about a middle this far out of the frame is in it.
		if reach := (orb.Bound{Min: orb.Point{at[0] - 1.5*n.w, at[1] - 2.5*n.h}, Max: orb.Point{at[0] + 1.5*n.w, at[1] + 2.5*n.h}}); !reach.Intersects(inner) {
			continue
		}
		for _, off := range seaOffsets {
			c := orb.Point{at[0] + off[0]*n.w, at[1] + off[1]*n.h}
			box := orb.Bound{Min: orb.Point{c[0] - n.w/2, c[1] - n.h/2}, Max: orb.Point{c[0] + n.w/2, c[1] + n.h/2}}
			if !inner.Contains(box.Min) || !inner.Contains(box.Max) || !b.onWater(box) {
				continue
			}
			n.inside = append(n.inside, box)
			n.insideAt = append(n.insideAt, c)
		}
		if len(n.inside) > 0 {
			n.at = n.insideAt[0]
			out = append(out, n)
		}
	}
	return out
}

// onWater reports whether box lies on no land: neither China's (the land
// mask) nor a neighbour's, sampled at its corners, the middles of its
// sides and its centre, and with no point of a neighbour's coast inside.
func (b *Base) onWater(box orb.Bound) bool {
	if b.land.covered(box) > 0 {
		return false
	}
	c := box.Center()
	pts := [9]orb.Point{box.Min, box.Max, {box.Min[0], box.Max[1]}, {box.Max[0], box.Min[1]},
		{c[0], box.Min[1]}, {c[0], box.Max[1]}, {box.Min[0], c[1]}, {box.Max[0], c[1]}, c}
	for _, country := range b.Countries {
		if !country.Bound.Intersects(box) {
			continue
		}
		for _, r := range country.Rings {
			for _, p := range pts {
				if ringContains(r, p) {
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
