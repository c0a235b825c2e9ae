package geo_test

import (
	"container/heap"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// TestPoleOfSteps: PoleOf finds the same pole, to the bit, as polylabel
// written with container/heap and math.Min (poleByHeap), on every
// division in projected metres at two precisions and scaled to px.
func TestPoleOfSteps(t *testing.T) {
	a := embedded(t)
	for _, d := range a.Divisions {
		for _, poly := range d.Shape {
			var proj orb.Polygon
			for _, r := range poly {
				pr := make(orb.Ring, len(r))
				for k, pt := range r {
					pr[k] = geo.China.Forward(pt)
				}
				proj = append(proj, pr)
			}
			px := make(orb.Polygon, len(proj))
			for i, r := range proj {
				px[i] = make(orb.Ring, len(r))
				for k, pt := range r {
					px[i][k] = orb.Point{pt[0] * 2e-4, -pt[1] * 2e-4}
				}
			}
			for _, c := range []struct {
				p    orb.Polygon
				prec float64
			}{{proj, 3000}, {proj, 500}, {px, 1}} {
				at, r := geo.PoleOf(c.p, c.prec)
				wat, wr := poleByHeap(c.p, c.prec)
				if at != wat || r != wr {
					t.Fatalf("%s precision %v: pole %v %v, want %v %v", d.Code, c.prec, at, r, wat, wr)
				}
			}
		}
	}
}

func poleByHeap(p orb.Polygon, precision float64) (orb.Point, float64) {
	if len(p) == 0 || len(p[0]) < 4 {
		return orb.Point{}, 0
	}
	b := p[0].Bound()
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	size := math.Min(w, h)
	if size == 0 {
		return b.Min, 0
	}
	precision = math.Max(precision, size/1e4)
	q := &hCellQueue{}
	for x := b.Min[0]; x < b.Max[0]; x += size {
		for y := b.Min[1]; y < b.Max[1]; y += size {
			heap.Push(q, hNewCell(orb.Point{x + size/2, y + size/2}, size/2, p))
		}
	}
	best := hNewCell(b.Center(), 0, p)
	if c := hCentroidCell(p); c.d > best.d {
		best = c
	}
	for q.Len() > 0 {
		c := heap.Pop(q).(hCell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= precision {
			continue
		}
		h := c.h / 2
		for _, d := range [4][2]float64{{-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
			heap.Push(q, hNewCell(orb.Point{c.at[0] + d[0]*h, c.at[1] + d[1]*h}, h, p))
		}
	}
	return best.at, math.Max(best.d, 0)
}

type hCell struct {
	at     orb.Point
	h      float64
	d, max float64
}

func hNewCell(at orb.Point, h float64, p orb.Polygon) hCell {
	d := hSignedDistance(at, p)
	return hCell{at, h, d, d + h*math.Sqrt2}
}

func hCentroidCell(p orb.Polygon) hCell {
	r := p[0]
	var cx, cy, a float64
	for i := 0; i+1 < len(r); i++ {
		f := r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
		cx += (r[i][0] + r[i+1][0]) * f
		cy += (r[i][1] + r[i+1][1]) * f
		a += f * 3
	}
	if a == 0 {
		return hNewCell(r[0], 0, p)
	}
	return hNewCell(orb.Point{cx / a, cy / a}, 0, p)
}

func hSignedDistance(pt orb.Point, p orb.Polygon) float64 {
	inside := false
	best := math.Inf(1)
	for _, r := range p {
		for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
			a, b := r[i], r[j]
			if (a[1] > pt[1]) != (b[1] > pt[1]) && pt[0] < (b[0]-a[0])*(pt[1]-a[1])/(b[1]-a[1])+a[0] {
				inside = !inside
			}
			best = math.Min(best, hSegmentDistance2(pt, a, b))
		}
	}
	d := math.Sqrt(best)
	if !inside {
		return -d
	}
	return d
}

func hSegmentDistance2(p, a, b orb.Point) float64 {
	x, y := a[0], a[1]
	dx, dy := b[0]-x, b[1]-y
	if dx != 0 || dy != 0 {
		t := ((p[0]-x)*dx + (p[1]-y)*dy) / (dx*dx + dy*dy)
		switch {
		case t > 1:
			x, y = b[0], b[1]
		case t > 0:
			x, y = x+dx*t, y+dy*t
		}
	}
	dx, dy = p[0]-x, p[1]-y
	return dx*dx + dy*dy
}

type hCellQueue []hCell

func (q hCellQueue) Len() int           { return len(q) }
func (q hCellQueue) Less(i, j int) bool { return q[i].max > q[j].max }
func (q hCellQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *hCellQueue) Push(x any)        { *q = append(*q, x.(hCell)) }
func (q *hCellQueue) Pop() any          { old := *q; c := old[len(old)-1]; *q = old[:len(old)-1]; return c }
