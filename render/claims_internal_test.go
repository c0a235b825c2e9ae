package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestZangnanInTheMainlandEdition: the mainland edition draws Zangnan
// (藏南) as Xizang's, in its fill, with no line between them, where the
// shipped boundaries (DCW-GMT's, the line held on the ground) leave it
// to India: every map of the edition that shows it had drawn it as
// India's, named 印度 inside it, which no map published in mainland China
// may. The international edition draws it as the data does, and in
// neither does a country's name stand on it. A boundary file whose
// Xizang holds it already (as DataV's does) is drawn as it is. Each map
// is rasterised, and the pixel at Zangnan's inner point read.
func TestZangnanInTheMainlandEdition(t *testing.T) {
	a := atlastest.Embedded(t)
	xz := a.DivisionIndex("CN-XZ")
	if len(a.Context.Claims) != 1 || xz < 0 {
		t.Fatalf("%d claims in the shipped context, want Zangnan", len(a.Context.Claims))
	}
	zangnan := a.Context.Claims[0]
	if a.DivisionAt(zangnan.Inside) >= 0 {
		t.Fatalf("the shipped boundaries hold %v already", zangnan.Inside)
	}
	views := []Options{{Width: 1200, Height: 900}, {Width: 800, Height: 600}, {Width: 480, Height: 360},
		{Focus: "CN-XZ", Width: 800, Height: 600}, {BBox: BBox{88, 25, 99, 31}, Width: 800, Height: 600}, {BBox: BBox{94, 27, 96, 29}, Width: 600, Height: 600}, {Page: "a5"}}
	for _, v := range views {
		for _, ed := range []string{EditionCN, EditionIntl} {
			for _, lang := range []string{"en", "zh", "both"} {
				opt := v
				opt.Edition, opt.Lang = ed, lang
				s := build(t, a, opt)
				name := fmt.Sprintf("%s %dx%d %s %s %s", describeView(v), v.Width, v.Height, v.Page, ed, lang)
				want := countryFill
				if ed == EditionCN {
					want = s.Provinces[xz].Fill
					if len(s.Claims) != 1 {
						t.Errorf("%s: %d claimed areas drawn, want Zangnan", name, len(s.Claims))
					}
				} else if len(s.Claims) != 0 {
					t.Errorf("%s: a claimed area drawn", name)
				}
				at := s.Base.Transform.Apply(geo.China.Forward(zangnan.Inside))
				if got := pixel(t, s, at); got != want {
					t.Errorf("%s: Zangnan at %.0f is %s, want %s", name, at, got, want)
				}
				for _, n := range s.Names {
					if n.Kind == "country" && onClaim(s.Base, n.Label.Box) {
						t.Errorf("%s: %q stands on Zangnan", name, n.Label.Lines)
					}
				}
			}
		}
	}
	// A boundary file whose Xizang holds Zangnan: drawn as it is.
	b := withZangnan(t, zangnan.Shape)
	s := build(t, b, Options{Width: 800, Height: 600, Edition: EditionCN, Lang: "zh"})
	if len(s.Claims) != 0 {
		t.Errorf("Zangnan drawn again over a Xizang that holds it")
	}
	if got, want := pixel(t, s, s.Base.Transform.Apply(geo.China.Forward(zangnan.Inside))), s.Provinces[b.DivisionIndex("CN-XZ")].Fill; got != want {
		t.Errorf("Zangnan of a Xizang that holds it is %s, want %s", got, want)
	}
}

// onClaim reports whether a corner or the centre of box lies on a
// claimed area of b.
func onClaim(b *Base, box orb.Bound) bool {
	for _, c := range b.Claims {
		for _, r := range c.Rings {
			for _, p := range []orb.Point{box.Min, box.Max, {box.Min[0], box.Max[1]}, {box.Max[0], box.Min[1]}, box.Center()} {
				if planar.RingContains(orb.Ring(r), p) {
					return true
				}
			}
		}
	}
	return false
}

func build(t *testing.T, a *geo.Atlas, opt Options) *Scene {
	t.Helper()
	s, err := Build(context.Background(), a, Request{Options: opt})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pixel returns the colour of s rasterised at px p, #rrggbb.
func pixel(t *testing.T, s *Scene, p orb.Point) string {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePNG(context.Background(), &buf, s); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	k := float64(img.Bounds().Dx()) / s.Width
	r, g, bl, _ := img.At(int(p[0]*k), int(p[1]*k)).RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8)
}

// withZangnan is the embedded atlas with Zangnan added to Xizang's
// shape in its boundary file, as DataV's draws it.
func withZangnan(t *testing.T, zangnan orb.MultiPolygon) *geo.Atlas {
	t.Helper()
	data, err := fs.ReadFile(assets.FS, assets.Boundaries)
	if err != nil {
		t.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fc.Features {
		if f.Properties.MustString("code", "") == "CN-XZ" {
			f.Geometry = append(f.Geometry.(orb.MultiPolygon), zangnan...)
		}
	}
	out, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"b.geojson": {Data: out}}
	for _, name := range []string{assets.Hubs, assets.Categories, assets.Context, assets.SouthChinaSea} {
		d, err := fs.ReadFile(assets.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: d}
	}
	a, err := geo.Load(fsys, "b.geojson", assets.Hubs, assets.Categories)
	if err != nil {
		t.Fatal(err)
	}
	if a.Context, err = geo.LoadContext(fsys, assets.Context, assets.SouthChinaSea); err != nil {
		t.Fatal(err)
	}
	return a
}
