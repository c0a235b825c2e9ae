package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Legend layout in px.
const (
	legendPad  = 8.0
	legendRow  = 16.0
	legendSwat = 10.0
)

// legend lists the industries of the visible markers and the shading
// classes, in a box at the frame's bottom left (south-west of China is
// outside it at every zoom that shows the whole country).
func legend(a *geo.Atlas, s *Scene, lang string, pal *Palette) Legend {
	var l Legend
	present := map[string]bool{}
	for _, h := range s.Hubs {
		for _, c := range h.Colors {
			present[c] = true
		}
	}
	for _, ind := range a.Industries {
		if present[ind.Color] {
			l.Industries = append(l.Industries, LegendItem{ind.Color, pick(lang, ind.Name, ind.NameZH)})
		}
	}
	none := "none"
	l.Titles = [2]string{"Industry", "Hubs per province"}
	if lang == "zh" {
		none = "无"
		l.Titles = [2]string{"行业", "每省中心数"}
	} else if lang == "both" {
		l.Titles = [2]string{"Industry 行业", "Hubs per province 每省中心数"}
	}
	l.Classes = append(l.Classes, LegendItem{pal.Zero, none})
	for i, c := range pal.Classes {
		t := strconv.Itoa(i + 1)
		if i == len(pal.Classes)-1 {
			t += "+"
		}
		l.Classes = append(l.Classes, LegendItem{c, t})
	}
	w := 0.0
	for _, t := range l.Titles {
		w = math.Max(w, boldWidth(t, smallSize+1))
	}
	for _, it := range l.Industries {
		w = math.Max(w, legendSwat+6+textWidth(it.Text, smallSize))
	}
	classW := float64(len(l.Classes)) * 30
	w = math.Max(w, classW) + 2*legendPad
	rows := 1 + len(l.Industries)
	if len(l.Industries) == 0 {
		rows = 0
	}
	h := legendPad*2 + float64(rows)*legendRow + 4 + legendRow*0.8 + 24
	x0 := s.Frame.Min[0] + margin
	y1 := s.Frame.Max[1] - margin - 26 // above the scale bar
	l.Box = orb.Bound{Min: orb.Point{x0, y1 - h}, Max: orb.Point{x0 + w, y1}}
	return l
}

func pick(lang, en, zh string) string {
	switch {
	case lang == "zh" && zh != "":
		return zh
	case lang == "both" && zh != "":
		return en + " " + zh
	}
	return en
}

// scaleBar returns a bar of a round number of km, about 100 px long, true
// at the centre of the frame, at the frame's bottom left.
func scaleBar(frame orb.Bound, tr geo.Transform, lang string) ScaleBar {
	c := frame.Center()
	const probe = 100.0
	a := geo.China.Inverse(tr.Invert(orb.Point{c[0] - probe/2, c[1]}))
	b := geo.China.Inverse(tr.Invert(orb.Point{c[0] + probe/2, c[1]}))
	kmPerPx := haversineKm(a, b) / probe
	km := niceKm(120 * kmPerPx)
	sb := ScaleBar{X: frame.Min[0] + margin, Y: frame.Max[1] - margin, Km: km, Length: km / kmPerPx}
	sb.Text = formatKm(km) + " km"
	if lang == "zh" {
		sb.Text = formatKm(km) + " 公里"
	}
	return sb
}

func formatKm(km float64) string {
	if km >= 1 {
		return fmt.Sprintf("%.0f", km)
	}
	return fmt.Sprintf("%g", km)
}

// niceKm rounds down to 1, 2 or 5 times a power of ten.
func niceKm(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= v {
			return m * p
		}
	}
	return p
}

