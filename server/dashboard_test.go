package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/server"
)

// TestPageCleanURLs: a form's query (empty fields, its own order, codes in
// lower case) is answered with the page's one URL for the view, which the
// page then serves as it is.
func TestPageCleanURLs(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct{ target, want string }{
		{"/?q=&category=footwear&industry=&province=", "/?category=footwear"},
		{"/?province=cn-fj", "/?province=CN-FJ"},
		{"/?q=++bag++&category=toys&category=footwear", "/?category=footwear&category=toys&q=bag"},
		{"/?category=&industry=", "/"},
		{"/embed?industry=&category=toys", "/embed?category=toys"},
		{"/?lang=en", ""}, // the default, named: it overrides Accept-Language
		{"/?bbox=112.5%2C21.5%2C115%2C23.5&category=toys", ""},
		{"/", ""},
	} {
		res, _ := get(t, h, c.target)
		if c.want == "" {
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %d, want 200", c.target, res.StatusCode)
			}
			continue
		}
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != c.want {
			t.Errorf("%s: %d to %q, want 303 to %s", c.target, res.StatusCode, res.Header.Get("Location"), c.want)
			continue
		}
		if res, _ := get(t, h, c.want); res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", c.want, res.StatusCode)
		}
	}
	_, body := get(t, h, "/")
	if !bytes.Contains(body, []byte(`<noscript><button type="submit"`)) {
		t.Error("without the script the form has no submit button")
	}
}

// TestPageStaleLinks: the page shows the dashboard without what was wrong
// and says what it ignored, with the nearest categories; the API keeps
// its 400s.
func TestPageStaleLinks(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		target string
		want   []string
	}{
		{"/?category=shoes&category=toys", []string{`the category “shoes” is not one of this map&#39;s`, `value="toys" checked`, `href="/?category=footwear&amp;category=toys"`, "Footwear</a>", `data-query="category=toys"`}},
		// In the page's language, without the ids: the notice had been
		// in English and listed all 27 ids.
		{"/?lang=zh&category=nope", []string{`链接中的部分参数已被忽略：此地图没有类别“nope”。`}},
		{"/?nope=1&q=bag", []string{`unknown parameter &#34;nope&#34;`, `data-query="q=bag"`, "1 hub"}},
		{"/?preview=0123456789abcdef0123456789abcdef", []string{`preview &#34;0123456789abcdef0123456789abcdef&#34; is unknown or has expired`, "26 hubs"}},
		{"/?width=5&lang=xx&province=Atlantis", []string{"width", "lang", "province", `data-query=""`}},
	} {
		res, body := get(t, h, c.target)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", c.target, res.StatusCode)
		}
		if !bytes.Contains(body, []byte(`class="notice"`)) {
			t.Errorf("%s: no notice", c.target)
		}
		for _, w := range c.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("%s: page lacks %s", c.target, w)
			}
		}
		if bytes.Contains(body, []byte("bags-luggage, footwear")) {
			t.Errorf("%s: the notice lists the ids", c.target)
		}
	}
	// The value refused is shown as text, without the characters that
	// reorder or hide it (a right-to-left override).
	if _, body := get(t, h, "/?category=%E2%80%AEnope"); bytes.Contains(body, []byte("\u202e")) || !bytes.Contains(body, []byte("“[U&#43;202E]nope”")) {
		t.Errorf("the notice of a value with an override: %s", body[bytes.Index(body, []byte(`class="notice"`)):][:200])
	}
	if res, _ := get(t, h, "/map.svg?category=shoes"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("map with a bad category: %d", res.StatusCode)
	}
	if res, _ := get(t, h, "/api/view?category=shoes"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("view with a bad category: %d", res.StatusCode)
	}
}

