package render

import (
	"context"
	"testing"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestSeaInsetTitleFits: the South China Sea inset's name stays inside
// the inset at every size and in every language, in its shortest form
// where none fits (a 320 px map's inset is 31 px wide), and on the
// canvas. At 640×480 in both languages, and below, it had run off the
// canvas ("…na Sea Islands 南海诸岛").
func TestSeaInsetTitleFits(t *testing.T) {
	a := atlastest.Embedded(t)
	for _, size := range [][2]int{{320, 320}, {360, 360}, {360, 640}, {400, 320}, {400, 400}, {560, 420}, {640, 480}, {960, 720}, {1600, 1200}} {
		for _, lang := range []string{"en", "zh", "both"} {
			s, err := Build(context.Background(), a, Request{Options: Options{Width: size[0], Height: size[1], Lang: lang, Edition: EditionCN}})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, in := range s.Insets {
				if in.Kind != InsetSouthChinaSea {
					continue
				}
				found = true
				em := s.Style.Legend
				w, room := textWidth(in.Title, em), in.Frame.Max[0]-in.Frame.Min[0]-em
				if w > room && in.Title != seaInsetTitle(lang, 0, em) {
					t.Errorf("%dx%d %s: %q is %.0f px wide in an inset with %.0f px for it, and not the shortest form", size[0], size[1], lang, in.Title, w, room)
				}
				if left := in.Frame.Max[0] - em/2 - w; left < 0 {
					t.Errorf("%dx%d %s: %q starts %.0f px off the canvas", size[0], size[1], lang, in.Title, -left)
				}
			}
			if !found {
				t.Errorf("%dx%d %s: no South China Sea inset", size[0], size[1], lang)
			}
		}
	}
}
