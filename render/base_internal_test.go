package render

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// landMaskByRows is the land mask as it was first written, row by row
// over every edge: newMasks must mark the same cells.
func landMaskByRows(frame orb.Bound, ps []BaseProvince) *landMask {
	m := &landMask{frame: frame, cell: landCell}
	m.cols = int((frame.Max[0]-frame.Min[0])/m.cell) + 1
	m.rows = int((frame.Max[1]-frame.Min[1])/m.cell) + 1
	m.bits = newCellBits(m.cols * m.rows)
	var xs []float64
	for r := range m.rows {
		y := frame.Min[1] + (float64(r)+0.5)*m.cell
		xs = xs[:0]
		for _, p := range ps {
			if y < p.Bound.Min[1] || y > p.Bound.Max[1] {
				continue
			}
			for _, ring := range p.Rings {
				for i := 0; i+1 < len(ring); i++ {
					a, b := ring[i], ring[i+1]
					if (a[1] <= y) != (b[1] <= y) {
						xs = append(xs, a[0]+(y-a[1])/(b[1]-a[1])*(b[0]-a[0]))
					}
				}
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			c0 := max(0, int((xs[i]-frame.Min[0])/m.cell))
			c1 := min(m.cols-1, int((xs[i+1]-frame.Min[0])/m.cell))
			for c := c0; c <= c1; c++ {
				m.bits.set(r*m.cols + c)
			}
		}
	}
	return m
}

// maskViews are the views the tests of the masks build.
var maskViews = []Options{
	{Width: 960, Height: 720},
	{Width: 1301, Height: 777},
	{Width: 960, Height: 720, Focus: "CN-GD"},
	{Width: 800, Height: 600, BBox: BBox{112, 21, 118, 26}},
	{Width: 800, Height: 600, BBox: BBox{75, 35, 90, 45}},
}

func TestLandMask(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, opt := range maskViews {
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := newMasks(s.Base.Frame, s.Base.Provinces, nil)
		want := landMaskByRows(s.Base.Frame, s.Base.Provinces)
		if !slices.Equal(got.bits, want.bits) {
			t.Errorf("%+v: land mask differs from the row-by-row one", opt)
		}
	}
}

// TestLandMaskOnCentreLines: rings whose vertices lie on the rows'
// centre lines, or a hair off them, where newMasks cannot pass an edge
// over by its ends' bands, mark the cells the row-by-row mask marks.
func TestLandMaskOnCentreLines(t *testing.T) {
	frame := orb.Bound{Max: orb.Point{300, 240}}
	rng := rand.New(rand.NewPCG(7, 11))
	for n := range 200 {
		var ps []BaseProvince
		for range 1 + n%3 {
			c := orb.Point{30 + 240*rng.Float64(), 30 + 180*rng.Float64()}
			var ring orb.Ring
			k := 3 + rng.IntN(40)
			for i := range k {
				th := 2 * math.Pi * float64(i) / float64(k)
				r := 5 + 25*rng.Float64()
				y := c[1] + r*math.Sin(th)
				switch rng.IntN(3) {
				case 0: // on a centre line
					y = (math.Round(y/landCell-0.5) + 0.5) * landCell
				case 1: // a hair off one
					y = (math.Round(y/landCell-0.5)+0.5)*landCell + (rng.Float64()-0.5)*1e-5
				}
				ring = append(ring, orb.Point{c[0] + r*math.Cos(th), y})
			}
			ring = append(ring, ring[0])
			ps = append(ps, BaseProvince{Rings: [][]orb.Point{ring}, Bound: ring.Bound()})
		}
		got, _ := newMasks(frame, ps, nil)
		want := landMaskByRows(frame, ps)
		if !slices.Equal(got.bits, want.bits) {
			t.Fatalf("case %d: land mask differs from the row-by-row one", n)
		}
	}
}

func TestPointsBound(t *testing.T) {
	for _, pts := range [][]orb.Point{
		nil, {{1, 2}}, {{1, 2}, {3, -4}, {0, 0}, {5, 5}, {1, 2}},
		{{0, 0}, {-0.0 * -1, 1}}, {{2, 2}, {1, 1}, {3, 0}},
	} {
		if got, want := pointsBound(pts), orb.MultiPoint(pts).Bound(); got != want {
			t.Errorf("pointsBound(%v) = %v, want %v", pts, got, want)
		}
	}
}

// TestRingClipper: rings clipped as orb/clip clips them, to the bit.
func TestRingClipper(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	rng := rand.New(rand.NewPCG(3, 4))
	var c ringClipper
	for n := range 2000 {
		r := make([]orb.Point, 3+rng.IntN(30))
		for i := range r {
			r[i] = orb.Point{rng.Float64()*30 - 10, rng.Float64()*30 - 10}
		}
		if n%2 == 0 {
			r = append(r, r[0])
		}
		var want []orb.Point
		rb := orb.MultiPoint(r).Bound()
		switch {
		case box.Contains(rb.Min) && box.Contains(rb.Max):
			want = r
		case rb.Intersects(box):
			want = clip.Ring(box, orb.Ring(slices.Clone(r)))
		}
		got, gb := c.ring(r, box)
		if !slices.Equal(got, want) {
			t.Fatalf("ring %v: clipped to %v, want %v", r, got, want)
		}
		if wb := orb.MultiPoint(got).Bound(); len(got) > 0 && gb != wb {
			t.Fatalf("ring %v: bound %v, want %v", r, gb, wb)
		}
	}
}

// TestBasePaths: every part of a view's base has its path data written
// once, at build, as the writer would write it from the points.
func TestBasePaths(t *testing.T) {
	a := atlastest.Embedded(t)
	s, err := Build(context.Background(), a, Request{Options: Options{Width: 960, Height: 720, Graticule: true}})
	if err != nil {
		t.Fatal(err)
	}
	b := s.Base
	check := func(name string, got []byte, rings [][]orb.Point, closed bool) {
		t.Helper()
		var pb pathBuf
		for _, r := range rings {
			if closed {
				pb.ring(r)
			} else {
				pb.line(r)
			}
		}
		if len(rings) > 0 && len(got) == 0 || string(got) != string(pb.b) {
			t.Errorf("%s: path data %d bytes, want %d", name, len(got), len(pb.b))
		}
	}
	for _, p := range b.Provinces {
		check(p.Code, p.path, p.Rings, true)
	}
	for _, c := range b.Countries {
		check(c.Code, c.path, c.Rings, true)
	}
	check("borders", b.borderPath, b.Borders, false)
	check("outline", b.outlinePath, b.Outline, false)
	check("country lines", b.countryLinePath, b.CountryLines, false)
	check("graticule", b.graticulePath, b.Graticule, false)
}

// TestFarOutside: dropping the vertices that farOutside drops changes
// nothing that clipping at the view leaves: a ring clipped to the box
// winds the same way around every point inside it, and a line clips to
// the same pieces. The arcs are random walks that wander in and out of
// the box, and most vertices lie outside it, as on a zoomed view.
func TestFarOutside(t *testing.T) {
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	rng := rand.New(rand.NewPCG(5, 6))
	var c ringClipper
	dropped := 0
	for n := range 3000 {
		arc := make([]orb.Point, 4+rng.IntN(60))
		p := orb.Point{rng.Float64()*40 - 15, rng.Float64()*40 - 15}
		for i := range arc {
			p = orb.Point{p[0] + rng.NormFloat64()*4, p[1] + rng.NormFloat64()*4}
			arc[i] = p
		}
		all := make([]int32, len(arc))
		for i := range all {
			all[i] = int32(i)
		}
		head := []int32{7, 7} // farOutside works on what follows idx[s]
		kept := farOutside(arc, append(slices.Clone(head), all...), len(head), box)
		if !slices.Equal(kept[:len(head)], head) {
			t.Fatalf("arc %d: the indices before s changed: %v", n, kept[:len(head)])
		}
		kept = kept[len(head):]
		if kept[0] != 0 || kept[len(kept)-1] != int32(len(arc)-1) {
			t.Fatalf("arc %d: ends not kept: %v", n, kept)
		}
		dropped += len(arc) - len(kept)
		short := make([]orb.Point, len(kept))
		for i, k := range kept {
			short[i] = arc[k]
		}
		// As a line.
		if got, want := clipLine(short, box), clipLine(arc, box); !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("arc %d: line clipped to %v, want %v", n, got, want)
		}
		// As a ring, closed by its chord.
		full, _ := c.ring(append(slices.Clone(arc), arc[0]), box)
		full = slices.Clone(full)
		part, _ := c.ring(append(short, arc[0]), box)
		for range 50 {
			q := orb.Point{0.01 + rng.Float64()*9.98, 0.01 + rng.Float64()*9.98}
			if a, b := winding(full, q), winding(part, q); a != b {
				t.Fatalf("arc %d: clipped ring winds %d times round %v, want %d", n, b, q, a)
			}
		}
	}
	if dropped == 0 {
		t.Fatal("no vertex dropped: the test tests nothing")
	}
	t.Logf("%d vertices dropped", dropped)
}

