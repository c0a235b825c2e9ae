package server

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"

	"golang.org/x/text/language"
)

// uiStrings is every string of the dashboard's own interface, in English
// and Chinese: the page template reads it through pageData.T, and the
// script gets the same table (data-i18n on <body>) to switch language
// without a reload. Data (names of hubs, categories, provinces) brings its
// own two languages. Placeholders are {name}, replaced by tr; {hub},
// {hubs}, {Hubs} and {zh} are what the data calls its hubs (nouns).
var uiStrings = map[string][2]string{
	"tagline":                      {"Where in China things are made", "中国制造业产地地图"},
	"skip":                         {"Skip to the map", "跳到地图"},
	"skip.table":                   {"Skip to the table of {hubs}", "跳到{zh}表格"},
	"filters":                      {"Filters", "筛选"},
	"filters.show":                 {"Filters", "筛选"},
	"filters.close":                {"Close filters", "收起筛选"},
	"search.label":                 {"Search products", "搜索产品"},
	"search.placeholder":           {"backpack, 鞋, wanju, ceramics…", "背包、鞋、wanju、陶瓷…"},
	"industries":                   {"Industries and categories", "行业与类别"},
	"industry.all":                 {"All industries", "全部行业"},
	"province":                     {"Province", "省份"},
	"province.all":                 {"All of China", "全国"},
	"labels":                       {"Label language", "标注语言"},
	"apply":                        {"Show on map", "在地图上显示"},
	"clear":                        {"Clear filters", "清除筛选"},
	"zoom.in":                      {"Zoom in", "放大"},
	"zoom.out":                     {"Zoom out", "缩小"},
	"zoom.china":                   {"All of China", "全国"},
	"fullscreen":                   {"Full screen", "全屏"},
	"fullscreen.exit":              {"Exit full screen", "退出全屏"},
	"download":                     {"Download data", "下载数据"},
	"download.csv":                 {"CSV (spreadsheet)", "CSV（表格）"},
	"download.xlsx":                {"Excel (XLSX)", "Excel（XLSX）"},
	"download.geojson":             {"GeoJSON (GIS)", "GeoJSON（GIS）"},
	"download.note":                {"The {hubs} of the current filters.", "当前筛选的{zh}。"},
	"export":                       {"Export map", "导出地图"},
	"export.svg":                   {"SVG (vector, editable)", "SVG（矢量，可编辑）"},
	"export.png":                   {"PNG (image)", "PNG（图片）"},
	"export.pdf":                   {"PDF (print)", "PDF（打印）"},
	"export.note":                  {"Exactly the view you see.", "与所见视图完全一致。"},
	"export.pages":                 {"The view on a page, laid out for it:", "按页面排版的当前视图："},
	"export.page.a4-landscape":     {"PDF, A4 landscape", "PDF，A4 横向"},
	"export.page.a4":               {"PDF, A4 portrait", "PDF，A4 纵向"},
	"export.page.letter-landscape": {"PDF, US Letter landscape", "PDF，美国信纸横向"},
	"export.page.slide":            {"PNG, 16:9 slide", "PNG，16:9 幻灯片"},
	"share":                        {"Share", "分享"},
	"share.link":                   {"Link to this view", "此视图的链接"},
	"copy":                         {"Copy", "复制"},
	"copy.link":                    {"Copy link", "复制链接"},
	"copied":                       {"Copied", "已复制"},
	"embed":                        {"Embed code", "嵌入代码"},
	"embed.allowed":                {"Framing is allowed for: {origins}", "允许嵌入的网站：{origins}"},
	"embed.refused":                {"Framing is refused until the server lists your site in server.embed_origins.", "服务器在 server.embed_origins 中列出你的网站之前，嵌入会被拒绝。"},
	"upload":                       {"Your data", "你的数据"},
	"upload.help":                  {"Preview a file of your own (CSV, XLSX, YAML or GeoJSON) on this map: drop it anywhere on the page or choose it; with its own categories, choose both files (the categories file named like categories.yaml).", "在此地图上预览你自己的数据文件（CSV、XLSX、YAML 或 GeoJSON）：拖到页面任意位置，或选择文件；如有自己的类别文件，请同时选择两个文件（类别文件命名如 categories.yaml）。"},
	"upload.choose":                {"Choose a file", "选择文件"},
	"upload.drop":                  {"Drop the file to preview it on the map", "松开即可在地图上预览"},
	"upload.checking":              {"Checking {file}…", "正在检查 {file}…"},
	"upload.bad":                   {"{file} could not be shown; the map is unchanged.", "无法显示 {file}，地图保持不变。"},
	"upload.close":                 {"Close", "关闭"},
	"upload.leaveout":              {"Show the other {loaded}, leaving out the {n} with problems", "跳过有问题的 {n} 条，显示其余 {loaded} 条"},
	"preview.banner":               {"Previewing {file}", "正在预览 {file}"},
	"preview.back":                 {"back to the data served", "返回服务器上的数据"},
	"preview.notes":                {"Notes on reading the file: {n}", "读取文件的说明：{n} 条"},
	"legend":                       {"Industries", "行业"},
	"legend.hint":                  {"Click an industry to filter, point at it to highlight its {hubs}.", "点击行业即可筛选，指向它可突出显示其{zh}。"},
	"table":                        {"{Hubs} in view", "视图中的{zh}"},
	"table.filter":                 {"Filter the table", "筛选表格"},
	"table.more":                   {"The first {n} of {total} are listed; download the data for all.", "仅列出 {total} 个中的前 {n} 个；下载数据可获得全部。"},
	"table.empty":                  {"No {hub} in view.", "视图中没有{zh}。"},
	"table.listed":                 {"{n} listed", "列出 {n} 个"},
	"table.nomatch":                {"No {hub} in view matches “{q}”.", "视图中没有与“{q}”匹配的{zh}。"},
	"col.rank":                     {"Rank", "排名"},
	"col.name":                     {"City / name", "城市 / 名称"},
	"col.province":                 {"Province", "省份"},
	"col.products":                 {"Products", "产品"},
	"col.categories":               {"Categories", "类别"},
	"sort":                         {"Sort by {col}", "按{col}排序"},
	"hubs.one":                     {"1 {hub}", "1 个{zh}"},
	"hubs.many":                    {"{n} {hubs}", "{n} 个{zh}"},
	"hubs.in":                      {"{count} in {place}", "{place}：{count}"},
	"hubs.inview":                  {"{n} in view", "视图中 {n} 个"},
	"nomatch":                      {"No {hub} matches “{q}”.", "没有与“{q}”匹配的{zh}。"},
	"nomatch.filters":              {"No {hub} matches these filters.", "没有符合这些筛选条件的{zh}。"},
	"suggest":                      {"Did you mean:", "你是不是要找："},
	"ignored":                      {"Part of the link was ignored: {msg}", "链接中的部分参数已被忽略：{msg}"},
	"ignored.value":                {"Part of the link was ignored: {param} “{value}” is not one of this map's.", "链接中的部分参数已被忽略：此地图没有{param}“{value}”。"},
	"degraded":                     {"The data files changed but could not be loaded ({err}); this page shows the data loaded before. Details: /healthz", "数据文件已更改但无法加载（{err}）；此页面显示之前加载的数据。详情：/healthz"},
	"detail.close":                 {"Close details", "关闭详情"},
	"detail.rank":                  {"No. {rank} in the source", "在来源中排名第 {rank}"},
	"detail.unranked":              {"Not ranked in the source", "来源中未排名"},
	"detail.zoom":                  {"Zoom to it", "缩放到此处"},
	"detail.web":                   {"Website", "网站"},
	"detail.specialties":           {"Specialties", "特产"},
	"tip.top":                      {"Top categories", "主要类别"},
	"tip.zoom":                     {"Click to zoom in", "点击放大"},
	"status.loading":               {"Updating…", "更新中…"},
	"status.error":                 {"Could not update the map: {msg}", "无法更新地图：{msg}"},
	"map":                          {"Map", "地图"},
	"map.hint":                     {"Drag to pan; scroll, pinch or double-click to zoom; click a province to zoom to it. Keys: + and − zoom, arrows pan.", "拖动平移；滚轮、双指或双击缩放；点击省份放大。键盘：+ 和 − 缩放，方向键平移。"},
	"province.label":               {"{name}: {count}", "{name}：{count}"},
	"open.full":                    {"Open in hubatlas", "在 hubatlas 中打开"},
	"credit.hubs":                  {"{Hubs}", "{zh}"},
	"credit.boundaries":            {"Boundaries", "边界"},
	"credit.version":               {"data", "数据版本"},
	"close":                        {"Close", "关闭"},
	"lang.en":                      {"EN", "EN"},
	"lang.zh":                      {"中文", "中文"},
	"lang.both":                    {"EN + 中文", "EN + 中文"},
	"editions":                     {"Map edition", "地图版本"},
	"edition.intl":                 {"International", "国际版"},
	"edition.cn":                   {"Mainland China (南海诸岛 inset)", "中国大陆版（含南海诸岛）"},
}

