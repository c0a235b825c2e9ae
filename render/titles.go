package render

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
)

// titles returns the title and a subtitle that says how many hubs the map
// shows and where. The filter's words come from Params.
func titles(a *geo.Atlas, f geo.Filter, opt Options, sel *selection, focus int, view orb.Bound) (string, string) {
	total := sel.total
	title := titleFor(a, f, opt, placeOf(a, sel, opt, focus, view), total)
	provinces := 0
	for _, n := range sel.counts {
		if n > 0 {
			provinces++
		}
	}
	sub := subtitle(a, f, sel, focus, provinces, opt.Lang == "zh")
	var zh string
	if opt.Lang == "both" {
		zh = subtitle(a, f, sel, focus, provinces, true)
	}
	if focus >= 0 && f.Province == "" && total > 0 && sel.counts[focus] == 0 {
		// None in the division: where the nearest is.
		at := geo.China.Inverse(view.Center())
		sub += nearestHub(a, sel, at, opt.Lang == "zh")
		if zh != "" {
			zh += nearestHub(a, sel, at, true)
		}
	}
	if zh != "" && utf8.RuneCountInString(sub+zh) < 90 {
		// Both languages when they fit on the line, as the title.
		sub += " / " + zh
	}
	return truncate(title, 100), truncate(sub, 140)
}

// nearestHub words where the matching hub nearest a point (lon/lat) of a
// view that shows none lies: ", the nearest Chengdu, about 1,500 km
// southwest". The view of Xinjiang had said only "None in Xinjiang; 26
// hubs in China", a window of the desert "0 of 26 hubs in this view".
func nearestHub(a *geo.Atlas, sel *selection, at orb.Point, zh bool) string {
	best, bestKm := -1, math.Inf(1)
	sel.each(func(i int, _ uint64) {
		if km := haversineKm(at, a.Hubs[i].Point); km < bestKm {
			best, bestKm = i, km
		}
	})
	if best < 0 {
		return ""
	}
	h := &a.Hubs[best]
	km := roundKm(bestKm)
	dir := compassPoint(at, h.Point)
	if zh {
		return fmt.Sprintf("；最近的是%s（%s方约 %s 公里）", hubName(h, "zh"), compassZH[dir], formatNumber(km))
	}
	return fmt.Sprintf(", the nearest %s, about %s km %s", h.Name, formatNumber(km), compassEN[dir])
}

// The eight points of the compass, from north clockwise.
var (
	compassEN = [8]string{"north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"}
	compassZH = [8]string{"北", "东北", "东", "东南", "南", "西南", "西", "西北"}
)

// compassPoint is the point of the compass (index into compassEN) of
// the initial bearing from a to b, lon/lat.
func compassPoint(a, b orb.Point) int {
	la1, la2 := a[1]*math.Pi/180, b[1]*math.Pi/180
	dlo := (b[0] - a[0]) * math.Pi / 180
	y := math.Sin(dlo) * math.Cos(la2)
	x := math.Cos(la1)*math.Sin(la2) - math.Sin(la1)*math.Cos(la2)*math.Cos(dlo)
	deg := math.Mod(math.Atan2(y, x)*180/math.Pi+360, 360)
	return int(math.Floor((deg+22.5)/45)) % 8
}

// roundKm rounds a distance for words: to 10 km below 1,000, to 100
// above; at least 10.
func roundKm(km float64) float64 {
	step := 10.0
	if km >= 1000 {
		step = 100
	}
	return max(step, math.Round(km/step)*step)
}

// subtitle says how many hubs the map shows and where, in Chinese or in
// English.
func subtitle(a *geo.Atlas, f geo.Filter, sel *selection, focus, provinces int, zh bool) string {
	total, w := sel.total, wordsOf(a)
	var sub string
	switch {
	case total == 0 && zh:
		sub = "没有符合筛选条件的" + w.zh
	case total == 0:
		sub = "No " + w.one + " matches this filter" // no advice for a screen: the map may be printed
	case focus >= 0 && f.Province == "":
		d := a.Divisions[focus]
		n := sel.counts[focus]
		switch {
		case zh && n == 0:
			sub = fmt.Sprintf("%s暂无，全国共 %s 个%s", d.NameZH, formatNumber(float64(total)), w.zh)
		case zh:
			sub = fmt.Sprintf("%s有 %s 个，全国共 %s 个%s", d.NameZH, formatNumber(float64(n)), formatNumber(float64(total)), w.zh)
		case n == 0:
			sub = fmt.Sprintf("None in %s; %s %s in China", d.Name, formatNumber(float64(total)), plural(total, w.one, w.many))
		default:
			sub = fmt.Sprintf("%s %s in %s, %s in China", formatNumber(float64(n)), plural(n, w.one, w.many), d.Name, formatNumber(float64(total)))
		}
	case zh:
		sub = fmt.Sprintf("%s 个%s，分布于 %d 个省级行政区", formatNumber(float64(total)), w.zh, provinces)
	default:
		sub = fmt.Sprintf("%s %s in %d %s", formatNumber(float64(total)), plural(total, w.one, w.many), provinces, plural(provinces, "province", "provinces"))
	}
	return sub
}

