package render

import (
	"context"
	"fmt"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

// TestContextReachesEveryFrame: the neighbouring countries' file reaches
// past the frame of every page and of screens 16:9 and 9:16, of all China
// and of the provinces at China's edges: beyond its clip nothing is land,
// and the map had shown sea there, west of a straight line through Iran
// on a slide (55°E) and across Siberia on an A4 page (60°N).
func TestContextReachesEveryFrame(t *testing.T) {
	a := atlastest.Embedded(t)
	clipBox := dcw.NeighbourContext.Clip
	var views []Options
	for _, p := range Pages {
		views = append(views, Options{Page: p.Name})
	}
	for _, focus := range []string{"", "CN-XJ", "CN-XZ", "CN-HL", "CN-NM", "CN-HI", "CN-YN"} {
		for _, size := range [][2]int{{1200, 900}, {1920, 1080}, {720, 1280}} {
			views = append(views, Options{Focus: focus, Width: size[0], Height: size[1]})
		}
	}
	for _, opt := range views {
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if reach := frameLonLat(s); !clipBox.Contains(reach.Min) || !clipBox.Contains(reach.Max) {
			t.Errorf("%s: the frame reaches %.1f–%.1f°E, %.1f–%.1f°N, past the context's %v",
				viewName(opt), reach.Min[0], reach.Max[0], reach.Min[1], reach.Max[1], clipBox)
		}
	}
}

// frameLonLat is the bound, lon/lat, of the ground along s's frame (in
// the conic projection its edges are not parallels or meridians).
func frameLonLat(s *Scene) orb.Bound {
	tr, f := s.Base.Transform, s.Frame
	var b orb.Bound
	for k := 0; k <= 100; k++ {
		x, y := f.Min[0]+float64(k)/100*(f.Max[0]-f.Min[0]), f.Min[1]+float64(k)/100*(f.Max[1]-f.Min[1])
		for i, px := range []orb.Point{{x, f.Min[1]}, {x, f.Max[1]}, {f.Min[0], y}, {f.Max[0], y}} {
			ll := geo.China.Inverse(tr.Invert(px))
			if k == 0 && i == 0 {
				b = orb.Bound{Min: ll, Max: ll}
			}
			b = b.Extend(ll)
		}
	}
	return b
}

func viewName(opt Options) string {
	if opt.Page != "" {
		return opt.Page
	}
	return fmt.Sprintf("%s %dx%d", opt.Focus, opt.Width, opt.Height)
}
