package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
	"github.com/hubatlas/hubatlas/render"
	"github.com/hubatlas/hubatlas/server"
)

func atlas(t testing.TB) *geo.Atlas { return atlastest.Embedded(t) }

func newServer(t testing.TB, opt server.Options) *server.Server {
	t.Helper()
	web, err := fs.Sub(assets.FS, assets.Web)
	if err != nil {
		t.Fatal(err)
	}
	if opt.CacheEntries == 0 {
		opt.CacheEntries = 64
	}
	if opt.MaxAge == 0 {
		opt.MaxAge = 300
	}
	s, err := server.New(atlas(t), web, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get performs a request against the handler and returns the response
// with its body read (and gunzipped when the server compressed it).
func get(t testing.TB, h http.Handler, target string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: bad gzip: %v", target, err)
		}
		body, _ = io.ReadAll(zr)
	}
	return res, body
}

func TestRoutes(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		target, typ string
		want        []string
	}{
		{"/", "text/html; charset=utf-8", []string{`<svg`, `data-hub="quanzhou"`, `name="category" value="footwear"`, `href="/export.svg"`, `<script src="/static/app.js" defer>`}},
		{"/?category=footwear&province=CN-FJ", "text/html; charset=utf-8", []string{`data-hub="jinjiang"`, `value="footwear" checked`, `<option value="CN-FJ" selected `, "1 hub in Fujian", `href="/?category=footwear"`}},
		{"/map.svg?category=footwear", "image/svg+xml", []string{`data-hub="jinjiang"`, `data-hub="wenzhou"`, `role="img"`}},
		{"/export.svg?category=footwear", "image/svg+xml", []string{`data-hub="jinjiang"`}},
		{"/api/hubs?category=footwear", "application/geo+json; charset=utf-8", []string{`"FeatureCollection"`, `"jinjiang"`, `"wenzhou"`, `"province_name":"Fujian"`, `"province_name_zh":"福建"`}},
		{"/api/categories", "application/json; charset=utf-8", []string{`"id":"footwear"`, `"count":2`}},
		{"/api/provinces?category=toys", "application/json; charset=utf-8", []string{`"code":"CN-GD"`, `"count":2`}},
		{"/healthz", "application/json; charset=utf-8", []string{`"status":"ok"`, `"divisions":34`, `"hubs":26`}},
		{"/static/app.js", "text/javascript; charset=utf-8", []string{"DOMParser"}},
		{"/static/app.css", "text/css; charset=utf-8", []string{".chip"}},
	} {
		t.Run(c.target, func(t *testing.T) {
			res, body := get(t, h, c.target)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if got := res.Header.Get("Content-Type"); got != c.typ {
				t.Errorf("Content-Type %q, want %q", got, c.typ)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff")
			}
			for _, w := range c.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("body lacks %s", w)
				}
			}
		})
	}
}

