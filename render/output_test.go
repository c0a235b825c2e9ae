package render_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

func pngBytes(t testing.TB, s *render.Scene) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.WritePNG(context.Background(), &b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pdfBytes(t testing.TB, s *render.Scene) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := render.WritePDF(context.Background(), &b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// chunk returns the data of the first PNG chunk of the type, or nil.
func chunk(b []byte, typ string) []byte {
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if string(b[i+4:i+8]) == typ {
			return b[i+8 : i+8+n]
		}
		i += 12 + n
	}
	return nil
}

// TestPNGSize: a page's PNG is the page at the resolution asked, and says
// so (pHYs), so that a word processor places it at the page's size; a px
// map at 96 dpi is its px size.
func TestPNGSize(t *testing.T) {
	for _, c := range []struct {
		opt  render.Options
		dpi  int
		w, h int
	}{
		{render.Options{Page: "a4"}, 300, 2480, 3508}, // the default for a page
		{render.Options{Page: "a4-landscape", DPI: 150}, 150, 1754, 1240},
		{render.Options{Page: "slide", DPI: 150}, 150, 2000, 1125},
		{render.Options{Width: 960, Height: 720}, 96, 960, 720}, // the default for px
		{render.Options{Width: 960, Height: 720, DPI: 192}, 192, 1920, 1440},
	} {
		b := pngBytes(t, build(t, geo.Filter{}, c.opt))
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := img.Bounds().Size(); got.X != c.w || got.Y != c.h {
			t.Errorf("%+v at %d dpi: %v, want %d×%d", c.opt, c.dpi, got, c.w, c.h)
		}
		phys := chunk(b, "pHYs")
		if len(phys) != 9 || phys[8] != 1 || math.Abs(float64(binary.BigEndian.Uint32(phys))*0.0254-float64(c.dpi)) > 0.02 {
			t.Errorf("%+v at %d dpi: pHYs %v", c.opt, c.dpi, phys)
		}
		if text := chunk(b, "iTXt"); !bytes.HasPrefix(text, []byte("Title\x00")) || !bytes.Contains(text, []byte("Manufacturing hubs")) {
			t.Errorf("%+v: title chunk %q", c.opt, text)
		}
	}
}

// TestOutputsAreDeterministic: the same scene gives the same PNG and PDF
// bytes, drawn one after another or at once.
func TestOutputsAreDeterministic(t *testing.T) {
	s := build(t, geo.Filter{}, render.Options{Lang: "both", Edition: render.EditionCN, Page: "a5", DPI: 120})
	wantPNG, wantPDF := pngBytes(t, s), pdfBytes(t, s)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if !bytes.Equal(pngBytes(t, s), wantPNG) {
				t.Error("PNG bytes differ between runs")
			}
			if !bytes.Equal(pdfBytes(t, s), wantPDF) {
				t.Error("PDF bytes differ between runs")
			}
		})
	}
	wg.Wait()
}

func TestPNGLimits(t *testing.T) {
	s := build(t, geo.Filter{}, render.Options{Page: "1000x1000mm", DPI: 600})
	err := render.WritePNG(context.Background(), &bytes.Buffer{}, s)
	var ie *geo.InvalidError
	if !errors.As(err, &ie) || ie.Param != "dpi" || !strings.Contains(ie.Hint, "too large") {
		t.Errorf("a 1 m² page at 600 dpi: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := render.WritePNG(ctx, &bytes.Buffer{}, build(t, geo.Filter{}, render.Options{})); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if err := render.WritePDF(ctx, &bytes.Buffer{}, build(t, geo.Filter{}, render.Options{})); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled PDF: %v", err)
	}
}

func poppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdfinfo not installed: .ci/run must install poppler-utils")
		}
		t.Skip("poppler-utils not installed")
	}
}

