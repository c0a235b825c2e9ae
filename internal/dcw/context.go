package dcw

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/geo"
)

// Country names a country for the context file: its ISO 3166-1 alpha-2
// code (DCW-GMT uses the same) and its English and Chinese names.
type Country struct {
	Code, Name, NameZH string
}

// Neighbours are the countries a map of China, or of any single
// province's focus view, shows around China.
var Neighbours = []Country{
	{"AE", "United Arab Emirates", "阿联酋"},
	{"AF", "Afghanistan", "阿富汗"},
	{"AM", "Armenia", "亚美尼亚"},
	{"AU", "Australia", "澳大利亚"},
	{"AZ", "Azerbaijan", "阿塞拜疆"},
	{"BD", "Bangladesh", "孟加拉国"},
	{"BH", "Bahrain", "巴林"},
	{"BN", "Brunei", "文莱"},
	{"BT", "Bhutan", "不丹"},
	{"DJ", "Djibouti", "吉布提"},
	{"ER", "Eritrea", "厄立特里亚"},
	{"ET", "Ethiopia", "埃塞俄比亚"},
	{"FM", "Micronesia", "密克罗尼西亚"},
	{"GE", "Georgia", "格鲁吉亚"},
	{"GU", "Guam", "关岛"},
	{"ID", "Indonesia", "印度尼西亚"},
	{"IN", "India", "印度"},
	{"IQ", "Iraq", "伊拉克"},
	{"IR", "Iran", "伊朗"},
	{"JP", "Japan", "日本"},
	{"KG", "Kyrgyzstan", "吉尔吉斯斯坦"},
	{"KH", "Cambodia", "柬埔寨"},
	{"KP", "North Korea", "朝鲜"},
	{"KR", "South Korea", "韩国"},
	{"KW", "Kuwait", "科威特"},
	{"KZ", "Kazakhstan", "哈萨克斯坦"},
	{"LA", "Laos", "老挝"},
	{"LK", "Sri Lanka", "斯里兰卡"},
	{"MH", "Marshall Islands", "马绍尔群岛"},
	{"MM", "Myanmar", "缅甸"},
	{"MN", "Mongolia", "蒙古"},
	{"MP", "Northern Mariana Islands", "北马里亚纳群岛"},
	{"MV", "Maldives", "马尔代夫"},
	{"MY", "Malaysia", "马来西亚"},
	{"NP", "Nepal", "尼泊尔"},
	{"NR", "Nauru", "瑙鲁"},
	{"OM", "Oman", "阿曼"},
	{"PG", "Papua New Guinea", "巴布亚新几内亚"},
	{"PH", "Philippines", "菲律宾"},
	{"PK", "Pakistan", "巴基斯坦"},
	{"PW", "Palau", "帕劳"},
	{"QA", "Qatar", "卡塔尔"},
	{"RU", "Russia", "俄罗斯"},
	{"SA", "Saudi Arabia", "沙特阿拉伯"},
	{"SB", "Solomon Islands", "所罗门群岛"},
	{"SC", "Seychelles", "塞舌尔"},
	{"SG", "Singapore", "新加坡"},
	{"SO", "Somalia", "索马里"},
	{"SY", "Syria", "叙利亚"},
	{"TH", "Thailand", "泰国"},
	{"TJ", "Tajikistan", "塔吉克斯坦"},
	{"TL", "Timor-Leste", "东帝汶"},
	{"TM", "Turkmenistan", "土库曼斯坦"},
	{"TR", "Türkiye", "土耳其"},
	{"UZ", "Uzbekistan", "乌兹别克斯坦"},
	{"VN", "Vietnam", "越南"},
	{"YE", "Yemen", "也门"},
}

