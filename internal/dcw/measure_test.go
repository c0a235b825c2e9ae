package dcw_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/dcw"
)

// box is a counter-clockwise square polygon.
func box(x0, y0, x1, y1 float64) orb.Polygon {
	return orb.Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}
}

// withHole is box with a clockwise square hole.
func withHole(outer, inner orb.Polygon) orb.Polygon {
	h := append(orb.Ring(nil), inner[0]...)
	h.Reverse()
	return orb.Polygon{outer[0], h}
}

func TestMeasure(t *testing.T) {
	for _, c := range []struct {
		name    string
		shapes  []orb.MultiPolygon
		overlap float64
		gaps    []float64
		area    float64
	}{
		{"side by side", []orb.MultiPolygon{{box(0, 0, 2, 2)}, {box(2, 0, 4, 2)}}, 0, nil, 8},
		{"overlapping", []orb.MultiPolygon{{box(0, 0, 2, 2)}, {box(1, 1, 3, 3)}}, 1, nil, 7},
		{"contained", []orb.MultiPolygon{{box(0, 0, 4, 4)}, {box(1, 1, 2, 2)}}, 1, nil, 16},
		{"enclave fills a hole", []orb.MultiPolygon{{withHole(box(0, 0, 4, 4), box(1, 1, 2, 2))}, {box(1, 1, 2, 2)}}, 0, nil, 16},
		{"lake", []orb.MultiPolygon{{withHole(box(0, 0, 4, 4), box(1, 1, 2, 2))}}, 0, []float64{1}, 15},
		{"four tile a square", []orb.MultiPolygon{
			{box(0, 0, 3, 1)}, {box(1, 1, 3, 3)}, {box(0, 3, 3, 4)}, {box(0, 1, 1, 3)},
		}, 0, nil, 12},
		{"four around a sliver", []orb.MultiPolygon{
			{box(0, 0, 3, 1)}, {box(1, 1, 3, 3)}, {box(0, 3, 3, 4)}, {box(0, 1, 0.9, 3)},
		}, 0, []float64{0.2}, 11.8},
		{"four around a hole", []orb.MultiPolygon{
			{box(0, 0, 3, 1)}, {box(2, 1, 3, 3)}, {box(0, 3, 3, 4)}, {box(0, 1, 1, 3)},
		}, 0, []float64{2}, 10},
		{"a bay is no gap", []orb.MultiPolygon{
			{box(0, 0, 3, 1)}, {box(2, 1, 3, 3)}, {box(0, 1, 1, 3)},
		}, 0, nil, 7},
		{"crossing triangles", []orb.MultiPolygon{
			{{{{0, 0}, {4, 0}, {0, 4}, {0, 0}}}},
			{{{{4, 4}, {0, 2}, {4, 0}, {4, 4}}}},
		}, 8.0 / 3, nil, 16 - 8.0/3},
		{"three overlap", []orb.MultiPolygon{{box(0, 0, 2, 2)}, {box(1, 0, 3, 2)}, {box(1, 1, 2, 3)}}, 2 + 1 + 1, nil, 7},
	} {
		t.Run(c.name, func(t *testing.T) {
			cov := dcw.Measure(c.shapes)
			if got := cov.TotalOverlap(); math.Abs(got-c.overlap) > 1e-9 {
				t.Errorf("overlap %v, want %v (%+v)", got, c.overlap, cov.Overlaps)
			}
			var gaps []float64
			for _, g := range cov.Gaps {
				gaps = append(gaps, g.Area)
			}
			if len(gaps) != len(c.gaps) {
				t.Fatalf("gaps %v, want %v", gaps, c.gaps)
			}
			for i := range gaps {
				if math.Abs(gaps[i]-c.gaps[i]) > 1e-9 {
					t.Errorf("gaps %v, want %v", gaps, c.gaps)
				}
			}
			if math.Abs(cov.Area-c.area) > 1e-9 {
				t.Errorf("area %v, want %v", cov.Area, c.area)
			}
		})
	}
}
