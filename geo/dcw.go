package geo

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// DivisionInfo describes one provincial-level division of China.
type DivisionInfo struct {
	Code   string // ISO 3166-2, e.g. "CN-FJ"
	Name   string // English, e.g. "Fujian"
	NameZH string // Chinese, e.g. "福建"
	Kind   string // province, autonomous region, municipality, special administrative region
}

// Kinds of division, as written in the "kind" property.
const (
	KindProvince     = "province"
	KindAutonomous   = "autonomous region"
	KindMunicipality = "municipality"
	KindSAR          = "special administrative region"
)

// ChinaDivisions lists the 34 provincial-level divisions by code, as DCW-GMT
// has them (dcw-states.txt) with the names used on hubatlas maps.
var ChinaDivisions = []DivisionInfo{
	{"CN-AH", "Anhui", "安徽", KindProvince},
	{"CN-BJ", "Beijing", "北京", KindMunicipality},
	{"CN-CQ", "Chongqing", "重庆", KindMunicipality},
	{"CN-FJ", "Fujian", "福建", KindProvince},
	{"CN-GD", "Guangdong", "广东", KindProvince},
	{"CN-GS", "Gansu", "甘肃", KindProvince},
	{"CN-GX", "Guangxi", "广西", KindAutonomous},
	{"CN-GZ", "Guizhou", "贵州", KindProvince},
	{"CN-HA", "Henan", "河南", KindProvince},
	{"CN-HB", "Hubei", "湖北", KindProvince},
	{"CN-HE", "Hebei", "河北", KindProvince},
	{"CN-HI", "Hainan", "海南", KindProvince},
	{"CN-HK", "Hong Kong", "香港", KindSAR},
	{"CN-HL", "Heilongjiang", "黑龙江", KindProvince},
	{"CN-HN", "Hunan", "湖南", KindProvince},
	{"CN-JL", "Jilin", "吉林", KindProvince},
	{"CN-JS", "Jiangsu", "江苏", KindProvince},
	{"CN-JX", "Jiangxi", "江西", KindProvince},
	{"CN-LN", "Liaoning", "辽宁", KindProvince},
	{"CN-MO", "Macau", "澳门", KindSAR},
	{"CN-NM", "Inner Mongolia", "内蒙古", KindAutonomous},
	{"CN-NX", "Ningxia", "宁夏", KindAutonomous},
	{"CN-QH", "Qinghai", "青海", KindProvince},
	{"CN-SC", "Sichuan", "四川", KindProvince},
	{"CN-SD", "Shandong", "山东", KindProvince},
	{"CN-SH", "Shanghai", "上海", KindMunicipality},
	{"CN-SN", "Shaanxi", "陕西", KindProvince},
	{"CN-SX", "Shanxi", "山西", KindProvince},
	{"CN-TJ", "Tianjin", "天津", KindMunicipality},
	{"CN-TW", "Taiwan", "台湾", KindProvince},
	{"CN-XJ", "Xinjiang", "新疆", KindAutonomous},
	{"CN-XZ", "Tibet", "西藏", KindAutonomous},
	{"CN-YN", "Yunnan", "云南", KindProvince},
	{"CN-ZJ", "Zhejiang", "浙江", KindProvince},
}

// ParseGMT reads the multisegment text that `gmt coast -E... -M` prints: a
// line starting with '>' opens a ring, other lines are "lon lat" in degrees.
// name is used in error messages.
func ParseGMT(name string, r io.Reader) ([]orb.Ring, error) {
	var rings []orb.Ring
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
			continue
		case strings.HasPrefix(s, ">"):
			rings = append(rings, nil)
			continue
		}
		f := strings.Fields(s)
		if len(f) < 2 {
			return nil, fmt.Errorf("geo: %s:%d: want \"lon lat\", got %q", name, line, s)
		}
		lon, err1 := strconv.ParseFloat(f[0], 64)
		lat, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil || !inRange(lon, lat) {
			return nil, fmt.Errorf("geo: %s:%d: bad coordinate %q", name, line, s)
		}
		if len(rings) == 0 {
			return nil, fmt.Errorf("geo: %s:%d: coordinate before the first '>' header", name, line)
		}
		rings[len(rings)-1] = append(rings[len(rings)-1], orb.Point{lon, lat})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("geo: %s: %w", name, err)
	}
	return rings, nil
}

func inRange(lon, lat float64) bool {
	return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90
}