// viewSubtitle counts, for a map of a window (bbox), the matching hubs
// in view against those in all of China; near, for a window that shows
// none, words where the nearest is, [English, Chinese].
func viewSubtitle(shown, total int, lang string, w hubWords, near [2]string) string {
	zh := fmt.Sprintf("视图内 %s 个，全国共 %s 个%s", formatNumber(float64(shown)), formatNumber(float64(total)), w.zh) + near[1]
	en := fmt.Sprintf("%s of %s %s in this view", formatNumber(float64(shown)), formatNumber(float64(total)), plural(total, w.one, w.many)) + near[0]
	switch lang {
	case "zh":
		return zh
	case "both":
		return en + " / " + zh
	}
	return en
}

// titleFor is the title of a map of the hubs in pl, in the label
// language, or the one asked for.
func titleFor(a *geo.Atlas, f geo.Filter, opt Options, pl place, total int) string {
	if opt.Title != "" {
		return opt.Title
	}
	switch opt.Lang {
	case "zh":
		return titleZH(a, f, pl, total)
	case "both":
		en, zh := titleEN(a, f, pl, total), titleZH(a, f, pl, total)
		if utf8.RuneCountInString(en+zh) < 80 {
			return en + " / " + zh
		}
		return en
	}
	return titleEN(a, f, pl, total)
}

// place is where a title says the hubs are, in English and in Chinese.
type place struct{ en, zh string }

// maxTitlePlaces is the most divisions a window's title names; a window
// with hubs in more is titled "in China".
const maxTitlePlaces = 3

// minTitleShare is the least share of a window the box of each division
// it names must cover, unless half the box lies in it (windowHolds),
// else it is "in China": a window of the south-west border (97–108°E,
// 21–30°N) whose one hub was Chongqing's, in its corner, had been titled
// "in Chongqing" (from a review of 45 maps).
const minTitleShare = 0.1

// windowHolds reports whether a window's title may name a division of
// box b (degrees): b covers minTitleShare of window w (W, S, E, N), or
// half of b lies in it. A small division wholly in the window (Hong Kong
// in a window of the Pearl River delta, 5 % of it; Macao; Shanghai) is
// the window's as much as a large one filling it.
func windowHolds(b orb.Bound, w BBox) bool {
	dx := min(b.Max[0], w[2]) - max(b.Min[0], w[0])
	dy := min(b.Max[1], w[3]) - max(b.Min[1], w[1])
	if dx <= 0 || dy <= 0 {
		return false
	}
	in := dx * dy
	return in >= minTitleShare*(w[2]-w[0])*(w[3]-w[1]) || in >= 0.5*(b.Max[0]-b.Min[0])*(b.Max[1]-b.Min[1])
}

// placeOf is where the map's hubs are: the focus division; for a window
// (bbox), the divisions whose matching hubs lie in it, the most hubs
// first (then in the atlas's order), when there are at most
// maxTitlePlaces and the window holds each (windowHolds) — a map of the Yangtze delta is "in Zhejiang and
// Jiangsu", not "in China"; else China.
func placeOf(a *geo.Atlas, sel *selection, opt Options, focus int, view orb.Bound) place {
	china := place{"China", "中国"}
	switch {
	case focus >= 0:
		d := a.Divisions[focus]
		return place{d.Name, d.NameZH}
	case opt.BBox.IsZero() || sel.total == 0:
		return china
	}
	counts := make([]int, len(a.Divisions))
	sel.each(func(i int, _ uint64) {
		if view.Contains(a.HubXY(i)) {
			counts[a.HubDivision(i)]++
		}
	})
	var in []int
	for d, n := range counts {
		if n > 0 {
			in = append(in, d)
		}
	}
	if len(in) == 0 || len(in) > maxTitlePlaces || slices.ContainsFunc(in, func(d int) bool {
		return !windowHolds(a.Divisions[d].Bound, opt.BBox)
	}) {
		return china
	}
	slices.SortStableFunc(in, func(p, q int) int { return cmp.Compare(counts[q], counts[p]) })
	var en, zh []string
	for _, d := range in {
		en = append(en, a.Divisions[d].Name)
		zh = append(zh, a.Divisions[d].NameZH)
	}
	return place{andList(en, "and"), strings.Join(zh, "、")}
}

