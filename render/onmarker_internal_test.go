package render

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestNumbersStayOnTheirMarkers: where a hub's number can stand nowhere
// but on its marker, the digits stay inside the marker's white rim, at
// the size they were meant to have where the neighbours leave room, and
// the enlarged marker covers no other marker (but where the digits reach
// their smallest size: by no more than a px). The digits of two-digit
// numbers had spilled over the rim of a marker 9 px across, white on
// white, at 560×420 in both languages.
func TestNumbersStayOnTheirMarkers(t *testing.T) {
	a := atlastest.Embedded(t)
	onMarker, full := 0, 0
	for _, w := range []int{320, 400, 480, 560, 640} {
		for _, h := range []int{320, 420, 480} {
			for _, lang := range []string{"en", "zh", "both"} {
				for _, f := range []geo.Filter{{}, {Categories: []string{"footwear"}}} {
					opt := Options{Width: w, Height: h, Lang: lang}
					s, err := Build(context.Background(), a, Request{Options: opt, Filter: f})
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%dx%d %s %v", w, h, lang, f.Categories)
					for i := range s.Hubs {
						hm := &s.Hubs[i]
						if !hm.OnMarker {
							continue
						}
						onMarker++
						r := hm.drawnR()
						inner := r - s.Style.Marker*0.11
						dw := boldWidth(strconv.Itoa(hm.Number), hm.numberSize)
						if math.Hypot(dw/2, 0.3*hm.numberSize) > inner+1e-9 {
							t.Errorf("%s: number %d (%.1f px wide, size %.1f) spills over its marker (r %.1f)", name, hm.Number, dw, hm.numberSize, r)
						}
						if hm.numberSize < minOnMarker*onMarkerSize(s.Style)-1e-9 {
							t.Errorf("%s: number %d at %.1f px", name, hm.Number, hm.numberSize)
						}
						if hm.numberSize >= 0.9*onMarkerSize(s.Style) {
							full++
						}
						if r == hm.R {
							continue
						}
						for j := range s.Hubs {
							o := &s.Hubs[j]
							if j == i || o.Inset >= 0 {
								continue
							}
							slack := 0.0
							if hm.numberSize < onMarkerSize(s.Style)*minOnMarker+1e-9 {
								slack = 1
							}
							if d := math.Hypot(o.At[0]-hm.At[0], o.At[1]-hm.At[1]); d < r+o.drawnR()-slack-1e-9 {
								t.Errorf("%s: number %d's marker (r %.1f, grown from %.1f) covers %s's (r %.1f, %.1f px away)", name, hm.Number, r, hm.R, o.ID, o.drawnR(), d)
							}
						}
					}
				}
			}
		}
	}
	// The sizes above put numbers on markers, most at 90 % of their size
	// or more.
	if onMarker == 0 || full*2 < onMarker {
		t.Errorf("%d numbers on markers, %d at 90 %% of their size or more", onMarker, full)
	}
	t.Logf("%d numbers on markers, %d at 90 %% of their size or more", onMarker, full)
}