// uiLangs are the interface languages, in uiStrings's order.
var uiLangs = []string{"en", "zh"}

// htmlLang is the lang attribute of each interface language.
var htmlLang = map[string]string{"en": "en", "zh": "zh-Hans"}

// tr returns the string key in the interface language ui ("en" or "zh")
// with its placeholders filled from kv (name, value, name, value…). An
// unknown key is returned as it is, so that a missing string shows.
func tr(ui, key string, kv ...string) string {
	s, ok := uiStrings[key]
	if !ok {
		return key
	}
	out := s[0]
	if ui == "zh" {
		out = s[1]
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out = strings.ReplaceAll(out, "{"+kv[i]+"}", kv[i+1])
	}
	return out
}

// nouns fill the placeholders of what the data calls its hubs: "hub",
// "hubs", "Hubs", 制造业中心 by default; "supplier", "suppliers",
// "Suppliers", 供应商 for a file that says noun: suppliers. The script
// gets them in /api/view's nouns.
type nouns map[string]string

func nounsOf(a *geo.Atlas) nouns {
	n := render.NounsOf(a)
	return nouns{"hub": n.One, "hubs": n.Many, "Hubs": n.Capital, "zh": n.ZH}
}

// pairs are the nouns as tr's placeholder pairs, in a fixed order.
func (n nouns) pairs() []string {
	return []string{"hub", n["hub"], "hubs", n["hubs"], "Hubs", n["Hubs"], "zh", n["zh"]}
}

