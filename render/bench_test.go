package render_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
)

func benchRender(b *testing.B, f geo.Filter, opt render.Options) {
	a := atlas(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		s, err := render.Build(context.Background(), a, render.Request{Filter: f, Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(&buf, s); err != nil {
			b.Fatal(err)
		}
		s.Release()
	}
	b.ReportMetric(float64(buf.Len()), "svg-bytes")
	b.ReportMetric(float64(gzipLen(buf.Bytes())), "gzip-bytes")
}

// BenchmarkRenderChina draws all of China at 960×720 with every hub, its
// label, the legend and the scale bar, and writes the SVG to a buffer.
func BenchmarkRenderChina(b *testing.B) {
	benchRender(b, geo.Filter{}, render.Options{Width: 960, Height: 720})
}

// BenchmarkRenderCategory draws one category (footwear).
func BenchmarkRenderCategory(b *testing.B) {
	benchRender(b, geo.Filter{Categories: []string{"footwear"}}, render.Options{Width: 960, Height: 720})
}

// BenchmarkRenderProvince draws Fujian in focus, neighbours clipped.
func BenchmarkRenderProvince(b *testing.B) {
	benchRender(b, geo.Filter{}, render.Options{Width: 960, Height: 720, Focus: "CN-FJ"})
}

// BenchmarkRenderChina50k draws all of China at 960×720 with a supplier
// list of 50,000 hubs (proportional symbols): compare with
// BenchmarkRenderChina in the same run.
func BenchmarkRenderChina50k(b *testing.B) {
	a := atlastest.Large(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		s, err := render.Build(context.Background(), a, render.Request{Options: render.Options{Width: 960, Height: 720}})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(&buf, s); err != nil {
			b.Fatal(err)
		}
		s.Release()
	}
	b.ReportMetric(float64(buf.Len()), "svg-bytes")
	b.ReportMetric(float64(gzipLen(buf.Bytes())), "gzip-bytes")
}
