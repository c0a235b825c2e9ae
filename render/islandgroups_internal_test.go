package render

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestIslandGroupsNamed: on a closer view that draws the Xisha Islands
// (Hainan's in the shipped boundaries) their name stands beside them:
// they had stood as a dot of land 300 km off Hainan's island, unnamed.
// Maps of all China, where the group is a speck among many, leave it
// unnamed. (Hainan's own view frames its island: TestDivisionViewFramesItsLand.)
func TestIslandGroupsNamed(t *testing.T) {
	named := 0
	views := []Options{{BBox: BBox{107, 15, 115, 21}}, {BBox: BBox{108, 14, 114, 20}}, {BBox: BBox{109.5, 14.5, 113.5, 18.5}}, {BBox: BBox{110, 15, 113, 17.5}}}
	eachMap(t, views, [][2]int{{640, 480}, {800, 600}, {1200, 900}, {600, 800}}, func(c mapCase, s *Scene) {
		box := viewPx(s.Base.Transform, projectBound(islandGroups[0].bound))
		drawn := false
		for _, r := range s.Provinces[s.Base.hainan()].Rings {
			rb := pointsBound(r)
			drawn = drawn || box.Contains(rb.Min) && box.Contains(rb.Max)
		}
		if !drawn {
			return // too small for the view to draw
		}
		var at *NameLabel
		for i := range s.Names {
			if s.Names[i].Code == "islands-CN-HI" {
				at = &s.Names[i]
			}
		}
		if at == nil {
			t.Errorf("%s: the Xisha Islands unnamed", c)
			return
		}
		named++
		if d := boxGap(at.Label.Box, box); d > 20 {
			t.Errorf("%s: the Xisha Islands' name %v stands %.0f px from them %v", c, at.Label.Box, d, box)
		}
	})
	eachMap(t, []Options{{}, {Edition: EditionCN}}, [][2]int{{800, 600}, {1200, 900}}, func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Code == "islands-CN-HI" {
				t.Errorf("%s: the Xisha Islands named on a map of all China", c)
			}
		}
	})
	t.Logf("%d names", named)
	if named < 10 {
		t.Errorf("%d maps draw the Xisha Islands, want at least 10: the test would test little", named)
	}
}

func (b *Base) hainan() int {
	for i, p := range b.Provinces {
		if p.Code == "CN-HI" {
			return i
		}
	}
	return -1
}

// boxGap is the distance between two boxes, 0 when they meet.
func boxGap(a, b orb.Bound) float64 {
	dx := max(0, max(a.Min[0]-b.Max[0], b.Min[0]-a.Max[0]))
	dy := max(0, max(a.Min[1]-b.Max[1], b.Min[1]-a.Max[1]))
	return math.Hypot(dx, dy)
}

// TestDivisionViewFramesItsLand: the view of a division frames its
// largest land and the parts near it (geo.Boundaries.Core), not islands
// far out at sea: Hainan's view had stretched to the Xisha Islands, 300
// km off, its island in a corner of an empty sea and the reefs drawn as
// specks of outline. In the mainland edition the view has the South
// China Sea inset, which holds them.
func TestDivisionViewFramesItsLand(t *testing.T) {
	a := atlastest.Embedded(t)
	hi := a.DivisionIndex("CN-HI")
	eachMap(t, []Options{{Focus: "CN-HI"}, {Focus: "CN-HI", Edition: EditionCN}}, [][2]int{{640, 480}, {1200, 900}, {600, 800}}, func(c mapCase, s *Scene) {
		island := viewPx(s.Base.Transform, a.Core[hi])
		fw, fh := s.Frame.Max[0]-s.Frame.Min[0], s.Frame.Max[1]-s.Frame.Min[1]
		iw, ih := island.Max[0]-island.Min[0], island.Max[1]-island.Min[1]
		if share := max(iw/fw, ih/fh); share < 0.75 {
			t.Errorf("%s: the island spans %.0f %% of the frame, want at least 75 %%", c, share*100)
		}
		inset := slices.ContainsFunc(s.Insets, func(in Inset) bool { return in.Kind == InsetSouthChinaSea })
		if inset != (c.view.Edition == EditionCN) {
			t.Errorf("%s: South China Sea inset %v", c, inset)
		}
	})
	// A division whose land lies together keeps its whole bound.
	for _, code := range []string{"CN-ZJ", "CN-FJ", "CN-TW", "CN-MO", "CN-SD"} {
		if i := a.DivisionIndex(code); a.Core[i] != a.Projected[i] {
			t.Errorf("%s: core %v, bound %v", code, a.Core[i], a.Projected[i])
		}
	}
}
