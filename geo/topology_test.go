package geo_test

import (
	"math"
	"slices"
	"sort"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

func square(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

func TestBuildTopologySharesBorders(t *testing.T) {
	// Two unit squares side by side with a wiggly shared edge, and an island.
	left := orb.Polygon{{{0, 0}, {1, 0}, {1.1, 0.3}, {0.95, 0.6}, {1, 1}, {0, 1}, {0, 0}}}
	right := orb.Polygon{{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {0.95, 0.6}, {1.1, 0.3}, {1, 0}}}
	island := square(3, 3, 4, 4)
	topo := geo.BuildTopology([]orb.MultiPolygon{{left}, {right, island}}, nil)

	if got := len(topo.Arcs); got != 4 {
		t.Fatalf("%d arcs, want 4 (shared edge, left rest, right rest, island)", got)
	}
	used := map[int][]int{}
	for s, shape := range topo.Shapes {
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					i, _ := ref.Index()
					used[i] = append(used[i], s)
				}
			}
		}
	}
	shared := 0
	for _, shapes := range used {
		if len(shapes) == 2 {
			shared++
		}
	}
	if shared != 1 {
		t.Errorf("%d arcs used by both shapes, want 1", shared)
	}
	for i, w := range topo.Weights {
		if !math.IsInf(w[0], 1) || !math.IsInf(w[len(w)-1], 1) {
			t.Errorf("arc %d: endpoints must weigh +Inf, got %v", i, w)
		}
	}
	// Simplifying away the wiggle keeps both sides identical.
	for _, min := range []float64{0, 0.01, 0.1, 10} {
		arcs := topo.Filter(min)
		l := geo.Ring(arcs, topo.Shapes[0][0][0], nil)
		r := geo.Ring(arcs, topo.Shapes[1][0][0], nil)
		if !sameSegments(l, r) {
			t.Errorf("min %v: left %v and right %v share no border", min, l, r)
		}
	}
}

// sameSegments reports whether a and b share at least one segment and every
// segment of a that touches x in [0.9, 1.2] (the shared border) is in b.
func sameSegments(a, b []orb.Point) bool {
	seg := map[[2]orb.Point]bool{}
	for i := 0; i+1 < len(b); i++ {
		seg[[2]orb.Point{b[i], b[i+1]}] = true
		seg[[2]orb.Point{b[i+1], b[i]}] = true
	}
	n := 0
	for i := 0; i+1 < len(a); i++ {
		p, q := a[i], a[i+1]
		if p[0] > 0.9 && q[0] > 0.9 && p[0] < 1.2 && q[0] < 1.2 {
			if !seg[[2]orb.Point{p, q}] {
				return false
			}
			n++
		}
	}
	return n > 0
}

func TestVisvalingamWeights(t *testing.T) {
	line := []orb.Point{{0, 0}, {1, 0.1}, {2, 0}, {3, 2}, {4, 0}}
	topo := geo.BuildTopology([]orb.MultiPolygon{{{append(line, orb.Point{2, -5}, orb.Point{0, 0})}}}, nil)
	w := topo.Weights[0]
	// The closed ring is one arc; its small bump goes first.
	order := make([]int, 0, len(w))
	for i := range w {
		if !math.IsInf(w[i], 1) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return w[order[i]] < w[order[j]] })
	arc := topo.Arcs[0]
	if first := arc[order[0]]; first != (orb.Point{1, 0.1}) {
		t.Errorf("first vertex removed is %v, want the bump (1, 0.1); weights %v", first, w)
	}
	if got := topo.Filter(math.Inf(1)); len(got[0]) != 2 {
		t.Errorf("at +Inf %d vertices remain, want the two endpoints", len(got[0]))
	}
}

