package render

import (
	"context"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// BenchmarkPathData writes the path data of a 1200×900 view of China:
// every province's rings, the borders and the outline, as a new view does.
func BenchmarkPathData(b *testing.B) {
	s, err := Build(context.Background(), atlastest.Embedded(b), Request{Options: Options{Width: 1200, Height: 900}})
	if err != nil {
		b.Fatal(err)
	}
	base := s.Base
	var pb pathBuf
	for b.Loop() {
		pb.reset()
		for _, p := range base.Provinces {
			for _, r := range p.Rings {
				pb.ring(r)
			}
		}
		for _, l := range base.Borders {
			pb.line(l)
		}
		for _, l := range base.Outline {
			pb.line(l)
		}
	}
	b.ReportMetric(float64(len(pb.b)), "bytes")
}
