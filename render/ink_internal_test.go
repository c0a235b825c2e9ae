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

// TestLightLabelsOnlyOnDark: a label is light, in a halo of the fill,
// only where nearly all of it (uniformShare) lies on dark fills; across
// a dark coast and the sea it keeps the usual ink, which reads on both.
// "Hong Kong" had stood half over the Pearl River estuary, light letters
// in Guangdong's navy there, and "Wenzhou" and "Xiamen" half over the
// sea on the map of all China.
func TestLightLabelsOnlyOnDark(t *testing.T) {
	a := atlastest.Embedded(t)
	light := 0
	for _, c := range []struct {
		opt   Options
		names []string // drawn in the usual ink
	}{
		{Options{Focus: "CN-GD"}, []string{"Hong Kong"}},
		{Options{}, []string{"Wenzhou", "Xiamen"}},
	} {
		s, err := Build(context.Background(), a, Request{Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		pi := newPanelInk(&s.Panel)
		g := newGround(&s.Panel)
		var boxes []orb.Bound
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && !h.OnMarker && h.Inset < 0 {
				boxes = append(boxes, h.Label.Box)
			}
		}
		for _, n := range s.Names {
			boxes = append(boxes, n.Label.Box)
		}
		for _, b := range boxes {
			if pi.onDark(b, hubInk, labelInk{first: lightText}).first == lightText {
				light++
				if sh := g.share(b); sh < uniformShare {
					t.Errorf("%+v: a label %v light on ground %.0f %% one kind", c.opt, b, sh*100)
				}
			}
		}
		var buf bytes.Buffer
		if err := WriteSVG(&buf, s); err != nil {
			t.Fatal(err)
		}
		for _, name := range c.names {
			m := regexp.MustCompile(`<text [^>]*fill="(#[0-9a-f]{6})" >` + name + `</text>`).FindStringSubmatch(buf.String())
			if m == nil || m[1] == lightName || m[1] == lightText {
				t.Errorf("%+v: %s inked %v", c.opt, name, m)
			}
		}
	}
	if light == 0 {
		t.Error("no light label: the test tests little")
	}
}
