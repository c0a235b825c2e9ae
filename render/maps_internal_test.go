package render

import (
	"context"
	"fmt"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// mapCase is one map of a test's matrix: a view at a size in a language.
type mapCase struct {
	view Options // focus, bbox, edition; no size or language
	size [2]int
	lang string
}

func (c mapCase) String() string {
	return fmt.Sprintf("%s %dx%d %s", describeView(c.view), c.size[0], c.size[1], c.lang)
}

func describeView(o Options) string {
	name := "China"
	switch {
	case o.Focus != "":
		name = "focus " + o.Focus
	case !o.BBox.IsZero():
		name = fmt.Sprintf("bbox %g", o.BBox)
	}
	if o.Edition != "" {
		name += " " + o.Edition
	}
	return name
}

// eachMap builds every view at every size in the three languages and
// hands each map to f.
func eachMap(t *testing.T, views []Options, sizes [][2]int, f func(c mapCase, s *Scene)) {
	t.Helper()
	a := atlastest.Embedded(t)
	for _, view := range views {
		for _, size := range sizes {
			for _, lang := range []string{"en", "zh", "both"} {
				opt := view
				opt.Width, opt.Height, opt.Lang = size[0], size[1], lang
				s, err := Build(context.Background(), a, Request{Options: opt})
				if err != nil {
					t.Fatal(err)
				}
				f(mapCase{view, size, lang}, s)
			}
		}
	}
}

// The matrices the tests share: views where hubs crowd, at the sizes of
// screens; and small maps, where the legend and the key go over the map.
var (
	crowdedViews = []Options{
		{}, {Focus: "CN-GD"}, {Focus: "CN-ZJ"}, {Focus: "CN-JS"},
		{BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{100, 20, 125, 42}}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}},
		{BBox: BBox{116, 23, 121, 27.5}}, {BBox: BBox{112, 34, 120, 41}},
	}
	crowdedSizes = [][2]int{{400, 400}, {640, 480}, {960, 720}, {1200, 900}}
	smallViews   = []Options{{}, {Edition: EditionCN}, {Focus: "CN-GD"}, {Focus: "CN-SC"}, {Focus: "CN-ZJ"}, {Focus: "CN-FJ"},
		{BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{100, 20, 125, 42}}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}}}
	smallSizes = [][2]int{{320, 320}, {360, 360}, {400, 400}, {480, 360}, {360, 640}, {640, 480}}
)
