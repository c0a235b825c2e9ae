package render

import (
	"bufio"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
)

// stripBytes bounds the memory a PNG is drawn in: the image is drawn a
// band of rows at a time, each at most this large, and written out as it
// goes, so a 600 dpi A4 page (35 million pixels) needs no more than a
// screen map.
var stripBytes = 4 << 20

// MaxPixels bounds a PNG's size: 600 dpi on an A3 page.
const MaxPixels = 70_000_000

// PNGSize is the size in pixels of s's PNG, at s.DPI dots per inch (the
// scene's CSS px are 96 to the inch).
func PNGSize(s *Scene) (w, h int) {
	k := float64(s.dpi()) / 96
	return int(math.Round(s.Width * k)), int(math.Round(s.Height * k))
}

// CheckPNG says whether the PNG of a map drawn with o would be within
// MaxPixels, as a *geo.InvalidError naming dpi when not.
func CheckPNG(o Options) error {
	w, h, _ := o.withDefaults().size()
	s := Scene{Width: w, Height: h, DPI: o.rasterDPI()}
	W, H := PNGSize(&s)
	if W*H > MaxPixels {
		return &geo.InvalidError{Param: "dpi", Value: strconv.Itoa(s.dpi()),
			Hint: fmt.Sprintf("a PNG of %d×%d px is too large: at most %d million pixels; lower dpi or the page size", W, H, MaxPixels/1_000_000)}
	}
	return nil
}

