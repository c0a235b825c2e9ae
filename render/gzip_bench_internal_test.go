package render

import (
	"bytes"
	"context"
	"testing"

	"github.com/klauspost/compress/flate"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// gzipParts splits the SVG of the default map of one category into the
// view's path data (the same for every filter) and the rest, in order.
func gzipParts(b *testing.B) (svg []byte, static, dynamic [][]byte) {
	s, err := Build(context.Background(), atlastest.Embedded(b), Request{Filter: geo.Filter{Categories: []string{"footwear"}}})
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, s); err != nil {
		b.Fatal(err)
	}
	svg = buf.Bytes()
	base := s.Base
	var paths [][]byte
	for _, c := range base.Countries {
		paths = append(paths, c.path)
	}
	for _, p := range base.Provinces {
		paths = append(paths, p.path)
	}
	paths = append(paths, base.countryLinePath, base.borderPath, base.outlinePath)
	pos := 0
	for _, p := range paths {
		if i := bytes.Index(svg[pos:], p); len(p) > 0 && i >= 0 {
			dynamic = append(dynamic, svg[pos:pos+i])
			static = append(static, p)
			pos += i + len(p)
		}
	}
	return svg, static, append(dynamic, svg[pos:])
}

// deflateApart compresses each part on its own, ended by a sync flush, as
// pieces of one stream would be.
func deflateApart(zw *flate.Writer, out *bytes.Buffer, parts [][]byte) {
	for _, p := range parts {
		zw.Reset(out)
		zw.Write(p)
		zw.Flush()
	}
}

// BenchmarkGzipMap compresses a whole map at the server's level (1), as
// an uncached map for a gzip request is.
func BenchmarkGzipMap(b *testing.B) {
	svg, _, _ := gzipParts(b)
	var out bytes.Buffer
	zw, _ := flate.NewWriter(&out, 1)
	for b.Loop() {
		out.Reset()
		zw.Reset(&out)
		zw.Write(svg)
		zw.Close()
	}
	b.ReportMetric(float64(len(svg)), "svg-bytes")
	b.ReportMetric(float64(out.Len()), "deflate-bytes")
}

// BenchmarkGzipMapApart is the design not taken (bench/README.md): the
// view's path data compressed once, apart, and each map's other bytes
// compressed per map, in pieces. It times the per-map part and reports
// both sizes.
func BenchmarkGzipMapApart(b *testing.B) {
	svg, static, dynamic := gzipParts(b)
	var st, out bytes.Buffer
	zw, _ := flate.NewWriter(&out, 1)
	deflateApart(zw, &st, static)
	for b.Loop() {
		out.Reset()
		deflateApart(zw, &out, dynamic)
	}
	n := 0
	for _, p := range static {
		n += len(p)
	}
	b.ReportMetric(float64(len(svg)), "svg-bytes")
	b.ReportMetric(float64(n), "path-bytes")
	b.ReportMetric(float64(len(static)), "pieces")
	b.ReportMetric(float64(st.Len()), "path-deflate-bytes")
	b.ReportMetric(float64(out.Len()), "rest-deflate-bytes")
}