// WindowPlace names, in English, the divisions the title of a map of the
// window r.Options.BBox names (placeOf), as asked: "Guangdong", "Zhejiang
// and Jiangsu"; "" without a window, or where the title says China.
// Exports take their file names from it. (The map's title may name more
// where the frame, fitted to the page, shows more: retitleForFrame.)
func WindowPlace(a *geo.Atlas, r Request) string {
	if r.Options.BBox.IsZero() {
		return ""
	}
	sel := selectHubs(a, r.Filter)
	pl := placeOf(a, sel, r.Options, -1, projectBound(r.Options.BBox.Bound()))
	if pl.en == "China" {
		return ""
	}
	return pl.en
}

// titleEN words what the map shows: "Footwear and toys: hubs in China",
// "Machinery industry: hubs in Fujian", `Hubs matching "backpack" in
// China`, `No hubs match "zeppelin" in China`, or "No manufacturing hubs
// in Shanghai".
func titleEN(a *geo.Atlas, f geo.Filter, pl place, total int) string {
	ph := phrases(a, f, "en")
	place, w := pl.en, wordsOf(a)
	what := andList(ph[roleWhat], "and")
	if total == 0 {
		parts := append([]string(nil), ph[roleWhat]...)
		parts = append(parts, ph[roleMatching]...)
		if len(parts) == 0 { // only a place: "No manufacturing hubs in Shanghai"
			return "No " + lowerFirst(w.title) + " in " + place
		}
		return "No " + w.many + " match " + andList(parts, "and") + " in " + place
	}
	t := w.title
	if what != "" {
		t = what + ": " + w.many
	}
	if len(ph[roleMatching]) > 0 {
		t += " matching " + andList(ph[roleMatching], "and")
	}
	return t + " in " + place
}

