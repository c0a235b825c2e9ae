package render

import (
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestWindowHolds: a window's title may name a division whose box covers
// a tenth of the window or lies half in it. Hong Kong, wholly in a
// window of the Pearl River delta but 5 % of it, had turned the title of
// a supplier map there from "in Guangdong and Hong Kong" to "in China";
// Chongqing, in the corner of a window of the south-west border, is the
// window's by neither.
func TestWindowHolds(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, c := range []struct {
		code string
		w    BBox
		want bool
	}{
		{"CN-HK", BBox{112.5, 21.5, 115, 23.5}, true},
		{"CN-GD", BBox{112.5, 21.5, 115, 23.5}, true},
		{"CN-MO", BBox{112.5, 21.5, 115, 23.5}, true},
		{"CN-CQ", BBox{97, 21, 108, 30}, false},
		{"CN-GD", BBox{116, 23, 121, 27.5}, true},
		{"CN-SC", BBox{116, 23, 121, 27.5}, false},
	} {
		d := a.DivisionIndex(c.code)
		if d < 0 {
			t.Fatalf("no division %s", c.code)
		}
		if got := windowHolds(a.Divisions[d].Bound, c.w); got != c.want {
			t.Errorf("windowHolds(%s, %v) = %v, want %v", c.code, c.w, got, c.want)
		}
	}
}
