package render

import (
	"context"
	"math"
	"slices"

	"github.com/paulmach/orb"
)

// Label placement: every visible hub gets its label, none overlaps another
// label, a marker, the legend or the scale bar, and none leaves the frame.
// Each hub tries the eight places beside its marker first, then places
// further out on rings of growing radius, joined by a leader line, in
// directions pointing away from the map's centre first: on China's crowded
// coasts that is the sea, which is free space.

const (
	labelGap = 3.0 // px between marker and label
	linePad  = 1.5 // px around a text block
)

var leaderRadii = []float64{16, 24, 34, 46, 60, 78, 100, 126, 156, 190, 230, 280, 340, 420}

// maxOptional bounds the labels of proportional symbols: the largest
// circles are named, the rest say their count in the legend's terms.
const maxOptional = 40

func placeLabels(ctx context.Context, s *Scene) error {
	if len(s.Hubs) == 0 {
		return nil
	}
	inner := s.Frame.Pad(-2)
	fixed := []orb.Bound{s.Legend.Box, scaleBarBox(s.ScaleBar)}
	markers := make([]orb.Bound, len(s.Hubs))
	var centre orb.Point
	for i, h := range s.Hubs {
		markers[i] = orb.Bound{Min: orb.Point{h.At[0] - h.R - 1, h.At[1] - h.R - 1}, Max: orb.Point{h.At[0] + h.R + 1, h.At[1] + h.R + 1}}
		centre[0] += h.At[0] / float64(len(s.Hubs))
		centre[1] += h.At[1] / float64(len(s.Hubs))
	}
	mid := s.Frame.Center()
	centre = orb.Point{(centre[0] + mid[0]) / 2, (centre[1] + mid[1]) / 2}
	var placed []orb.Bound
	var leaders [][2]orb.Point

	// free reports whether box b (with its leader, if any) touches nothing
	// placed so far; strict also keeps the leader clear of other markers,
	// labels and leaders.
	free := func(self int, b orb.Bound, leader []orb.Point, strict bool) bool {
		if !inner.Contains(b.Min) || !inner.Contains(b.Max) {
			return false
		}
		for _, o := range fixed {
			if intersects(b, o) {
				return false
			}
		}
		if !strict {
			leader = nil
		}
		for i, m := range markers {
			if intersects(b, m) {
				return false
			}
			if leader != nil && i != self && segmentHitsBox(leader[0], leader[1], m) {
				return false
			}
		}
		for _, p := range placed {
			if intersects(b, p) || leader != nil && segmentHitsBox(leader[0], leader[1], p) {
				return false
			}
		}
		for _, l := range leaders {
			if strict && segmentHitsBox(l[0], l[1], b) || leader != nil && segmentsCross(l[0], l[1], leader[0], leader[1]) {
				return false
			}
		}
		if leader != nil {
			for _, o := range fixed {
				if segmentHitsBox(leader[0], leader[1], o) {
					return false
				}
			}
		}
		return true
	}

	// find looks for a free place for a w×ht label of hub i: beside the
	// marker, then further out with a leader that crosses nothing, then
	// with one that may cross (a crossing beats a dropped label).
	find := func(i int, w, ht float64) (orb.Bound, []orb.Point, bool) {
		h := &s.Hubs[i]
		for _, c := range besideCandidates(h.At, h.R, w, ht) {
			if free(i, c, nil, true) {
				return c, nil, true
			}
		}
		away := math.Atan2(h.At[1]-centre[1], h.At[0]-centre[0])
		for _, strict := range []bool{true, false} {
			for _, d := range leaderRadii {
				for _, th := range angleOrder(away) {
					b, from, to := leaderCandidate(h.At, h.R, d, th, w, ht)
					if free(i, b, []orb.Point{from, to}, strict) {
						return b, []orb.Point{from, to}, true
					}
				}
			}
		}
		return orb.Bound{}, nil, false
	}
	// overlap is how much of box b is covered by what is placed, or lies
	// outside the frame: the cost of a last-resort place.
	overlap := func(b orb.Bound) float64 {
		area := func(o orb.Bound) float64 {
			dx := math.Min(b.Max[0], o.Max[0]) - math.Max(b.Min[0], o.Min[0])
			dy := math.Min(b.Max[1], o.Max[1]) - math.Max(b.Min[1], o.Min[1])
			return math.Max(0, dx) * math.Max(0, dy)
		}
		a := (b.Max[0]-b.Min[0])*(b.Max[1]-b.Min[1]) - area(inner)
		for _, o := range fixed {
			a += area(o)
		}
		for _, o := range markers {
			a += area(o)
		}
		for _, o := range placed {
			a += area(o)
		}
		return a
	}

	order := crowdedFirst(s.Hubs)
	// Optional labels (of proportional symbols) come last, largest first.
	slices.SortStableFunc(order, func(x, y int) int {
		ox, oy := s.Hubs[x].Label.Optional, s.Hubs[y].Label.Optional
		switch {
		case ox != oy && ox:
			return 1
		case ox != oy:
			return -1
		case ox:
			return s.Hubs[y].Count - s.Hubs[x].Count
		}
		return 0
	})
	optional := 0
	for n, i := range order {
		if n%8 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		h := &s.Hubs[i]
		w, ht := labelSize2(h.Label)
		if h.Label.Optional {
			found := false
			for _, c := range besideCandidates(h.At, h.R, w, ht) {
				if optional < maxOptional && free(i, c, nil, true) {
					placed = append(placed, c)
					setLabelBox(&h.Label, c, h.At)
					optional++
					found = true
					break
				}
			}
			if !found {
				h.Label.Lines, h.Label.Sizes = nil, nil
			}
			continue
		}
		best, leader, ok := find(i, w, ht)
		if !ok && len(h.Label.Lines) > 1 {
			// Crowded: the name alone, without its products.
			h.Label.Lines, h.Label.Sizes = h.Label.Lines[:1], h.Label.Sizes[:1]
			w, ht = labelSize2(h.Label)
			best, leader, ok = find(i, w, ht)
		}
		if !ok {
			// A map too small for its labels: never drop one, take the
			// place that overlaps least.
			cost := math.Inf(1)
			try := func(b orb.Bound, l []orb.Point) {
				if c := overlap(b); c < cost {
					best, leader, cost = b, l, c
				}
			}
			for _, c := range besideCandidates(h.At, h.R, w, ht) {
				try(c, nil)
			}
			for _, d := range leaderRadii {
				for _, th := range angleOrder(0) {
					b, from, to := leaderCandidate(h.At, h.R, d, th, w, ht)
					try(b, []orb.Point{from, to})
				}
			}
		}
		placed = append(placed, best)
		if leader != nil {
			leaders = append(leaders, [2]orb.Point{leader[0], leader[1]})
			h.Leader = leader
		}
		setLabelBox(&h.Label, best, h.At)
	}
	return nil
}

