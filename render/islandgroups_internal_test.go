package render

import (
	"math"

	"github.com/paulmach/orb"
	"testing"
)

// TestIslandGroupsNamed: on a closer view that draws the Xisha Islands
// (Hainan's in the shipped boundaries) their name stands beside them:
// Hainan's view had stretched to a dot of land 300 km off the island,
// unnamed. Maps of all China, where the group is a speck among many,
// leave it unnamed.
func TestIslandGroupsNamed(t *testing.T) {
	named := 0
	views := []Options{{Focus: "CN-HI"}, {Focus: "CN-HI", Edition: EditionCN}, {BBox: BBox{107, 15, 115, 21}}}
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
