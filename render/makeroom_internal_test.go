package render

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestLabelsMakeRoomForNames: a larger division left unnamed because a
// hub's label alone takes the places of its name inside it is named,
// that label moved to another of its places beside its marker. "Xi'an
// 西安" had stood across the middle of Henan, which went unnamed, at
// 1600×1200 in both languages; Changchun's label had taken Jilin's
// place on an A5 page in Chinese, Chengdu's Sichuan's at 800×600. Every
// label still stands beside its own marker, over no name, label or other
// marker.
func TestLabelsMakeRoomForNames(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, c := range []struct {
		opt  Options
		f    geo.Filter
		want []string
	}{
		{Options{Width: 1600, Height: 1200, Lang: "both"}, geo.Filter{}, []string{"CN-HA"}},
		{Options{Width: 800, Height: 600, Lang: "en"}, geo.Filter{}, []string{"CN-HA", "CN-JL", "CN-SC"}},
		{Options{Page: "a5", Lang: "zh"}, geo.Filter{}, []string{"CN-JL"}},
		{Options{Page: "a4", Lang: "both"}, geo.Filter{}, []string{"CN-HA"}},
		{Options{Page: "a4-landscape", Lang: "both"}, geo.Filter{}, []string{"CN-AH", "CN-HA"}},
		{Options{Width: 1000, Height: 700, Lang: "en"}, geo.Filter{Categories: []string{"footwear", "toys"}}, []string{"CN-GX"}},
	} {
		s, err := Build(context.Background(), a, Request{Filter: c.f, Options: c.opt})
		if err != nil {
			t.Fatal(err)
		}
		for _, code := range c.want {
			if !slices.ContainsFunc(s.Names, func(n NameLabel) bool { return n.Code == code }) {
				t.Errorf("%s %vx%v %s: %s is not named", c.opt.Page, c.opt.Width, c.opt.Height, c.opt.Lang, code)
			}
		}
	}
	views := []Options{{}, {Page: "a4"}, {Page: "a4-landscape"}, {Page: "a5"}, {Page: "slide"}, {Page: "column"}, {Edition: EditionCN}}
	labels := 0
	eachMap(t, views, [][2]int{{640, 480}, {800, 600}, {1200, 900}, {1600, 1200}}, func(c mapCase, s *Scene) {
		if c.view.Page != "" && c.size[0] != 640 {
			return // a page's size is its own
		}
		n, errs := labelsBesideAlone(s)
		for _, err := range errs {
			t.Errorf("%s: %v", c, err)
		}
		labels += n
	})
	t.Logf("%d labels beside their markers", labels)
}

// labelsBesideAlone counts and checks every hub's label beside its marker: nearer
// its own marker than any other, and over no other label, marker or
// name.
func labelsBesideAlone(s *Scene) (int, []error) {
	var errs []error
	n := 0
	for i, h := range s.Hubs {
		if h.Leader != nil || len(h.Label.Lines) == 0 || h.Inset >= 0 || h.OnMarker {
			continue
		}
		n++
		b := h.Label.Box
		own := boxDist(b, h.At) - h.drawnR()
		for j, o := range s.Hubs {
			if j == i || o.Inset >= 0 {
				continue
			}
			if d := boxDist(b, o.At) - o.drawnR(); d <= own {
				errs = append(errs, fmt.Errorf("%q is %.1f px from its marker and %.1f px from %s's", h.Label.Lines[0], own, d, o.ID))
			}
			if len(o.Label.Lines) > 0 && !o.OnMarker && intersects(b, o.Label.Box) {
				errs = append(errs, fmt.Errorf("%q overlaps %q", h.Label.Lines[0], o.Label.Lines[0]))
			}
		}
		for _, n := range s.Names {
			if intersects(b, n.Label.Box) {
				errs = append(errs, fmt.Errorf("%q overlaps the name %q", h.Label.Lines[0], n.Label.Lines[0]))
			}
		}
	}
	return n, errs
}
