package render

import (
	"math"

	"github.com/paulmach/orb"
)

// outline is a path for the PNG and PDF writers: subpaths of straight
// lines and cubic Béziers, in px, y down. Strokes are turned into fills
// (stroke) so that both writers draw exactly the same shapes.
type outline struct {
	ops []byte // 'M', 'L', 'C' (three points), 'Z'
	pts []orb.Point
}

func (p *outline) reset()             { p.ops, p.pts = p.ops[:0], p.pts[:0] }
func (p *outline) empty() bool        { return len(p.ops) == 0 }
func (p *outline) moveTo(q orb.Point) { p.ops = append(p.ops, 'M'); p.pts = append(p.pts, q) }
func (p *outline) lineTo(q orb.Point) { p.ops = append(p.ops, 'L'); p.pts = append(p.pts, q) }
func (p *outline) close()             { p.ops = append(p.ops, 'Z') }

func (p *outline) cubeTo(a, b, q orb.Point) {
	p.ops = append(p.ops, 'C')
	p.pts = append(p.pts, a, b, q)
}

// bound is the box of every point, control points included.
func (p *outline) bound() orb.Bound {
	if len(p.pts) == 0 {
		return orb.Bound{Min: orb.Point{1, 1}, Max: orb.Point{-1, -1}}
	}
	b := orb.Bound{Min: p.pts[0], Max: p.pts[0]}
	for _, q := range p.pts[1:] {
		b.Min[0], b.Max[0] = math.Min(b.Min[0], q[0]), math.Max(b.Max[0], q[0])
		b.Min[1], b.Max[1] = math.Min(b.Min[1], q[1]), math.Max(b.Max[1], q[1])
	}
	return b
}

// rings adds closed polygons (fill with the nonzero rule).
func (p *outline) rings(rings [][]orb.Point) {
	for _, r := range rings {
		if len(r) < 3 {
			continue
		}
		p.moveTo(r[0])
		for _, q := range r[1:] {
			p.lineTo(q)
		}
		p.close()
	}
}

// kappa places the control points of a cubic quarter circle.
const kappa = 0.5522847498307936

// circle adds a full circle, clockwise on the page, or counter-clockwise
// when reverse (a hole in a nonzero fill).
func (p *outline) circle(c orb.Point, r float64, reverse bool) {
	s := 1.0
	if reverse {
		s = -1
	}
	k := kappa * r
	x, y := c[0], c[1]
	p.moveTo(orb.Point{x + r, y})
	p.cubeTo(orb.Point{x + r, y + s*k}, orb.Point{x + k, y + s*r}, orb.Point{x, y + s*r})
	p.cubeTo(orb.Point{x - k, y + s*r}, orb.Point{x - r, y + s*k}, orb.Point{x - r, y})
	p.cubeTo(orb.Point{x - r, y - s*k}, orb.Point{x - k, y - s*r}, orb.Point{x, y - s*r})
	p.cubeTo(orb.Point{x + k, y - s*r}, orb.Point{x + r, y - s*k}, orb.Point{x + r, y})
	p.close()
}

// ring adds the ring a circle's stroke of the given width draws.
func (p *outline) ring(c orb.Point, r, width float64) {
	h := width / 2
	p.circle(c, r+h, false)
	if r-h > 0 {
		p.circle(c, r-h, true)
	}
}

// wedge adds a pie slice from angle a0 to a1 (radians, clockwise on the
// page from east), its arc as cubics of at most 90°.
func (p *outline) wedge(c orb.Point, r, a0, a1 float64) {
	p.moveTo(c)
	p.lineTo(orb.Point{c[0] + r*math.Cos(a0), c[1] + r*math.Sin(a0)})
	n := int(math.Ceil(math.Abs(a1-a0) / (math.Pi / 2)))
	da := (a1 - a0) / float64(n)
	h := 4.0 / 3 * math.Tan(da/4)
	for i := range n {
		t0, t1 := a0+float64(i)*da, a0+float64(i+1)*da
		c0, s0, c1, s1 := math.Cos(t0), math.Sin(t0), math.Cos(t1), math.Sin(t1)
		p.cubeTo(orb.Point{c[0] + r*(c0-h*s0), c[1] + r*(s0+h*c0)},
			orb.Point{c[0] + r*(c1+h*s1), c[1] + r*(s1-h*c1)},
			orb.Point{c[0] + r*c1, c[1] + r*s1})
	}
	p.close()
}

// rect adds a rectangle, clockwise on the page, or counter-clockwise
// when reverse.
func (p *outline) rect(b orb.Bound, reverse bool) {
	corners := []orb.Point{b.Min, {b.Max[0], b.Min[1]}, b.Max, {b.Min[0], b.Max[1]}}
	if reverse {
		corners[1], corners[3] = corners[3], corners[1]
	}
	p.moveTo(corners[0])
	for _, q := range corners[1:] {
		p.lineTo(q)
	}
	p.close()
}