// TestPageLanguages: the interface follows the label language, and
// Accept-Language on a first visit whose URL names none.
func TestPageLanguages(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		target, accept string
		want           []string
	}{
		{"/", "", []string{`<html lang="en">`, "Search products", "Manufacturing hubs in China"}},
		{"/", "zh-CN,zh;q=0.9,en;q=0.8", []string{`<html lang="zh-Hans">`, "搜索产品", "中国制造业中心", `data-query="lang=zh"`}},
		{"/", "en-GB,en;q=0.9,zh;q=0.5", []string{`<html lang="en">`, "Search products"}},
		{"/?lang=en", "zh-CN", []string{`<html lang="en">`, "Search products"}},
		{"/?lang=zh", "", []string{`<html lang="zh-Hans">`, "下载数据", `lang="en" hreflang="en"`}},
		{"/?lang=both", "zh-TW", []string{`<html lang="zh-Hans">`, "搜索产品"}},
		{"/?lang=both", "fr", []string{`<html lang="en">`}},
		{"/embed?lang=zh", "", []string{`<html lang="zh-Hans">`, "在 hubatlas 中打开"}},
	} {
		res, body := get(t, h, c.target, "Accept-Language", c.accept)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", c.target, res.StatusCode)
		}
		for _, w := range c.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("%s with Accept-Language %q: page lacks %s", c.target, c.accept, w)
			}
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
			t.Errorf("%s: Vary %q", c.target, res.Header.Get("Vary"))
		}
	}
	// Different languages, different validators.
	en, _ := get(t, h, "/")
	zh, _ := get(t, h, "/", "Accept-Language", "zh")
	if en.Header.Get("ETag") == zh.Header.Get("ETag") {
		t.Error("the English and Chinese pages share an ETag")
	}
}