func popplerRun(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "map.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, path, "-")...).CombinedOutput()
	if tool == "pdfinfo" || tool == "pdffonts" {
		out, err = exec.Command(tool, append(args, path)...).CombinedOutput()
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	if strings.Contains(string(out), "Syntax Error") || strings.Contains(string(out), "Syntax Warning") {
		t.Errorf("%s complains:\n%s", tool, out)
	}
	return string(out)
}

// TestPDFPages: poppler reads every page preset at its paper size, finds
// the text in both languages, and the fonts carry Unicode maps.
func TestPDFPages(t *testing.T) {
	poppler(t)
	for _, c := range []struct {
		opt  render.Options
		size string
	}{
		{render.Options{Page: "a4", Lang: "both"}, "595.28 x 841.89 pts (A4)"},
		{render.Options{Page: "a4-landscape", Lang: "both", Edition: render.EditionCN}, "841.89 x 595.28 pts (A4)"},
		{render.Options{Page: "letter", Lang: "both"}, "612 x 792 pts (letter)"},
		{render.Options{Page: "slide", Lang: "both"}, "960 x 540 pts"},
		{render.Options{Width: 1200, Height: 900, Lang: "both"}, "900 x 675 pts"},
	} {
		pdf := pdfBytes(t, build(t, geo.Filter{}, c.opt))
		info := popplerRun(t, pdf, "pdfinfo")
		if !strings.Contains(info, "Page size:       "+c.size) || !strings.Contains(info, "Pages:           1") {
			t.Errorf("%+v: pdfinfo says\n%s", c.opt, info)
		}
		if !strings.Contains(info, "Manufacturing hubs in China / 中国制造业中心") {
			t.Errorf("%+v: no title in\n%s", c.opt, info)
		}
		text := popplerRun(t, pdf, "pdftotext", "-raw")
		for _, want := range append(sceneTexts(build(t, geo.Filter{}, c.opt)), "Quanzhou", "泉州") {
			if !strings.Contains(text, want) {
				t.Errorf("%+v: pdftotext finds no %q", c.opt, want)
			}
		}
		fonts := popplerRun(t, pdf, "pdffonts")
		for _, line := range strings.Split(fonts, "\n")[2:] {
			if line != "" && !regexp.MustCompile(`Type 3 +Custom +yes no +yes`).MatchString(line) {
				t.Errorf("%+v: font %q", c.opt, line)
			}
		}
	}
}

// TestPDFManyGlyphs: more than 255 distinct glyphs of a face spread over
// several Type 3 fonts, and the text still comes out exactly; a
// character no embedded face has is drawn as a box and still copies as
// itself.
func TestPDFManyGlyphs(t *testing.T) {
	poppler(t)
	title := "制造业中心地图：鞋服箱包玩具电子家具陶瓷化工医药机械汽车纺织丝绸眼镜五金工具食品饮料海产农业印刷包装钢铁"
	s := build(t, geo.Filter{}, render.Options{Lang: "zh", Products: render.ProductsOn, Title: title + " 한국"})
	pdf := pdfBytes(t, s)
	fonts := popplerRun(t, pdf, "pdffonts")
	if n := strings.Count(fonts, "Type 3"); n < 3 {
		t.Errorf("%d fonts; want the CJK face split over several:\n%s", n, fonts)
	}
	text := popplerRun(t, pdf, "pdftotext", "-raw")
	if !strings.Contains(text, title+" 한국") {
		t.Errorf("title does not come out exactly:\n%.400s", text)
	}
	for _, want := range sceneTexts(s) {
		if !strings.Contains(text, want) {
			t.Errorf("%q not in the text", want)
		}
	}
}

// sceneTexts are the lines of the labels and names of a scene's panels.
func sceneTexts(s *render.Scene) []string {
	var out []string
	panels := []*render.Panel{&s.Panel}
	for i := range s.Insets {
		panels = append(panels, &s.Insets[i].Panel)
	}
	for _, p := range panels {
		for _, h := range p.Hubs {
			out = append(out, h.Label.Lines...)
		}
		for _, n := range p.Names {
			out = append(out, n.Label.Lines...)
		}
	}
	return out
}
