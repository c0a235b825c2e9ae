package render

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// legendContent lists the industries of the visible markers, the shading
// classes in use, reference circles of proportional symbols and the
// scale bar's length; the box is laid out by layOut.
func legendContent(a *geo.Atlas, s *Scene, sh *shade, opt Options, tr geo.Transform) Legend {
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
	w := wordsOf(a)
	l.Titles = [3]string{
		pick(lang, "Industry", "行业"),
		pick(lang, w.counted+" per province", "每省"+w.zhCounted+"数"),
		pick(lang, w.counted+" per circle", "每圈"+w.zhCounted+"数"),
	}
	if sh.mode == ShadeValue {
		l.Titles[1] = valueTitle(a.ValueName, lang, "province", "每省")
	}
	if s.SymbolByValue {
		l.Titles[2] = valueTitle(a.ValueName, lang, "circle", "每圈")
	}
	if split {
		l.Note = pick(lang, "Split marker: several industries", "分色标记：多个行业")
	}
	if s.Aggregated {
		l.Titles[0] = pick(lang, "Main industry", "主要行业")
	}
	if sh.mode != ShadeNone && len(sh.breaks) > 0 {
		if sh.only >= 0 {
			// The one division the filter keeps has hubs: none is "none".
			l.Classes = append(l.Classes, LegendItem{outsideFill, pick(lang, "other provinces", "其他省级行政区")})
		} else {
			l.Classes = append(l.Classes, LegendItem{sh.zero, pick(lang, "none", "无")})
		}
		for k, t := range sh.labels() {
			l.Classes = append(l.Classes, LegendItem{sh.fills[k], t})
		}
	}
	if s.Aggregated && s.SymbolMax > 0 {
		for _, f := range []float64{1, 0.25, 0.04} {
			v := nice(s.SymbolMax * f)
			r := s.SymbolRMax * math.Sqrt(v/s.SymbolMax)
			// A circle below the smallest a symbol is drawn at would
			// misstate the scale: the map draws such values larger.
			if v < 1 || r < minSymbolR || len(l.Sizes) > 0 && v >= l.Sizes[len(l.Sizes)-1].Value {
				continue
			}
			l.Sizes = append(l.Sizes, LegendSize{Value: v, R: r, Text: formatNumber(v)})
		}
		if z, ok := smallestSymbols(s); ok {
			// In place of the third circle, so that the legend keeps its
			// width: a fourth had widened it out of its corner into a
			// panel, and the map had lost a quarter of its width (960×720
			// in Chinese).
			if len(l.Sizes) == 3 {
				l.Sizes = l.Sizes[:2]
			}
			l.Sizes = append(l.Sizes, z)
		}
	}
	l.Scale = scaleBar(s.Frame, tr, lang, s.Style)
	return l
}

// smallestSymbols is the legend's circle for the symbols drawn at the
// smallest radius, minSymbolR, when the map has any: they stand for every
// count below the one that radius would be true for ("1–10" where 951
// fill the largest), which the scale's other circles do not tell. A
// supplier list's map had shown scores of such dots that its legend did
// not explain.
func smallestSymbols(s *Scene) (LegendSize, bool) {
	if s.SymbolRMax <= minSymbolR {
		return LegendSize{}, false
	}
	below := s.SymbolMax * (minSymbolR / s.SymbolRMax) * (minSymbolR / s.SymbolRMax)
	drawn := false
	for _, h := range s.Hubs {
		size := float64(h.Count)
		if s.SymbolByValue {
			size = h.Value
		}
		drawn = drawn || size < below
	}
	if !drawn {
		return LegendSize{}, false
	}
	if s.SymbolByValue {
		// Values are not whole: the class is every value below a bound
		// rounded up to two significant figures.
		p := math.Pow(10, math.Floor(math.Log10(below))-1)
		v := math.Ceil(below/p) * p
		return LegendSize{Value: v, R: minSymbolR, Text: "< " + formatNumber(v)}, true
	}
	hi := math.Ceil(below) - 1
	if hi <= 1 {
		return LegendSize{Value: 1, R: minSymbolR, Text: "1"}, true
	}
	return LegendSize{Value: hi, R: minSymbolR, Text: "1–" + formatNumber(hi)}, true
}

// Legend geometry, in multiples of the legend's font size.
const (
	legendPadEm  = 0.8
	legendRowEm  = 1.55
	legendSwatEm = 1.0
)