// TestUIStrings: every key the template and the script use is in the
// table, in both languages.
func TestUIStrings(t *testing.T) {
	web, _ := fs.Sub(assets.FS, assets.Web)
	tpl, _ := fs.ReadFile(web, "index.html")
	js, _ := fs.ReadFile(web, "app.js")
	keys := map[string]bool{}
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`data-t(?:-aria|-title|-placeholder|-file)?="([a-z.]+)"`),
		regexp.MustCompile(`\.T "([a-z.]+)"`),
		regexp.MustCompile(`\bT\('([a-z.]+)'`),
		regexp.MustCompile(`T\([a-z]+ \? '([a-z.]+)' : '([a-z.]+)'\)`),
	} {
		for _, src := range [][]byte{tpl, js} {
			for _, m := range re.FindAllSubmatch(src, -1) {
				for _, k := range m[1:] {
					keys[string(k)] = true
				}
			}
		}
	}
	if len(keys) < 60 {
		t.Fatalf("found only %d keys", len(keys))
	}
	h := newServer(t, server.Options{}).Handler()
	_, body := get(t, h, "/")
	m := regexp.MustCompile(`data-i18n="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatal("no data-i18n")
	}
	var table map[string]map[string]string
	if err := json.Unmarshal([]byte(strings.NewReplacer("&#34;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#43;", "+").Replace(string(m[1]))), &table); err != nil {
		t.Fatal(err)
	}
	for k := range keys {
		for _, l := range []string{"en", "zh"} {
			if table[l][k] == "" {
				t.Errorf("string %q has no %s text", k, l)
			}
		}
	}
}

// TestViewAPI: /api/view describes the map /map.svg draws for the same
// query: a hub projected with its transform lands on its marker.
func TestViewAPI(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, q := range []string{"width=1000&height=800", "bbox=112%2C21%2C118%2C26&width=700&height=600", "focus=CN-FJ&width=500&height=900", "category=toys&page=a4"} {
		res, body := get(t, h, "/api/view?"+q)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", q, res.StatusCode, body)
		}
		var v struct {
			Width, Height, Scale, X0, Y0, Pad float64
			Frame                             [4]float64
			Proj                              [3]float64
			Total                             int
			Provinces                         []struct {
				Code       string
				Count, All int
				Top        []string
			}
			Categories []struct{ ID string }
			Industries []struct {
				ID    string
				Count int
			}
		}
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		if v.Frame[0] < 0 || v.Frame[2] > v.Width || v.Frame[1] < 0 || v.Frame[3] > v.Height || v.Scale <= 0 || v.Pad <= 0 {
			t.Errorf("%s: frame %v in %v×%v, scale %v", q, v.Frame, v.Width, v.Height, v.Scale)
		}
		if v.Proj != [3]float64{25, 47, 105} || len(v.Provinces) != 34 || len(v.Categories) != 27 || len(v.Industries) != 9 {
			t.Errorf("%s: proj %v, %d provinces, %d categories, %d industries", q, v.Proj, len(v.Provinces), len(v.Categories), len(v.Industries))
		}
		_, svg := get(t, h, "/map.svg?"+q)
		a := atlas(t)
		for _, id := range []string{"xiamen", "dongguan"} {
			hub, _ := a.HubByID(id)
			p := geo.China.Forward(hub.Point)
			x, y := v.X0+p[0]*v.Scale, v.Y0-p[1]*v.Scale
			cx, cy, ok := markerAt(svg, id)
			if !ok {
				continue // not on this map
			}
			if d := math.Hypot(x-cx, y-cy); d > 12 { // markers are moved apart a little
				t.Errorf("%s: %s projects to (%.1f, %.1f), its marker is at (%.1f, %.1f)", q, id, x, y, cx, cy)
			}
		}
	}
	_, body := get(t, h, "/api/view?category=bags-luggage")
	if !bytes.Contains(body, []byte(`"code":"CN-FJ","name":"Fujian","name_zh":"福建","count":1,"all":1,"top":["bags-luggage"]`)) {
		t.Errorf("Fujian's line: %.300s", body)
	}
	_, body = get(t, h, "/api/view?q=shoooes")
	if !bytes.Contains(body, []byte(`"total":0`)) || !bytes.Contains(body, []byte(`"suggest":[{"id":"footwear"`)) {
		t.Errorf("no suggestion for shoooes: %.200s", body)
	}
	res, _ := get(t, h, "/api/view?width=1000&height=800")
	if res2, _ := get(t, h, "/api/view?width=1000&height=800", "If-None-Match", res.Header.Get("ETag")); res2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional view: %d", res2.StatusCode)
	}
}

var circleRE = regexp.MustCompile(`<circle cx="([\d.]+)" cy="([\d.]+)"`)

// markerAt returns the centre of the hub's marker in an SVG map.
func markerAt(svg []byte, id string) (float64, float64, bool) {
	i := bytes.Index(svg, []byte(`data-hub="`+id+`"`))
	if i < 0 {
		return 0, 0, false
	}
	m := circleRE.FindSubmatch(svg[i:])
	if m == nil {
		return 0, 0, false
	}
	var x, y float64
	json.Unmarshal(m[1], &x)
	json.Unmarshal(m[2], &y)
	return x, y, true
}

// TestEmbedFraming: only /embed may be framed, only by the configured
// origins; every other route refuses framing.
func TestEmbedFraming(t *testing.T) {
	h := newServer(t, server.Options{EmbedOrigins: []string{"https://news.example.com", "http://127.0.0.1:8081"}}).Handler()
	res, body := get(t, h, "/embed?category=toys")
	csp := res.Header.Get("Content-Security-Policy")
	if res.StatusCode != http.StatusOK || !strings.Contains(csp, "frame-ancestors https://news.example.com http://127.0.0.1:8081") ||
		strings.Contains(csp, "frame-ancestors 'none'") || res.Header.Get("X-Frame-Options") != "" || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("embed: %d CSP %q XFO %q", res.StatusCode, csp, res.Header.Get("X-Frame-Options"))
	}
	for _, w := range []string{`data-mode="embed"`, `data-hub="dongguan"`, `id="legend"`, `href="/?category=toys"`} {
		if !bytes.Contains(body, []byte(w)) {
			t.Errorf("embed lacks %s", w)
		}
	}
	if bytes.Contains(body, []byte(`id="filters"`)) {
		t.Error("the embed view has the filters")
	}
	for _, path := range []string{"/", "/map.svg", "/api/view", "/healthz"} {
		res, _ := get(t, h, path)
		if res.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") &&
			!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("%s may be framed: XFO %q CSP %q", path, res.Header.Get("X-Frame-Options"), res.Header.Get("Content-Security-Policy"))
		}
	}
	// No origins configured: the embed view is served, framing refused.
	h = newServer(t, server.Options{}).Handler()
	res, body = get(t, h, "/embed")
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") || res.Header.Get("X-Frame-Options") != "DENY" {
		t.Errorf("embed without origins: CSP %q XFO %q", res.Header.Get("Content-Security-Policy"), res.Header.Get("X-Frame-Options"))
	}
	if _, page := get(t, h, "/"); !bytes.Contains(page, []byte("server.embed_origins")) {
		t.Error("the share menu does not say that framing is refused")
	}
	for _, c := range []struct {
		origin string
		ok     bool
	}{
		{"https://example.com", true}, {"http://127.0.0.1:8080", true}, {"https://*.example.com", true},
		{"https://example.com/", false}, {"example.com", false}, {"https://example.com; script-src *", false},
		{"*", false}, {"https://EXAMPLE.com", false}, {"https://example.com:99999", false}, {"javascript:alert(1)", false}, {"", false},
	} {
		if err := server.CheckEmbedOrigin(c.origin); (err == nil) != c.ok {
			t.Errorf("CheckEmbedOrigin(%q) = %v", c.origin, err)
		}
	}
	web, _ := fs.Sub(assets.FS, assets.Web)
	if _, err := server.New(atlas(t), web, server.Options{EmbedOrigins: []string{"https://a.example 'unsafe-inline'"}}); err == nil || !strings.Contains(err.Error(), "server.embed_origins") {
		t.Errorf("New with a bad origin: %v", err)
	}
}

// TestPageWeight: the page's own script and style stay under 60 KB gzip.
func TestPageWeight(t *testing.T) {
	web, _ := fs.Sub(assets.FS, assets.Web)
	total, raw := 0, 0
	for _, name := range []string{"app.js", "app.css"} {
		b, err := fs.ReadFile(web, name)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		total += buf.Len()
		raw += len(b)
	}
	t.Logf("app.js + app.css: %d bytes, %d gzip", raw, total)
	if total > 60<<10 {
		t.Errorf("script and style are %d bytes gzip; the budget is 60 KB", total)
	}
}

// BenchmarkPage is the dashboard's handler with its map cached.
func BenchmarkPage(b *testing.B) {
	h := newServer(b, server.Options{}).Handler()
	get(b, h, "/?category=toys")
	b.ReportAllocs()
	for b.Loop() {
		get(b, h, "/?category=toys")
	}
}

// BenchmarkView is /api/view of a new window each time: a scene built and
// counted.
func BenchmarkView(b *testing.B) {
	h := newServer(b, server.Options{}).Handler()
	i := 0
	for b.Loop() {
		i++
		get(b, h, fmt.Sprintf("/api/view?width=960&height=720&bbox=110%%2C20%%2C%.2f%%2C30", 115+float64(i%1000)/100))
	}
}

// TestPageEditions: the export menu switches the map's edition; the
// current one is marked, the server's default first, and the map drawn in
// the page follows the query.
func TestPageEditions(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	_, body := get(t, h, "/?category=toys")
	page := string(body)
	for _, want := range []string{`data-edition="intl" data-t="edition.intl" aria-current="true"`, `href="/?category=toys&amp;edition=cn"`, `data-edition="intl"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, ">South China Sea Islands</text>") {
		t.Error("the international edition's page shows the inset")
	}
	_, body = get(t, h, "/?category=toys&edition=cn")
	page = string(body)
	if !strings.Contains(page, `data-edition="cn" data-t="edition.cn" aria-current="true"`) || !strings.Contains(page, ">South China Sea Islands</text>") {
		t.Error("?edition=cn: the cn link is not current or the map has no inset")
	}
	cn := newServer(t, server.Options{Edition: "cn"}).Handler()
	_, body = get(t, cn, "/")
	if !strings.Contains(string(body), `data-edition="cn" data-t="edition.cn" aria-current="true"`) {
		t.Error("a cn server's page does not mark its default edition")
	}
}

// TestProvincesByName: the province list is in the order of the names it
// shows, all of China first: alphabetical in English, by pinyin in
// Chinese. By code, Tibet (XZ) had come between Xinjiang and Yunnan and
// Hebei (HE) after Hubei.
func TestProvincesByName(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		target string
		want   []string // in this order, not next to each other
	}{
		{"/?lang=en", []string{"Anhui", "Beijing", "Hainan", "Hebei", "Heilongjiang", "Henan", "Hong Kong", "Hubei", "Tianjin", "Tibet", "Xinjiang", "Yunnan", "Zhejiang"}},
		// 重庆 as chóng (x/text alone reads zhòng: it had come last).
		{"/?lang=zh", []string{"安徽", "北京", "重庆", "福建", "河北", "黑龙江", "湖北", "西藏", "新疆", "云南", "浙江"}},
	} {
		_, body := get(t, h, c.target)
		sel := body[bytes.Index(body, []byte(`name="province"`)):]
		sel = sel[:bytes.Index(sel, []byte(`</select>`))]
		var names []string
		for _, m := range regexp.MustCompile(`<option value="([A-Z-]*)"[^>]*>([^<(]*)`).FindAllSubmatch(sel, -1) {
			names = append(names, strings.TrimSpace(string(m[2])))
		}
		if len(names) < 35 || !strings.HasPrefix(string(sel[bytes.Index(sel, []byte("<option")):]), `<option value=""`) {
			t.Fatalf("%s: %d options, all of China first? %q", c.target, len(names), names)
		}
		at := -1
		for _, w := range c.want {
			i := slices.Index(names, w)
			if i <= at {
				t.Errorf("%s: %s at %d, after %s (%q)", c.target, w, i, names[max(at, 0)], names)
			}
			at = i
		}
	}
}