// CleanOptions tunes CleanDCW. The zero value is not useful; start from
// DefaultClean.
type CleanOptions struct {
	SnapMetres  float64 // vertices closer than this to a neighbour's border move onto it
	ViewPx      float64 // detail kept: a division filling a ViewPx-wide view still looks right
	WeightPx2   float64 // Visvalingam area kept, in px² of that view
	MinIslandPx float64 // rings smaller than this many px² of that view are dropped (never a division's largest)
	Decimals    int     // decimals of the written degrees
}

// DefaultClean is what `hubatlas data import-dcw` uses for the shipped file.
var DefaultClean = CleanOptions{SnapMetres: 50, ViewPx: 1200, WeightPx2: 0.3, MinIslandPx: 2, Decimals: 5}

// CleanStats says what CleanDCW did, per division and in total.
type CleanStats struct {
	VerticesIn, VerticesOut int
	RingsIn, RingsOut       int
	Snapped                 int // vertices moved onto a neighbour's border
	SharedRuns              int // border runs replaced by the neighbour's line
	Reoriented              int // rings whose winding was reversed
	Holes                   int
	AreaIn, AreaOut         map[string]float64 // km² per division code
}

// CleanDCW turns raw DCW rings per division (keyed by code, in degrees) into
// a FeatureCollection ready to ship: neighbours' duplicate borders snapped
// onto one shared line, winding per RFC 7946 (exteriors counter-clockwise),
// holes found by nesting, tiny islands dropped (never a division's largest
// ring), and shared arcs simplified once so both neighbours keep the same
// border. Features come in the order of infos with properties code, name,
// name_zh and kind. The input rings are not modified.
func CleanDCW(raw map[string][]orb.Ring, infos []DivisionInfo, opt CleanOptions) (*geojson.FeatureCollection, CleanStats, error) {
	st := CleanStats{AreaIn: map[string]float64{}, AreaOut: map[string]float64{}}
	divs := make([][][]orb.Point, len(infos))
	for i, info := range infos {
		rs, ok := raw[info.Code]
		if !ok || len(rs) == 0 {
			return nil, st, fmt.Errorf("geo: no DCW rings for %s (%s)", info.Code, info.Name)
		}
		for _, r := range rs {
			st.RingsIn++
			st.VerticesIn += len(r)
			pr := make(orb.Ring, len(r))
			for k, p := range r {
				pr[k] = China.Forward(p)
			}
			c := cleanRing(pr)
			if len(c) >= 4 {
				divs[i] = append(divs[i], c)
			}
		}
	}
	for i, info := range infos {
		st.AreaIn[info.Code] = nestedArea(divs[i]) / 1e6
	}

	snapBorders(divs, opt.SnapMetres, &st)

	// Nest rings into polygons and drop what is too small to matter.
	// nest puts each division's largest exterior first: polygon 0.
	shapes := make([]orb.MultiPolygon, len(infos))
	for i := range infos {
		b := ringsBound(divs[i])
		px := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) / opt.ViewPx
		shapes[i] = nest(divs[i], opt.MinIslandPx*px*px, &st)
	}

	topo := BuildTopology(shapes, nil)
	// An arc is simplified for the smallest division that uses it.
	threshold := make([]float64, len(topo.Arcs))
	for i := range threshold {
		threshold[i] = math.Inf(1)
	}
	for s, shape := range topo.Shapes {
		b := shapes[s].Bound()
		px := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]) / opt.ViewPx
		for _, poly := range shape {
			for _, ring := range poly {
				for _, ref := range ring {
					a, _ := ref.Index()
					threshold[a] = math.Min(threshold[a], opt.WeightPx2*px*px)
				}
			}
		}
		topo.Protect(shape[0][0])
	}
	arcs := make([][]orb.Point, len(topo.Arcs))
	for i, a := range topo.Arcs {
		for k, p := range a {
			if topo.Weights[i][k] >= threshold[i] {
				arcs[i] = append(arcs[i], p)
			}
		}
	}

	fc := geojson.NewFeatureCollection()
	scale := math.Pow10(opt.Decimals)
	round := func(v float64) float64 { return math.Round(v*scale) / scale }
	for s, shape := range topo.Shapes {
		var mp orb.MultiPolygon
		for pi, poly := range shape {
			var out orb.Polygon
			for ri, refs := range poly {
				var r orb.Ring
				for _, p := range Ring(arcs, refs, nil) {
					ll := China.Inverse(p)
					q := orb.Point{round(ll[0]), round(ll[1])}
					if len(r) == 0 || r[len(r)-1] != q {
						r = append(r, q)
					}
				}
				if len(r) < 4 || (ri > 0 || pi != 0) && signedArea(r) == 0 {
					if ri == 0 {
						break // exterior collapsed: drop the polygon
					}
					continue
				}
				// RFC 7946: exteriors counter-clockwise, holes clockwise.
				if (r.Orientation() == orb.CCW) != (ri == 0) {
					r.Reverse()
				}
				out = append(out, r)
			}
			if len(out) > 0 {
				mp = append(mp, out)
			}
		}
		f := geojson.NewFeature(mp)
		info := infos[s]
		f.Properties = geojson.Properties{"code": info.Code, "name": info.Name, "name_zh": info.NameZH, "kind": info.Kind}
		fc.Append(f)
		for _, poly := range mp {
			for _, r := range poly {
				st.RingsOut++
				st.VerticesOut += len(r)
			}
		}
		st.AreaOut[info.Code] = GeodesicArea(mp)
	}
	return fc, st, nil
}

