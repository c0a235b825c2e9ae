package render

import (
	"image"
	imagecolor "image/color"
	"image/draw"
	"math"
	"strconv"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"

	"github.com/hubatlas/hubatlas/render/internal/glyphs"
)

// raster draws a display list into one strip of rows of the image: img's
// bounds are the strip, in device pixels of the whole image.
type raster struct {
	img   *image.RGBA
	scale float64 // device px per scene px
	faces *faceSet
	z     vector.Rasterizer
	p     outline
	sb    strokeBuf
	segs  []glyphs.Seg
	run   []placedGlyph
	mask  *image.Alpha // scratch for text
	halo  *image.Alpha
}

// draw replays the ops that touch the strip.
func (r *raster) draw(ops []drawOp) {
	sb := r.img.Bounds()
	strip := orb.Bound{Min: orb.Point{float64(sb.Min.X) / r.scale, float64(sb.Min.Y) / r.scale},
		Max: orb.Point{float64(sb.Max.X) / r.scale, float64(sb.Max.Y) / r.scale}}
	tol := 0.05 / r.scale // flattening tolerance: 1/20 of a device px
	for i := range ops {
		op := &ops[i]
		if !op.bound.Intersects(strip) {
			continue
		}
		switch op.kind {
		case opFill:
			r.p.reset()
			r.p.rings(op.rings)
			r.fill(rgba(op.fill, op.opacity))
		case opStroke:
			col := rgba(op.stroke, 1)
			for _, l := range op.rings {
				if !ringsBound([][]orb.Point{l}, op.width).Intersects(strip) {
					continue
				}
				r.p.reset()
				r.p.stroke(l, op.width, tol, &r.sb)
				r.fill(col)
			}
		case opCircle:
			if op.fill != "" {
				r.p.reset()
				r.p.circle(op.c, op.r, false)
				r.fill(rgba(op.fill, op.opacity))
			}
			if op.stroke != "" && op.width > 0 {
				r.p.reset()
				r.p.ring(op.c, op.r, op.width)
				r.fill(rgba(op.stroke, 1))
			}
		case opWedge:
			r.p.reset()
			r.p.wedge(op.c, op.r, op.a0, op.a1)
			r.fill(rgba(op.fill, 1))
		case opRect:
			if op.fill != "" {
				r.p.reset()
				r.p.rect(op.b, false)
				r.fill(rgba(op.fill, op.opacity))
			}
			if op.stroke != "" && op.width > 0 {
				r.p.reset()
				r.p.frame(op.b, op.width)
				r.fill(rgba(op.stroke, 1))
			}
		case opText:
			r.text(op.text)
		}
	}
}

// fill fills the outline with the nonzero rule, compositing over, using
// a coverage buffer only as large as the outline's box within the strip.
func (r *raster) fill(col imagecolor.RGBA) {
	if r.p.empty() || col.A == 0 {
		return
	}
	s := r.scale
	b := r.p.bound()
	rect := image.Rect(int(math.Floor(b.Min[0]*s)), int(math.Floor(b.Min[1]*s)),
		int(math.Ceil(b.Max[0]*s))+1, int(math.Ceil(b.Max[1]*s))+1).Intersect(r.img.Bounds())
	if rect.Empty() {
		return
	}
	ox, oy := float64(rect.Min.X), float64(rect.Min.Y)
	z := &r.z
	z.Reset(rect.Dx(), rect.Dy())
	z.DrawOp = draw.Over
	i := 0
	open := false
	dev := func(q orb.Point) (float64, float64) { return q[0]*s - ox, q[1]*s - oy }
	for _, op := range r.p.ops {
		switch op {
		case 'M':
			if open {
				z.ClosePath()
			}
			x, y := dev(r.p.pts[i])
			z.MoveTo(float32(x), float32(y))
			i++
			open = true
		case 'L':
			x, y := dev(r.p.pts[i])
			z.LineTo(float32(x), float32(y))
			i++
		case 'C':
			px, py := z.Pen()
			x1, y1 := dev(r.p.pts[i])
			x2, y2 := dev(r.p.pts[i+1])
			x3, y3 := dev(r.p.pts[i+2])
			flattenCubic(z, float64(px), float64(py), x1, y1, x2, y2, x3, y3)
			i += 3
		case 'Z':
			z.ClosePath()
			open = false
		}
	}
	if open {
		z.ClosePath()
	}
	z.Draw(r.img, rect, image.NewUniform(col), image.Point{})
}

// flattenCubic draws a cubic as lines straying at most 1/50 of a pixel:
// finer than the rasterizer's own flattening, which shows on the thin
// rings around small markers.
func flattenCubic(z *vector.Rasterizer, x0, y0, x1, y1, x2, y2, x3, y3 float64) {
	dd := math.Max(math.Hypot(x0-2*x1+x2, y0-2*y1+y2), math.Hypot(x1-2*x2+x3, y1-2*y2+y3))
	n := max(1, int(math.Ceil(math.Sqrt(0.75*dd/0.02))))
	n = min(n, 256)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		x := u*u*u*x0 + 3*u*u*t*x1 + 3*u*t*t*x2 + t*t*t*x3
		y := u*u*u*y0 + 3*u*u*t*y1 + 3*u*t*t*y2 + t*t*t*y3
		z.LineTo(float32(x), float32(y))
	}
}

