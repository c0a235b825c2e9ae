package render_test

import (
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// TestSmallMapsKeepEveryLabel squeezes all 26 hubs into small maps: every
// hub keeps its name and product lines give way first. The dashboard's
// phone size stays free of overlaps; at the 320 px minimum 26 names cannot
// all stand apart, and the least-overlap fallback keeps them anyway.
func TestSmallMapsKeepEveryLabel(t *testing.T) {
	for _, c := range []struct {
		w, h       int
		maxOverlap int
	}{
		{560, 700, 0},
		{320, 320, -1}, // no limit: labels present is what is checked
	} {
		s := build(t, geo.Filter{}, render.Options{Width: c.w, Height: c.h, Products: render.ProductsOn})
		n := 0
		for i, h := range s.Hubs {
			if len(h.Label.Lines) == 0 || h.Label.Lines[0] == "" {
				t.Errorf("%dx%d: %s lost its label", c.w, c.h, h.ID)
			}
			for j, o := range s.Hubs {
				if j > i && overlaps(h.Label.Box, o.Label.Box) || overlaps(h.Label.Box, markerBox(o)) {
					n++
				}
			}
		}
		t.Logf("%dx%d: %d overlaps", c.w, c.h, n)
		if c.maxOverlap >= 0 && n > c.maxOverlap {
			t.Errorf("%dx%d: %d overlaps, want at most %d", c.w, c.h, n, c.maxOverlap)
		}
	}
}
