package render

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestPNGStripsAreSeamless: a PNG drawn in bands of 8 rows is the PNG
// drawn in one band, give or take rounding in the last bit of a channel
// (coverage is summed from a different origin).
func TestPNGStripsAreSeamless(t *testing.T) {
	s, err := Build(context.Background(), atlastest.Embedded(t), Request{Options: Options{Lang: "both", Width: 800, Height: 600}})
	if err != nil {
		t.Fatal(err)
	}
	draw := func(strip int) image.Image {
		old := stripBytes
		stripBytes = strip
		defer func() { stripBytes = old }()
		var b bytes.Buffer
		if err := WritePNG(context.Background(), &b, s); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	whole, banded := draw(1<<30), draw(8*4*800)
	worst := 0
	for y := range 600 {
		for x := range 800 {
			r1, g1, b1, _ := whole.At(x, y).RGBA()
			r2, g2, b2, _ := banded.At(x, y).RGBA()
			for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
				worst = max(worst, d, -d)
			}
		}
	}
	if worst > 1 {
		t.Errorf("bands differ from the whole by up to %d levels", worst)
	}
}

// TestGlyphAdvancesAreLayouts: the PNG and PDF writers advance by the
// widths layout measures with, for every character of the width tables
// and the Chinese characters, in all four faces.
func TestGlyphAdvancesAreLayouts(t *testing.T) {
	fs, err := loadFaces()
	if err != nil {
		t.Fatal(err)
	}
	var chars []rune
	for _, rg := range metricRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			chars = append(chars, r)
		}
	}
	for i := range fs.cjk.Len() {
		chars = append(chars, fs.cjk.Rune(i))
	}
	chars = append(chars, '한', '😀', 0x0370)
	for _, bold := range []bool{false, true} {
		for _, r := range chars {
			for _, s := range []string{string(r), "A" + string(r), "中" + string(r)} {
				run, _ := fs.layout(nil, textRun{S: s, Size: 100, Bold: bold})
				end := run[len(run)-1]
				if got, want := end.x+end.adv, measure(s, 100, bold); got-want > 0.2 || want-got > 0.2 {
					t.Fatalf("%q bold %v: glyphs advance %.2f, layout measures %.2f", s, bold, got, want)
				}
			}
		}
	}
}
