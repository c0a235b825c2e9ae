package render

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"

	"github.com/hubatlas/hubatlas/geo"
)

// Options says how to draw a map. The zero value draws all of China at
// 1200×900 px with English labels.
type Options struct {
	Width, Height int      // px; 0 means 1200×900
	Lang          string   // en, zh or both; "" means en
	Title         string   // replaces the default title when set
	Focus         string   // fit the view to this division (code); "" for the filter's province or all of China
	Products      Products // a second label line with products
	Shade         string   // ShadeCount (""), ShadeValue or ShadeNone
	Palette       *Palette // nil means the default shading
}

// Palette sets the shading: Zero for provinces without a matching hub,
// Classes from light to dark for the classes of counts or values.
// Colours are #rrggbb.
type Palette struct {
	Zero    string
	Classes []string
}

// DefaultPalette is the shading used when Options.Palette is nil.
var DefaultPalette = Palette{Zero: zeroFill, Classes: classFills}

// Products says whether labels carry a second line with the hub's
// matching products.
type Products int

const (
	ProductsAuto Products = iota // when at most 10 hubs are shown
	ProductsOn
	ProductsOff
)

// Shading of provinces.
const (
	ShadeCount = "count" // by the number of matching hubs
	ShadeValue = "value" // by the summed value of the matching hubs
	ShadeNone  = "none"  // no shading: the markers alone
)

// ShadeModes are the valid values of Options.Shade.
var ShadeModes = []string{ShadeCount, ShadeValue, ShadeNone}

// Limits of Options, checked by Build.
const (
	MinSize, MaxSize = 320, 4000
	DefaultWidth     = 1200
	DefaultHeight    = 900
	MaxTitle         = 200 // bytes
)

// Langs are the valid label languages.
var Langs = []string{"en", "zh", "both"}

