package render

import (
	"context"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestCapitalStarred: a map of all China marks the capital with a star
// on Beijing's land, under no label, name, marker, legend or key, and
// names Beijing beside it where the municipality is too small for its
// name: on every map of all China, Beijing had gone unnamed, the one
// city a reader looks for first. No star stands without its name (one
// had stood bare under Qingdao's label on a column page), and the name
// beside it keeps three gaps from every hub's marker, so that it reads
// as the star's ("Beijing" had stood 4.5 px before Dalian's marker at
// 800×600).
func TestCapitalStarred(t *testing.T) {
	a := atlastest.Embedded(t)
	bj := a.DivisionIndex(capitalCode)
	maps, starred, named := 0, 0, 0
	views := []Options{{}, {Page: "a4"}, {Page: "a4-landscape"}, {Page: "slide"}, {Page: "column"}, {Edition: EditionCN}, {Graticule: true}}
	eachMap(t, views, [][2]int{{480, 360}, {360, 640}, {640, 480}, {800, 600}, {1200, 900}, {1600, 1200}}, func(c mapCase, s *Scene) {
		maps++
		if len(s.Capital) == 0 {
			t.Logf("%s: no star", c)
			return
		}
		starred++
		at := s.Capital[0]
		r := starRadius(s.Style)
		star := orb.Bound{Min: orb.Point{at[0] - r, at[1] - r}, Max: orb.Point{at[0] + r, at[1] + r}}
		if !slices.ContainsFunc(s.Base.Provinces[bj].Rings, func(ring []orb.Point) bool { return planar.RingContains(orb.Ring(ring), at) }) {
			t.Errorf("%s: the star %v is not on Beijing's land", c, at)
		}
		for _, h := range s.Hubs {
			if len(h.Label.Lines) > 0 && intersects(star, h.Label.Box) {
				t.Errorf("%s: %s's label %v over the star %v", c, h.ID, h.Label.Box, star)
			}
			if intersects(star, marker{h.At, h.drawnR()}.box(0)) {
				t.Errorf("%s: %s's marker over the star", c, h.ID)
			}
		}
		for _, box := range []orb.Bound{s.Legend.Box, s.Key.Box} {
			if !box.IsZero() && intersects(star, box) {
				t.Errorf("%s: the legend or key %v over the star", c, box)
			}
		}
		for _, n := range s.Names {
			if intersects(star, n.Label.Box) {
				t.Errorf("%s: %q over the star", c, n.Label.Lines[0])
			}
			if n.Code != capitalCode {
				continue
			}
			named++
			if !besideTheStar(s, n) && !s.Base.Provinces[bj].Bound.Contains(n.Label.Box.Center()) {
				t.Errorf("%s: Beijing's name %v neither beside its star %v nor on it", c, n.Label.Box, at)
			}
			for _, h := range s.Hubs {
				if d := boxDist(n.Label.Box, h.At) - h.drawnR(); besideTheStar(s, n) && d < 3*s.Style.Gap-0.01 {
					t.Errorf("%s: Beijing's name beside its star is %.1f px from %s's marker", c, d, h.ID)
				}
			}
		}
	})
	t.Logf("%d maps of all China: %d with the star, Beijing named on %d of them", maps, starred, named)
	if starred < maps*6/10 || named != starred {
		t.Errorf("%d maps, the star on %d and Beijing named on %d of them: want the star on six in ten, each named", maps, starred, named)
	}
}

// TestNoStarUnderAHub: where a hub stands at Beijing (the example
// suppliers' circle of 32), its own marker and label name the place, and
// no star is drawn under them; nor where province names are off.
func TestNoStarUnderAHub(t *testing.T) {
	a := atlastest.Example(t, "suppliers.csv")
	for _, opt := range []Options{{}, {Page: "a4"}, {BBox: BBox{112, 36, 120, 42}}} {
		s, err := Build(context.Background(), a, Request{Options: opt})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Capital) > 0 {
			t.Errorf("%s: a star at %v under Beijing's suppliers", describeView(opt), s.Capital[0])
		}
	}
	s, err := Build(context.Background(), atlastest.Embedded(t), Request{Options: Options{ProvinceNames: "off"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Capital) > 0 {
		t.Error("a star with province names off")
	}
}