// legendRows is the legend laid out: each row's kind and height.
func (l *Legend) measure(st Style, columns int) (w, h float64) {
	em := st.Legend
	pad, row := legendPadEm*em, l.rowEm()*em
	colW := 0.0
	for _, it := range l.Industries {
		colW = math.Max(colW, legendSwatEm*em+0.6*em+textWidth(it.Text, em))
	}
	for _, t := range l.Titles {
		w = math.Max(w, boldWidth(t, st.LegendHead))
	}
	if len(l.Industries) > 0 {
		n := (len(l.Industries) + columns - 1) / columns
		h += row + float64(n)*row
		w = math.Max(w, float64(columns)*colW+float64(columns-1)*em)
		if l.Note != "" {
			h += row
			w = math.Max(w, textWidth(l.Note, em*0.95))
		}
		h += 0.4 * em
	}
	if len(l.Classes) > 0 {
		cw := l.classWidth(st)
		w = math.Max(w, float64(len(l.Classes))*cw)
		h += row + 1.1*em + 1.4*em + 0.4*em
	}
	if len(l.Sizes) > 0 {
		sw := 0.0
		for _, z := range l.Sizes {
			sw += 2*z.R + 0.5*em + textWidth(z.Text, em) + 0.8*em
		}
		w = math.Max(w, sw)
		h += row + 2*l.Sizes[0].R + 0.6*em
	}
	// The scale bar closes the legend.
	if l.Scale.Length > 0 {
		w = math.Max(w, l.Scale.Length+0.6*em+textWidth(l.Scale.Text, em))
		h += 1.6 * em
	}
	return w + 2*pad, h + 2*pad
}

// rowEm is the height of a legend row, em.
func (l *Legend) rowEm() float64 {
	if l.Tight {
		return 1.25
	}
	return legendRowEm
}

// fitHeight tightens the legend until it is no taller than h in the given
// columns: closer rows, then without the note on split markers, then
// without the scale bar (on a map this small the reader looks for where,
// not how far). At 320 px high the legend beside the map had run over
// the credits.
func (l *Legend) fitHeight(st Style, columns int, h float64) {
	for _, step := range []func(){
		func() { l.Tight = true },
		func() { l.Note = "" },
		func() { l.Scale = ScaleBar{} },
	} {
		if _, lh := l.measure(st, columns); lh <= h {
			return
		}
		step()
	}
}

// classWidth is the width of one shading swatch with its gap: wide
// enough for the longest class text.
func (l *Legend) classWidth(st Style) float64 {
	w := 3.2 * st.Legend
	for _, c := range l.Classes {
		w = math.Max(w, textWidth(c.Text, st.Legend*0.95)+0.6*st.Legend)
	}
	return w
}

// scaleBar returns a bar of a round number of km, about a tenth of the
// frame wide, true at the centre of the frame; layOut positions it.
func scaleBar(frame orb.Bound, tr geo.Transform, lang string, st Style) ScaleBar {
	want := math.Max(8*st.Legend, math.Min(12*st.Legend, (frame.Max[0]-frame.Min[0])/9))
	return scaleBarOf(kmPerPx(frame, tr), want, kmUnit(lang))
}

// kmPerPx is the scale of a panel at the centre of its frame.
func kmPerPx(frame orb.Bound, tr geo.Transform) float64 {
	c := frame.Center()
	const probe = 100.0
	a := geo.China.Inverse(tr.Invert(orb.Point{c[0] - probe/2, c[1]}))
	b := geo.China.Inverse(tr.Invert(orb.Point{c[0] + probe/2, c[1]}))
	return haversineKm(a, b) / probe
}

func kmUnit(lang string) string {
	if lang == "zh" {
		return " 公里"
	}
	return " km"
}

// scaleBarOf is the bar of the roundest number of km no longer than want
// px, at kmPerPx.
func scaleBarOf(kmPerPx, want float64, unit string) ScaleBar {
	km := niceKm(want * kmPerPx)
	return ScaleBar{Km: km, Length: km / kmPerPx, Text: formatKm(km) + unit, unit: unit}
}

