package render_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/chrometest"
	"github.com/hubatlas/hubatlas/render"
)

// TestRenderersAgree renders export SVGs with rsvg-convert, Inkscape and
// LibreOffice Draw, and the same scenes with hubatlas's own PNG writer and
// PDF writer (drawn by poppler), and compares each with headless
// Chromium: under 1 % of pixels may differ
// strongly (anti-aliasing and glyph rasterisation differ a little). The
// PNGs stay in testdata/out/ for a look.
func TestRenderersAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three renderers")
	}
	for _, tool := range []string{"rsvg-convert", "inkscape", "soffice", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not installed: .ci/run must install librsvg2-bin, inkscape, libreoffice-draw and poppler-utils", tool)
			}
			t.Skipf("%s not installed", tool)
		}
	}
	ctx := chrometest.New(t, 4*time.Minute)
	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		f    geo.Filter
		opt  render.Options
	}{
		{"china-both", geo.Filter{}, render.Options{Lang: "both"}},
		{"fujian-zh-products", geo.Filter{}, render.Options{Focus: "CN-FJ", Products: render.ProductsOn, Lang: "zh"}},
		{"china-cn-zh", geo.Filter{}, render.Options{Edition: render.EditionCN, Lang: "zh"}},
		{"guangdong-both", geo.Filter{}, render.Options{Focus: "CN-GD", Lang: "both"}},
		{"hong-kong", geo.Filter{}, render.Options{Focus: "CN-HK", Width: 800, Height: 600}},
		{"hainan-cn", geo.Filter{}, render.Options{Focus: "CN-HI", Edition: render.EditionCN, Width: 800, Height: 600}},
		{"xinjiang-zh", geo.Filter{}, render.Options{Focus: "CN-XJ", Lang: "zh", Width: 800, Height: 600}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := build(t, c.f, c.opt)
			doc := svgBytes(t, s)
			base := filepath.Join(out, c.name)
			if err := os.WriteFile(base+".svg", doc, 0o644); err != nil {
				t.Fatal(err)
			}
			w, h := int(s.Width), int(s.Height)

			srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, _ *http.Request) {
				rw.Header().Set("Content-Type", "image/svg+xml")
				rw.Write(doc)
			}))
			defer srv.Close()
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(w), int64(h)), chromedp.Navigate(srv.URL+"/map.svg")); err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(base+".chromium.png", shot, 0o644)
			ref := decode(t, shot)

			run(t, "rsvg-convert", "-w", strconv.Itoa(w), "-h", strconv.Itoa(h), "-b", "#ffffff", "-o", base+".rsvg.png", base+".svg")
			run(t, "inkscape", "--export-type=png", "--export-filename="+base+".inkscape.png",
				"--export-width="+strconv.Itoa(w), "--export-background=#ffffff", "--export-background-opacity=1", base+".svg")
			// LibreOffice Draw, as a client opening the SVG in a report:
			// SVG to PDF, then the PDF drawn at the same size by poppler.
			lo := t.TempDir()
			run(t, "soffice", "-env:UserInstallation=file://"+lo+"/profile", "--headless", "--convert-to", "pdf", "--outdir", lo, base+".svg")
			run(t, "pdftoppm", "-png", "-singlefile", "-scale-to-x", strconv.Itoa(w), "-scale-to-y", strconv.Itoa(h), filepath.Join(lo, c.name+".pdf"), base+".libreoffice")
			// hubatlas's own PNG, and its PDF as poppler draws it.
			var pngOut, pdfOut bytes.Buffer
			if err := render.WritePNG(context.Background(), &pngOut, s); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(base+".png-writer.png", pngOut.Bytes(), 0o644)
			if err := render.WritePDF(context.Background(), &pdfOut, s); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(base+".pdf", pdfOut.Bytes(), 0o644)
			run(t, "pdftoppm", "-png", "-singlefile", "-scale-to-x", strconv.Itoa(w), "-scale-to-y", strconv.Itoa(h), base+".pdf", base+".pdf-writer")
			for _, r := range []string{"rsvg", "inkscape", "libreoffice", "png-writer", "pdf-writer"} {
				b, err := os.ReadFile(base + "." + r + ".png")
				if err != nil {
					t.Fatal(err)
				}
				frac := strongDiff(ref, decode(t, b), 0)
				if r != "rsvg" && r != "inkscape" {
					// LibreOffice lays glyphs out with advances of its own
					// (hinted), so long lines drift by a pixel; hubatlas
					// draws glyphs unhinted, Chromium hints them, and
					// poppler puts Type 3 glyphs on whole pixels: these
					// compare with a pixel's tolerance in position. (The
					// shapes agree at the same pixel: only text edges
					// differ.)
					frac = strongDiff(ref, decode(t, b), 1)
				}
				t.Logf("%s vs chromium: %.3f %% of pixels differ strongly", r, 100*frac)
				if frac >= 0.01 {
					t.Errorf("%s differs from chromium in %.2f %% of pixels (limit 1 %%); see %s.*.png", r, 100*frac, base)
				}
			}
		})
	}
}

func run(t *testing.T, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // Inkscape writes its preferences there
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// strongDiff is the fraction of pixels where any channel, over white,
// differs by more than a quarter of its range from every pixel of b
// within shift px of the same place (0: the same pixel only).
func strongDiff(a, b image.Image, shift int) float64 {
	ab, bb := a.Bounds(), b.Bounds()
	if ab.Dx() != bb.Dx() || ab.Dy() != bb.Dy() {
		return 1
	}
	differs := func(p, q [3]int) bool {
		for k := range 3 {
			if d := p[k] - q[k]; d > 64 || d < -64 {
				return true
			}
		}
		return false
	}
	n := 0
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			p := overWhite(a.At(ab.Min.X+x, ab.Min.Y+y).RGBA())
			all := true
			for dy := -shift; dy <= shift && all; dy++ {
				for dx := -shift; dx <= shift && all; dx++ {
					qx, qy := x+dx, y+dy
					if qx < 0 || qy < 0 || qx >= bb.Dx() || qy >= bb.Dy() {
						continue
					}
					all = differs(p, overWhite(b.At(bb.Min.X+qx, bb.Min.Y+qy).RGBA()))
				}
			}
			if all {
				n++
			}
		}
	}
	return float64(n) / float64(ab.Dx()*ab.Dy())
}

func overWhite(r, g, b, a uint32) [3]int {
	// Premultiplied 16-bit channels over white, to 8 bits.
	return [3]int{int((r + 0xffff - a) >> 8), int((g + 0xffff - a) >> 8), int((b + 0xffff - a) >> 8)}
}
