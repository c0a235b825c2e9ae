package render

import (
	"math"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
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

// TestNamesReadAsNoHubs: no name of a division stands where a reader
// looks for a hub's label — level with a hub's marker, within a line of
// it — and one on a leader keeps three gaps clear of every marker: 香港
// had stood on its leader just before Shenzhen's marker (Guangdong's
// focus on A4 in Chinese), "Hubei 湖北" 5 px before Wuhan's (768×1024 in
// both languages), "Sichuan" 8 px before Chengdu's.
func TestNamesReadAsNoHubs(t *testing.T) {
	views := append(slices.Clip(crowdedViews), Options{Focus: "CN-GD", Page: "a4"}, Options{BBox: BBox{104, 28, 110, 32}}, Options{ProvinceNames: "on"})
	sizes := append(slices.Clip(crowdedSizes), [2]int{768, 1024}, [2]int{1280, 720}, [2]int{360, 640})
	names, leaders, bad := 0, 0, 0
	eachMap(t, views, sizes, func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Kind != "province" {
				continue
			}
			names++
			b := n.Label.Box
			line := n.Label.Sizes[0] * lineHeight
			for _, h := range s.Hubs {
				d := boxDist(b, h.At) - h.drawnR()
				// On a leader, no line of the name is level with a
				// marker: "北京", the second line of Beijing's name,
				// had stood just after Dalian's marker (all China at
				// 360×640 in both languages, names on).
				first := line
				if n.Leader != nil {
					first = b.Max[1] - b.Min[1]
				}
				if inReadingPlace(b, first, h.At) && d < line-0.01 {
					bad++
					t.Errorf("%s: %q stands %.1f px before %s's marker, level with it", c, n.Label.Lines[0], d, h.ID)
				}
				if n.Leader != nil && d < 3*s.Style.Gap-0.01 {
					bad++
					t.Errorf("%s: %q on its leader is %.1f px from %s's marker", c, n.Label.Lines[0], d, h.ID)
				}
			}
			if n.Leader != nil {
				leaders++
			}
		}
	})
	t.Logf("%d province names, %d on leaders, %d too near a marker", names, leaders, bad)
}

// TestNamesBesideTheirCoast: a larger division whose hubs' labels leave
// its name no room inside is named on the water beside its coast, on no
// division's land, within half a line of its own coast and half a line
// nearer it than any other.
// Shanghai had gone
// unnamed in the Yangtze delta at 640×480 in every language, Suzhou's
// products over it. On a map of all China a small division (too small
// for its name even bare) takes such a place too, with no leader:
// Guangdong had gone unnamed on an A4 landscape page in English. So does
// a larger one whose hubs' labels take its room inside, once every other
// name is placed: 广东 had gone unnamed on an A4 page in Chinese. Off
// the neighbours' land: the division mask knows China alone, and
// "Inner Mongolia" had stood on Mongolia at 640×480.
func TestNamesBesideTheirCoast(t *testing.T) {
	a := atlastest.Embedded(t)
	beside := 0
	views := append(slices.Clip(crowdedViews), Options{BBox: BBox{118, 29, 123, 33}}, Options{Page: "a4-landscape"}, Options{Page: "a4"})
	eachMap(t, views, append(slices.Clip(crowdedSizes), [2]int{640, 480}, [2]int{480, 360}), func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Kind != "province" || n.Leader != nil {
				continue
			}
			div := a.DivisionIndex(n.Code)
			own, other := 0, 0
			s.Base.divMask.each(n.Label.Box, func(d int) {
				switch {
				case d == div:
					own++
				case d >= 0:
					other++
				}
			})
			island := slices.ContainsFunc(s.Base.islands, func(l islandLand) bool { return l.div == div })
			if own > 0 || other > 0 && !s.Base.mostlyOthers(n.Label.Box, div) || island || besideTheStar(s, n) {
				continue // inside its division, beside an island's bounds or the capital's star
			}
			beside++
			if !coastOf(s.Base.divMask, n.Label.Box, div, n.Label.Sizes[0]*lineHeight/2) {
				t.Errorf("%s: %s's name on the water is not beside its own coast, half a line nearer it than any other", c, n.Code)
			}
			if !s.Base.offNeighbours(n.Label.Box) {
				t.Errorf("%s: %s's name beside its coast stands on a neighbour's land", c, n.Code)
			}
		}
		if c.view.BBox == (BBox{118, 29, 123, 33}) && c.size == [2]int{640, 480} &&
			!slices.ContainsFunc(s.Names, func(n NameLabel) bool { return n.Code == "CN-SH" }) {
			t.Errorf("%s: Shanghai is not named", c)
		}
		if (c.view.Page == "a4-landscape" && c.lang == "en" || c.view.Page == "a4" && c.lang == "zh") && !slices.ContainsFunc(s.Names, func(n NameLabel) bool { return n.Code == "CN-GD" }) {
			t.Errorf("%s: Guangdong is not named", c)
		}
	})
	t.Logf("%d names beside their coast", beside)
}

