package render

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// Legend layout in px.
const (
	legendPad  = 8.0
	legendRow  = 16.0
	legendSwat = 10.0
)

// legend lists the industries of the visible markers, the shading
// classes in use and, for proportional symbols, reference circles, in a
// box at the frame's bottom left (south-west of China is outside it at
// every zoom that shows the whole country).
func legend(a *geo.Atlas, s *Scene, sh *shade, opt Options) Legend {
	lang := opt.Lang
	var l Legend
	present := map[string]bool{}
	split := false
	for _, h := range s.Hubs {
		for _, c := range h.Colors {
			present[c] = true
		}
		split = split || len(h.Colors) > 1
	}
	for _, ind := range a.Industries {
		if present[ind.Color] {
			l.Industries = append(l.Industries, LegendItem{ind.Color, pick(lang, ind.Name, ind.NameZH)})
		}
	}
	l.Titles = [3]string{
		pick(lang, "Industry", "行业"),
		pick(lang, "Hubs per province", "每省中心数"),
		pick(lang, "Hubs per circle", "每圈中心数"),
	}
	if sh.mode == ShadeValue {
		l.Titles[1] = pick(lang, "Value per province", "每省数值")
	}
	if s.SymbolByValue {
		l.Titles[2] = pick(lang, "Value per circle", "每圈数值")
	}
	if split {
		l.Note = pick(lang, "Split marker: several industries", "分色标记：多个行业")
	}
	if s.Aggregated {
		l.Titles[0] = pick(lang, "Main industry", "主要行业")
	}
	if sh.mode != ShadeNone {
		l.Classes = append(l.Classes, LegendItem{sh.zero, pick(lang, "none", "无")})
		for k, t := range sh.labels() {
			l.Classes = append(l.Classes, LegendItem{sh.fills[k], t})
		}
	}
	if s.Aggregated && s.SymbolMax > 0 {
		for _, f := range []float64{1, 0.25, 0.04} {
			v := nice(s.SymbolMax * f)
			if v < 1 || len(l.Sizes) > 0 && v >= l.Sizes[len(l.Sizes)-1].Value {
				continue
			}
			l.Sizes = append(l.Sizes, LegendSize{Value: v, R: s.SymbolRMax * math.Sqrt(v/s.SymbolMax), Text: formatNumber(v)})
		}
	}
	w := 0.0
	for _, t := range l.Titles {
		w = math.Max(w, boldWidth(t, smallSize+1))
	}
	for _, it := range l.Industries {
		w = math.Max(w, legendSwat+6+textWidth(it.Text, smallSize))
	}
	w = math.Max(w, textWidth(l.Note, smallSize-1))
	classW := float64(len(l.Classes)) * legendClassW
	w = math.Max(w, classW) + 2*legendPad
	h := legendPad * 2
	if len(l.Industries) > 0 {
		h += float64(1+len(l.Industries)) * legendRow
		if l.Note != "" {
			h += legendRow
		}
		h += 4
	}
	if len(l.Classes) > 0 {
		h += legendRow*0.8 + 24
	}
	if len(l.Sizes) > 0 {
		sizesW := 0.0
		for _, z := range l.Sizes {
			sizesW += 2*z.R + 6 + textWidth(z.Text, smallSize-1)
		}
		w = math.Max(w, sizesW+2*legendPad)
		h += 4 + legendRow + 2*l.Sizes[0].R + 4
	}
	x0 := s.Frame.Min[0] + margin
	y1 := s.Frame.Max[1] - margin - 26 // above the scale bar
	l.Box = orb.Bound{Min: orb.Point{x0, y1 - h}, Max: orb.Point{x0 + w, y1}}
	return l
}

// legendClassW is the width of one shading class swatch with its gap.
const legendClassW = 44.0

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

// titles returns the title and a subtitle that says how many hubs the map
// shows and where. The filter's words come from Params.
func titles(a *geo.Atlas, f geo.Filter, opt Options, sel *selection, focus int) (string, string) {
	total := sel.total
	var title string
	switch opt.Lang {
	case "zh":
		title = titleZH(a, f, focus, total)
	case "both":
		en, zh := titleEN(a, f, focus, total), titleZH(a, f, focus, total)
		title = en
		if utf8.RuneCountInString(en+zh) < 80 {
			title = en + " · " + zh
		}
	default:
		title = titleEN(a, f, focus, total)
	}
	if opt.Title != "" {
		title = opt.Title
	}
	provinces := 0
	for _, n := range sel.counts {
		if n > 0 {
			provinces++
		}
	}
	zh := opt.Lang == "zh"
	var sub string
	switch {
	case total == 0 && zh:
		sub = "没有符合筛选条件的制造业中心"
	case total == 0:
		sub = "No hub matches this filter; try fewer filters or another search"
	case focus >= 0 && f.Province == "":
		d := a.Divisions[focus]
		n := sel.counts[focus]
		if zh {
			sub = fmt.Sprintf("%s有 %s 个，全国共 %s 个制造业中心", d.NameZH, formatNumber(float64(n)), formatNumber(float64(total)))
		} else {
			sub = fmt.Sprintf("%s %s in %s, %s in China", formatNumber(float64(n)), plural(n, "hub", "hubs"), d.Name, formatNumber(float64(total)))
		}
	case zh:
		sub = fmt.Sprintf("%s 个制造业中心，分布于 %d 个省级行政区", formatNumber(float64(total)), provinces)
	default:
		sub = fmt.Sprintf("%s %s in %d %s", formatNumber(float64(total)), plural(total, "hub", "hubs"), provinces, plural(provinces, "province", "provinces"))
	}
	return truncate(title, 100), truncate(sub, 140)
}