// nestedArea is the area of rings in m², holes (by nesting) subtracted.
func nestedArea(rings [][]orb.Point) float64 {
	mp := nest(rings, 0, nil)
	a := 0.0
	for _, p := range mp {
		for k, r := range p {
			if k == 0 {
				a += math.Abs(signedArea(r))
			} else {
				a -= math.Abs(signedArea(r))
			}
		}
	}
	return a
}

func ringsBound(rings [][]orb.Point) orb.Bound {
	b := orb.Ring(rings[0]).Bound()
	for _, r := range rings[1:] {
		b = b.Union(orb.Ring(r).Bound())
	}
	return b
}

// nest sorts copies of rings into polygons: a ring inside an odd number of others is
// a hole of the smallest exterior containing it. Exteriors below minArea
// (and their holes) and holes below minArea are dropped, except the largest
// exterior, which comes first.
func nest(rings [][]orb.Point, minArea float64, st *CleanStats) orb.MultiPolygon {
	type ring struct {
		r    orb.Ring
		area float64
	}
	rs := make([]ring, len(rings))
	for i, r := range rings {
		rs[i] = ring{slices.Clone(orb.Ring(r)), math.Abs(signedArea(r))}
	}
	slices.SortStableFunc(rs, func(a, b ring) int { return cmp.Compare(b.area, a.area) })
	var mp orb.MultiPolygon
	owner := make([]int, len(rs)) // polygon of each exterior ring; -1 for holes
	for i, r := range rs {
		depth, parent := 0, -1
		probe := interiorProbe(r.r)
		for j := i - 1; j >= 0; j-- {
			if planar.RingContains(rs[j].r, probe) {
				depth++
				if parent < 0 {
					parent = j
				}
			}
		}
		if depth%2 == 0 {
			owner[i] = -1
			if i > 0 && r.area < minArea {
				continue
			}
			owner[i] = len(mp)
			mp = append(mp, orb.Polygon{r.r})
			continue
		}
		owner[i] = -1
		if r.area < minArea || owner[parent] < 0 {
			continue
		}
		if st != nil {
			st.Holes++
		}
		mp[owner[parent]] = append(mp[owner[parent]], r.r)
	}
	// Orient: exteriors counter-clockwise, holes clockwise (in the plane,
	// as in lon/lat since the projection does not mirror).
	for _, p := range mp {
		for k, r := range p {
			if (r.Orientation() == orb.CCW) != (k == 0) {
				r.Reverse()
				if st != nil {
					st.Reoriented++
				}
			}
		}
	}
	return mp
}

// interiorProbe returns a point just beside the first edge of r that is not
// a vertex of r, so that containment tests do not hit shared vertices.
func interiorProbe(r orb.Ring) orb.Point {
	a, b := r[0], r[1]
	return orb.Point{(a[0] + b[0]) / 2, (a[1] + b[1]) / 2}
}

// GeodesicArea returns the area of a lon/lat multipolygon in km², computed
// in the equal-area projection (exact up to its numerical error).
func GeodesicArea(mp orb.MultiPolygon) float64 {
	a := 0.0
	for _, p := range mp {
		for k, r := range p {
			pr := make(orb.Ring, len(r))
			for i, pt := range r {
				pr[i] = China.Forward(pt)
			}
			if k == 0 {
				a += math.Abs(signedArea(pr))
			} else {
				a -= math.Abs(signedArea(pr))
			}
		}
	}
	return a / 1e6
}

// signedArea is the shoelace area of a closed ring in its own units²:
// positive when counter-clockwise (x right, y up).
func signedArea(r []orb.Point) float64 {
	if len(r) < 3 {
		return 0
	}
	a := 0.0
	o := r[0]
	for i := 1; i+1 < len(r); i++ {
		a += (r[i][0]-o[0])*(r[i+1][1]-o[1]) - (r[i+1][0]-o[0])*(r[i][1]-o[1])
	}
	return a / 2
}
