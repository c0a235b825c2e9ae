package render

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// TestProvinceNamesStandInTheirOwn: a province's name goes out on a
// leader only when its division is too small for it, even whole and
// bare. In zoomed views the names of large
// provinces with no room inside had gone out on leaders into their
// neighbours, whose names they read as: Hunan's over Chongqing in
// Sichuan's view, 四川 over Yunnan in a view of eastern China, both at
// 400×400; 143 of 230 names on leaders stood mostly over another
// division. Those that stand over another division still are counted:
// Beijing's and Tianjin's, in Hebei, often must (their leaders say whose
// they are).
func TestProvinceNamesStandInTheirOwn(t *testing.T) {
	a := atlastest.Embedded(t)
	views := []Options{{Focus: "CN-GD"}, {Focus: "CN-SC"}, {Focus: "CN-ZJ"}, {Focus: "CN-BJ"}, {Focus: "CN-HB"},
		{BBox: BBox{118, 28, 123, 33}}, {BBox: BBox{100, 20, 125, 42}}, {BBox: BBox{112.5, 21.8, 114.8, 23.6}},
		{BBox: BBox{102, 28, 108, 32.5}}, {BBox: BBox{112, 34, 120, 41}}, {BBox: BBox{97, 20, 103, 25}}}
	onLeaders, bad := 0, 0
	eachMap(t, views, crowdedSizes, func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Kind != "province" || n.Leader == nil {
				continue
			}
			onLeaders++
			div := a.DivisionIndex(n.Code)
			w, h := n.Label.Box.Max[0]-n.Label.Box.Min[0], n.Label.Box.Max[1]-n.Label.Box.Min[1]
			if full := a.Poles()[div].Radius * s.Base.Transform.Scale; math.Max(w/2, h/2) <= 1.35*full && h/2 <= full {
				t.Errorf("%s: %s's name is on a leader, but the division holds it (widest circle %.0f px, name %.0f×%.0f px)", c, n.Code, full, w, h)
			}
			if s.Base.mostlyOthers(n.Label.Box, div) {
				bad++
				t.Logf("%s: %s's name on a leader stands mostly over other divisions", c, n.Code)
			}
		}
	})
	t.Logf("%d province names on leaders, %d mostly over other divisions", onLeaders, bad)
}

// mostlyOthers reports whether more than half the cells of box lie in
// divisions other than div.
func (b *Base) mostlyOthers(box orb.Bound, div int) bool {
	cells, other := 0, 0
	b.divMask.each(box, func(d int) {
		cells++
		if d >= 0 && d != div {
			other++
		}
	})
	return 2*other > cells
}

// TestBilingualNamesTakeOneLine: in both languages a division's name
// whose two lines find no free place inside it takes one line, "Anhui
// 安徽": on an A4 page in both languages Anhui, Hunan and Jilin had gone
// unnamed, their two lines fitting each at one place only, about the
// pole, which a hub's label took. Every name on one line stays inside
// its division's box, and a name on one line only where the two lines
// found no place.
func TestBilingualNamesTakeOneLine(t *testing.T) {
	want := map[string]string{"CN-AH": "Anhui 安徽", "CN-HN": "Hunan 湖南", "CN-JL": "Jilin 吉林"}
	names, one := 0, 0
	eachMap(t, []Options{{}, {Page: "a4"}, {Page: "a4", Edition: EditionCN}}, [][2]int{{640, 480}, {1200, 900}}, func(c mapCase, s *Scene) {
		if c.lang != "both" {
			return
		}
		got := map[string]string{}
		for _, n := range s.Names {
			if n.Kind != "province" {
				continue
			}
			names++
			got[n.Code] = n.Label.Lines[0]
			if len(n.Label.Lines) == 1 {
				one++
				k := slices.IndexFunc(s.Base.Provinces, func(p BaseProvince) bool { return p.Code == n.Code })
				if pb := s.Base.Provinces[k].Bound; !pb.Contains(n.Label.Box.Min) || !pb.Contains(n.Label.Box.Max) {
					t.Errorf("%s: %q %v leaves its division's box %v", c, n.Label.Lines[0], n.Label.Box, pb)
				}
			}
		}
		if c.view.Page == "a4" && c.view.Edition == EditionCN {
			for code, w := range want {
				if got[code] != w {
					t.Errorf("%s: %s named %q, want %q", c, code, got[code], w)
				}
			}
		}
	})
	t.Logf("%d province names in both languages, %d on one line", names, one)
}

// TestNamesOnLeadersKeepOffMarkers: a division's name on a leader keeps
// every hub's marker a line clear, as a hub's label on a leader does, so
// that it reads as no hub's name: 香港 had stood on its leader just
// before Shenzhen's marker (Guangdong's focus on A4 in Chinese).
func TestNamesOnLeadersKeepOffMarkers(t *testing.T) {
	views := append(slices.Clip(crowdedViews), Options{Focus: "CN-GD", Page: "a4"})
	leaders, bad := 0, 0
	eachMap(t, views, crowdedSizes, func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Leader == nil {
				continue
			}
			leaders++
			b := n.Label.Box
			for _, h := range s.Hubs {
				if d, want := boxDist(b, h.At)-h.drawnR(), leaderClear(s.Style, b.Max[1]-b.Min[1]); d < want-0.01 {
					bad++
					t.Errorf("%s: %q on its leader is %.1f px from %s's marker, want %.1f", c, n.Label.Lines[0], d, h.ID, want)
				}
			}
		}
	})
	t.Logf("%d names on leaders", leaders)
}
