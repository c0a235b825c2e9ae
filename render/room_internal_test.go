package render

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// evenOdd reports whether p lies inside rings by the even-odd rule.
func evenOdd(rings [][]orb.Point, p orb.Point) bool {
	in := false
	for _, r := range rings {
		in = in != geo.RingContains(r, p)
	}
	return in
}

// boxInside is the exact test: b's corners inside rings and no edge
// through it.
func boxInside(rings [][]orb.Point, b orb.Bound) bool {
	for _, c := range []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
		if !evenOdd(rings, c) {
			return false
		}
	}
	for _, r := range rings {
		for i := 0; i+1 < len(r); i++ {
			if segmentHitsBox(r[i], r[i+1], b) {
				return false
			}
		}
	}
	return true
}

// roomShapes: an L (its pole in the corner, room along both arms), a
// square with a square hole, and a jagged wedge.
var roomShapes = map[string][][]orb.Point{
	"L": {{{0, 0}, {200, 0}, {200, 40}, {40, 40}, {40, 160}, {0, 160}, {0, 0}}},
	"hole": {
		{{0, 0}, {120, 0}, {120, 120}, {0, 120}, {0, 0}},
		{{30, 30}, {90, 30}, {90, 90}, {30, 90}, {30, 30}},
	},
	"wedge": {{{0, 0}, {150, 10}, {60, 20}, {140, 35}, {10, 70}, {0, 0}}},
}

// TestRoomRasterHoldsOnlyInside: every box the raster holds lies inside
// the rings, exactly; and it holds most of the boxes that do, away from
// the edges by a couple of cells.
func TestRoomRasterHoldsOnlyInside(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for name, rings := range roomShapes {
		ra := newRoomRaster(rings)
		if ra == nil {
			t.Fatalf("%s: no raster", name)
		}
		held, inside, deep := 0, 0, 0
		for range 20000 {
			w, h := 5+50*rng.Float64(), 5+20*rng.Float64()
			x, y := -10+220*rng.Float64(), -10+180*rng.Float64()
			b := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + w, y + h}}
			exact := boxInside(rings, b)
			if exact {
				inside++
			}
			if ra.holds(b) {
				held++
				if !exact {
					t.Fatalf("%s: the raster holds %v, which is not inside", name, b)
				}
			}
			if boxInside(rings, b.Pad(2*roomCell)) {
				deep++
				if !ra.holds(b) {
					t.Errorf("%s: %v lies inside by two cells, and the raster does not hold it", name, b)
				}
			}
		}
		if held == 0 || inside == 0 || deep == 0 {
			t.Errorf("%s: held %d, inside %d, deep %d of 20,000 boxes", name, held, inside, deep)
		}
	}
}

// TestRoomAlongTheArms: in an L whose pole lies at the corner, a name
// too long for the corner finds places along the arm, nearest first.
func TestRoomAlongTheArms(t *testing.T) {
	rings := roomShapes["L"]
	pole := orb.Point{20, 20}
	boxes, at := roomSpots(rings, pole, 80, 14)
	if len(boxes) == 0 {
		t.Fatal("no room found")
	}
	for i, b := range boxes {
		if !boxInside(rings, b.Pad(roomMargin)) {
			t.Errorf("spot %d %v is not inside by the margin", i, b)
		}
		if i > 0 && dist(at[i], pole) < dist(at[i-1], pole) {
			t.Errorf("spot %d is nearer the pole than spot %d", i, i-1)
		}
	}
	if len(boxes) > maxRoomSpots {
		t.Errorf("%d spots", len(boxes))
	}
	// Too wide for either arm's length: none.
	if boxes, _ := roomSpots(rings, pole, 205, 14); len(boxes) != 0 {
		t.Errorf("a 205 px name fits in a 200 px L: %v", boxes)
	}
}

func dist(a, b orb.Point) float64 {
	dx, dy := a[0]-b[0], a[1]-b[1]
	return dx*dx + dy*dy
}

// BenchmarkRoomSpots finds room for Guangdong's name at 1000×760, as a
// new view does for each division whose pole its hubs' labels take.
func BenchmarkRoomSpots(b *testing.B) {
	s, err := Build(context.Background(), atlastest.Embedded(b), Request{Options: Options{Width: 1000, Height: 760}})
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range s.Base.Provinces {
		if p.Code != "CN-GD" {
			continue
		}
		at := p.Bound.Center()
		for b.Loop() {
			roomSpots(p.Rings, at, 64, 15.6)
		}
	}
}