// text draws a run as the SVG does: its halo (the glyphs' outlines
// stroked with round joins, here the glyph coverage dilated by a disc),
// then the glyphs over it.
func (r *raster) text(t textRun) {
	s := r.scale
	var x0 float64
	r.run, x0 = r.faces.layout(r.run[:0], t)
	if len(r.run) == 0 {
		return
	}
	end := r.run[len(r.run)-1]
	width := end.x + end.adv
	base := math.Round(t.Y * s) // the baseline on the pixel grid, as Chromium and Cairo put it
	hr := 0.0
	if t.Halo > 0 {
		hr = t.Halo / 2 * s
	}
	pad := int(math.Ceil(hr)) + 2
	full := image.Rect(int(math.Floor((x0-0.2*t.Size)*s))-pad, int(base-1.25*t.Size*s)-pad,
		int(math.Ceil((x0+width+0.2*t.Size)*s))+pad, int(base+0.45*t.Size*s)+pad)
	// The glyphs are drawn whole even when the strip cuts them, so that
	// the halo's dilation sees every pixel of ink near the cut.
	if !full.Overlaps(r.img.Bounds()) {
		return
	}
	r.mask = alphaFor(r.mask, full)
	z := &r.z
	z.Reset(full.Dx(), full.Dy())
	ox, oy := float64(full.Min.X), float64(full.Min.Y)
	for _, g := range r.run {
		gx := (x0+g.x)*s - ox
		gy := base - oy
		if g.face == nil {
			bx0, by0, bx1, by1, sw := missingBox(g.adv / t.Size)
			k := t.Size * s
			var p outline
			p.frame(orb.Bound{Min: orb.Point{gx + bx0*k, gy + by0*k}, Max: orb.Point{gx + bx1*k, gy + by1*k}}, sw*k)
			r.addOutline(&p)
			continue
		}
		k := t.Size / float64(g.face.UPM) * s
		r.segs = g.face.Outline(r.segs[:0], g.idx)
		open := false
		for _, sg := range r.segs {
			pt := func(i int) (float32, float32) {
				return float32(gx + sg.P[i][0]*k), float32(gy + sg.P[i][1]*k)
			}
			switch sg.Op {
			case glyphs.MoveTo:
				if open {
					z.ClosePath()
				}
				z.MoveTo(pt(0))
				open = true
			case glyphs.LineTo:
				z.LineTo(pt(0))
			case glyphs.QuadTo:
				ax, ay := pt(0)
				bx, by := pt(1)
				z.QuadTo(ax, ay, bx, by)
			case glyphs.CubeTo:
				ax, ay := pt(0)
				bx, by := pt(1)
				cx, cy := pt(2)
				z.CubeTo(ax, ay, bx, by, cx, cy)
			}
		}
		if open {
			z.ClosePath()
		}
	}
	z.DrawOp = draw.Src
	z.Draw(r.mask, full, image.Opaque, full.Min)
	if hr > 0 {
		r.halo = alphaFor(r.halo, full)
		dilate(r.halo, r.mask, hr)
		draw.DrawMask(r.img, full, image.NewUniform(rgba(t.haloFill(), 1)), image.Point{}, r.halo, full.Min, draw.Over)
	}
	draw.DrawMask(r.img, full, image.NewUniform(rgba(t.Fill, 1)), image.Point{}, r.mask, full.Min, draw.Over)
}

// addOutline feeds an outline in device px relative to the current
// coverage buffer into the rasterizer.
func (r *raster) addOutline(p *outline) {
	i := 0
	for _, op := range p.ops {
		switch op {
		case 'M':
			r.z.MoveTo(float32(p.pts[i][0]), float32(p.pts[i][1]))
			i++
		case 'L':
			r.z.LineTo(float32(p.pts[i][0]), float32(p.pts[i][1]))
			i++
		case 'Z':
			r.z.ClosePath()
		}
	}
}

// alphaFor returns an alpha image of bounds rect, cleared, reusing m's
// memory when it is large enough.
func alphaFor(m *image.Alpha, rect image.Rectangle) *image.Alpha {
	n := rect.Dx() * rect.Dy()
	if m == nil || cap(m.Pix) < n {
		return image.NewAlpha(rect)
	}
	pix := m.Pix[:n]
	clear(pix)
	return &image.Alpha{Pix: pix, Stride: rect.Dx(), Rect: rect}
}

// dilate sets dst to the maximum of src over a disc of radius rad, its
// rim anti-aliased: the ink of a stroke of width 2·rad around the glyphs.
func dilate(dst, src *image.Alpha, rad float64) {
	type tap struct {
		dx, dy int
		w      uint32
	}
	R := int(math.Ceil(rad + 0.5))
	var taps []tap
	for dy := -R; dy <= R; dy++ {
		for dx := -R; dx <= R; dx++ {
			w := rad + 0.5 - math.Hypot(float64(dx), float64(dy))
			if w > 0 {
				taps = append(taps, tap{dx, dy, uint32(math.Min(w, 1) * 255)})
			}
		}
	}
	W, H := src.Rect.Dx(), src.Rect.Dy()
	for y := range H {
		for x := range W {
			a := uint32(src.Pix[y*src.Stride+x])
			if a == 0 {
				continue
			}
			for _, t := range taps {
				X, Y := x+t.dx, y+t.dy
				if X < 0 || Y < 0 || X >= W || Y >= H {
					continue
				}
				v := uint8(a * t.w / 255)
				if i := Y*dst.Stride + X; dst.Pix[i] < v {
					dst.Pix[i] = v
				}
			}
		}
	}
}

// rgba is a #rrggbb colour (grey when it is not one, as the SVG writer
// does) at an opacity, premultiplied.
func rgba(c string, opacity float64) imagecolor.RGBA {
	c = color(c)
	v, _ := strconv.ParseUint(c[1:], 16, 32)
	a := math.Max(0, math.Min(1, opacity))
	return imagecolor.RGBA{
		R: uint8(math.Round(float64(v>>16&0xff) * a)),
		G: uint8(math.Round(float64(v>>8&0xff) * a)),
		B: uint8(math.Round(float64(v&0xff) * a)),
		A: uint8(math.Round(255 * a)),
	}
}