// Check returns a *geo.InvalidError naming the first invalid option
// (width, height, lang, title, focus, shade) with the valid values.
func (o Options) Check(a *geo.Atlas) error {
	for _, d := range []struct {
		name string
		v    int
	}{{"width", o.Width}, {"height", o.Height}} {
		if d.v != 0 && (d.v < MinSize || d.v > MaxSize) {
			return &geo.InvalidError{Param: d.name, Value: fmt.Sprint(d.v), Hint: fmt.Sprintf("want a whole number of px from %d to %d", MinSize, MaxSize)}
		}
	}
	if o.Lang != "" && !slices.Contains(Langs, o.Lang) {
		return &geo.InvalidError{Param: "lang", Value: o.Lang, Valid: Langs}
	}
	if len(o.Title) > MaxTitle || geo.Clean(o.Title) != o.Title {
		return &geo.InvalidError{Param: "title", Value: truncate(geo.Clean(o.Title), 40),
			Hint: fmt.Sprintf("want at most %d bytes of text without control characters", MaxTitle)}
	}
	if o.Focus != "" && a.DivisionIndex(o.Focus) < 0 {
		return &geo.InvalidError{Param: "focus", Value: o.Focus, Valid: a.DivisionCodes()}
	}
	if o.Shade != "" && !slices.Contains(ShadeModes, o.Shade) {
		return &geo.InvalidError{Param: "shade", Value: o.Shade, Valid: ShadeModes}
	}
	if p := o.Palette; p != nil {
		if len(p.Classes) == 0 || len(p.Classes) > 9 {
			return &geo.InvalidError{Param: "palette.classes", Value: fmt.Sprint(len(p.Classes)), Hint: "want 1 to 9 colours"}
		}
		for _, c := range append([]string{p.Zero}, p.Classes...) {
			if !colorRE.MatchString(c) {
				return &geo.InvalidError{Param: "palette", Value: c, Hint: "want colours like #3a76ad (lower case)"}
			}
		}
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.Lang == "" {
		o.Lang = "en"
	}
	if o.Shade == "" {
		o.Shade = ShadeCount
	}
	if o.Palette == nil {
		o.Palette = &DefaultPalette
	}
	return o
}

// Layout constants in px.
const (
	headerH   = 64
	footerH   = 24
	margin    = 16
	minRingPx = 2 // rings smaller than this many px² are not drawn
	// weightPx2 is the Visvalingam area, in px², below which a vertex is
	// dropped: about half a pixel of displacement.
	weightPx2 = 1.0
)

// Build draws the hubs r.Filter selects as r.Options say. Options and
// filter are checked first; those errors are *geo.InvalidError. Build
// only reads the atlas and is safe for concurrent use. When ctx ends it
// stops and returns ctx.Err().
func Build(ctx context.Context, a *geo.Atlas, r Request) (*Scene, error) {
	f, opt := r.Filter, r.Options
	if err := a.Check(f); err != nil {
		return nil, err
	}
	if err := opt.Check(a); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	W, H := float64(opt.Width), float64(opt.Height)
	s := &Scene{Width: W, Height: H}
	s.Frame = orb.Bound{Min: orb.Point{0, headerH}, Max: orb.Point{W, H - footerH}}
	frameW, frameH := W, H-headerH-footerH

	focusCode := opt.Focus
	if focusCode == "" {
		focusCode = f.Province
	}
	focus := a.DivisionIndex(focusCode)
	var view orb.Bound
	if focus >= 0 {
		view = a.Projected[focus]
		pad := 0.08 * math.Max(view.Max[0]-view.Min[0], view.Max[1]-view.Min[1])
		view = view.Pad(pad)
	} else {
		view = a.Extent
	}
	tr := geo.Fit(view, frameW, frameH, margin)
	tr.Y0 += headerH

	sel := selectHubs(a, f)
	defer sel.release()
	shade := shading(a, sel, opt)
	s.drawBoundaries(a, tr, shade, focus)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.drawSymbols(a, sel, tr, opt)
	s.Legend = legend(a, s, shade, opt)
	s.ScaleBar = scaleBar(s.Frame, tr, opt.Lang)
	s.Title, s.Subtitle = titles(a, f, opt, sel, focus)
	s.Desc = describe(a, f, sel, focus)
	s.Credit = credit(a, opt.Lang, W)
	if err := placeLabels(ctx, s); err != nil {
		return nil, err
	}
	return s, nil
}

// drawBoundaries simplifies the arcs for this scale, assembles province
// fills and collects borders (shared arcs, once) and the outline.
func (s *Scene) drawBoundaries(a *geo.Atlas, tr geo.Transform, sh *shade, focus int) {
	t := a.Topology
	thr := weightPx2 / (tr.Scale * tr.Scale)
	px := make([][]orb.Point, len(t.Arcs))
	// An arc wholly outside the view (in projected metres) is reduced to
	// its ends: the chord stays inside the arc's box, so outside the view,
	// and rings through it still close correctly before clipping.
	view := orb.Bound{Min: tr.Invert(orb.Point{s.Frame.Min[0], s.Frame.Max[1]}), Max: tr.Invert(orb.Point{s.Frame.Max[0], s.Frame.Min[1]})}
	inView := make([]bool, len(t.Arcs))
	n := 0 // count first, so that the points take one allocation
	for i := range t.Arcs {
		if inView[i] = t.Bounds[i].Intersects(view); !inView[i] {
			n += 2
			continue
		}
		for _, w := range t.Weights[i] {
			if w >= thr {
				n++
			}
		}
	}
	all := s.buffer(n)
	for i, arc := range t.Arcs {
		start := len(all)
		if !inView[i] {
			all = append(all, tr.Apply(arc[0]), tr.Apply(arc[len(arc)-1]))
			px[i] = all[start:len(all):len(all)]
			continue
		}
		for k, w := range t.Weights[i] {
			if w >= thr {
				all = append(all, tr.Apply(arc[k]))
			}
		}
		px[i] = all[start:len(all):len(all)]
	}
	clipBox := s.Frame.Pad(2)
	clipped := focus >= 0
	used := make([]bool, len(t.Arcs))
	// Rings are cut from one buffer, like the arcs: a province's rings hold
	// about twice the points of the arcs (shared borders appear twice).
	ringBuf := s.buffer(2*n + 64)
	var buf []orb.Point
	for si, shape := range t.Shapes {
		d := a.Divisions[si]
		p := Province{Code: d.Code, Name: d.Name, Value: sh.values[si], Fill: sh.fill(si)}
		// The largest exterior is always drawn, however small (Macau).
		largest, largestArea := -1, 0.0
		for pi, poly := range shape {
			buf = geo.Ring(px, poly[0], buf[:0])
			if ar := math.Abs(ringArea(buf)); largest < 0 || ar > largestArea {
				largest, largestArea = pi, ar
			}
		}
		for pi, poly := range shape {
			for ri, refs := range poly {
				buf = geo.Ring(px, refs, buf[:0])
				if len(buf) < 4 || (pi != largest || ri > 0) && math.Abs(ringArea(buf)) < minRingPx {
					if ri == 0 {
						break
					}
					continue
				}
				start := len(ringBuf)
				ringBuf = append(ringBuf, buf...)
				r := orb.Ring(ringBuf[start:len(ringBuf):len(ringBuf)])
				if clipped {
					if !r.Bound().Intersects(clipBox) {
						if ri == 0 {
							break
						}
						continue
					}
					r = clip.Ring(clipBox, r)
					if len(r) < 4 {
						continue
					}
				}
				for _, ref := range refs {
					i, _ := ref.Index()
					used[i] = true
				}
				p.Rings = append(p.Rings, r)
				if si == focus {
					s.Focus = append(s.Focus, r...)
					s.Focus = append(s.Focus, orb.Point{math.NaN(), math.NaN()}) // ring break
				}
			}
		}
		s.Provinces = append(s.Provinces, p)
	}
	for i, arc := range px {
		if !used[i] || len(arc) < 2 {
			continue
		}
		lines := [][]orb.Point{arc}
		if clipped {
			lines = nil
			for _, ls := range clip.MultiLineString(clipBox, orb.MultiLineString{orb.LineString(arc)}) {
				lines = append(lines, ls)
			}
		}
		if t.Shared[i] {
			s.Borders = append(s.Borders, lines...)
		} else {
			s.Outline = append(s.Outline, lines...)
		}
	}
}

// pointBufs recycles the point buffers of released scenes: they are most
// of what drawing a map allocates.
var pointBufs sync.Pool

// buffer returns an empty point buffer of at least capacity n, owned by
// the scene until Release. Rings and arcs are slices of it; should it
// grow past n, append moves on to a new array and the earlier slices keep
// the pooled one, which is safe but not reused.
func (s *Scene) buffer(n int) []orb.Point {
	if b, ok := pointBufs.Get().(*[]orb.Point); ok && cap(*b) >= n {
		s.bufs = append(s.bufs, b)
		return (*b)[:0]
	} else if ok {
		pointBufs.Put(b)
	}
	b := make([]orb.Point, 0, n)
	s.bufs = append(s.bufs, &b)
	return b
}

// Release hands the scene's buffers back for the next Build. The scene
// must not be used afterwards; calling Release is optional.
func (s *Scene) Release() {
	for _, b := range s.bufs {
		pointBufs.Put(b)
	}
	s.bufs = nil
	s.Provinces, s.Borders, s.Outline, s.Focus = nil, nil, nil, nil
}

func ringArea(r []orb.Point) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

const (
	labelSize   = 12.0
	productSize = 10.0
	titleSize   = 20.0
	subSize     = 13.0
	smallSize   = 10.0
)

// truncate shortens s to at most n runes, ending with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ,、") + "…"
}