// crowdedFirst orders hubs by how many other markers lie within 48 px,
// most first, then by their order in the scene: crowded hubs need the
// space, lone ones find room anywhere.
func crowdedFirst(hubs []HubMark) []int {
	n := make([]int, len(hubs))
	order := make([]int, len(hubs))
	for i, h := range hubs {
		order[i] = i
		for j, o := range hubs {
			if i != j && math.Hypot(h.At[0]-o.At[0], h.At[1]-o.At[1]) < 48 {
				n[i]++
			}
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return n[b] - n[a] })
	return order
}

// labelSize2 returns the width and height of a label's text block.
func labelSize2(l Label) (w, h float64) {
	for i, line := range l.Lines {
		lw := textWidth(line, l.Sizes[i])
		if i == 0 {
			lw = boldWidth(line, l.Sizes[i])
		}
		w = math.Max(w, lw)
		h += l.Sizes[i] * 1.2
	}
	return w + 2*linePad, h + 2*linePad
}

// besideCandidates are the eight boxes touching the marker: right, left,
// above, below, then the diagonals.
func besideCandidates(p orb.Point, r, w, h float64) []orb.Bound {
	g := r + labelGap
	d := g * 0.7
	at := func(x0, y0 float64) orb.Bound {
		return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + w, y0 + h}}
	}
	return []orb.Bound{
		at(p[0]+g, p[1]-h/2),
		at(p[0]-g-w, p[1]-h/2),
		at(p[0]-w/2, p[1]-g-h),
		at(p[0]-w/2, p[1]+g),
		at(p[0]+d, p[1]-d-h),
		at(p[0]+d, p[1]+d),
		at(p[0]-d-w, p[1]-d-h),
		at(p[0]-d-w, p[1]+d),
	}
}

