package render

import (
	"context"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestLabelsKeepOffOtherSystems: a hub's label beside its marker keeps
// off Hong Kong, Macau and Taiwan when the hub is not theirs (and off
// the mainland when it is), all but a tenth of it (the placer takes a
// place with a twentieth where its marker leaves one):
// "Shenzhen" and its products had stood on Hong Kong in Guangdong's
// views, "Quanzhou" on Taiwan's tip in a window of eastern China.
func TestLabelsKeepOffOtherSystems(t *testing.T) {
	a := atlastest.Embedded(t)
	checked := 0
	for _, v := range []struct {
		opt Options
		f   geo.Filter
	}{
		{Options{Focus: "CN-GD"}, geo.Filter{}},
		{Options{Focus: "CN-GD", Products: ProductsOn}, geo.Filter{}},
		{Options{}, geo.Filter{Province: "CN-GD"}},
		{Options{Focus: "CN-FJ"}, geo.Filter{}},
		{Options{BBox: BBox{100, 20, 125, 42}}, geo.Filter{}},
		{Options{BBox: BBox{112, 21.5, 115, 24}}, geo.Filter{}},
	} {
		for _, size := range [][2]int{{1200, 900}, {800, 600}} {
			for _, lang := range []string{"en", "zh", "both"} {
				opt := v.opt
				opt.Width, opt.Height, opt.Lang = size[0], size[1], lang
				s, err := Build(context.Background(), a, Request{Options: opt, Filter: v.f})
				if err != nil {
					t.Fatal(err)
				}
				g := newGround(&s.Panel)
				for _, h := range s.Hubs {
					if h.Number > 0 || h.Leader != nil || len(h.Label.Lines) == 0 || h.Inset >= 0 {
						continue
					}
					checked++
					if share := g.apartShare(h.Label.Box, h.div-1); share > 0.1 {
						t.Errorf("%s %v %dx%d %s: %.0f%% of %s's label %v stands on a division of another system", describeView(opt), v.f.Province, size[0], size[1], lang, 100*share, h.ID, h.Label.Box)
					}
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no label checked: the test tests nothing")
	}
}
