package dcw_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/dcw"
)

// TestClaimFeatures: a claimed square south of its division's square, its
// north side a few metres off the division's (two grids of DCW-GMT),
// gives the area with that side moved onto the division's boundary, the
// other three sides as its border, in one line from the division's
// boundary and back, and the north side as the edge that is hidden.
func TestClaimFeatures(t *testing.T) {
	c := dcw.Claim{Name: "Test", NameZH: "测试", State: "XX.YY", Division: "CN-XX"}
	// Clockwise, as DCW writes it, with a vertex on each side.
	claim := orb.Ring{{0, 0.99999}, {0.5, 1.00002}, {1, 0.99998}, {1, 0.5}, {1, 0}, {0.5, 0}, {0, 0}, {0, 0.5}, {0, 0.99999}}
	claim.Reverse() // counter-clockwise: the function orients it either way
	division := []orb.Ring{{{0, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 1}}}
	fs := dcw.ClaimFeatures(c, claim, division, 5)
	if len(fs) != 3 {
		t.Fatalf("%d features, want area, border and edge", len(fs))
	}
	for i, kind := range []string{"claimed-area", "claimed-border", "claimed-edge"} {
		if p := fs[i].Properties; p["kind"] != kind || p["division"] != "CN-XX" || p["name_zh"] != "测试" {
			t.Errorf("feature %d: %v", i, p)
		}
	}
	area := fs[0].Geometry.(orb.Polygon)[0]
	if area.Orientation() != orb.CCW {
		t.Error("area not counter-clockwise")
	}
	for _, p := range area {
		if p[1] > 0.9 && p[1] != 1 {
			t.Errorf("vertex %v of the north side not moved onto the division's boundary", p)
		}
	}
	border := fs[1].Geometry.(orb.MultiLineString)
	if len(border) != 1 || len(border[0]) < 4 {
		t.Fatalf("border %v, want one line of three sides", border)
	}
	b := border[0]
	if b[0][1] != 1 || b[len(b)-1][1] != 1 {
		t.Errorf("border %v does not begin and end on the division's boundary", b)
	}
	for _, p := range b[1 : len(b)-1] {
		if p[1] == 1 {
			t.Errorf("border %v runs along the division's boundary", b)
		}
	}
	edge := fs[2].Geometry.(orb.MultiLineString)
	if len(edge) != 1 {
		t.Fatalf("edge %v, want one line", edge)
	}
	for _, p := range edge[0] {
		if p[1] != 1 {
			t.Errorf("edge %v leaves the division's boundary", edge)
		}
	}
}