// ContextOptions tunes Context. The zero value is not useful; start from
// NeighbourContext.
type ContextOptions struct {
	Clip       orb.Bound  // lon/lat kept, beyond every view the maps draw
	SnapMetres float64    // reach of snapping onto China's border and each other
	ChinaView  [2]float64 // px size of the view of all of China
	FocusView  [2]float64 // px size of a province's focus view
	WeightPx2  float64    // Visvalingam area kept away from China's border, whose vertices are the provinces' own
	Floor      float64    // metres per px: away from China's border, no finer than this
	MinAreaPx2 float64    // rings smaller than this many px² of the most detailed view showing them are dropped
	Decimals   int        // decimals of the written degrees
	// BorderDecimals are those of China's border and of arc ends: the
	// provinces file's.
	BorderDecimals int
}

// NeighbourContext is what `hubatlas data import-context` uses. Views of
// China (960×720) and of each province (1200×900) reach 59.7–145.1°E and
// 10.4–55.9°N; the pages and screens of other shapes reach farther: a
// slide 40.8–165.0°E, a 16:9 screen 46.1–159.4°E, an A4 page 1.1–67.0°N,
// a 9:16 phone −6.8–77.8°N. The clip holds them all (maps had shown the
// sea beyond it, west of 55°E on a slide and north of 60°N on an A4
// page). China's border is kept with every vertex the provinces
// have there; elsewhere context is as detailed as the most detailed view
// that shows it, but no finer than 1.5 km per px (Liaoning's view, 660 m
// per px, shows North Korea), and what only the view of all of China
// shows is simplified for its 6.3 km per px. DCW's country outlines are
// other digitizations than its provinces (Vietnam's copy of the Yunnan
// border lies up to 950 m off), so snapping reaches farther than between
// provinces.
var NeighbourContext = ContextOptions{
	Clip:       orb.Bound{Min: orb.Point{40, -12}, Max: orb.Point{170, 82}},
	SnapMetres: 300,
	ChinaView:  [2]float64{960, 720},
	FocusView:  [2]float64{1200, 900},
	WeightPx2:  1,
	Floor:      1500,
	MinAreaPx2: 2,
	Decimals:   4,
	// as dcw.Provinces writes China's border
	BorderDecimals: 5,
}

// view is the ground a map view shows, in projected metres, and its scale.
type view struct {
	ground      orb.Bound
	metresPerPx float64
}

// views returns the view of all of China and each province's focus view,
// fitted as geo.Fit fits them (20 px padding).
func views(provinces [][][]orb.Point, opt ContextOptions) []view {
	var vs []view
	add := func(b orb.Bound, size [2]float64) {
		tr := geo.Fit(b, size[0], size[1], 20)
		g := orb.Bound{Min: tr.Invert(orb.Point{0, size[1]}), Max: tr.Invert(orb.Point{size[0], 0})}
		vs = append(vs, view{g, 1 / tr.Scale})
	}
	var all orb.Bound
	for i, rs := range provinces {
		b := ringsBound(rs)
		if i == 0 {
			all = b
		}
		all = all.Union(b)
		add(b, opt.FocusView)
	}
	add(all, opt.ChinaView)
	return vs
}

// finest returns the metres per px of the most detailed view whose ground
// meets b; for ground no view shows, that of the coarsest view.
func finest(vs []view, b orb.Bound) float64 {
	m, coarsest := 0.0, 0.0
	for _, v := range vs {
		coarsest = math.Max(coarsest, v.metresPerPx)
		if v.ground.Intersects(b) && (m == 0 || v.metresPerPx < m) {
			m = v.metresPerPx
		}
	}
	if m == 0 {
		return coarsest
	}
	return m
}

// ContextStats says what Context did.
type ContextStats struct {
	VerticesIn, VerticesOut int
	RingsIn, RingsOut       int
	Snapped                 int // vertices moved onto China's border or a neighbour's
}