func TestHubsAPIFilters(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"category=footwear", []string{"jinjiang", "wenzhou"}},
		{"q=backpack", []string{"quanzhou"}},
		{"q=%E9%9E%8B", []string{"jinjiang", "wenzhou"}}, // 鞋
		{"industry=transport&province=CN-CQ", []string{"chongqing"}},
		{"category=toys&category=footwear", []string{"jinjiang", "dongguan", "wenzhou", "shantou"}},
	} {
		_, body := get(t, h, "/api/hubs?"+c.query)
		var fc struct {
			Features []struct{ Properties struct{ ID string } }
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fc.Features {
			got = append(got, f.Properties.ID)
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s: %v, want %v", c.query, got, c.want)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	res, _ := get(t, h, "/")
	csp := res.Header.Get("Content-Security-Policy")
	for _, w := range []string{"script-src 'self'", "style-src 'self'", "default-src 'none'"} {
		if !strings.Contains(csp, w) {
			t.Errorf("page CSP %q lacks %s", csp, w)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("page CSP allows inline: %q", csp)
	}
	for _, path := range []string{"/map.svg", "/export.svg"} {
		res, _ := get(t, h, path)
		if got := res.Header.Get("Content-Security-Policy"); got != "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox" {
			t.Errorf("%s CSP %q", path, got)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s without nosniff", path)
		}
	}
}

func TestPageHasNoInlineScriptOrStyle(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	_, body := get(t, h, "/?lang=both")
	page := string(body)
	for _, bad := range []string{"<style", " style=", "onclick=", "onload=", "javascript:"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if n := strings.Count(page, "<script"); n != 1 || !strings.Contains(page, `<script src="/static/app.js" defer></script>`) {
		t.Errorf("%d script tags; want only the app.js file", n)
	}
}

func TestConditionalAndCompressed(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, path := range []string{"/map.svg?category=footwear", "/api/hubs?category=footwear", "/", "/api/categories", "/static/app.js"} {
		t.Run(path, func(t *testing.T) {
			res, plain := get(t, h, path)
			tag := res.Header.Get("ETag")
			if !strings.HasPrefix(tag, `"`) || res.Header.Get("Cache-Control") == "" {
				t.Fatalf("ETag %q, Cache-Control %q", tag, res.Header.Get("Cache-Control"))
			}
			res, _ = get(t, h, path, "If-None-Match", tag)
			if res.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match: status %d, want 304", res.StatusCode)
			}
			res, unzipped := get(t, h, path, "Accept-Encoding", "gzip")
			if res.Header.Get("Content-Encoding") != "gzip" {
				t.Errorf("Accept-Encoding gzip: Content-Encoding %q", res.Header.Get("Content-Encoding"))
			}
			if !bytes.Equal(plain, unzipped) {
				t.Error("gzip body differs from the plain one")
			}
			gzTag := res.Header.Get("ETag")
			if gzTag == tag {
				t.Error("same strong ETag for gzip and identity")
			}
			if res, _ := get(t, h, path, "Accept-Encoding", "gzip", "If-None-Match", gzTag); res.StatusCode != http.StatusNotModified {
				t.Errorf("gzip If-None-Match: status %d", res.StatusCode)
			}
		})
	}
	// Parameter order, repeated spaces and code case do not change the ETag.
	a, _ := get(t, h, "/map.svg?category=toys&category=footwear&q=bag++shoe&province=cn-fj")
	b, _ := get(t, h, "/map.svg?province=CN-FJ&q=bag%20shoe&category=footwear&category=toys")
	if a.Header.Get("ETag") != b.Header.Get("ETag") {
		t.Errorf("normalised queries got ETags %s and %s", a.Header.Get("ETag"), b.Header.Get("ETag"))
	}
}

func TestExportFilename(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct{ query, want string }{
		{"category=footwear&province=CN-FJ", "hubatlas-footwear-fujian.svg"},
		{"", "hubatlas-china.svg"},
		{"industry=transport&lang=zh", "hubatlas-transport-china-zh.svg"},
		{"title=" + url.QueryEscape("中国鞋业地图"), "中国鞋业地图.svg"},
		{"title=" + url.QueryEscape("鞋业（福建）、玩具《广东》"), "鞋业(福建)、玩具《广东》.svg"},
		{"edition=cn&lang=both&page=a4", "hubatlas-china-both-cn-a4.svg"},
		{"page=180x120mm", "hubatlas-china-180x120mm.svg"},
		// Path and shell characters and names Windows reserves go.
		{"title=" + url.QueryEscape("../../etc/passwd"), "etc-passwd.svg"},
		{"title=" + url.QueryEscape(" CON "), "hubatlas-china.svg"},
		{"title=" + url.QueryEscape("..."), "hubatlas-china.svg"},
		{"title=" + url.QueryEscape("Q3 report: 50% growth"), "Q3 report- 50- growth.svg"},
		// A window is named after the place its title names, else
		// "window"; a search in Chinese keeps its words. Every window
		// had been hubatlas-china, a search for 鞋 too.
		{"bbox=113.2,22.3,114.5,23.3&lang=zh", "hubatlas-guangdong-zh.svg"},
		{"bbox=118,28,123,33", "hubatlas-zhejiang-and-jiangsu.svg"},
		{"bbox=80,30,90,40", "hubatlas-window.svg"},
		{"q=" + url.QueryEscape("鞋") + "&lang=both&edition=cn", "hubatlas-china-鞋-both-cn.svg"},
		// At most 100 bytes before the suffixes, cut between characters.
		{"q=" + url.QueryEscape(strings.Repeat("鞋", 60)) + "&lang=zh", "hubatlas-china-" + strings.Repeat("鞋", 28) + "-zh.svg"},
	} {
		res, _ := get(t, h, "/export.svg?"+c.query)
		disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || params["filename"] != c.want {
			t.Errorf("%s: Content-Disposition %q, want attachment; filename %s", c.query, res.Header.Get("Content-Disposition"), c.want)
		}
	}
	// A title encoded twice or more (%252e is %2e once decoded by the
	// query, and . by a client that decodes the name again), or written
	// in full-width look-alikes, never names a file a client can turn
	// into a path: the name is made from what full decoding leaves.
	for _, c := range []struct{ title, want string }{
		{"%252e%252e%252fetc%252fpasswd", "etc-passwd"},
		{"%25252e%25252e%25252f%25252e%25252e%25252fboot.ini", "boot.ini"},
		{"%252e%252e%255cwindows%255csystem32", "windows-system32"},
		{"%2525252e%2525252e%2525252fx", "x"},
		{"%EF%BC%8E%EF%BC%8E%EF%BC%8Fetc%EF%BC%8Fpasswd", "etc-passwd"}, // ．．／etc／passwd
		{"map%2525E2%252580%2525AEgvs.exe", "mapgvs.exe"},               // a bidi override, encoded twice
		{"%252e%252e%252f", ""},                                         // nothing left: named as without a title
		{"a%2500b%250Ac", "abc"},
	} {
		for _, route := range []string{"/download.csv", "/download.xlsx", "/download.geojson", "/export.svg", "/export.png", "/export.pdf"} {
			ext := route[strings.LastIndex(route, "."):]
			untitled := route + "?"
			if ext == ".png" {
				untitled += "page=a5&dpi=72&"
			}
			want := c.want + ext
			if c.want == "" {
				res, _ := get(t, h, untitled)
				_, params, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
				want = params["filename"]
			}
			target := untitled + "title=" + c.title
			res, _ := get(t, h, target)
			_, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
			name := params["filename"]
			if res.StatusCode != http.StatusOK || err != nil || name != want {
				t.Errorf("%s: %d, Content-Disposition %q, want filename %s", target, res.StatusCode, res.Header.Get("Content-Disposition"), want)
				continue
			}
			for decoded := name; ; {
				if strings.Contains(decoded, "..") || strings.ContainsAny(decoded, "/\\%") {
					t.Errorf("%s: filename %q decodes to %q", target, name, decoded)
				}
				next, err := url.PathUnescape(decoded)
				if err != nil || next == decoded {
					break
				}
				decoded = next
			}
		}
	}
}

// TestTitleWithBidiOverride: a right-to-left override would show
// "report\u202egvs.exe" as "reportexe.svg" in a save dialog; such a title
// is refused before any file name is made of it.
func TestTitleWithBidiOverride(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	res, body := get(t, h, "/export.svg?title="+url.QueryEscape("report\u202egvs.exe"))
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"param":"title"`) || res.Header.Get("Content-Disposition") != "" {
		t.Errorf("status %d, %s, Content-Disposition %q", res.StatusCode, body, res.Header.Get("Content-Disposition"))
	}
}

func TestBadRequests(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	long := strings.Repeat("x", 3000)
	for _, c := range []struct {
		target string
		param  string
		want   string
	}{
		{"/map.svg?category=shoes", "category", "valid values are bags-luggage, footwear"},
		{"/api/hubs?industry=mining", "industry", "valid values are consumer-goods"},
		{"/api/hubs?industry=transport&industry=machinery", "industry", "given 2 times"},
		{"/map.svg?province=CN-ZX", "province", "valid values are CN-AH"},
		{"/map.svg?lang=fr", "lang", "valid values are en, zh, both"},
		{"/map.svg?width=abc", "width", "whole number of px from 320 to 4000"},
		{"/map.svg?width=99999", "width", "320 to 4000"},
		{"/export.svg?height=-1", "height", "320 to 4000"},
		{"/api/categories?colour=red", "colour", "unknown parameter \"colour\": valid parameters are category, industry, province, q, focus, bbox"},
		{"/api/provinces?q=" + strings.Repeat("a", 101), "q", "at most 100 characters"},
		{"/map.svg?title=" + strings.Repeat("t", 250), "title", "at most 200 bytes"},
		{"/map.svg?q=" + long, "", "at most 2048"},
		{"/map.svg?q=%ZZ", "", "not valid URL encoding"},
		{"/map.svg?q=%FF", "q", "without control characters"},
		// What was refused is shown, and a bidirectional override with it
		// (it had reached an exported map's <title> through q).
		{"/export.svg?q=%E2%80%AEgnp.exe", "q", `q "[U+202E]gnp.exe" is not valid`},
		{"/map.svg?title=%E2%80%AEevil", "title", `title "[U+202E]evil" is not valid`},
		// A page's message says custom sizes are valid too.
		{"/map.svg?page=2000x1000mm", "page", "or a size such as 180x120mm (50 to 1200 mm)"},
		{"/map.svg?bbox=113,23,113.04,23.06", "bbox", "at least 0.05° wide and tall"},
		{"/api/hubs?sort=size", "sort", "valid values are rank, -rank, name, -name, province, -province, products, -products, categories, -categories"},
		// A download in no such format: 404, saying which are.
		{"/download.pdf", "format", `no download as "pdf": the hubs download as csv, geojson, xlsx`},
	} {
		res, body := get(t, h, c.target)
		if want := http.StatusBadRequest; res.StatusCode != want && !(c.param == "format" && res.StatusCode == http.StatusNotFound) {
			t.Errorf("%.60s: status %d, want 400", c.target, res.StatusCode)
			continue
		}
		var e struct {
			Error string
			Param string
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Errorf("%.60s: not JSON: %s", c.target, body)
			continue
		}
		if e.Param != c.param || !strings.Contains(e.Error, c.want) {
			t.Errorf("%.60s: param %q, error %q; want %q and %q", c.target, e.Param, e.Error, c.param, c.want)
		}
	}
	// The page shows the dashboard without what was wrong, and says so.
	res, body := get(t, h, "/?category=shoes")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(body), "the category “shoes” is not one of this map&#39;s") {
		t.Errorf("page with a bad category: %d %s %.200s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if res, _ := get(t, h, "/nope"); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown route: %d", res.StatusCode)
	}
	req := httptest.NewRequest(http.MethodPost, "/map.svg", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
	req = httptest.NewRequest(http.MethodHead, "/map.svg?category=toys", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", rec.Code, rec.Body.Len())
	}
}

// FuzzQuery sends arbitrary query strings to every route: the answer is
// 200, 304 or 400, never a 500 or a panic.
func FuzzQuery(f *testing.F) {
	for _, s := range []string{"", "category=footwear", "category=shoes&width=12", "q=%E9%9E%8B&lang=zh", "province=cn-fj&title=%3Cscript%3E", "%", "a=1&a=2", "width=1e9", "category=&industry="} {
		f.Add(s)
	}
	h := newServer(f, server.Options{}).Handler()
	routes := []string{"/", "/map.svg", "/export.svg", "/api/hubs", "/api/categories", "/api/provinces"}
	f.Fuzz(func(t *testing.T, raw string) {
		for _, r := range routes {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawQuery = r, raw
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code == http.StatusSeeOther && r == "/" {
				// The page answers a form's query with its clean URL,
				// which it then serves as it is.
				loc := rec.Header().Get("Location")
				rec = httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, loc, nil))
				if rec.Code != http.StatusOK {
					t.Fatalf("%s?%q: redirected to %s, which answers %d", r, raw, loc, rec.Code)
				}
			}
			if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
				t.Fatalf("%s?%q: status %d: %s", r, raw, rec.Code, rec.Body.String())
			}
		}
	})
}

func TestCacheIsBounded(t *testing.T) {
	s := newServer(t, server.Options{CacheEntries: 3})
	h := s.Handler()
	// A map enters the cache when it is drawn a second time.
	for _, w := range []string{"400", "500", "600", "700", "800"} {
		get(t, h, "/map.svg?width="+w)
		get(t, h, "/map.svg?width="+w)
	}
	_, body := get(t, h, "/healthz")
	if !strings.Contains(string(body), `"cached_maps":3`) || !strings.Contains(string(body), `"drawn_maps":10`) {
		t.Errorf("healthz %s: want 10 maps drawn, 3 cached", body)
	}
}

// TestCacheTakesMapsAskedForAgain: maps asked for once each, as a zoom
// or a resized page asks, do not push out a map asked for again and again;
// a map asked for twice is drawn twice, then served from the cache.
func TestCacheTakesMapsAskedForAgain(t *testing.T) {
	s := newServer(t, server.Options{CacheEntries: 3})
	h := s.Handler()
	health := func() string { _, b := get(t, h, "/healthz"); return string(b) }
	get(t, h, "/map.svg?category=footwear")
	get(t, h, "/map.svg?category=footwear")
	for w := 400; w < 420; w++ {
		get(t, h, fmt.Sprintf("/map.svg?width=%d", w))
	}
	if b := health(); !strings.Contains(b, `"cached_maps":1,`) || !strings.Contains(b, `"drawn_maps":22`) {
		t.Fatalf("after one map twice and 20 once: healthz %s, want 22 drawn, 1 cached", b)
	}
	get(t, h, "/map.svg?category=footwear")
	if b := health(); !strings.Contains(b, `"drawn_maps":22`) {
		t.Errorf("the map asked for a third time was drawn again: healthz %s", b)
	}
	// A PNG takes long to draw: it is kept the first time.
	for range 2 {
		if res, body := get(t, h, "/export.png?width=400&height=320"); res.StatusCode != http.StatusOK {
			t.Fatalf("export.png: %d %s", res.StatusCode, body)
		}
	}
	if b := health(); !strings.Contains(b, `"drawn_maps":23`) {
		t.Errorf("a PNG asked for twice was drawn twice: healthz %s", b)
	}
}

func TestSwapChangesVersion(t *testing.T) {
	s := newServer(t, server.Options{})
	h := s.Handler()
	res, _ := get(t, h, "/map.svg")
	before := res.Header.Get("ETag")
	b, _ := fs.ReadFile(assets.FS, assets.Boundaries)
	y, _ := fs.ReadFile(assets.FS, assets.Hubs)
	y = bytes.Replace(y, []byte("Backpacks made"), []byte("Backpacks, made"), 1)
	next, err := geo.LoadBytes("b.geojson", b, "h.yaml", y)
	if err != nil {
		t.Fatal(err)
	}
	s.Swap(next)
	res, _ = get(t, h, "/map.svg")
	if res.Header.Get("ETag") == before {
		t.Error("new data, same ETag")
	}
}

// TestDataIsEscapedInThePage loads hubs whose names are markup and checks
// that the page and the API carry them as text only.
func TestDataIsEscapedInThePage(t *testing.T) {
	b, _ := fs.ReadFile(assets.FS, assets.Boundaries)
	y, _ := fs.ReadFile(assets.FS, assets.Hubs)
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	injected := bytes.Replace(y, []byte("name: Quanzhou\n"), []byte(`name: "`+strings.ReplaceAll(evil, `"`, `\"`)+`"`+"\n"), 1)
	if bytes.Equal(injected, y) {
		t.Fatal("the hostile name was not injected: hubs.yaml has no line \"name: Quanzhou\"")
	}
	a, err := geo.LoadBytes("b.geojson", b, "h.yaml", injected)
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := a.HubByID("quanzhou"); !ok || h.Name != evil {
		t.Fatalf("the atlas does not carry the hostile name: %+v", h)
	}
	s := newServer(t, server.Options{})
	s.Swap(a)
	h := s.Handler()
	for _, c := range []struct{ path, escaped string }{
		{"/?province=CN-FJ", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/map.svg?province=CN-FJ", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"/api/hubs?province=CN-FJ", `\u003cscript\u003ealert(1)\u003c/script\u003e`},
	} {
		_, body := get(t, h, c.path)
		if bytes.Contains(body, []byte("<script>alert")) || bytes.Contains(body, []byte("<img src=x")) {
			t.Errorf("%s carries the markup unescaped", c.path)
		}
		if !bytes.Contains(body, []byte(c.escaped)) {
			t.Errorf("%s does not show the name, escaped as %s", c.path, c.escaped)
		}
	}
}

func TestValidatorsAndCodings(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	res, _ := get(t, h, "/map.svg?category=toys")
	tag := res.Header.Get("ETag")
	if res, _ := get(t, h, "/map.svg?category=toys", "If-None-Match", "W/"+tag); res.StatusCode != http.StatusNotModified {
		t.Errorf("weakened tag: status %d, want 304", res.StatusCode)
	}
	if res, _ := get(t, h, "/map.svg?category=toys", "If-None-Match", `"other", `+tag); res.StatusCode != http.StatusNotModified {
		t.Errorf("tag in a list: status %d, want 304", res.StatusCode)
	}
	if res, _ := get(t, h, "/map.svg?category=toys", "Accept-Encoding", "gzip;q=0, identity"); res.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip refused with q=0 but sent %q", res.Header.Get("Content-Encoding"))
	}
	// Other defaults draw other maps for the same URL: other tags.
	zh := newServer(t, server.Options{Lang: "zh"}).Handler()
	res2, _ := get(t, zh, "/map.svg?category=toys")
	if res2.Header.Get("ETag") == tag {
		t.Error("servers with different default languages give the same ETag")
	}
	if res, _ := get(t, zh, "/map.svg?category=toys", "If-None-Match", tag); res.StatusCode == http.StatusNotModified {
		t.Error("the zh server confirmed the en map as current")
	}
}

// TestEditionDefault: a server configured for the cn edition draws the
// South China Sea Islands inset and the approval number without being
// asked, a query can still ask for the international edition, and the
// two never share a cache entry or an ETag.
func TestEditionDefault(t *testing.T) {
	h := newServer(t, server.Options{Edition: render.EditionCN, Approval: "GS(2026)0001号"}).Handler()
	res, cn := get(t, h, "/map.svg?lang=zh")
	if res.StatusCode != 200 || !strings.Contains(string(cn), "南海诸岛") || !strings.Contains(string(cn), "GS(2026)0001号") {
		t.Fatalf("cn default: status %d, inset %v", res.StatusCode, strings.Contains(string(cn), "南海诸岛"))
	}
	res2, intl := get(t, h, "/map.svg?lang=zh&edition=intl")
	if res2.StatusCode != 200 || strings.Contains(string(intl), "南海诸岛") {
		t.Errorf("edition=intl on a cn server: status %d, inset drawn %v", res2.StatusCode, strings.Contains(string(intl), "南海诸岛"))
	}
	if res.Header.Get("ETag") == res2.Header.Get("ETag") {
		t.Error("the two editions share an ETag")
	}
	other := newServer(t, server.Options{}).Handler()
	res3, _ := get(t, other, "/map.svg?lang=zh")
	if res3.Header.Get("ETag") == res.Header.Get("ETag") {
		t.Error("servers with different default editions give the same ETag for the same URL")
	}
}

// TestExportPNGAndPDF: /export.png and /export.pdf take the parameters of
// /export.svg and answer with the same validators, caching and naming.
func TestExportPNGAndPDF(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	for _, c := range []struct {
		query, typ, name, magic string
	}{
		{"/export.png?page=slide&dpi=96&category=footwear", "image/png", "hubatlas-footwear-china-slide.png", "\x89PNG"},
		{"/export.pdf?page=a4&lang=zh", "application/pdf", "hubatlas-china-zh-a4.pdf", "%PDF-"},
	} {
		res, body := get(t, h, c.query, "Accept-Encoding", "gzip")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != c.typ || !strings.HasPrefix(string(body), c.magic) {
			t.Fatalf("%s: %d %s %.8q", c.query, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		if res.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: compressed again (%s)", c.query, res.Header.Get("Content-Encoding"))
		}
		_, params, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if params["filename"] != c.name {
			t.Errorf("%s: file name %q, want %q", c.query, params["filename"], c.name)
		}
		if res.Header.Get("Content-Length") != strconv.Itoa(len(body)) || !strings.HasPrefix(res.Header.Get("Cache-Control"), "public, max-age=") {
			t.Errorf("%s: Content-Length %s for %d bytes, Cache-Control %q", c.query, res.Header.Get("Content-Length"), len(body), res.Header.Get("Cache-Control"))
		}
		etag := res.Header.Get("ETag")
		if res, _ := get(t, h, c.query, "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-None-Match its own ETag: %d", c.query, res.StatusCode)
		}
		if _, again := get(t, h, c.query); !bytes.Equal(again, body) {
			t.Errorf("%s: a second request gets other bytes", c.query)
		}
		svg, _ := get(t, h, strings.Replace(strings.Replace(c.query, ".png", ".svg", 1), ".pdf", ".svg", 1))
		if svg.Header.Get("ETag") == etag {
			t.Errorf("%s: the SVG has the same ETag", c.query)
		}
	}
	res, body := get(t, h, "/export.png?page=1000x1000mm&dpi=600")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), `"param":"dpi"`) || res.Header.Get("Content-Disposition") != "" {
		t.Errorf("a PNG too large: %d %s (Content-Disposition %q)", res.StatusCode, body, res.Header.Get("Content-Disposition"))
	}
	res, body = get(t, h, "/export.pdf?edition=nope")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "valid values are intl, cn") {
		t.Errorf("bad edition: %d %s", res.StatusCode, body)
	}
}

// TestMapsNotKeptAreSentWhole: a map drawn once is sent from a buffer
// that goes back to be drawn into; under concurrent requests each must
// still get its own map, byte for byte the one drawn again later (and
// then kept).
func TestMapsNotKeptAreSentWhole(t *testing.T) {
	s := newServer(t, server.Options{})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	fetch := func(w int) ([]byte, error) {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/map.svg?width=%d&height=320", ts.URL, w), nil)
		req.Header.Set("Accept-Encoding", "identity") // else Go's client asks for gzip
		res, err := ts.Client().Do(req)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err == nil && (res.StatusCode != http.StatusOK || !bytes.Contains(b[:min(len(b), 200)], []byte("<svg"))) {
			err = fmt.Errorf("width %d: status %d, %.80q", w, res.StatusCode, b)
		}
		return b, err
	}
	const n = 96
	first := make([][]byte, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			b, err := fetch(400 + i)
			first[i] = b
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// None was kept: every one was sent from its buffer.
	if _, body := get(t, s.Handler(), "/healthz"); !strings.Contains(string(body), `"cached_maps":0,`) {
		t.Fatalf("after the first round: healthz %s, want no map cached", body)
	}
	for i := range n {
		again, err := fetch(400 + i)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first[i], again) {
			t.Errorf("width %d: the map sent first (%d bytes) differs from the map drawn again (%d bytes)", 400+i, len(first[i]), len(again))
		}
	}
}

// TestSortedLists: the sort parameter orders /api/hubs, the downloads and
// the page's own table (without its script) by a column of the table, in
// the language asked for, and maps pass over it: a sorted table had not
// been in its URL, so that a shared link, a reload or a download gave the
// hubs by rank.
func TestSortedLists(t *testing.T) {
	h := newServer(t, server.Options{}).Handler()
	names := func(target string) []string {
		t.Helper()
		res, body := get(t, h, target)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", target, res.StatusCode, body)
		}
		var fc struct {
			Features []struct {
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(body, &fc); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range fc.Features {
			out = append(out, f.Properties["id"].(string))
		}
		return out
	}
	byRank := names("/api/hubs")
	byName := names("/api/hubs?sort=name")
	if len(byName) != 26 || byName[0] != "changchun" || byName[25] != "zhuhai" {
		t.Errorf("sort=name: %v", byName)
	}
	rev := slices.Clone(byName)
	slices.Reverse(rev)
	if got := names("/api/hubs?sort=-name"); !slices.Equal(got, rev) {
		t.Errorf("sort=-name: %v, not the reverse of %v", got, byName)
	}
	if got := names("/api/hubs?sort=rank"); !slices.Equal(got, byRank) {
		t.Errorf("sort=rank: %v, want the default order %v", got, byRank)
	}
	// In Chinese, by pinyin: 成都 (cheng) before 大连 (da) before 东莞 (dong).
	zh := names("/api/hubs?sort=name&lang=zh")
	if i, j, k := slices.Index(zh, "chengdu"), slices.Index(zh, "dalian"), slices.Index(zh, "dongguan"); !(i < j && j < k) || slices.Equal(zh, byName) {
		t.Errorf("sort=name&lang=zh: %v", zh)
	}
	// Paging pages the sorted list.
	if got := names("/api/hubs?sort=name&offset=1&limit=2"); !slices.Equal(got, byName[1:3]) {
		t.Errorf("the second page of two by name: %v, want %v", got, byName[1:3])
	}
	// The CSV download in the same order, by province.
	res, body := get(t, h, "/download.csv?sort=province")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("download: %d", res.StatusCode)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(recs[0], "province_name")
	var provs []string
	for _, r := range recs[1:] {
		provs = append(provs, r[col])
	}
	if len(provs) != 26 || !slices.IsSorted(provs) {
		t.Errorf("download.csv?sort=province: provinces %v", provs)
	}
	// The page lists its table so, and marks the column.
	_, page := get(t, h, "/?sort=-name")
	if i := bytes.Index(page, []byte(`data-row="`)); i < 0 || !bytes.HasPrefix(page[i:], []byte(`data-row="zhuhai"`)) {
		t.Errorf("the page's table sorted by name, descending, begins %.40s", page[max(0, i):])
	}
	if !bytes.Contains(page, []byte(`aria-sort="descending"><a href="/?sort=name" data-sort="name"`)) {
		t.Error("the page's table does not mark its name column descending, linked to the order by name")
	}
	// Without the script, the columns are links: by province from the
	// page sorted by name, descending.
	if !bytes.Contains(page, []byte(`href="/?sort=province" data-sort="province"`)) {
		t.Error("the page's province column is not a link to the table sorted by province")
	}
	// Its downloads in its order and language, its exports without it.
	_, zhPage := get(t, h, "/?lang=zh&sort=name")
	if !bytes.Contains(zhPage, []byte(`/download.csv?lang=zh&amp;sort=name`)) || bytes.Contains(zhPage, []byte(`/export.svg?lang=zh&amp;sort`)) {
		t.Error("a page sorted in Chinese: its download is not in that order, or its export carries the order")
	}
	// Maps pass over it: the same map, with the same ETag.
	plainRes, plain := get(t, h, "/map.svg")
	if res, sorted := get(t, h, "/map.svg?sort=name&limit=3"); res.StatusCode != http.StatusOK || !bytes.Equal(sorted, plain) || res.Header.Get("ETag") != plainRes.Header.Get("ETag") {
		t.Errorf("a map with sort and limit: %d, same bytes %v, ETag %s against %s", res.StatusCode, bytes.Equal(sorted, plain), res.Header.Get("ETag"), plainRes.Header.Get("ETag"))
	}
}
