package dcw_test

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/dcw"
)

func TestSimplify(t *testing.T) {
	inf := math.Inf(1)
	coast := []orb.Point{{0, 0}, {50, -2}, {100, -30}, {150, -2}, {200, 0}} // a bay
	island := []orb.Point{{95, -12}, {105, -12}, {100, -6}, {95, -12}}
	far := []orb.Point{{95, -212}, {105, -212}, {100, -206}, {95, -212}}
	for _, c := range []struct {
		name string
		arcs [][]orb.Point
		want []orb.Point // the coast as simplified
	}{
		{"bay alone", [][]orb.Point{coast, far}, []orb.Point{{0, 0}, {200, 0}}},
		// The chord across the bay would leave the island on land.
		{"island in the bay", [][]orb.Point{coast, island}, []orb.Point{{0, 0}, {100, -30}, {200, 0}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			weights := [][]float64{{inf, 50, 3000, 50, inf}, {inf, inf, inf, inf}}
			got := dcw.Simplify(c.arcs, weights, func(int, int) float64 { return 5000 })
			if !slices.Equal(got[0], c.want) {
				t.Errorf("coast %v, want %v", got[0], c.want)
			}
			if len(got[1]) != 4 {
				t.Errorf("island %v, want it whole", got[1])
			}
		})
	}
}
