package render

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// seaWindow is the South China Sea inset's window, lon/lat: the sea to
// its southern islands, with Hainan, Taiwan and the coasts around it.
var seaWindow = orb.Bound{Min: orb.Point{106.5, 2.5}, Max: orb.Point{123.5, 24.5}}

// seaInset is the box at the lower right of a cn-edition map that holds
// the South China Sea Islands (南海诸岛) at a scale of their own: the
// islands the boundary file holds, the neighbouring coasts and the dashed
// line. A focused or zoomed view shows the sea as it is instead.
func seaInset(a *geo.Atlas, s *Scene, opt Options) (Inset, bool) {
	if s.Focus >= 0 || !opt.BBox.IsZero() {
		return Inset{}, false
	}
	st := s.Style
	f := s.Frame
	view := projectBound(seaWindow)
	aspect := (view.Max[0] - view.Min[0]) / (view.Max[1] - view.Min[1])
	h := math.Min(0.3*(f.Max[1]-f.Min[1]), 0.24*(f.Max[0]-f.Min[0])/aspect)
	w := h * aspect
	m := st.Pad / 2
	frame := orb.Bound{Min: orb.Point{f.Max[0] - m - w, f.Max[1] - m - h}, Max: orb.Point{f.Max[0] - m, f.Max[1] - m}}
	tr := geo.Fit(view, w, h, 0)
	tr.X0 += frame.Min[0]
	tr.Y0 += frame.Min[1]
	in := Inset{Kind: InsetSouthChinaSea, Title: pick(opt.Lang, "South China Sea Islands", "南海诸岛")}
	in.Panel = Panel{Frame: frame, Base: baseFor(a, frame, tr, false), Focus: -1}
	in.Provinces = make([]Province, len(a.Divisions))
	for i, d := range a.Divisions {
		in.Provinces[i] = Province{Code: d.Code, Name: d.Name, Fill: zeroFill, Rings: in.Base.Provinces[i].Rings}
	}
	in.SeaLine = seaLine(a, tr, frame)
	in.Islands = islands(a, tr, frame)
	in.TitleY = frame.Max[1] - st.Legend*0.5
	return in, true
}

// seaLine is the South China Sea's dashed line in a view: from the
// boundary file when it carries one (DataV's 100000_JD), else the
// indicative line shipped with hubatlas.
func seaLine(a *geo.Atlas, tr geo.Transform, frame orb.Bound) [][]orb.Point {
	var src [][]orb.Point
	for _, e := range a.Extras {
		if e.Kind != "dashed-line" {
			continue
		}
		for _, l := range e.Lines {
			src = append(src, l)
		}
		for _, p := range e.Shape {
			// DataV draws each dash as a thin polygon: its outline is the dash.
			src = append(src, p[0])
		}
	}
	if src == nil && a.Context != nil {
		for _, l := range a.Context.SeaLine {
			src = append(src, l)
		}
	}
	var out [][]orb.Point
	box := frame.Pad(1)
	for _, l := range src {
		px := make([]orb.Point, len(l))
		for i, p := range l {
			px[i] = tr.Apply(geo.China.Forward(p))
		}
		out = append(out, clipLine(px, box)...)
	}
	return out
}

// islands are the context's islands (Diaoyu Dao, Chiwei Yu) in a view,
// each at least a dot.
func islands(a *geo.Atlas, tr geo.Transform, frame orb.Bound) [][]orb.Point {
	if a.Context == nil {
		return nil
	}
	var out [][]orb.Point
	for _, is := range a.Context.Islands {
		for _, poly := range is.Shape {
			r := make([]orb.Point, len(poly[0]))
			for i, p := range poly[0] {
				r[i] = tr.Apply(geo.China.Forward(p))
			}
			if !frame.Contains(r[0]) {
				continue
			}
			if b := orb.Ring(r).Bound(); b.Max[0]-b.Min[0] < 2.4 && b.Max[1]-b.Min[1] < 2.4 {
				r = dot(b.Center(), 1.2)
			}
			out = append(out, r)
		}
	}
	return out
}

// dot is a small circle as a ring.
func dot(c orb.Point, r float64) []orb.Point {
	out := make([]orb.Point, 0, 9)
	for k := range 9 {
		th := 2 * math.Pi * float64(k%8) / 8
		out = append(out, orb.Point{c[0] + r*math.Cos(th), c[1] + r*math.Sin(th)})
	}
	return out
}