// TestNoGapsOrOverlaps checks the shipped atlas simplified as a map draws
// it: all of China at 960×720 and every division's focus view at
// 1200×900. Every vertex that two neighbours share at full resolution and
// that survives in one neighbour's drawn ring survives in the other's: both
// sides draw the identical border, so the area between them is zero. A
// raster at the view's size then counts pixels covered by two divisions
// (overlap), which catches arcs crossing one another. Per-ring
// simplification fails both at every scale. (internal/dcw measures the
// file itself at full precision.)
func TestNoGapsOrOverlaps(t *testing.T) {
	a := embedded(t)
	type view struct {
		name string
		b    orb.Bound // projected
		w, h float64
	}
	views := []view{{"china 960", a.Extent, 960, 720}}
	for i, d := range a.Divisions {
		views = append(views, view{d.Code + " 1200", a.Projected[i], 1200, 900})
	}
	for _, v := range views {
		t.Run(v.name, func(t *testing.T) {
			tr := geo.Fit(v.b, v.w, v.h, 20)
			drawn := a.Topology.Filter(0.25 / (tr.Scale * tr.Scale)) // (half a px)²
			if n := borderMismatches(a, drawn); n != 0 {
				t.Errorf("%d shared-border vertices drawn by one neighbour only", n)
			}
			W, H := int(v.w), int(v.h)
			screen := orb.Bound{Max: orb.Point{v.w, v.h}}
			count := make([]uint8, W*H)
			for _, shape := range a.Topology.Shapes {
				var rings [][]orb.Point
				var b orb.Bound
				for _, poly := range shape {
					for _, refs := range poly {
						r := geo.Ring(drawn, refs, nil)
						for i := range r {
							r[i] = tr.Apply(r[i])
						}
						if len(rings) == 0 {
							b = orb.Ring(r).Bound()
						}
						b = b.Union(orb.Ring(r).Bound())
						rings = append(rings, r)
					}
				}
				if b.Intersects(screen) {
					fill(count, W, H, rings)
				}
			}
			overlap := 0
			for _, n := range count {
				if n > 1 {
					overlap++
				}
			}
			if overlap != 0 {
				t.Errorf("%d px covered by two divisions", overlap)
				for i, n := range count {
					if n > 1 {
						t.Logf("overlap at %.4f", geo.China.Inverse(tr.Invert(orb.Point{float64(i%W) + 0.5, float64(i/W) + 0.5})))
						break
					}
				}
			}
		})
	}
}

// fill adds one to every pixel whose centre lies inside rings (even-odd).
// Edges are bucketed by the rows they cross, so a view pays only for the
// edges in it.
func fill(count []uint8, W, H int, rings [][]orb.Point) {
	rows := make([][][2]orb.Point, H)
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			p, q := r[i], r[i+1]
			y0 := max(0, int(math.Ceil(math.Min(p[1], q[1])-0.5)))
			y1 := min(H-1, int(math.Ceil(math.Max(p[1], q[1])-0.5)))
			for y := y0; y <= y1; y++ {
				rows[y] = append(rows[y], [2]orb.Point{p, q})
			}
		}
	}
	var xs []float64
	covered := make([]bool, W)
	for y := range H {
		cy := float64(y) + 0.5
		xs = xs[:0]
		for _, e := range rows[y] {
			p, q := e[0], e[1]
			if (p[1] <= cy) != (q[1] <= cy) {
				xs = append(xs, p[0]+(cy-p[1])/(q[1]-p[1])*(q[0]-p[0]))
			}
		}
		if len(xs) == 0 {
			continue
		}
		slices.Sort(xs)
		clear(covered)
		for i := 0; i+1 < len(xs); i += 2 {
			x0 := max(0, int(math.Ceil(xs[i]-0.5)))
			x1 := min(W-1, int(math.Floor(xs[i+1]-0.5)))
			for x := x0; x <= x1; x++ {
				covered[x] = !covered[x]
			}
		}
		for x, c := range covered {
			if c {
				count[y*W+x]++
			}
		}
	}
}