// say is tr with the data's nouns filled in first, so that a value of
// kv (a search, a file name) is never read as one of their placeholders.
func say(ui string, n nouns, key string, kv ...string) string {
	return tr(ui, key, append(n.pairs(), kv...)...)
}

// hubCount words a number of hubs: "1 hub", "26 hubs", "26 个制造业中心",
// "289 suppliers".
func hubCount(ui string, n nouns, count int) string {
	if count == 1 {
		return say(ui, n, "hubs.one")
	}
	return say(ui, n, "hubs.many", "n", itoa(count))
}

// uiJSON is the table for the script, {"en": {...}, "zh": {...}}, made
// once: its bytes are the same for every page.
var uiJSON = func() string {
	out := map[string]map[string]string{}
	keys := make([]string, 0, len(uiStrings))
	for k := range uiStrings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, l := range uiLangs {
		m := map[string]string{}
		for _, k := range keys {
			m[k] = uiStrings[k][i]
		}
		out[l] = m
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// uiMatcher picks the interface language from Accept-Language.
var uiMatcher = language.NewMatcher([]language.Tag{language.English, language.SimplifiedChinese})

// acceptUI returns "zh" when the request's Accept-Language prefers
// Chinese to English, else "en".
func acceptUI(header string) string {
	if header == "" {
		return "en"
	}
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, i, conf := uiMatcher.Match(tags...)
	if i == 1 && conf != language.No {
		return "zh"
	}
	return "en"
}

// uiFor is the interface language of a label language: Chinese labels
// get a Chinese interface, English labels an English one, and labels in
// both follow the reader's Accept-Language.
func uiFor(lang, accept string) string {
	switch lang {
	case "zh":
		return "zh"
	case "en":
		return "en"
	}
	return acceptUI(accept)
}
