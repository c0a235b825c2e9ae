package render

import (
	"context"
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