// titleEN words what the map shows: "Footwear and toys: hubs in China",
// "Machinery industry: hubs in Fujian", `Hubs matching "backpack" in
// China`, or `No hubs match "zeppelin" in China`.
func titleEN(a *geo.Atlas, f geo.Filter, focus, total int) string {
	ph := phrases(a, f, "en")
	place := "China"
	if focus >= 0 {
		place = a.Divisions[focus].Name
	}
	what := andList(ph[roleWhat], "and")
	if total == 0 {
		parts := append([]string(nil), ph[roleWhat]...)
		parts = append(parts, ph[roleMatching]...)
		return "No hubs match " + andList(parts, "and") + " in " + place
	}
	t := "Manufacturing hubs"
	if what != "" {
		t = what + ": hubs"
	}
	if len(ph[roleMatching]) > 0 {
		t += " matching " + andList(ph[roleMatching], "and")
	}
	return t + " in " + place
}

// titleZH is titleEN in Chinese.
func titleZH(a *geo.Atlas, f geo.Filter, focus, total int) string {
	ph := phrases(a, f, "zh")
	place := "中国"
	if focus >= 0 {
		place = a.Divisions[focus].NameZH
	}
	what := strings.Join(ph[roleWhat], "、")
	match := ""
	if len(ph[roleMatching]) > 0 {
		match = "符合" + strings.Join(ph[roleMatching], "、") + "的"
	}
	if total == 0 {
		return place + "没有" + match + what + "制造业中心"
	}
	if what != "" {
		return what + "：" + place + match + "制造业中心"
	}
	return place + match + "制造业中心"
}

// phrases collects the words of each filter parameter by their role.
func phrases(a *geo.Atlas, f geo.Filter, lang string) map[phraseRole][]string {
	out := map[phraseRole][]string{}
	for _, p := range Params {
		if p.phrase == nil {
			continue
		}
		if role, words := p.phrase(a, f, lang); len(words) > 0 {
			out[role] = append(out[role], words...)
		}
	}
	return out
}

// andList joins words as English does: "a", "a and b", "a, b and c".
func andList(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// describe is the alt text: the filter and each hub with its products,
// or the symbols' places and counts for an aggregated map.
func describe(a *geo.Atlas, f geo.Filter, sel *selection, focus int) string {
	var b strings.Builder
	b.WriteString("Map of China's provincial-level divisions shaded by the matching manufacturing hubs")
	if focus >= 0 {
		fmt.Fprintf(&b, ", focused on %s", a.Divisions[focus].Name)
	}
	n := sel.total
	fmt.Fprintf(&b, ". %s %s", formatNumber(float64(n)), plural(n, "hub", "hubs"))
	if n > labelAll {
		b.WriteString(", shown as circles sized by the number of hubs nearby; provinces: ")
		first := true
		for i, c := range sel.counts {
			if c > 0 {
				if !first {
					b.WriteString("; ")
				}
				first = false
				fmt.Fprintf(&b, "%s %d", a.Divisions[i].Name, c)
			}
		}
		b.WriteString(".")
		return b.String()
	}
	k := 0
	sel.each(func(i int, _ uint64) {
		m := sel.match(a, i)
		if k == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		d, _ := a.Division(m.Hub.Province)
		fmt.Fprintf(&b, "%s (%s): ", m.Hub.Name, d.Name)
		for j, si := range m.Specialties {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(m.Hub.Specialties[si].Product)
		}
		k++
	})
	b.WriteString(".")
	return b.String()
}

// credit is the attribution line: what each data file says about
// itself, the longest wording that fits the width. hubatlas names no
// source of its own.
func credit(a *geo.Atlas, lang string, width float64) string {
	hubs, bounds := a.Sources.Hubs, a.Sources.Boundaries
	label := [3]string{"Hubs: ", "Boundaries: ", "Map: hubatlas"}
	if lang == "zh" {
		label = [3]string{"制造业中心：", "边界：", "地图：hubatlas"}
	}
	variants := []string{
		label[0] + hubs.Citation() + " · " + label[1] + bounds.Citation() + " · " + label[2],
		label[0] + hubs.Citation() + " · " + label[1] + bounds.Citation(),
		label[0] + hubs.Name() + " · " + label[1] + bounds.Name(),
	}
	for _, v := range variants {
		if textWidth(v, smallSize) <= width-2*margin {
			return v
		}
	}
	return variants[len(variants)-1]
}