// winding is the winding number of closed ring r around q.
func winding(r []orb.Point, q orb.Point) int {
	w := 0
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		cross := (b[0]-a[0])*(q[1]-a[1]) - (q[0]-a[0])*(b[1]-a[1])
		switch {
		case a[1] <= q[1] && b[1] > q[1] && cross > 0:
			w++
		case a[1] > q[1] && b[1] <= q[1] && cross < 0:
			w--
		}
	}
	return w
}

// TestLineClipperIsOrbs: lineClipper cuts random lines into the pieces
// orb/clip's MultiLineString cuts, point for point, and the pieces cut
// first keep their points while one clipper cuts a thousand more lines
// into its array (which moves as it grows) until reset.
func TestLineClipperIsOrbs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	var c lineClipper
	for round := range 3 {
		c.reset()
		var got, want [][]orb.Point
		for n := range 1000 {
			l := make([]orb.Point, 2+rng.IntN(40))
			p := orb.Point{rng.Float64()*30 - 10, rng.Float64()*30 - 10}
			for i := range l {
				if n%7 == 0 && i > 0 {
					p = orb.Point{p[0], box.Max[1]} // along a side
				} else {
					p = orb.Point{p[0] + rng.NormFloat64()*3, p[1] + rng.NormFloat64()*3}
				}
				l[i] = p
			}
			got = c.clip(got, l, box)
			for _, ls := range clip.MultiLineString(box, orb.MultiLineString{slices.Clone(l)}) {
				want = append(want, ls)
			}
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: %d pieces differ from orb's %d", round, len(got), len(want))
		}
	}
}