// angleOrder lists 24 directions starting at away and alternating to
// either side of it.
func angleOrder(away float64) []float64 {
	out := make([]float64, 0, 24)
	out = append(out, away)
	for k := 1; k < 12; k++ {
		out = append(out, away+float64(k)*math.Pi/12, away-float64(k)*math.Pi/12)
	}
	return append(out, away+math.Pi)
}

// leaderCandidate puts the label d px from the marker in direction th,
// extending away from it, and returns the box and the leader's ends.
func leaderCandidate(p orb.Point, r, d, th, w, h float64) (orb.Bound, orb.Point, orb.Point) {
	c, sn := math.Cos(th), math.Sin(th)
	q := orb.Point{p[0] + (r+d)*c, p[1] + (r+d)*sn}
	x0, y0 := boxStart(q[0], c, w), boxStart(q[1], sn, h)
	b := orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x0 + w, y0 + h}}
	from := orb.Point{p[0] + (r+0.5)*c, p[1] + (r+0.5)*sn}
	return b, from, nearestOnBox(b, p)
}

// boxStart places a box of the given size along one axis so that it
// extends from v in the direction dir points (-1 to 1): after v, before
// it, or centred on it when dir is near zero.
func boxStart(v, dir, size float64) float64 {
	switch {
	case dir > 0.38:
		return v
	case dir < -0.38:
		return v - size
	}
	return v - size/2
}

func nearestOnBox(b orb.Bound, p orb.Point) orb.Point {
	return orb.Point{math.Max(b.Min[0], math.Min(p[0], b.Max[0])), math.Max(b.Min[1], math.Min(p[1], b.Max[1]))}
}

// setLabelBox lays the text lines out in box b: left-aligned when the box
// is right of the marker at, right-aligned when left of it, else centred.
func setLabelBox(l *Label, b orb.Bound, at orb.Point) {
	l.Box = b
	switch {
	case b.Min[0] >= at[0]:
		l.Anchor, l.X = "start", b.Min[0]+linePad
	case b.Max[0] <= at[0]:
		l.Anchor, l.X = "end", b.Max[0]-linePad
	default:
		l.Anchor, l.X = "middle", (b.Min[0]+b.Max[0])/2
	}
	y := b.Min[1] + linePad
	l.Y = l.Y[:0]
	for _, size := range l.Sizes {
		l.Y = append(l.Y, y+size*0.6)
		y += size * 1.2
	}
}

// intersects reports whether two boxes overlap with positive area.
func intersects(a, b orb.Bound) bool {
	return a.Min[0] < b.Max[0] && b.Min[0] < a.Max[0] && a.Min[1] < b.Max[1] && b.Min[1] < a.Max[1]
}

// segmentHitsBox reports whether segment pq passes through the inside of b.
func segmentHitsBox(p, q orb.Point, b orb.Bound) bool {
	t0, t1 := 0.0, 1.0
	d := orb.Point{q[0] - p[0], q[1] - p[1]}
	for k := range 2 {
		if math.Abs(d[k]) < 1e-12 {
			if p[k] <= b.Min[k] || p[k] >= b.Max[k] {
				return false
			}
			continue
		}
		a := (b.Min[k] - p[k]) / d[k]
		c := (b.Max[k] - p[k]) / d[k]
		if a > c {
			a, c = c, a
		}
		t0, t1 = math.Max(t0, a), math.Min(t1, c)
		if t0 >= t1 {
			return false
		}
	}
	return t1-t0 > 1e-9
}

// segmentsCross reports whether segments ab and cd properly intersect.
func segmentsCross(a, b, c, d orb.Point) bool {
	o := func(p, q, r orb.Point) float64 { return (q[0]-p[0])*(r[1]-p[1]) - (q[1]-p[1])*(r[0]-p[0]) }
	return o(a, b, c)*o(a, b, d) < 0 && o(c, d, a)*o(c, d, b) < 0
}