// Context turns raw DCW rings per country (in the order of countries, lon/
// lat degrees) into quiet context for maps of China: clipped to opt.Clip,
// rings too small for any view dropped, snapped onto the provinces'
// national border (provinces, lon/lat, as shipped; they are not changed)
// and onto each other with SnapOnto, nested, and simplified for the views
// that show them. Features carry code, name, name_zh and kind "country",
// in the order of countries; a country with nothing left inside opt.Clip
// is left out. The input is not modified.
func Context(raw [][]orb.Ring, countries []Country, provinces []orb.MultiPolygon, opt ContextOptions) (*geojson.FeatureCollection, ContextStats, error) {
	var st ContextStats
	if len(raw) != len(countries) {
		return nil, st, fmt.Errorf("dcw: %d countries' rings for %d countries", len(raw), len(countries))
	}
	var divs [][][]orb.Point
	for _, mp := range provinces {
		var rs [][]orb.Point
		for _, p := range mp {
			for _, r := range p {
				rs = append(rs, geo.CleanRing(project(r)))
			}
		}
		divs = append(divs, rs)
	}
	fixed := len(divs)
	vs := views(divs, opt)
	for _, rs := range raw {
		var mine [][]orb.Point
		for _, r := range rs {
			st.RingsIn++
			st.VerticesIn += len(r)
			c := clip.Ring(opt.Clip, cleanLonLat(r))
			if len(c) < 4 {
				continue
			}
			p := geo.CleanRing(project(c))
			if len(p) < 4 {
				continue
			}
			if m := finest(vs, orb.Ring(p).Bound()); math.Abs(geo.SignedArea(p)) >= opt.MinAreaPx2*m*m {
				mine = append(mine, p)
			}
		}
		divs = append(divs, mine)
	}
	st.Snapped, _ = SnapOnto(divs, fixed, opt.SnapMetres)

	// Provinces join the topology so that the arcs along China's border
	// are known (shared with a province) and split where they meet.
	var shapes []orb.MultiPolygon
	for _, rs := range divs[:fixed] {
		mp, _ := Nest(rs)
		shapes = append(shapes, mp)
	}
	var kept []Country
	for i, c := range countries {
		if rs := divs[fixed+i]; len(rs) > 0 {
			mp, _ := Nest(rs)
			shapes = append(shapes, mp)
			kept = append(kept, c)
		}
	}
	topo := geo.BuildTopology(shapes, nil)
	china := make([]bool, len(topo.Arcs))
	for _, shape := range topo.Shapes[:fixed] {
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					a, _ := ref.Index()
					china[a] = true
				}
			}
		}
	}
	// Each vertex is simplified for the most detailed view showing it.
	threshold := func(i, k int) float64 {
		p := topo.Arcs[i][k]
		if china[i] {
			return 0 // the provinces' vertices, all of them
		}
		m := math.Max(finest(vs, orb.Bound{Min: p, Max: p}), opt.Floor)
		return opt.WeightPx2 * m * m
	}
	for _, shape := range topo.Shapes[fixed:] {
		for _, poly := range shape {
			for _, ring := range poly {
				topo.Protect(ring)
			}
		}
	}
	arcs := Simplify(topo.Arcs, topo.Weights, threshold)

	// Along China's border the vertices are the provinces' own: written as
	// the provinces file writes them, they meet it exactly. Arc ends are
	// written so too, for arcs to join.
	ll := lonLatArcs(arcs, func(i, k int) int {
		if china[i] || k == 0 || k == len(arcs[i])-1 {
			return opt.BorderDecimals
		}
		return opt.Decimals
	})
	fc := geojson.NewFeatureCollection()
	for s, shape := range topo.Shapes[fixed:] {
		mp, _ := assemble(ll, shape)
		f := geojson.NewFeature(mp)
		c := kept[s]
		f.Properties = geojson.Properties{"code": c.Code, "name": c.Name, "name_zh": c.NameZH, "kind": "country"}
		fc.Append(f)
		for _, p := range mp {
			for _, r := range p {
				st.RingsOut++
				st.VerticesOut += len(r)
			}
		}
	}
	return fc, st, nil
}

// cleanLonLat returns r closed, with longitudes past 180° (GMT writes
// Chukotka at up to 191°E) kept as they are: the clip box ends before.
func cleanLonLat(r orb.Ring) orb.Ring {
	out := append(orb.Ring(nil), r...)
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}