// fitWidth shortens the scale bar, the one part of the legend whose
// width is free, until the legend is no wider than w; a bar shorter than
// 3 em is left out. The panel beside a 320 px map is made for the legend
// of a first layout, whose larger frame had a longer bar: it had run off
// the canvas.
func (l *Legend) fitWidth(st Style, columns int, w float64) {
	sb := l.Scale
	if lw, _ := l.measure(st, columns); lw <= w || sb.Length <= 0 {
		return
	}
	em := st.Legend
	room := w - 2*legendPadEm*em - 0.6*em - textWidth(sb.Text, em)
	if room < 3*em {
		l.Scale = ScaleBar{}
		return
	}
	l.Scale = scaleBarOf(sb.Km/sb.Length, math.Min(room, sb.Length), sb.unit)
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

// valueTitle heads the legend of values summed per province or circle
// with what they count, as the hubs file's value column is headed:
// "Employees per province", 每省员工数; "Value per province", 每省数值
// when it says no more. A reviewer's list headed "employees" had been
// shaded under "Value per province", with no unit.
func valueTitle(name, lang, per, perZH string) string {
	en, zh := "Value per "+per, perZH+"数值"
	switch k := strings.ToLower(name); {
	case name == "" || k == "value" || k == "values" || name == "数值":
	case hasCJK(name):
		zh = perZH + name
		en = "Value per " + per + " (" + name + ")"
	default:
		en = upperFirst(name) + " per " + per
		zh = perZH + "数值（" + name + "）"
	}
	return pick(lang, en, zh)
}

func pick(lang, en, zh string) string {
	switch {
	case lang == "zh" && zh != "":
		return zh
	case lang == "both" && zh != "" && zh != en:
		return en + " " + zh
	}
	return en
}

// keyFormat is one way to write the key: with products or without, in
// one or more columns.
type keyFormat struct {
	products bool // the hub's products after its name
	province bool // its province in brackets
	columns  int
}

// colWidth is the width of each of f's columns in a key width px wide:
// the width less the key's padding and the gaps between columns, shared.
func (f keyFormat) colWidth(width float64, st Style) float64 {
	return (width - 2*legendPadEm*st.Legend - float64(f.columns-1)*st.Legend) / float64(f.columns)
}

// keyFormats are tried in order: most informative first, then the most
// compact, down to number and name in several columns.
var keyFormats = []keyFormat{
	{true, true, 1}, {true, true, 2}, {true, false, 1}, {true, false, 2},
	{false, true, 1}, {false, true, 2}, {false, false, 1}, {false, false, 2}, {false, false, 3}, {false, false, 4},
}

// keyFormatsPlain are keyFormats without the products, the most compact
// ways: where a key goes over the map, and the floor of a panel's plan.
// A key gives up its hubs' provinces before their products: the number
// on the map says where a hub is, the key what is made there (a key
// with products asked for had listed "Jinhua (Zhejiang)" and no
// products at 800×600).
var keyFormatsPlain = keyFormats[4:]

// keyContentAs lists the numbered hubs in number order, each entry
// wrapped to colWidth.
func keyContentAs(a *geo.Atlas, hubs []HubMark, lang string, st Style, f keyFormat, colWidth float64) Key {
	k := Key{Title: pick(lang, "Numbered "+wordsOf(a).many, "编号"), colWidth: colWidth, format: f}
	for _, h := range hubs {
		if h.Number == 0 {
			continue
		}
		if e, ok := keyEntry(a, h, lang, st, f, colWidth); ok {
			k.Entries = append(k.Entries, e)
		}
	}
	slices.SortFunc(k.Entries, func(x, y KeyEntry) int { return x.Number - y.Number })
	return k
}

// withLeftOutProducts returns k (not cut short, in a format with
// products) followed by the hubs named on the map whose products, asked
// for, their labels could not hold (productsLeftOut; aloneOnly: only
// those named alone, not those with their first product), in reading
// order, each with its products after a bullet in the column of numbers;
// ok is false when there are none.
func withLeftOutProducts(a *geo.Atlas, k Key, hubs []HubMark, lang string, st Style, aloneOnly bool) (Key, bool) {
	if !k.format.products || k.cut() {
		return k, false
	}
	out := k
	out.Entries = slices.Clone(k.Entries)
	// In reading order, as hubs are numbered (readingOrder): a
	// reader finds them going down the map, where the data's order had
	// read as random (Foshan, Yiwu, Suzhou, Hangzhou, Changsha).
	var listed []HubMark
	for _, h := range hubs {
		if h.productsLeftOut() && (!aloneOnly || len(h.Label.Lines) == 1) {
			listed = append(listed, h)
		}
	}
	slices.SortStableFunc(listed, func(x, y HubMark) int { return readingOrder(x.At, y.At, st) })
	for _, h := range listed {
		if e, ok := keyEntry(a, h, lang, st, k.format, k.colWidth); ok {
			e.ID = h.ID
			out.Entries = append(out.Entries, e)
		}
	}
	if len(out.Entries) == len(k.Entries) {
		return k, false
	}
	many := wordsOf(a).many
	if len(k.Entries) == 0 {
		out.Title = pick(lang, "Products in full", "产品明细")
	} else {
		out.Title = pick(lang, "Numbered "+many+" and products", "编号与产品")
	}
	return out, true
}

// keyEntry is h's entry in a key of format f, wrapped to colWidth less
// the column of numbers: its name, province and products as f asks,
// numbered as h is.
func keyEntry(a *geo.Atlas, h HubMark, lang string, st Style, f keyFormat, colWidth float64) (KeyEntry, bool) {
	hub, ok := a.HubByID(h.ID)
	if !ok {
		return KeyEntry{}, false
	}
	text := hubName(hub, lang)
	name := len(text)
	// Chinese takes its own brackets and colon, full width and
	// without spaces (a key in Chinese had read "泉州 (福建): 背包").
	open, shut, colon := " (", ")", ": "
	if lang == "zh" {
		open, shut, colon = "（", "）", "："
	}
	if d, ok := a.Division(hub.Province); ok && f.province {
		text += open + pick(lang, d.Name, d.NameZH) + shut
	}
	if f.products && h.Products != "" {
		text += colon + h.Products
	}
	return KeyEntry{Number: h.Number, Lines: wrapKeeping(text, st.Legend, colWidth-keyIndentEm*st.Legend, hanRuns(text, name))}, true
}

// rowsPerColumn is how many entries each column of the key holds.
func (k *Key) rowsPerColumn() int {
	return (len(k.Entries) + max(1, k.format.columns) - 1) / max(1, k.format.columns)
}

// measure returns the key's box size.
func (k *Key) measure(st Style) (w, h float64) {
	if len(k.Entries) == 0 {
		return 0, 0
	}
	em := st.Legend
	rows := k.rowsPerColumn()
	tallest := 0.0
	for c := 0; c*rows < len(k.Entries); c++ {
		colH := 0.0
		for _, e := range k.Entries[c*rows : min(len(k.Entries), (c+1)*rows)] {
			colH += float64(len(e.Lines)) * em * 1.3
		}
		tallest = math.Max(tallest, colH)
	}
	cols := (len(k.Entries) + rows - 1) / rows
	w = float64(cols)*k.width(st) + float64(cols-1)*em + 2*legendPadEm*em
	w = math.Max(w, boldWidth(k.Title, st.LegendHead)+2*legendPadEm*em)
	h = 2*legendPadEm*em + legendRowEm*em + tallest + 0.3*em
	return w, h
}

// width is a column's width: its widest line's.
func (k *Key) width(st Style) float64 {
	w := 0.0
	for _, e := range k.Entries {
		for _, l := range e.Lines {
			w = math.Max(w, textWidth(l, st.Legend)+keyIndentEm*st.Legend)
		}
	}
	return w
}

// trim keeps the entries that fit height h, the last line saying how
// many more there are (the list of hubs has them all).
func (k *Key) trim(st Style, h float64) {
	all := k.Entries
	for n := len(all); n > 0; n-- {
		k.Entries = all[:n:n]
		if n < len(all) {
			k.Entries = append(k.Entries, KeyEntry{Lines: []string{fmt.Sprintf("+%d more", len(all)-n)}})
		}
		if _, kh := k.measure(st); kh <= h {
			return
		}
	}
}

// keyIndentEm is the width of the key's column of numbers, in ems: its
// entries' text starts after it.
const keyIndentEm = 2.2

// cut reports whether the key was cut short: its last line counts the
// entries left out (trim).
func (k *Key) cut() bool {
	return len(k.Entries) > 0 && k.Entries[len(k.Entries)-1].Number == 0 && k.Entries[len(k.Entries)-1].ID == ""
}

// numbered counts the key's numbered entries.
func (k *Key) numbered() int {
	n := 0
	for _, e := range k.Entries {
		if e.Number > 0 {
			n++
		}
	}
	return n
}