// haversineKm is the great-circle distance between lon/lat points on the
// sphere of the WGS84 mean radius; over 100 px its error against the
// ellipsoid is below the bar's rounding.
func haversineKm(a, b orb.Point) float64 {
	const r = 6371.0088
	la1, la2 := a[1]*math.Pi/180, b[1]*math.Pi/180
	dla, dlo := la2-la1, (b[0]-a[0])*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func scaleBarBox(sb ScaleBar) orb.Bound {
	return orb.Bound{Min: orb.Point{sb.X - 2, sb.Y - 16}, Max: orb.Point{sb.X + math.Max(sb.Length, 60) + 40, sb.Y + 4}}
}

// titles returns the title and a subtitle that says the filter in words.
func titles(a *geo.Atlas, f geo.Filter, opt Options, ms []geo.Match, counts []int) (string, string) {
	zh := opt.Lang == "zh"
	var what []string
	for _, id := range f.Categories {
		c, _ := a.Category(id)
		what = append(what, pick(opt.Lang, c.Name, c.NameZH))
	}
	if f.Industry != "" {
		ind, _ := a.Industry(f.Industry)
		what = append(what, pick(opt.Lang, ind.Name, ind.NameZH))
	}
	if f.Query != "" {
		what = append(what, "“"+f.Query+"”")
	}
	place := "China"
	if zh {
		place = "中国"
	}
	focus := f.Province
	if opt.Province != "" {
		focus = opt.Province
	}
	if d, ok := a.Division(focus); ok {
		place = pick(opt.Lang, d.Name, d.NameZH)
	}
	title := opt.Title
	if title == "" {
		switch {
		case zh && len(what) > 0:
			title = place + "：" + strings.Join(what, "、") + "产地"
		case zh:
			title = place + "制造业中心"
		case len(what) > 0:
			title = "Where " + strings.Join(what, ", ") + " is made: " + place
		default:
			title = "Manufacturing hubs of " + place
		}
	}
	provinces := 0
	for _, n := range counts {
		if n > 0 {
			provinces++
		}
	}
	// The counts, then the filter in front and a note when nothing matches.
	var sub string
	d, focused := a.Division(opt.Province)
	switch {
	case focused && zh:
		sub = fmt.Sprintf("%s有 %d 个，全国共 %d 个制造业中心", d.NameZH, counts[a.DivisionIndex(d.Code)], len(ms))
	case focused:
		n := counts[a.DivisionIndex(d.Code)]
		sub = fmt.Sprintf("%d %s in %s, %d in China", n, plural(n, "hub", "hubs"), d.Name, len(ms))
	case zh:
		sub = fmt.Sprintf("%d 个制造业中心，分布于 %d 个省级行政区", len(ms), provinces)
	default:
		sub = fmt.Sprintf("%d %s in %d %s", len(ms), plural(len(ms), "hub", "hubs"), provinces, plural(provinces, "province", "provinces"))
	}
	if len(what) > 0 {
		if zh {
			sub = "筛选：" + strings.Join(what, "、") + " · " + sub
		} else {
			sub = "Filter: " + strings.Join(what, ", ") + " · " + sub
		}
	}
	if len(ms) == 0 && zh {
		sub += " · 没有符合条件的制造业中心"
	} else if len(ms) == 0 {
		sub += " · no hub matches this filter"
	}
	return truncate(title, 90), truncate(sub, 140)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// describe is the alt text: the filter and each hub with its products.
func describe(a *geo.Atlas, f geo.Filter, ms []geo.Match, focus int) string {
	var b strings.Builder
	b.WriteString("Map of China's provincial-level divisions shaded by the number of matching manufacturing hubs")
	if focus >= 0 {
		fmt.Fprintf(&b, ", focused on %s", a.Divisions[focus].Name)
	}
	fmt.Fprintf(&b, ". %d %s", len(ms), plural(len(ms), "hub", "hubs"))
	for i, m := range ms {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		d, _ := a.Division(m.Hub.Province)
		fmt.Fprintf(&b, "%s (%s): ", m.Hub.Name, d.Name)
		for k, si := range m.Specialties {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(m.Hub.Specialties[si].Product)
		}
	}
	b.WriteString(".")
	return b.String()
}

// credit is the attribution line: hub source and boundary licence, the
// longest wording that fits the width.
func credit(a *geo.Atlas, lang string, width float64) string {
	boundaries := "DCW-GMT, LGPL-3.0-or-later"
	if a.Attribution != "" {
		boundaries = strings.TrimPrefix(strings.SplitN(a.Attribution, ";", 2)[0], "Boundaries: ")
	}
	var variants []string
	if lang == "zh" {
		variants = []string{
			"制造业中心：《Key Manufacturing Areas in China》 · 边界：" + boundaries + " · hubatlas",
			"制造业中心：《Key Manufacturing Areas in China》 · 边界：DCW-GMT, LGPL-3.0-or-later",
			"来源：Key Manufacturing Areas in China · DCW-GMT (LGPL-3.0+)",
		}
	} else {
		variants = []string{
			"Hubs: “Key Manufacturing Areas in China” · Boundaries: " + boundaries + " · Map: hubatlas",
			"Hubs: “Key Manufacturing Areas in China” · Boundaries: DCW-GMT, LGPL-3.0-or-later",
			"Hubs: Key Manufacturing Areas in China · DCW-GMT (LGPL-3.0+)",
		}
	}
	for _, v := range variants {
		if textWidth(v, smallSize) <= width-2*margin {
			return v
		}
	}
	return variants[len(variants)-1]
}