// TestIndustryCountsSayWhatChoosingGives: the count beside each industry
// is the number of hubs the view shows once it is chosen, with the
// chosen categories of other industries let go as the page and the
// legend's links let them go. Beside footwear, every industry but
// Consumer goods had said 0, where choosing Electronics & tech shows 4.
func TestIndustryCountsSayWhatChoosingGives(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	a := atlas(t)
	type view struct {
		Total      int
		Industries []struct {
			ID    string
			Count int
		}
	}
	read := func(q string) view {
		t.Helper()
		res, body := get(t, h, "/api/view?"+q)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", q, res.StatusCode, body)
		}
		var v view
		if err := json.Unmarshal(body, &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	nonzero := 0
	for _, cats := range [][]string{{"footwear"}, {"footwear", "electronics"}, {}, {"toys"}} {
		for _, extra := range []string{"", "&province=CN-GD", "&q=shoes"} {
			q := ""
			for _, c := range cats {
				q += "&category=" + c
			}
			q = strings.TrimPrefix(q+extra, "&")
			for _, ind := range read(q).Industries {
				// The query once the industry is chosen: its categories kept.
				chosen := "industry=" + ind.ID + extra
				for _, c := range cats {
					if cat, ok := a.Catalog.Category(c); ok && cat.Industry == ind.ID {
						chosen += "&category=" + c
					}
				}
				if got := read(chosen).Total; got != ind.Count {
					t.Errorf("%q: %s says %d, choosing it (%s) shows %d", q, ind.ID, ind.Count, chosen, got)
				}
				if ind.Count > 0 {
					nonzero++
				}
			}
		}
	}
	if nonzero < 10 {
		t.Errorf("%d industry counts above 0: the test tests little", nonzero)
	}
}