// WritePNG writes s as a PNG at s.DPI dots per inch (Options.DPI: by
// default 300 for a page, for print, and 96 for a px map, which draws it
// at its size). The file says its resolution (pHYs),
// so that a word processor places it at the page's size, and carries the
// title and description (iTXt). Same scene, same bytes. It stops early,
// with ctx's error, when ctx is done.
func WritePNG(ctx context.Context, w io.Writer, s *Scene) error {
	faces, err := loadFaces()
	if err != nil {
		return err
	}
	dpi := s.dpi()
	W, H := PNGSize(s)
	if W < 1 || H < 1 || W*H > MaxPixels {
		return &geo.InvalidError{Param: "dpi", Value: strconv.Itoa(dpi),
			Hint: fmt.Sprintf("a PNG of %d×%d px is too large or empty: at most %d million pixels; lower dpi or the page size", W, H, MaxPixels/1_000_000)}
	}
	var dl displayList
	drawScene(&dl, s)

	bw := bufio.NewWriterSize(w, 64<<10)
	pw := &pngWriter{w: bw}
	pw.header(W, H, dpi, strings.Join(s.Title, " "), s.Desc)
	zw, err := zlib.NewWriterLevel(&pw.idat, zlib.DefaultCompression)
	if err != nil {
		return err
	}
	rows := max(8, stripBytes/(4*W))
	r := &raster{scale: float64(W) / s.Width, faces: faces}
	var img *image.RGBA
	f := newRowFilter(W)
	for y0 := 0; y0 < H; y0 += rows {
		if err := ctx.Err(); err != nil {
			return err
		}
		y1 := min(H, y0+rows)
		rect := image.Rect(0, y0, W, y1)
		if img == nil {
			img = image.NewRGBA(rect)
		} else {
			img = &image.RGBA{Pix: img.Pix[:4*W*(y1-y0)], Stride: 4 * W, Rect: rect}
		}
		draw.Draw(img, rect, image.White, image.Point{}, draw.Src)
		r.img = img
		r.draw(dl.ops)
		for y := y0; y < y1; y++ {
			if _, err := zw.Write(f.row(img.Pix[(y-y0)*img.Stride : (y-y0)*img.Stride+4*W])); err != nil {
				return err
			}
		}
		if pw.err != nil {
			return pw.err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	pw.idat.flush()
	pw.chunk("IEND", nil)
	if pw.err != nil {
		return pw.err
	}
	return bw.Flush()
}

// pngWriter writes PNG chunks; idat gathers compressed data into IDAT
// chunks of 64 KiB.
type pngWriter struct {
	w    *bufio.Writer
	err  error
	idat idatWriter
}

func (p *pngWriter) chunk(typ string, data []byte) {
	if p.err != nil {
		return
	}
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(head[4:8])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, b := range [][]byte{head[:], data, tail[:]} {
		if _, err := p.w.Write(b); err != nil {
			p.err = err
			return
		}
	}
}

// header writes the signature, IHDR (8-bit RGB: maps are opaque), pHYs
// and the title and description as international text.
func (p *pngWriter) header(w, h, dpi int, title, desc string) {
	p.idat.p = p
	if _, err := p.w.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		p.err = err
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // bit depth, colour type RGB
	p.chunk("IHDR", ihdr)
	phys := make([]byte, 9)
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1 // unit: metre
	p.chunk("pHYs", phys)
	for _, kv := range [][2]string{{"Title", title}, {"Description", desc}, {"Software", "hubatlas"}} {
		if kv[1] == "" {
			continue
		}
		// keyword, null, compression flag and method, language, null,
		// translated keyword, null, UTF-8 text
		data := append([]byte(kv[0]), 0, 0, 0, 0, 0)
		p.chunk("iTXt", append(data, kv[1]...))
	}
}

type idatWriter struct {
	p   *pngWriter
	buf []byte
}

func (d *idatWriter) Write(b []byte) (int, error) {
	d.buf = append(d.buf, b...)
	for len(d.buf) >= 64<<10 {
		d.p.chunk("IDAT", d.buf[:64<<10])
		d.buf = append(d.buf[:0], d.buf[64<<10:]...)
	}
	return len(b), d.p.err
}

func (d *idatWriter) flush() {
	if len(d.buf) > 0 {
		d.p.chunk("IDAT", d.buf)
		d.buf = d.buf[:0]
	}
}

// rowFilter turns RGBA rows into filtered RGB scanlines, choosing per row
// the filter whose output has the smallest sum of absolute values (the
// heuristic the PNG specification recommends, as image/png does).
type rowFilter struct {
	prev, cur []byte
	out       [5][]byte
}

func newRowFilter(w int) *rowFilter {
	f := &rowFilter{prev: make([]byte, 3*w), cur: make([]byte, 3*w)}
	for i := range f.out {
		f.out[i] = make([]byte, 1+3*w)
		f.out[i][0] = byte(i)
	}
	return f
}

// row returns the filtered scanline (filter byte first) of one RGBA row.
func (f *rowFilter) row(rgba []byte) []byte {
	cur, prev := f.cur, f.prev
	for i, j := 0, 0; j < len(cur); i, j = i+4, j+3 {
		cur[j], cur[j+1], cur[j+2] = rgba[i], rgba[i+1], rgba[i+2]
	}
	n := len(cur)
	none, sub, up, avg, paeth := f.out[0][1:], f.out[1][1:], f.out[2][1:], f.out[3][1:], f.out[4][1:]
	copy(none, cur)
	for i := range n {
		var a, c byte
		if i >= 3 {
			a, c = cur[i-3], prev[i-3]
		}
		b := prev[i]
		sub[i] = cur[i] - a
		up[i] = cur[i] - b
		avg[i] = cur[i] - byte((int(a)+int(b))/2)
		paeth[i] = cur[i] - paethPredict(a, b, c)
	}
	best, bestSum := 0, math.MaxInt
	for k := range f.out {
		sum := 0
		row := f.out[k][1:]
		for i := 0; i < len(row) && sum < bestSum; i++ {
			v := int(int8(row[i])) // the distance from 0, modulo 256
			sum += (v ^ v>>31) - v>>31
		}
		if sum < bestSum {
			best, bestSum = k, sum
		}
	}
	f.prev, f.cur = cur, prev
	return f.out[best]
}

func paethPredict(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func (s *Scene) dpi() int {
	if s.DPI == 0 {
		return 96
	}
	return s.DPI
}