// borderMismatches counts vertices shared by two divisions at full
// resolution that one of them draws and the other does not.
func borderMismatches(a *geo.Atlas, drawn [][]orb.Point) int {
	full := a.Topology.Filter(0)
	owners := map[orb.Point][]int{} // full-resolution vertex -> divisions
	kept := map[orb.Point]map[int]bool{}
	for si, shape := range a.Topology.Shapes {
		for _, poly := range shape {
			for _, refs := range poly {
				for _, p := range geo.Ring(full, refs, nil) {
					if o := owners[p]; len(o) == 0 || o[len(o)-1] != si {
						owners[p] = append(o, si)
					}
				}
				for _, p := range geo.Ring(drawn, refs, nil) {
					if kept[p] == nil {
						kept[p] = map[int]bool{}
					}
					kept[p][si] = true
				}
			}
		}
	}
	n := 0
	for p, o := range owners {
		if len(o) < 2 || len(kept[p]) == 0 {
			continue
		}
		for _, si := range o {
			if !kept[p][si] {
				n++
			}
		}
	}
	return n
}

func TestEveryDivisionSurvivesSimplification(t *testing.T) {
	a := embedded(t)
	arcs := a.Topology.Filter(math.Inf(1))
	for i, shape := range a.Topology.Shapes {
		best := 0
		for _, poly := range shape {
			best = max(best, len(geo.Ring(arcs, poly[0], nil))-1)
		}
		if best < 3 {
			t.Errorf("%s: at the coarsest level its largest ring has %d distinct vertices, want 3", a.Divisions[i].Code, best)
		}
	}
}

// TestKeptMatchesFilter: the indexed selection keeps exactly the vertices
// a pass over all weights keeps, in order, at every threshold.
func TestKeptMatchesFilter(t *testing.T) {
	topo := embedded(t).Topology
	for _, thr := range []float64{0, 1e3, 1e4, 3e4, 1e5, 3e5, 1e6, 3e6, 1e7, 1e8, 1e9, math.Inf(1)} {
		want := topo.Filter(thr)
		var buf []int32
		for i, arc := range topo.Arcs {
			buf = topo.Kept(i, thr, buf[:0])
			if len(buf) != len(want[i]) {
				t.Fatalf("threshold %g arc %d: %d kept, Filter keeps %d", thr, i, len(buf), len(want[i]))
			}
			for k, v := range buf {
				if arc[v] != want[i][k] {
					t.Fatalf("threshold %g arc %d vertex %d differs", thr, i, k)
				}
			}
		}
	}
}

// BenchmarkKept selects the vertices of every arc at the thresholds of
// whole-China maps 700 to 1,600 px wide (1 px² at their scales).
func BenchmarkKept(b *testing.B) {
	topo := embedded(b).Topology
	var buf []int32
	for b.Loop() {
		for _, thr := range []float64{5e7, 3e7, 2e7, 1e7} {
			for i := range topo.Arcs {
				buf = topo.Kept(i, thr, buf[:0])
			}
		}
	}
}

// TestKeptOverWideWeights: weights spread over more floors than Index
// makes (4^0 to 4^39) still select exactly what a pass over all keeps.
func TestKeptOverWideWeights(t *testing.T) {
	arc := make([]orb.Point, 42)
	ws := make([]float64, 42)
	for k := range arc {
		arc[k] = orb.Point{float64(k), float64(k % 3)}
		ws[k] = math.Pow(4, float64((k*7)%40))
	}
	ws[0], ws[41] = math.Inf(1), math.Inf(1)
	topo := &geo.Topology{Arcs: [][]orb.Point{arc}, Weights: [][]float64{ws}}
	topo.Index()
	for e := -2.0; e <= 42; e += 0.5 {
		thr := math.Pow(4, e)
		got := topo.Kept(0, thr, nil)
		var want []int32
		for k, w := range ws {
			if w >= thr {
				want = append(want, int32(k))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("threshold 4^%v: kept %v, want %v", e, got, want)
		}
	}
}
