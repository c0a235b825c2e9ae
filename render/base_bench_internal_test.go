package render

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// BenchmarkMasks rasterises the land and division masks of a zoomed view
// (Zhejiang and around, 960×720) and of all of China.
func BenchmarkMasks(b *testing.B) {
	a := atlastest.Embedded(b)
	for _, c := range []struct {
		name string
		opt  Options
	}{
		{"china", Options{Width: 960, Height: 720}},
		{"window", Options{Width: 960, Height: 720, BBox: BBox{117, 26, 124, 32}}},
	} {
		s, err := Build(context.Background(), a, Request{Options: c.opt})
		if err != nil {
			b.Fatal(err)
		}
		base := s.Base
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				newMasks(base.Frame, base.Provinces, base.Claims)
			}
		})
	}
}

// BenchmarkCutPoles finds the poles of the divisions cut by the frames
// of 16 zoom windows, 2° to 20° wide (as BenchmarkRenderZoom's); ns/op
// is for all 16.
func BenchmarkCutPoles(b *testing.B) {
	a := atlastest.Embedded(b)
	rng := rand.New(rand.NewPCG(1, 2))
	var bases []*Base
	for range 16 {
		w := 2 + 18*rng.Float64()
		h := w * (0.5 + 0.5*rng.Float64())
		west := 73 + (135-73-w)*rng.Float64()
		south := 18 + (54-18-h)*rng.Float64()
		s, err := Build(context.Background(), a, Request{Options: Options{Width: 960, Height: 720, BBox: BBox{west, south, west + w, south + h}}})
		if err != nil {
			b.Fatal(err)
		}
		bases = append(bases, s.Base)
	}
	poles := a.Poles()
	for b.Loop() {
		for _, base := range bases {
			base.cutPolesOnce = sync.Once{}
			base.cutPole(poles, 0)
		}
	}
}
