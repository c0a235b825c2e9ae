package render

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestDivisionMask: each cell of the mask names the division whose rings
// hold the cell's centre (even-odd), or none, except where a border
// passes within rounding of the centre.
func TestDivisionMask(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, opt := range maskViews {
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		m := s.Base.divMask
		wrong, named := 0, 0
		for r := range m.rows {
			for c := range m.cols {
				p := orb.Point{m.frame.Min[0] + (float64(c)+0.5)*landCell, m.frame.Min[1] + (float64(r)+0.5)*landCell}
				want := -1
				for i, pr := range s.Base.Provinces {
					if evenOdd(pr.Rings, p) {
						want = i
					}
				}
				if got := int(m.div[r*m.cols+c]) - 1; got != want {
					wrong++
				}
				if want >= 0 {
					named++
				}
			}
		}
		if named == 0 || wrong > 0 {
			t.Errorf("%+v: %d of %d cells name the wrong division (%d on land)", opt, wrong, m.rows*m.cols, named)
		}
	}
}

// TestChineseProductsInkedDarker: a product line in Chinese on a light
// fill is inked mutedCJK, darker than the English line's mutedText: in
// its halo 丝绸、服装、婚纱 had read washed out on a mid-blue province
// (Zhejiang's focus at 1280×720).
func TestChineseProductsInkedDarker(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, c := range []struct{ lang, want string }{{"zh", mutedCJK}, {"en", mutedText}} {
		s, err := Build(context.Background(), a, Request{Options: Options{Focus: "CN-ZJ", Width: 1280, Height: 720, Lang: c.lang}})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteSVG(&buf, s); err != nil {
			t.Fatal(err)
		}
		// The line's own text, drawn over its halo (the halo's run has
		// a stroke).
		found := false
		for _, m := range regexp.MustCompile(`<text [^>]*fill="(#[0-9a-f]{6})" >(丝绸、服装、婚纱|Silk, Garments, Wedding[^<]*)</text>`).FindAllStringSubmatch(buf.String(), -1) {
			found = true
			if m[1] != c.want {
				t.Errorf("%s: %q inked %s, want %s", c.lang, m[2], m[1], c.want)
			}
		}
		if !found {
			t.Errorf("%s: Suzhou's products not drawn", c.lang)
		}
	}
}
