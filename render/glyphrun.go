package render

import (
	"fmt"
	"sync"

	"github.com/hubatlas/hubatlas/render/internal/glyphs"
)

// faceSet is the embedded faces the PNG and PDF writers draw text with:
// the same faces, in the same order, that the SVG names (fontsFor) and
// layout measures (measure).
type faceSet struct {
	latin, latinBold, cjk, cjkBold *glyphs.Face
}

var loadFaces = sync.OnceValues(func() (*faceSet, error) {
	var fs faceSet
	for _, f := range []struct {
		dst  **glyphs.Face
		name string
	}{{&fs.latin, glyphs.LatinRegular}, {&fs.latinBold, glyphs.LatinBold}, {&fs.cjk, glyphs.CJKRegular}, {&fs.cjkBold, glyphs.CJKBold}} {
		face, err := glyphs.Load(f.name)
		if err != nil {
			return nil, fmt.Errorf("render: embedded fonts: %w", err)
		}
		*f.dst = face
	}
	return &fs, nil
})

// placedGlyph is one character of a text run: its face and glyph (face
// nil for a character neither face has, drawn as a box), where it starts
// from the run's start, and how far it advances, px.
type placedGlyph struct {
	face *glyphs.Face
	idx  int
	r    rune
	x    float64
	adv  float64
}

// layout places the characters of s at the given size; x0 is where the
// run starts, from the anchor as startX computes it. The fallback and
// advances are measure's, so a PNG or PDF label fills the box layout
// reserved for it.
func (fs *faceSet) layout(dst []placedGlyph, t textRun) ([]placedGlyph, float64) {
	first, second := fs.latin, fs.cjk
	if t.Bold {
		first, second = fs.latinBold, fs.cjkBold
	}
	if hasCJK(t.S) {
		first, second = second, first
	}
	x := 0.0
	for _, r := range t.S {
		g := placedGlyph{r: r, x: x}
		if i := first.Index(r); i >= 0 {
			g.face, g.idx = first, i
		} else if i := second.Index(r); i >= 0 {
			g.face, g.idx = second, i
		}
		if g.face != nil {
			g.adv = float64(g.face.Advance(g.idx)) * t.Size / float64(g.face.UPM)
		} else {
			g.adv = missingAdvance(r) * t.Size
		}
		dst = append(dst, g)
		x += g.adv
	}
	return dst, startX(t)
}

// missingAdvance is the advance, in em, measure gives a character no
// face has.
func missingAdvance(r rune) float64 {
	if r < 0x2E80 {
		return 0.6
	}
	return 1
}

// missingBox is the box drawn for a character no face has, in em from
// its start and baseline (y down): the usual .notdef rectangle.
func missingBox(adv float64) (x0, y0, x1, y1, stroke float64) {
	return 0.1 * adv, -0.7, 0.9 * adv, 0, 0.06
}