// titleZH is titleEN in Chinese.
func titleZH(a *geo.Atlas, f geo.Filter, pl place, total int) string {
	ph := phrases(a, f, "zh")
	place, noun := pl.zh, wordsOf(a).zh
	what := strings.Join(ph[roleWhat], "、")
	match := ""
	if len(ph[roleMatching]) > 0 {
		match = "符合" + strings.Join(ph[roleMatching], "、") + "的"
	}
	if total == 0 {
		return place + "没有" + match + what + noun
	}
	if what != "" {
		return what + "：" + place + match + noun
	}
	return place + match + noun
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

// hubWords are what a map calls what it shows: the hubs file's noun
// (geo.Meta.Noun, plural, and NounZH) or manufacturing hubs. A client's
// supplier list had been titled "Manufacturing hubs in China", "289
// hubs", 制造业中心.
type hubWords struct {
	one, many string // "hub", "hubs"; "supplier", "suppliers"
	title     string // "Manufacturing hubs"; "Suppliers"
	counted   string // "Hubs" per province; "Suppliers"
	zh        string // 制造业中心; 供应商
	zhCounted string // 每省中心数; 每省供应商数
}

func wordsOf(a *geo.Atlas) hubWords {
	w := hubWords{one: "hub", many: "hubs", title: "Manufacturing hubs", counted: "Hubs", zh: "制造业中心", zhCounted: "中心"}
	m := a.Sources.Hubs
	if n := strings.TrimSpace(m.Noun); n != "" {
		w.many, w.one = n, singular(n)
		w.title = upperFirst(n)
		w.counted = w.title
		// Without noun_zh, the Chinese of a common noun, else a neutral
		// one: "Suppliers in China / 中国制造业中心" had said two things.
		z, ok := nounsZH[strings.ToLower(n)]
		if !ok {
			z = "地点"
		}
		w.zh, w.zhCounted = z, z
	}
	if z := strings.TrimSpace(m.NounZH); z != "" {
		w.zh, w.zhCounted = z, z
	}
	return w
}

// nounsZH are the Chinese of the nouns a hubs file most often calls its
// hubs (noun), for maps in Chinese when it gives no noun_zh.
var nounsZH = map[string]string{
	"suppliers": "供应商", "vendors": "供应商", "factories": "工厂", "plants": "工厂", "mills": "工厂",
	"manufacturers": "制造商", "makers": "制造商", "producers": "生产商", "workshops": "工坊",
	"sites": "地点", "locations": "地点", "facilities": "设施", "warehouses": "仓库",
	"partners": "合作伙伴", "customers": "客户", "stores": "门店", "offices": "办事处",
	"hubs": "制造业中心",
}

// Nouns are what a's hubs are called, for words beside its maps (the
// dashboard's counts and table), as its maps call them: One, Many and
// Capital in English ("hub", "hubs", "Hubs"; "supplier", "suppliers",
// "Suppliers"), ZH in Chinese (制造业中心; 供应商).
type Nouns struct{ One, Many, Capital, ZH string }

// NounsOf returns the Nouns of a's hubs file.
func NounsOf(a *geo.Atlas) Nouns {
	w := wordsOf(a)
	return Nouns{One: w.one, Many: w.many, Capital: w.counted, ZH: w.zh}
}

// singular is an English plural's singular, as most are made: suppliers,
// factories, boxes; a noun it cannot tell stays as it is.
func singular(n string) string {
	switch {
	case strings.HasSuffix(n, "ies") && len(n) > 3:
		return n[:len(n)-3] + "y"
	case strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"), strings.HasSuffix(n, "shes"), strings.HasSuffix(n, "sses"):
		return n[:len(n)-2]
	case strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss"):
		return n[:len(n)-1]
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// describe is the alt text, in Chinese on a map in Chinese and else in
// English: the filter and each hub with its products, or the symbols'
// places and counts for an aggregated map. shown, when not nil, are the
// hubs a view closer than all of China draws (by index, in file order):
// those are listed, after the count of all (the view of Xinjiang, which
// draws none, had listed the 26 hubs of China).
func describe(a *geo.Atlas, sel *selection, focus int, shade, lang string, shown []int) string {
	d := descWordsOf(wordsOf(a), lang)
	var b strings.Builder
	byValue := shade == ShadeValue && sel.valued
	switch {
	case shade == ShadeNone:
		b.WriteString(d.plain)
	case byValue:
		b.WriteString(d.byValue)
	default:
		b.WriteString(d.byCount)
	}
	if focus >= 0 {
		b.WriteString(d.focus + d.division(&a.Divisions[focus]))
	}
	n := sel.total
	b.WriteString(d.stop)
	if n > labelAll {
		b.WriteString(d.count(n))
		if byValue {
			b.WriteString(d.circlesByValue)
		} else {
			b.WriteString(d.circlesByCount)
		}
		// Most first: the order of the divisions' codes told nothing.
		var order []int
		for i, c := range sel.counts {
			if c > 0 {
				order = append(order, i)
			}
		}
		slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(sel.counts[j], sel.counts[i]) })
		for k, i := range order {
			if k > 0 {
				b.WriteString(d.next)
			}
			b.WriteString(d.division(&a.Divisions[i]) + " " + formatNumber(float64(sel.counts[i])))
		}
		b.WriteString(d.end)
		return b.String()
	}
	k := 0
	each := sel.each
	if shown != nil {
		b.WriteString(d.inView(n, len(shown)))
		each = func(f func(i int, mask uint64)) {
			for _, i := range shown {
				f(i, sel.mask(i))
			}
		}
	} else {
		b.WriteString(d.count(n))
	}
	each(func(i int, mask uint64) {
		h := &a.Hubs[i]
		if k == 0 {
			b.WriteString(d.colon)
		} else {
			b.WriteString(d.next)
		}
		div, _ := a.Division(h.Province)
		b.WriteString(d.hub(h) + d.open + d.division(div) + d.close + d.colon)
		for j := 0; mask != 0; mask &= mask - 1 {
			if j > 0 {
				b.WriteString(d.and)
			}
			b.WriteString(d.product(&h.Specialties[bits.TrailingZeros64(mask)]))
			j++
		}
		k++
	})
	b.WriteString(d.end)
	return b.String()
}

// descWords are the words and punctuation of the alt text in one
// language.
type descWords struct {
	zh                                  bool
	w                                   hubWords
	plain, byValue, byCount, focus      string
	circlesByValue, circlesByCount      string
	stop, colon, next, and, open, close string
	end                                 string
}

// descWordsOf returns the alt text's words in Chinese for lang zh, else
// in English (a map in both languages is described in English).
func descWordsOf(w hubWords, lang string) descWords {
	if lang == "zh" {
		return descWords{
			zh: true, w: w,
			plain:          "中国省级行政区地图，标出符合条件的" + w.zh,
			byValue:        "中国省级行政区地图，按符合条件的" + w.zh + "的数值总和着色",
			byCount:        "中国省级行政区地图，按符合条件的" + w.zh + "数量着色",
			focus:          "，聚焦",
			circlesByValue: "，以圆圈表示，大小按附近" + w.zh + "的数值总和；各省级行政区：",
			circlesByCount: "，以圆圈表示，大小按附近" + w.zh + "的数量；各省级行政区：",
			stop:           "。", colon: "：", next: "；", and: "、", open: "（", close: "）", end: "。",
		}
	}
	matching := "matching " + lowerFirst(w.title)
	return descWords{
		w:              w,
		plain:          "Map of China's provincial-level divisions with the " + matching,
		byValue:        "Map of China's provincial-level divisions shaded by the summed value of the " + matching,
		byCount:        "Map of China's provincial-level divisions shaded by the number of " + matching,
		focus:          ", focused on ",
		circlesByValue: ", shown as circles sized by the summed value of the " + w.many + " nearby; provinces: ",
		circlesByCount: ", shown as circles sized by the number of " + w.many + " nearby; provinces: ",
		stop:           ". ", colon: ": ", next: "; ", and: ", ", open: " (", close: ")", end: ".",
	}
}

// count is the number of hubs: "26 hubs", "共 26 个制造业中心".
func (d descWords) count(n int) string {
	if d.zh {
		return "共 " + formatNumber(float64(n)) + " 个" + d.w.zh
	}
	return formatNumber(float64(n)) + " " + plural(n, d.w.one, d.w.many)
}

// inView is the count of all hubs and of those a view draws.
func (d descWords) inView(all, shown int) string {
	if d.zh {
		return "全国共 " + formatNumber(float64(all)) + " 个" + d.w.zh + "，视图内 " + formatNumber(float64(shown)) + " 个"
	}
	return d.count(all) + " in China, " + formatNumber(float64(shown)) + " in this view"
}

func (d descWords) division(div *geo.Division) string {
	if d.zh && div.NameZH != "" {
		return div.NameZH
	}
	return div.Name
}

func (d descWords) hub(h *geo.Hub) string {
	if d.zh && h.NameZH != "" {
		return h.NameZH
	}
	return h.Name
}

func (d descWords) product(sp *geo.Specialty) string {
	if d.zh && sp.ProductZH != "" {
		return sp.ProductZH
	}
	return sp.Product
}

// credits are the attribution lines: what each data file says about
// itself (hubatlas names no source of its own), with the projection, then
// the edition's note — that boundaries are indicative (intl) or the map
// approval number (cn) — wrapped to width.
func credits(a *geo.Atlas, opt Options, st Style, width float64) []string {
	hubs, bounds, w := a.Sources.Hubs, a.Sources.Boundaries, wordsOf(a)
	citation := geo.Meta.Citation
	if opt.Lang == "zh" {
		hubs, bounds, citation = hubs.InChinese(), bounds.InChinese(), geo.Meta.CitationZH
	}
	full := func(m geo.Meta) string {
		c := citation(m)
		if m.URL != "" {
			c += " " + m.URL
		}
		return c
	}
	var variants [3]string
	for i, cite := range [3]func(geo.Meta) string{full, citation, geo.Meta.Name} {
		if opt.Lang == "zh" {
			variants[i] = w.zh + "：" + cite(hubs) + "；边界：" + cite(bounds) + "；阿尔伯斯等积圆锥投影（25°N/47°N）；地图：hubatlas"
		} else {
			variants[i] = w.counted + ": " + cite(hubs) + ". Boundaries: " + cite(bounds) + ". Albers equal-area projection, 25°N/47°N. Map: hubatlas"
		}
	}
	var note string
	switch {
	case opt.Edition == EditionCN && opt.Approval != "":
		note = pick(opt.Lang, "Map approval number: ", "审图号：") + opt.Approval
	case opt.Edition == EditionCN:
		note = pick(opt.Lang, "No map approval number set: not for publication in mainland China", "未设置审图号：不可在中国大陆出版")
	default:
		note = pick(opt.Lang, "Boundaries are indicative and not authoritative.", "边界仅为示意，不具权威性。")
	}
	k := creditKey{variants, note, st.Credit, width}
	return slices.Clone(creditMemo.get(k, func() []string {
		// The most detailed wording that takes at most two lines.
		var lines []string
		for i, v := range k.variants {
			lines = wrapText(v, k.size, k.width)
			if len(lines) <= 2 || i == len(k.variants)-1 {
				break
			}
		}
		return append(lines, wrapText(k.note, k.size, k.width)...)
	}))
}

// creditKey is what a map's credit lines depend on: the wordings, most
// detailed first, the edition's note, the size of the text and the width.
type creditKey struct {
	variants [3]string
	note     string
	size     float64
	width    float64
}

// creditMemo keeps the credit lines of recent maps: wrapping them had
// been a twentieth of a map's render on a cached view.
var creditMemo = memo[creditKey, []string]{most: 64}
