package render

import (
	"math/rand/v2"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestCutPolesNearTheWidest: the pole of a division the frame cuts, found
// in the view's division mask (and over its rings where its part is
// small), lies in the division's part in view, and its circle is nearly
// as wide as the one a search over the largest ring finds: over 200
// windows 1° to 11° wide at two sizes, none is under 85 % of it nor more
// than a cell short, and most are within a few per cent.
func TestCutPolesNearTheWidest(t *testing.T) {
	a := atlastest.Embedded(t)
	poles := a.Poles()
	rng := rand.New(rand.NewPCG(7, 2))
	n, close := 0, 0
	for i := range 200 {
		w := 1 + 10*rng.Float64()
		h := w * (0.5 + 0.5*rng.Float64())
		west := 73 + (135-73-w)*rng.Float64()
		south := 18 + (54-18-h)*rng.Float64()
		size := [][2]int{{960, 720}, {640, 480}}[i%2]
		s, err := Build(t.Context(), a, Request{Options: Options{Width: size[0], Height: size[1], BBox: BBox{west, south, west + w, south + h}}})
		if err != nil {
			t.Fatal(err)
		}
		b := s.Base
		for k, p := range b.Provinces {
			pole, ok := b.cutPole(poles, k)
			if !ok {
				continue
			}
			in := false
			for _, r := range p.Rings {
				if geo.RingContains(r, pole.At) {
					in = !in
				}
			}
			if !in {
				t.Errorf("window %.2f,%.2f %.1f°: %s's pole %v lies outside its part in view", west, south, w, p.Code, pole.At)
			}
			want, ok := ringPole(p.Rings)
			if !ok {
				continue
			}
			n++
			if pole.Radius >= 0.95*want.Radius {
				close++
			}
			if pole.Radius < 0.85*want.Radius && pole.Radius < want.Radius-landCell {
				t.Errorf("window %.2f,%.2f %.1f°: %s's pole %v holds a circle of %.1f px, the ring's %v one of %.1f", west, south, w, p.Code, pole.At, pole.Radius, want.At, want.Radius)
			}
		}
	}
	t.Logf("%d cut divisions, %d with a circle within 5 %% of the ring's", n, close)
	if n < 200 || close < n*3/4 {
		t.Errorf("%d cut divisions, %d within 5 %%", n, close)
	}
}