// countryIn is the bound of country code's land in s's frame.
func countryIn(s *Scene, code string) orb.Bound {
	for _, o := range s.Base.Countries {
		if o.Code == code {
			return clipBound(o.Bound, s.Frame)
		}
	}
	return orb.Bound{}
}

func clipBound(b, to orb.Bound) orb.Bound {
	return orb.Bound{Min: orb.Point{max(b.Min[0], to.Min[0]), max(b.Min[1], to.Min[1])},
		Max: orb.Point{min(b.Max[0], to.Max[0]), min(b.Max[1], to.Max[1])}}
}

// besideTheStar reports whether n is the capital's division's name
// beside its star, a label's gap from it.
func besideTheStar(s *Scene, n NameLabel) bool {
	if n.Code != capitalCode || len(s.Capital) != 1 {
		return false
	}
	return boxDist(n.Label.Box, s.Capital[0]) <= starRadius(s.Style)+s.Style.Gap+0.01
}

// TestCountryNamesOnTheirOwnLand: a neighbouring country's name stands
// wholly on its own land where a free place allows: "Kazakhstan 哈萨克斯坦"
// had stood across Kyrgyzstan's border (a window of Xinjiang at 640×480
// in both languages), with a place wholly in Kazakhstan free. Names
// whose corners lie on another country are counted (143 of 299 before,
// 70 of 300 after; the rest find no free place wholly on their land, or
// are slivers the frame leaves); in that window Kazakhstan's may not,
// except at 400×400 in Chinese, where the legend goes over Kazakhstan
// rather than into a panel beside a smaller map, and covers the place in
// Kazakhstan its name had.
func TestCountryNamesOnTheirOwnLand(t *testing.T) {
	window := BBox{75, 36, 96, 48}
	across, named := 0, 0
	eachMap(t, []Options{{}, {BBox: window}, {Focus: "CN-XJ"}}, crowdedSizes, func(c mapCase, s *Scene) {
		for _, n := range s.Names {
			if n.Kind != "country" {
				continue
			}
			named++
			b := n.Label.Box
			corners := []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}}
			for _, o := range s.Base.Countries {
				if o.Code == n.Code {
					continue
				}
				if slices.ContainsFunc(corners, func(q orb.Point) bool {
					return slices.ContainsFunc(o.Rings, func(r []orb.Point) bool { return geo.RingContains(r, q) })
				}) {
					across++
					t.Logf("%s: %s's name reaches onto %s", c, n.Code, o.Code)
					if c.view.BBox == window && n.Code == "KZ" && !(c.size == [2]int{400, 400} && c.lang == "zh" && intersects(s.Legend.Box, countryIn(s, "KZ"))) {
						t.Errorf("%s: %s's name reaches onto %s", c, n.Code, o.Code)
					}
					break
				}
			}
		}
	})
	t.Logf("%d of %d country names reach onto another country", across, named)
}