// frame adds the band a rectangle's stroke of the given width draws.
func (p *outline) frame(b orb.Bound, width float64) {
	h := width / 2
	p.rect(orb.Bound{Min: orb.Point{b.Min[0] - h, b.Min[1] - h}, Max: orb.Point{b.Max[0] + h, b.Max[1] + h}}, false)
	if b.Max[0]-b.Min[0] > width && b.Max[1]-b.Min[1] > width {
		p.rect(orb.Bound{Min: orb.Point{b.Min[0] + h, b.Min[1] + h}, Max: orb.Point{b.Max[0] - h, b.Max[1] - h}}, true)
	}
}

// stroke adds the outline of an open polyline stroked with the given
// width, round joins and round caps (as the SVG draws lines), as one
// closed contour: the left side forward, a cap, the right side back, a
// cap. Arcs are flattened so that they stray at most tol px.
//
// Outer joins get an arc. An inner join meets at the intersection of
// the two offset lines when it lies within half of both segments, so that
// no edge pixel is covered twice (which would draw the line heavier at
// every vertex); otherwise the contour passes through the vertex, which
// keeps every part of it winding the same way, so that the nonzero rule
// fills the union.
func (p *outline) stroke(pts []orb.Point, width, tol float64, buf *strokeBuf) {
	q := buf.q[:0]
	for _, v := range pts {
		if n := len(q); n == 0 || math.Hypot(v[0]-q[n-1][0], v[1]-q[n-1][1]) > 1e-6 {
			q = append(q, v)
		}
	}
	buf.q = q
	h := width / 2
	step := math.Pi / 2
	if tol < h {
		step = 2 * math.Acos(1-tol/h)
	}
	if len(q) == 1 {
		p.circle(q[0], h, false) // a dot: the two round caps
		return
	}
	if len(q) < 2 {
		return
	}
	ns := len(q) - 1
	u := buf.u[:0]
	ln := buf.ln[:0]
	for i := range ns {
		dx, dy := q[i+1][0]-q[i][0], q[i+1][1]-q[i][1]
		l := math.Hypot(dx, dy)
		u = append(u, orb.Point{dx / l, dy / l})
		ln = append(ln, l)
	}
	buf.u, buf.ln = u, ln
	// normal of segment i on side sg, scaled to the half width
	normal := func(i int, sg float64) orb.Point { return orb.Point{-u[i][1] * h * sg, u[i][0] * h * sg} }
	arc := func(c orb.Point, a0, da float64) {
		n := int(math.Ceil(math.Abs(da) / step))
		for j := 1; j <= n; j++ {
			t := a0 + da*float64(j)/float64(n)
			p.lineTo(orb.Point{c[0] + h*math.Cos(t), c[1] + h*math.Sin(t)})
		}
	}
	// side walks one side: sg +1 is the left side traced forward, -1 the
	// right side traced backward.
	side := func(sg float64, from, to, dir int) {
		for k := from; k != to; k += dir {
			next := k + dir
			end := k + 1
			if dir < 0 {
				end = k
			}
			a := normal(k, sg)
			c := q[end]
			if next == to {
				p.lineTo(orb.Point{c[0] + a[0], c[1] + a[1]})
				return
			}
			b := normal(next, sg)
			cross := a[0]*b[1] - a[1]*b[0]
			dot := (a[0]*b[0] + a[1]*b[1]) / (h * h)
			if cross > 0 { // the inner side of the turn
				if dot > -0.9 {
					t := h * math.Sqrt((1-dot)/(1+dot)) // how far the meeting point lies along each segment
					if t <= 0.5*ln[k] && t <= 0.5*ln[next] {
						f := 1 / (1 + dot)
						p.lineTo(orb.Point{c[0] + (a[0]+b[0])*f, c[1] + (a[1]+b[1])*f})
						continue
					}
				}
				p.lineTo(orb.Point{c[0] + a[0], c[1] + a[1]})
				p.lineTo(c)
				p.lineTo(orb.Point{c[0] + b[0], c[1] + b[1]})
				continue
			}
			p.lineTo(orb.Point{c[0] + a[0], c[1] + a[1]})
			arc(c, math.Atan2(a[1], a[0]), math.Atan2(cross, a[0]*b[0]+a[1]*b[1]))
		}
	}
	n0 := normal(0, 1)
	p.moveTo(orb.Point{q[0][0] + n0[0], q[0][1] + n0[1]})
	side(+1, 0, ns, +1)
	ne := normal(ns-1, 1)
	arc(q[ns], math.Atan2(ne[1], ne[0]), -math.Pi) // end cap
	side(-1, ns-1, -1, -1)
	arc(q[0], math.Atan2(-n0[1], -n0[0]), -math.Pi) // start cap
	p.close()
}

// strokeBuf is scratch space for stroke, reused between lines.
type strokeBuf struct {
	q, u []orb.Point
	ln   []float64
}
