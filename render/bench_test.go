package render_test

import (
	"bytes"
	"context"
	"math/rand/v2"
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

// BenchmarkRenderBothProducts draws all of China at 1200×900 in both
// languages with products asked for: laid out twice, with products in
// Chinese and in English alone (see Build). Compare with
// BenchmarkRenderEnglishProducts in the same run.
func BenchmarkRenderBothProducts(b *testing.B) {
	benchRender(b, geo.Filter{}, render.Options{Width: 1200, Height: 900, Lang: "both", Products: render.ProductsOn})
}

// BenchmarkRenderEnglishProducts is BenchmarkRenderBothProducts in
// English: laid out once.
func BenchmarkRenderEnglishProducts(b *testing.B) {
	benchRender(b, geo.Filter{}, render.Options{Width: 1200, Height: 900, Lang: "en", Products: render.ProductsOn})
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

// benchWrite times one writer on a scene built once; compare the writers
// with each other and with BenchmarkRenderChina in the same run.
func benchWrite(b *testing.B, opt render.Options, write func(*bytes.Buffer, *render.Scene) error) {
	s, err := render.Build(context.Background(), atlas(b), render.Request{Options: opt})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func svgWriter(buf *bytes.Buffer, s *render.Scene) error { return render.WriteSVG(buf, s) }

func pngWriter(buf *bytes.Buffer, s *render.Scene) error {
	return render.WritePNG(context.Background(), buf, s)
}

func pdfWriter(buf *bytes.Buffer, s *render.Scene) error {
	return render.WritePDF(context.Background(), buf, s)
}

// BenchmarkWriteSVG, BenchmarkWritePNG and BenchmarkWritePDF write the
// same 960×720 map of China; the A4 ones the landscape page for print.
func BenchmarkWriteSVG(b *testing.B) {
	benchWrite(b, render.Options{Width: 960, Height: 720}, svgWriter)
}
func BenchmarkWritePNG(b *testing.B) {
	benchWrite(b, render.Options{Width: 960, Height: 720}, pngWriter)
}
func BenchmarkWritePDF(b *testing.B) {
	benchWrite(b, render.Options{Width: 960, Height: 720}, pdfWriter)
}
func BenchmarkWritePNGA4At300(b *testing.B) {
	benchWrite(b, render.Options{Page: "a4-landscape", Lang: "both"}, pngWriter)
}
func BenchmarkWritePDFA4(b *testing.B) {
	benchWrite(b, render.Options{Page: "a4-landscape", Lang: "both"}, pdfWriter)
}

// BenchmarkRenderSizes draws all of China at a different size each time,
// as the load test's distinct maps do (1,600 sizes, more than the view
// cache holds): each render builds its view's Base.
func BenchmarkRenderSizes(b *testing.B) {
	a := atlas(b)
	var buf bytes.Buffer
	i := 0
	hs := []int{700, 760, 820, 880}
	for b.Loop() {
		buf.Reset()
		opt := render.Options{Width: 900 + i/4%400, Height: hs[i%4]}
		i++
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderZoom draws windows 2° to 20° wide at random places in
// China (fixed seed), as the load test's zoom maps do: each its own view.
func BenchmarkRenderZoom(b *testing.B) {
	a := atlas(b)
	var buf bytes.Buffer
	rng := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		buf.Reset()
		w := 2 + 18*rng.Float64()
		h := w * (0.5 + 0.5*rng.Float64())
		west := 73 + (135-73-w)*rng.Float64()
		south := 18 + (54-18-h)*rng.Float64()
		opt := render.Options{Width: 960, Height: 720, BBox: render.BBox{west, south, west + w, south + h}}
		s, err := render.Build(context.Background(), a, render.Request{Options: opt})
		if err != nil {
			b.Fatal(err)
		}
		if err := render.WriteSVG(&buf, s); err != nil {
			b.Fatal(err)
		}
	}
}
