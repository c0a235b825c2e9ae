package server_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/xuri/excelize/v2"

	"github.com/hubatlas/hubatlas/internal/chrometest"
	"github.com/hubatlas/hubatlas/server"
)

// tab drives one Chromium tab of a browser test.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func (p tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

func (p tab) eval(expr string) string {
	p.t.Helper()
	return evaluate[string](p, expr)
}

func (p tab) num(expr string) float64 {
	p.t.Helper()
	return evaluate[float64](p, expr)
}

// evaluate evaluates expr in p's page, each try bounded, three at most:
// an evaluation sent about when the page navigates may go unanswered
// (Chromium can keep the old document's execution context with no event
// that it went). In CI one did, after the scripts-off tab's form
// submitted, for 346 s: the whole test's deadline, every later subtest
// failing with it.
func evaluate[T any](p tab, expr string) T {
	p.t.Helper()
	var v T
	var err error
	for range 3 {
		ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
		v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr))
		cancel()
		if err == nil || p.ctx.Err() != nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		p.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// bboxHolds reports whether the bbox of query a holds that of query b.
func bboxHolds(t *testing.T, a, b string) bool {
	t.Helper()
	box := func(q string) [4]float64 {
		v, err := url.ParseQuery(strings.TrimPrefix(q, "?"))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var bb [4]float64
		if _, err := fmt.Sscanf(v.Get("bbox"), "%g,%g,%g,%g", &bb[0], &bb[1], &bb[2], &bb[3]); err != nil {
			t.Fatalf("bbox of %s: %v", q, err)
		}
		return bb
	}
	x, y := box(a), box(b)
	return x[0] <= y[0] && x[1] <= y[1] && x[2] >= y[2] && x[3] >= y[3]
}

// mapInPlace holds while no map is on its way.
const mapInPlace = `!document.getElementById('map').classList.contains('loading')`

// waitFor polls a JavaScript condition for up to 10 s, across page loads.
// A condition that throws counts as false: while a page loads, an element
// it reads may not be there yet (under load, "Cannot read properties of
// null" had failed a wait for the next page's heading).
func (p tab) waitFor(what, cond string) {
	p.t.Helper()
	var err error
	safe := fmt.Sprintf("(() => { try { return !!(%s); } catch (e) { return false; } })()", cond)
	for range 5 {
		if _, err = chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](safe, chromedp.WithPollingTimeout(10*time.Second))); err == nil || !strings.Contains(err.Error(), "navigated") && !strings.Contains(err.Error(), "context") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		p.t.Fatalf("waiting for %s (%s): %v; markers %s, status %q, URL %s", what, cond, err, p.eval(markersJS), p.eval(`document.getElementById('status').textContent`), p.eval(`location.href`))
	}
}

// waitPlain waits for cond in a page whose scripts are off, evaluating it
// from here every 100 ms: there chromedp.Poll's promise never settles
// (the page's timers do not run), and the evaluations sent after a poll
// that did not find cond at once went unanswered: a CI run hung 346 s.
func (p tab) waitPlain(what, cond string) {
	p.t.Helper()
	safe := fmt.Sprintf("(() => { try { return !!(%s); } catch (e) { return false; } })()", cond)
	for end := time.Now().Add(20 * time.Second); ; {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](safe))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(end) {
			p.t.Fatalf("waiting for %s (%s): %v", what, cond, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ready opens url and waits for the script.
// checkTableOrder checks that the page's table lists its rows in the
// order /api/hubs gives for sort and lang, the order of the table's link
// and downloads.
func checkTableOrder(p tab, sort, lang string) {
	p.t.Helper()
	const table = `[...document.querySelectorAll('#hubrows tr[data-row]')].map(r => r.dataset.row).join()`
	api := p.eval(`(() => { const x = new XMLHttpRequest(); x.open('GET', '/api/hubs?sort=` + sort + `&lang=` + lang + `', false); x.send(); return JSON.parse(x.responseText).features.map(f => f.properties.id).join(); })()`)
	if strings.Count(api, ",") != 25 {
		p.t.Fatalf("sort=%s lang=%s: the API lists %s", sort, lang, api)
	}
	p.waitFor("the table in the API's order for sort="+sort+" lang="+lang+": "+api, table+` === '`+api+`'`)
}

func (p tab) ready(url string) {
	p.t.Helper()
	p.do("open "+url, chromedp.Navigate(url))
	p.waitFor("the script", `document.documentElement.dataset.ready === 'true'`)
	p.eval(hubOfJS + "; ''")
}

func (p tab) shot(paths ...string) {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	for _, path := range paths {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			p.t.Fatal(err)
		}
	}
}

// centre returns the viewport position of the centre of the element.
func (p tab) centre(sel string) (float64, float64) {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(
		`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`, sel)))
	if err != nil || len(v) != 2 {
		p.t.Fatalf("centre of %s: %v", sel, err)
	}
	return v[0], v[1]
}

// pointIn finds a point of the province's fill that no marker or label
// covers, in viewport coordinates.
func (p tab) pointIn(code string) (float64, float64) {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
		const p = document.querySelector('#map [data-province=%q]');
		const r = p.getBoundingClientRect();
		for (let fy = 0.3; fy < 0.8; fy += 0.05) for (let fx = 0.3; fx < 0.8; fx += 0.05) {
			const x = r.x + r.width * fx, y = r.y + r.height * fy;
			if (document.elementFromPoint(x, y) === p) return [x, y];
		}
		return [];
	})()`, code)))
	if err != nil || len(v) != 2 {
		p.t.Fatalf("no free point in %s: %v", code, err)
	}
	return v[0], v[1]
}

func (p tab) wheel(x, y, dy float64) {
	p.t.Helper()
	p.do("wheel", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, x, y, func(e *input.DispatchMouseEventParams) { e.DeltaX, e.DeltaY = 1e-3, dy }))
}

// measures returns the durations, ms, of the page's performance
// measures called name.
func (p tab) measures(name string) []float64 {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`performance.getEntriesByName(%q).map(e => e.duration)`, name)))
	if err != nil {
		p.t.Fatal(err)
	}
	return v
}

const markersJS = `[...document.querySelectorAll('#map [data-hub]:not([aria-hidden])')].map(g => g.dataset.hub).sort().join(',')`

// hubOfJS defines hubOf(element) in the page: the id of the hub whose
// control the element is, or "".
const hubOfJS = `window.hubOf = (e) => (e && e.closest && e.closest('[data-hub]') ? e.closest('[data-hub]').dataset.hub : '')`

func markers(want string) string { return fmt.Sprintf(`%s === %q`, markersJS, want) }

// pathPointsJS counts the vertices of a map's province paths that lie
// inside a window [x, y, width, height] of its px (path data as the
// renderer writes it: M, L, H, V, Z, absolute or relative).
const pathPointsJS = `((svg, w) => {
	let n = 0;
	for (const p of svg.querySelectorAll('[data-province]')) {
		const d = p.getAttribute('d');
		let x = 0, y = 0, sx = 0, sy = 0, cmd = 'M';
		const toks = d.match(/[MmLlHhVvZz]|-?\d*\.?\d+(?:e-?\d+)?/g) || [];
		for (let i = 0; i < toks.length;) {
			if (/[A-Za-z]/.test(toks[i])) { cmd = toks[i++]; if (cmd === 'z' || cmd === 'Z') { x = sx; y = sy; } continue; }
			const rel = cmd === cmd.toLowerCase();
			switch (cmd.toUpperCase()) {
			case 'M': case 'L': { const a = +toks[i++], b = +toks[i++]; x = rel ? x + a : a; y = rel ? y + b : b; if (cmd.toUpperCase() === 'M') { sx = x; sy = y; cmd = rel ? 'l' : 'L'; } break; }
			case 'H': { const a = +toks[i++]; x = rel ? x + a : a; break; }
			case 'V': { const b = +toks[i++]; y = rel ? y + b : b; break; }
			default: i++;
			}
			if (x >= w[0] && x <= w[0] + w[2] && y >= w[1] && y <= w[1] + w[3]) n++;
		}
	}
	return n;
})`

func median(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestDashboard drives the dashboard in headless Chromium at 1366×900 and
// on a 390×844 phone as people use it: chips, the legend, the typo
// search with its suggestions, a stale link, wheel zoom and the map the
// server draws for the window, Back, the linked table, province
// tooltips, keyboard order, details, downloads and exports, the Chinese
// interface, a preview of one's own file, the embed view's framing, and
// axe-core's audit. It measures first paint, filter and zoom timings.
// No request may leave 127.0.0.1 and the console must stay free of
// errors. Screenshots land in testdata/out/ (and docs/ with
// HUBATLAS_UPDATE_DOCS=1).
func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	ctx := chrometest.New(t, 6*time.Minute)

	// Two other loopback origins: one may frame /embed, one may not.
	var embedSrc string
	framer := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>host</title><iframe id="f" src="%s" width="600" height="400" title="map"></iframe>`, embedSrc)
	}
	allowed := httptest.NewServer(http.HandlerFunc(framer))
	defer allowed.Close()
	refused := httptest.NewServer(http.HandlerFunc(framer))
	defer refused.Close()
	srv := httptest.NewServer(newServer(t, server.Options{EmbedOrigins: []string{allowed.URL}}).Handler())
	defer srv.Close()
	embedSrc = srv.URL + "/embed?category=toys"

	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	docs := os.Getenv("HUBATLAS_UPDATE_DOCS") != ""

	var mu sync.Mutex
	var requests, consoleErrors []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	cctx, stopConsole := context.WithCancel(ctx)
	defer stopConsole()
	go func() {
		for m, err := range chromedp.Console(cctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				mu.Lock()
				consoleErrors = append(consoleErrors, string(m.Type)+": "+m.Text)
				mu.Unlock()
			}
		}
	}()
	requestsLike := func(part string) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, r := range requests {
			if strings.Contains(r, part) {
				n++
			}
		}
		return n
	}
	p := tab{t, ctx}
	downloads := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads,
	}); err != nil {
		t.Fatal(err)
	}

	p.do("desktop", chromedp.EmulateViewport(1366, 900))

	t.Run("first paint", func(t *testing.T) {
		p := tab{t, ctx}
		var fcp, nav []float64
		for range 5 {
			p.ready(srv.URL + "/")
			p.waitFor("the first paint", `performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')`)
			fcp = append(fcp, p.num(`performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint').startTime`))
			nav = append(nav, p.num(`performance.getEntriesByType('navigation')[0].responseEnd - performance.getEntriesByType('navigation')[0].requestStart`))
		}
		t.Logf("first contentful paint: median %.0f ms of %v; page response %.1f ms median", median(fcp), fcp, median(nav))
		if median(fcp) > 3000 {
			t.Errorf("first paint took %.0f ms", median(fcp))
		}
		if n := p.eval(`String(document.querySelectorAll('#map [data-hub]').length)`); n != "26" {
			t.Fatalf("%s markers on the first map, want 26", n)
		}
		// Map first: the map takes most of the window.
		area := p.num(`(() => { const r = document.getElementById('map').getBoundingClientRect(); return r.width * r.height / (innerWidth * innerHeight); })()`)
		t.Logf("the map covers %.0f %% of the 1366×900 window", area*100)
		if area < 0.5 {
			t.Errorf("the map covers only %.0f %% of the window", area*100)
		}
		// The panel stays in view while the page scrolls.
		p.eval(`window.scrollTo(0, 600); ''`)
		if top := p.num(`document.getElementById('filters').getBoundingClientRect().top`); top < 0 || top > 80 {
			t.Errorf("the filter panel scrolled away: top %.0f", top)
		}
		p.eval(`window.scrollTo(0, 0); ''`)
		p.shot(filepath.Join(out, "dashboard-desktop.png"))
	})

	// Each marker takes its own clicks: the point of the page at the
	// centre of a hub's marker belongs to that hub. The targets, larger
	// than the markers, had overlapped, the one drawn last on top:
	// clicking Shenzhen, Dongguan or Foshan had opened Zhuhai, 6 of 26
	// markers another hub at 1366×900, 15 on a phone.
	t.Run("markers take their own clicks", func(t *testing.T) {
		p := tab{t, ctx}
		for _, size := range [][2]int64{{1366, 900}, {1024, 768}, {390, 844}} {
			p.do("size", chromedp.EmulateViewport(size[0], size[1]))
			p.ready(srv.URL + "/")
			got := p.eval(`(() => {
				const wrong = [];
				let n = 0;
				for (const g of document.querySelectorAll('#map [data-hub]')) {
					const c = g.querySelector('circle:not(.hit)');
					if (!c || g.getAttribute('aria-hidden') === 'true') continue;
					const r = c.getBoundingClientRect();
					const x = r.left + r.width / 2, y = r.top + r.height / 2;
					if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
					n++;
					if (!g.querySelector('.hit')) wrong.push(g.dataset.hub + ': no target');
					const at = document.elementFromPoint(x, y), h = at && at.closest('[data-hub]');
					if (!h || h.dataset.hub !== g.dataset.hub) wrong.push(g.dataset.hub + '→' + (h ? h.dataset.hub : 'none'));
				}
				return n + ':' + wrong.join(',');
			})()`)
			n, wrong, _ := strings.Cut(got, ":")
			if n == "0" || wrong != "" {
				t.Errorf("%dx%d: %s markers tried; taken by another hub: %s", size[0], size[1], n, wrong)
			}
		}
		p.do("desktop", chromedp.EmulateViewport(1366, 900))
		p.ready(srv.URL + "/")
		x, y := p.centre(`#map [data-hub="shenzhen"] circle`)
		p.do("click Shenzhen", chromedp.MouseClickXY(x, y))
		p.waitFor("Shenzhen's details", `!document.getElementById('detail').hidden && document.getElementById('detail').dataset.hub === 'shenzhen'`)
		p.do("close", chromedp.Click(chromedp.CSS(`#detail-close`)))
		p.waitFor("closed", `document.getElementById('detail').hidden`)
		// A hub's details leave its marker in sight: at the top right
		// they had covered Harbin and Changchun.
		for _, id := range []string{"harbin", "changchun", "shenzhen", "xian"} {
			x, y := p.centre(`#map [data-hub="` + id + `"] circle`)
			p.do("click "+id, chromedp.MouseClickXY(x, y))
			p.waitFor(id+"'s details", `!document.getElementById('detail').hidden && document.getElementById('detail').dataset.hub === '`+id+`'`)
			if over := p.eval(`(() => { const m = document.querySelector('#map [data-hub="` + id + `"] circle').getBoundingClientRect(), d = document.getElementById('detail').getBoundingClientRect(); return String(m.right > d.left && m.left < d.right && m.bottom > d.top && m.top < d.bottom); })()`); over != "false" {
				t.Errorf("%s's details cover its marker", id)
			}
			p.do("close", chromedp.Click(chromedp.CSS(`#detail-close`)))
			p.waitFor("closed", `document.getElementById('detail').hidden`)
		}
	})

	t.Run("chips filter live", func(t *testing.T) {
		p := tab{t, ctx}
		if p.eval(`String(!!document.querySelector('#filters button[type=submit]'))`) != "false" {
			t.Error("a submit button shows while changes apply live")
		}
		for i := range 6 {
			p.do("click footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
			p.waitFor("Jinjiang and Wenzhou only", markers("jinjiang,wenzhou"))
			if i == 0 {
				if got := p.eval(`location.search`); got != "?category=footwear" {
					t.Errorf("URL query %q", got)
				}
				if got := p.eval(`document.getElementById('heading').textContent`); got != "2 hubs" {
					t.Errorf("heading %q", got)
				}
				if got := p.eval(`document.querySelector('[data-count="toys"]').textContent`); got != "2" {
					t.Errorf("toys chip count %q", got)
				}
				if got := p.eval(`document.getElementById('dl-csv').getAttribute('href')`); got != "/download.csv?category=footwear" {
					t.Errorf("CSV link %q", got)
				}
			}
			p.do("unclick footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
			p.waitFor("all hubs again", `document.querySelectorAll('#map [data-hub]').length === 26`)
		}
		time.Sleep(100 * time.Millisecond)
		ms := p.measures("hubatlas:filter")
		t.Logf("filter click to repainted map: median %.0f ms over %d changes %v", median(ms), len(ms), ms)
		if len(ms) < 10 || median(ms) > 1500 {
			t.Errorf("filter redraws: %v", ms)
		}
	})

	t.Run("legend", func(t *testing.T) {
		p := tab{t, ctx}
		x, y := p.centre(`#legend [data-industry="transport"]`)
		p.do("hover transport", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		p.waitFor("transport hubs highlighted", `document.getElementById('map').classList.contains('dim') && [...document.querySelectorAll('#map [data-hub].hl')].map(g => g.dataset.hub).sort().join(',') === 'changchun,chongqing,dalian,xian'`)
		p.do("click transport", chromedp.MouseClickXY(x, y))
		p.waitFor("transport only", markers("changchun,chongqing,dalian,xian")+` && location.search === '?industry=transport'`)
		if p.eval(`document.querySelector('#legend [data-industry="transport"]').getAttribute('aria-current')`) != "true" {
			t.Error("the legend does not show the industry chosen")
		}
		p.do("click transport again", chromedp.MouseClickXY(x, y))
		p.waitFor("all again", `document.querySelectorAll('#map [data-hub]').length === 26 && location.search === ''`)
		p.do("move away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5))
		// Choosing an industry lets the categories of others go: with
		// footwear ticked, Machinery had shown no hubs.
		p.do("tick footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		p.waitFor("footwear", `location.search === '?category=footwear'`)
		p.do("choose transport", chromedp.Click(chromedp.CSS(`fieldset[data-industry="transport"] > legend label`)))
		p.waitFor("transport alone", markers("changchun,chongqing,dalian,xian")+` && location.search === '?industry=transport' && !document.querySelector('input[name=category][value=footwear]').checked`)
		// And ticking a category of another industry lets the industry
		// go: with Transport chosen, Toys had shown no hubs.
		p.do("tick footwear again", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		p.waitFor("footwear, no industry", markers("jinjiang,wenzhou")+` && location.search === '?category=footwear' && document.querySelector('input[name=industry][value=""]').checked`)
		p.do("all industries", chromedp.Click(chromedp.CSS(`label.industry-all`)))
		p.waitFor("footwear still", `location.search === '?category=footwear'`)
		p.do("untick footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		p.waitFor("all after", `document.querySelectorAll('#map [data-hub]').length === 26 && location.search === ''`)
		// So too on an embedded map, which has no form: the script had
		// thrown there, the map left as it was.
		p.ready(srv.URL + "/embed?category=footwear")
		p.do("embed: click transport", chromedp.Click(chromedp.CSS(`#legend [data-industry="transport"]`)))
		p.waitFor("embed: transport alone", markers("changchun,chongqing,dalian,xian")+` && location.search === '?industry=transport'`)
		p.ready(srv.URL + "/")
	})

	// A search typed slowly, each key after the last has been drawn,
	// takes one entry in the history, and Back leaves the search: typing
	// "shoes" had pushed five entries, and Back had gone to "shoe".
	t.Run("a typed search is one step back", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/?category=toys")
		before := p.num(`history.length`)
		for _, k := range "shoes" {
			p.do("key", chromedp.SendKeys(chromedp.CSS("#q"), string(k)))
			time.Sleep(450 * time.Millisecond)
		}
		p.waitFor("the search drawn", `location.search === '?category=toys&q=shoes' && `+mapInPlace)
		if n := p.num(`history.length`) - before; n != 1 {
			t.Errorf("typing shoes added %.0f history entries, want 1", n)
		}
		p.do("back", chromedp.NavigateBack())
		p.waitFor("before the search", `location.search === '?category=toys' && document.getElementById('q').value === ''`)
		// So too stepping through the provinces with the arrow keys: each
		// had taken an entry.
		p.ready(srv.URL + "/")
		before = p.num(`history.length`)
		p.do("focus the provinces", chromedp.Focus(chromedp.CSS(`#province`)))
		for range 3 {
			p.do("down", chromedp.KeyEvent(kb.ArrowDown))
			p.waitFor("a province", `location.search.startsWith('?province=') && `+mapInPlace)
		}
		if n := p.num(`history.length`) - before; n != 1 {
			t.Errorf("three provinces stepped through added %.0f history entries, want 1", n)
		}
		p.do("back", chromedp.NavigateBack())
		p.waitFor("all of China", `location.search === ''`)
		// But two searches apart, or a search after a Back, are two
		// entries: a step replaces only the entry of the step before it.
		// (A page of its own first: no entries after it to count.)
		p.ready(srv.URL + "/?lang=en")
		before = p.num(`history.length`)
		p.do("type shoes", chromedp.SendKeys(chromedp.CSS("#q"), "shoes"))
		p.waitFor("shoes", `location.search === '?lang=en&q=shoes' && `+mapInPlace)
		time.Sleep(2700 * time.Millisecond)
		p.eval(`document.getElementById('q').value = ''; ''`)
		p.do("type toys", chromedp.SendKeys(chromedp.CSS("#q"), "toys"))
		p.waitFor("toys", `location.search === '?lang=en&q=toys' && `+mapInPlace)
		if n := p.num(`history.length`) - before; n != 2 {
			t.Errorf("two searches apart added %.0f history entries, want 2", n)
		}
		p.do("back", chromedp.NavigateBack())
		p.waitFor("shoes again", `location.search === '?lang=en&q=shoes'`)
		p.eval(`document.getElementById('q').value = ''; ''`)
		p.do("type bags", chromedp.SendKeys(chromedp.CSS("#q"), "bags"))
		p.waitFor("bags", `location.search === '?lang=en&q=bags' && `+mapInPlace)
		p.do("back", chromedp.NavigateBack())
		p.waitFor("shoes, kept", `location.search === '?lang=en&q=shoes'`)
		p.ready(srv.URL + "/")
	})

	t.Run("typo search and suggestions", func(t *testing.T) {
		p := tab{t, ctx}
		p.do("type", chromedp.SendKeys(chromedp.CSS("#q"), "shooes"))
		p.waitFor("shoes despite the typo", markers("jinjiang,wenzhou"))
		p.eval(`document.getElementById('q').value = ''; ''`)
		p.do("type", chromedp.SendKeys(chromedp.CSS("#q"), "shoooes"))
		p.waitFor("no match, with suggestions", `document.getElementById('nomatch').textContent.includes('No hub matches “shoooes”') && !!document.querySelector('#nomatch [data-suggest="footwear"]')`)
		if n := p.eval(markersJS); n != "" {
			t.Errorf("markers %s for nothing found", n)
		}
		p.do("take the suggestion", chromedp.Click(chromedp.CSS(`#nomatch [data-suggest="footwear"]`)))
		p.waitFor("footwear", markers("jinjiang,wenzhou")+` && location.search === '?category=footwear' && document.getElementById('q').value === ''`)
		p.do("clear", chromedp.Click(chromedp.CSS(`#clear`)))
		p.waitFor("all again", `document.querySelectorAll('#map [data-hub]').length === 26 && location.search === ''`)
	})

	t.Run("stale link", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/?category=shoes&q=bag")
		notice := p.eval(`document.querySelector('.notice').textContent`)
		if !strings.Contains(notice, `the category “shoes” is not one of this map's`) || !strings.Contains(notice, "Footwear") {
			t.Errorf("notice %q", notice)
		}
		if got := p.eval(`location.search`); got != "?q=bag" {
			t.Errorf("URL after the stale link %q; want what was kept", got)
		}
		p.waitFor("the bag hubs", markers("quanzhou"))
		p.do("suggested footwear", chromedp.Click(chromedp.CSS(`.notice a.suggestion`)))
		p.waitFor("footwear and bags", `location.search === '?category=footwear&q=bag' && !document.querySelector('.notice')`)
		p.ready(srv.URL + "/")
	})

	t.Run("table and map linked", func(t *testing.T) {
		p := tab{t, ctx}
		if got := p.eval(`String(document.querySelectorAll('#hubrows tr[data-row]').length)`); got != "26" {
			t.Fatalf("%s rows", got)
		}
		// Scrolled so that the table's first rows and most of the map show.
		p.eval(`window.scrollTo(0, document.getElementById('table').getBoundingClientRect().top + scrollY - innerHeight + 260); ''`)
		x, y := p.centre(`#hubrows tr[data-row="jinjiang"] td:nth-child(3)`)
		p.do("hover a row", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		p.waitFor("its marker highlighted", `document.querySelector('#map [data-hub="jinjiang"]').classList.contains('hl')`)
		if y > 900 {
			t.Fatalf("the Jinjiang row is at y=%.0f, off the screen", y)
		}
		mx, my := p.centre(`#map [data-hub="chengdu"] circle`)
		p.do("hover a marker", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, mx, my))
		p.waitFor("its row highlighted", `document.querySelector('#hubrows tr[data-row="chengdu"]').classList.contains('hl') && !document.getElementById('tooltip').hidden`)
		p.do("sort by name", chromedp.Click(chromedp.CSS(`#hubtable [data-sort="name"]`)))
		p.waitFor("sorted by name", `document.querySelector('#hubrows tr').dataset.row + ' ' + document.querySelector('#hubtable th[aria-sort]').getAttribute('aria-sort') === 'changchun ascending'`)
		p.do("sort by name, descending", chromedp.Click(chromedp.CSS(`#hubtable [data-sort="name"]`)))
		p.waitFor("sorted by name, descending", `document.querySelector('#hubrows tr').dataset.row === 'zhuhai'`)
		// The order is in the URL, its downloads and the API's answer.
		if got := p.eval(`location.search + ' ' + document.getElementById('dl-csv').getAttribute('href') + ' ' + document.querySelector('#hubtable [data-sort="name"]').getAttribute('href')`); got != "?sort=-name /download.csv?lang=en&sort=-name /?sort=name" {
			t.Errorf("sorted table: URL, download and the name column's link %q", got)
		}
		checkTableOrder(p, "-name", "en")
		p.ready(srv.URL + "/?lang=zh&sort=name")
		if got := p.eval(`document.querySelector('#hubtable th[aria-sort] [data-sort]').dataset.sort + ' ' + document.querySelector('#hubtable th[aria-sort]').getAttribute('aria-sort')`); got != "name ascending" {
			t.Errorf("a sorted table's URL, reloaded: %q", got)
		}
		checkTableOrder(p, "name", "zh")
		// Its download in the same order: in Chinese (the English order
		// had been sent).
		if got := p.eval(`document.getElementById('dl-csv').getAttribute('href')`); got != "/download.csv?lang=zh&sort=name" {
			t.Errorf("the download of a table sorted in Chinese: %q", got)
		}
		p.do("sort by province, in Chinese", chromedp.Click(chromedp.CSS(`#hubtable [data-sort="province"]`)))
		checkTableOrder(p, "province", "zh")
		p.ready(srv.URL + "/")
		p.do("search the table", chromedp.SendKeys(chromedp.CSS(`#tfilter`), "ceramic"))
		p.waitFor("one row", `[...document.querySelectorAll('#hubrows tr[data-row]')].map(r => r.dataset.row).join() === 'foshan'`)
		// The heading counts the rows listed (it had said 26 over one).
		if got := p.eval(`document.getElementById('count').textContent`); !strings.HasPrefix(got, "1 listed / ") {
			t.Errorf("filtered table's count: %q", got)
		}
		p.eval(`document.getElementById('tfilter').value = 'no such hub'; document.getElementById('tfilter').dispatchEvent(new Event('input')); ''`)
		if got := p.eval(`document.querySelector('#hubrows tr.empty').textContent`); !strings.Contains(got, "no such hub") {
			t.Errorf("a table filter matching nothing says %q", got)
		}
		p.eval(`document.getElementById('tfilter').value = ''; document.getElementById('tfilter').dispatchEvent(new Event('input')); ''`)
		p.do("move away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5))
		// A row's details open in sight from the table's foot: they had
		// opened over the map, 456 px above the window.
		p.eval(`window.scrollTo(0, document.documentElement.scrollHeight); ''`)
		p.do("open the last row", chromedp.Click(chromedp.CSS(`#hubrows tr[data-row]:last-child [data-open]`)))
		p.waitFor("its details in sight", `(() => { const d = document.getElementById('detail'), r = d.getBoundingClientRect(), top = document.querySelector('.top').getBoundingClientRect().bottom; return !d.hidden && r.top >= top - 1 && r.bottom <= innerHeight + 1; })()`)
		p.do("close", chromedp.KeyEvent(kb.Escape))
		p.eval(`window.scrollTo(0, 0); ''`)
	})

	t.Run("province tooltip", func(t *testing.T) {
		p := tab{t, ctx}
		x, y := p.pointIn("CN-FJ")
		p.do("hover Fujian", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		p.waitFor("the tooltip", `!document.getElementById('tooltip').hidden`)
		tip := p.eval(`document.getElementById('tooltip').textContent`)
		for _, want := range []string{"Fujian", "3 hubs", "Top categories", "Bags & luggage"} {
			if !strings.Contains(tip, want) {
				t.Errorf("province tooltip %q lacks %s", tip, want)
			}
		}
		p.do("move away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5))
	})

	t.Run("keyboard", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/")
		p.do("tab", chromedp.KeyEvent(kb.Tab))
		if got := p.eval(`document.activeElement.className + ' ' + document.activeElement.getAttribute('href')`); got != "skip #map" {
			t.Errorf("first Tab stop %q, want the skip link", got)
		}
		// Markers are Tab stops in reading order, north to south.
		lats := p.eval(`[...document.querySelectorAll('#map [data-hub] [tabindex="0"]')].map(hubOf).join(',')`)
		if !strings.HasPrefix(lats, "harbin,changchun,dalian") || !strings.HasSuffix(lats, "sanya") {
			t.Errorf("markers' Tab order %s; want north to south", lats)
		}
		if got := p.eval(`String(document.querySelectorAll('#map [data-province][tabindex="0"]').length) + '/' + document.querySelectorAll('#map [data-province][tabindex]').length`); got != "1/34" {
			t.Errorf("province Tab stops %s; want one stop for 34 focusable provinces", got)
		}
		// Tab from the skip link's target into the map: a province, then
		// the northernmost marker.
		p.do("skip", chromedp.KeyEvent(kb.Enter))
		// The map comes into view below the sticky bar, focused: its title
		// had stood under the bar.
		p.waitFor("the map below the bar", `(() => { const m = document.getElementById('mapview').getBoundingClientRect(), bar = document.querySelector('.top').getBoundingClientRect(); return document.activeElement === document.getElementById('map') && m.top >= bar.bottom - 1 && m.top < bar.bottom + 40; })()`)
		for range 3 {
			p.do("tab", chromedp.KeyEvent(kb.Tab))
			if p.eval(`hubOf(document.activeElement)`) != "" {
				break
			}
			if code := p.eval(`document.activeElement.dataset.province || ''`); code != "" {
				p.waitFor("the province's tooltip", `!document.getElementById('tooltip').hidden`)
				p.do("next province", chromedp.KeyEvent(kb.ArrowDown))
				if next := p.eval(`document.activeElement.dataset.province || ''`); next == "" || next == code {
					t.Errorf("ArrowDown from %s went to %q", code, next)
				}
			}
		}
		if got := p.eval(`hubOf(document.activeElement) || document.activeElement.outerHTML.slice(0, 60)`); got != "harbin" {
			t.Fatalf("Tab after the provinces reached %s, want harbin", got)
		}
		y0 := p.num(`scrollY`)
		p.do("enter", chromedp.KeyEvent(kb.Enter))
		p.waitFor("the details", `!document.getElementById('detail').hidden && document.activeElement === document.getElementById('detail')`)
		if got := p.eval(`document.getElementById('detail').textContent`); !strings.Contains(got, "Heavy Equipment") {
			t.Errorf("details %q", got)
		}
		if y := p.num(`scrollY`); y != y0 {
			t.Errorf("opening details scrolled the page from %.0f to %.0f", y0, y)
		}
		// Beside the map, not below it.
		if got := p.eval(`String(getComputedStyle(document.getElementById('detail')).position)`); got != "absolute" {
			t.Errorf("details are %s", got)
		}
		p.shot(filepath.Join(out, "details.png"))
		p.do("escape", chromedp.KeyEvent(kb.Escape))
		p.waitFor("focus back on the marker", `document.getElementById('detail').hidden && hubOf(document.activeElement) === 'harbin'`)
		// Focus survives a redraw: the same hub keeps it.
		p.eval(`document.querySelector('label.chip[data-category="machinery"] input').click(); ''`)
		p.waitFor("the redraw", `location.search === '?category=machinery'`)
		p.waitFor("focus on the same hub", `hubOf(document.activeElement) === 'harbin' && document.activeElement.isConnected`)
		p.eval(`document.querySelector('label.chip[data-category="machinery"] input').click(); ''`)
		p.waitFor("all again", `document.querySelectorAll('#map [data-hub]').length === 26 && location.search === ''`)
	})

	t.Run("wheel zoom, settle, Back", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/")
		scale0 := p.num(`+document.getElementById('map').dataset.scale || JSON.parse(document.body.dataset.view).scale`)
		bboxRequests := requestsLike("/map.svg?bbox=")
		x, y := p.centre(`#map [data-hub="zhuhai"] circle`)
		for range 3 {
			p.wheel(x, y, -240)
			time.Sleep(30 * time.Millisecond)
		}
		// At once: the SVG's viewBox zoomed, before the server answers.
		vb := p.eval(`document.querySelector('#map svg').getAttribute('viewBox')`)
		if strings.HasPrefix(vb, "0 0 ") {
			t.Fatalf("viewBox %q did not zoom at once", vb)
		}
		// The old map's vertices inside the window seen, and the window's zoom.
		before := p.num(pathPointsJS + `(document.querySelector('#map svg'), document.querySelector('#map svg').getAttribute('viewBox').split(' ').map(Number))`)
		k := p.num(`+document.querySelector('#map svg').getAttribute('width') / +document.querySelector('#map svg').getAttribute('viewBox').split(' ')[2]`)
		p.waitFor("the detailed map of the window", `location.search.startsWith('?bbox=') && document.querySelector('#map svg').getAttribute('viewBox').startsWith('0 0 ')`)
		if requestsLike("/map.svg?bbox=") == bboxRequests {
			t.Error("no bbox map requested")
		}
		p.waitFor("the glide to end", `document.querySelector('#map svg').getAttribute('viewBox').startsWith('0 0 ')`)
		time.Sleep(400 * time.Millisecond)
		after := p.num(pathPointsJS + `(document.querySelector('#map svg'), [0, 0, +document.querySelector('#map svg').getAttribute('width'), +document.querySelector('#map svg').getAttribute('height')])`)
		scale1 := p.num(`+document.getElementById('map').dataset.scale`)
		t.Logf("zoomed ×%.1f into %s: %.0f province vertices in the window on the China map, %.0f on the map drawn for it; scale %.3g px/m, %.3g zoomed, %.3g drawn", k, p.eval(`location.search`), before, after, scale0, scale0*k, scale1)
		if before < 10 || after < 2*before {
			t.Errorf("the map drawn for the window has %.0f vertices, the zoomed China map %.0f: no more detail", after, before)
		}
		// The window seen is the window drawn (the server's layout may give
		// the map less room, when its legend goes beside it).
		if r := scale1 / (scale0 * k); r < 0.7 || r > 1.05 {
			t.Errorf("the map drawn for the window is at %.2f× the scale seen", r)
		}
		if p.eval(`(() => { const c = document.querySelector('#map [data-hub="zhuhai"] circle').getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect(); return String(c.x > m.x && c.right < m.right && c.y > m.y && c.bottom < m.bottom); })()`) != "true" {
			t.Error("Zhuhai left the view")
		}
		u, _ := url.Parse(p.eval(`document.getElementById('export').href`))
		if u.Query().Get("bbox") == "" || u.Query().Get("width") == "" {
			t.Errorf("export %s does not carry the window", u)
		}
		rows := p.eval(`[...document.querySelectorAll('#hubrows tr[data-row]')].map(r => r.dataset.row).sort().join(',')`)
		if strings.Contains(rows, "harbin") || !strings.Contains(rows, "zhuhai") {
			t.Errorf("table rows in view: %s", rows)
		}
		p.shot(filepath.Join(out, "zoomed.png"))
		// Drag to pan, then settle again.
		p.do("drag", chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, x, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x-60, y-20, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x-120, y-40, chromedp.ButtonLeft),
			chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, x-120, y-40, chromedp.ButtonLeft))
		zoomed := p.eval(`location.search`)
		p.waitFor("the panned window", fmt.Sprintf(`location.search !== %q && location.search.startsWith('?bbox=')`, zoomed))
		for range 3 {
			time.Sleep(150 * time.Millisecond)
			p.wheel(x, y, -200)
		}
		p.waitFor("zoomed again", fmt.Sprintf(`location.search !== %q && document.querySelector('#map svg').getAttribute('viewBox').startsWith('0 0 ')`, zoomed))
		ms := p.measures("hubatlas:zoom")
		t.Logf("zoom settle to the detailed map: median %.0f ms over %d settles %v", median(ms), len(ms), ms)
		if len(ms) == 0 || median(ms) > 2000 {
			t.Errorf("zoom settles: %v", ms)
		}
		p.do("back", chromedp.NavigateBack())
		p.waitFor("the panned window again", fmt.Sprintf(`location.search !== %q`, zoomed))
		p.do("back", chromedp.NavigateBack())
		p.do("back", chromedp.NavigateBack())
		p.waitFor("all of China", `location.search === '' && document.querySelectorAll('#map [data-hub]').length === 26`)
		p.do("forward", chromedp.NavigateForward())
		p.waitFor("the window again", `location.search.startsWith('?bbox=')`)
		p.do("all of China", chromedp.Click(chromedp.CSS(`#china`)))
		p.waitFor("all of China", `location.search === '' && document.querySelectorAll('#map [data-hub]').length === 26 && document.getElementById('china').hidden`)
	})

	t.Run("buttons and double-click zoom", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/")
		// Each step waits for its map to be in place, not on its way: a
		// gesture lets a map on its way go and moves the one still shown,
		// so that on a loaded machine the double-click had zoomed into
		// the wider window still shown, which twice as near still holds
		// all China: no window came.
		p.do("zoom in", chromedp.Click(chromedp.CSS(`#zoom-in`)))
		p.waitFor("a window", `location.search.startsWith('?bbox=') && `+mapInPlace)
		in := p.eval(`location.search`)
		p.do("zoom out", chromedp.Click(chromedp.CSS(`#zoom-out`)))
		p.waitFor("a wider window", fmt.Sprintf(`location.search !== %q && `+mapInPlace, in))
		// Twice as far out from the window holds all China or nearly:
		// a window wider than the first, or none (a click during the
		// glide to the window's map zooms out from where it is then).
		if out := p.eval(`location.search`); out != "" {
			if !bboxHolds(t, out, in) {
				t.Errorf("zoomed out to %s from %s", out, in)
			}
			p.do("all of China", chromedp.Click(chromedp.CSS(`#china`)))
		}
		p.waitFor("all of China", `location.search === '' && document.querySelectorAll('#map [data-hub]').length === 26 && `+mapInPlace)
		// Out of a small window, quick steps out go on past twice the
		// window: each gesture had stopped at half the map shown, and
		// five clicks out of a window of Shenzhen had reached 0.39°.
		p.ready(srv.URL + "/?bbox=113.9583,22.5187,114.1367,22.6387")
		for range 5 {
			p.do("zoom out", chromedp.Click(chromedp.CSS(`#zoom-out`)))
			time.Sleep(40 * time.Millisecond)
		}
		p.waitFor("a far wider window", `(() => { const b = new URLSearchParams(location.search).get('bbox'); if (!b) return location.search === ''; const v = b.split(',').map(Number); return v[2] - v[0] > 3; })() && `+mapInPlace)
		t.Logf("five clicks out of a window 0.18° wide: %s", p.eval(`location.search`))
		p.ready(srv.URL + "/")
		// Double-click the sea east of China.
		x, y := p.num(`(() => { const r = document.getElementById('map').getBoundingClientRect(); return r.x + r.width * 0.92; })()`), p.num(`(() => { const r = document.getElementById('map').getBoundingClientRect(); return r.y + r.height * 0.75; })()`)
		p.do("double-click", chromedp.MouseClickXY(x, y), chromedp.MouseClickXY(x, y, chromedp.ClickCount(2)))
		p.waitFor("a window", `location.search.startsWith('?bbox=')`)
		p.do("back", chromedp.NavigateBack())
		p.waitFor("all of China", `location.search === ''`)
	})

	t.Run("the table lists the hubs drawn", func(t *testing.T) {
		// In the whole frame the table had listed hubs within a marker's
		// radius of its edge, which the map does not draw: "3 in view"
		// with Chongqing's below a window whose map said "2 of 26".
		p := tab{t, ctx}
		drawn := `[...new Set([...document.querySelectorAll('#map [data-hub]')].map(g => g.dataset.hub))].sort().join(',')`
		listed := `[...document.querySelectorAll('#hubrows tr[data-row]')].map(r => r.dataset.row).sort().join(',')`
		for _, bbox := range []string{"94.1704,29.6349,111.4259,40.6451", "103.5,29.64,110,33", "106.6,20,122,30.3", "112,21.5,121.7,41", "100,30,120,45.7"} {
			p.ready(srv.URL + "/?bbox=" + bbox)
			d, l := p.eval(drawn), p.eval(listed)
			if d != l {
				t.Errorf("bbox %s: the map draws %s, the table lists %s", bbox, d, l)
			}
			// Download data gives the hubs listed (it had given every
			// hub of the filter).
			href := p.eval(`document.getElementById('dl-csv').getAttribute('href')`)
			res, err := http.Get(srv.URL + href)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(res.Body).ReadAll()
			res.Body.Close()
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: %v", href, err)
			}
			var ids []string
			for _, r := range rows[1:] {
				ids = append(ids, r[0])
			}
			slices.Sort(ids)
			if got := strings.Join(ids, ","); got != l {
				t.Errorf("bbox %s: %s downloads %s, the table lists %s", bbox, href, got, l)
			}
		}
		p.ready(srv.URL + "/")
	})

	t.Run("without JavaScript", func(t *testing.T) {
		tctx, cancel := chromedp.NewContext(ctx)
		defer cancel()
		p := tab{t, tctx}
		p.do("scripts off", chromedp.EmulateViewport(1366, 900))
		if _, err := chromedp.Call(tctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		p.do("open", chromedp.Navigate(srv.URL+"/?lang=en"))
		p.do("footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		p.do("submit", chromedp.Click(chromedp.CSS(`#filters button[type=submit]`)))
		p.waitPlain("the filtered page", `location.search === '?category=footwear&lang=en' && document.getElementById('heading').textContent === '2 hubs'`)
		if n := p.eval(markersJS); n != "jinjiang,wenzhou" {
			t.Errorf("markers %s", n)
		}
		p.do("legend link", chromedp.Click(chromedp.CSS(`#legend [data-industry="transport"]`)))
		// (Footwear is not transport's: it goes, as with the script.)
		p.waitPlain("the legend's filter", `location.search === '?industry=transport&lang=en'`)
	})

	t.Run("province click zooms", func(t *testing.T) {
		p := tab{t, ctx}
		x, y := p.pointIn("CN-FJ")
		p.do("click Fujian", chromedp.MouseClickXY(x, y))
		p.waitFor("the Fujian view", `location.search === '?focus=CN-FJ' && document.getElementById('heading').textContent === '3 hubs in Fujian'`)
		p.do("back", chromedp.NavigateBack())
		p.waitFor("all of China", `location.search === '' && document.querySelectorAll('#map [data-hub]').length === 26`)
	})

	t.Run("fullscreen", func(t *testing.T) {
		p := tab{t, ctx}
		w0 := p.num(`document.getElementById('map').clientWidth`)
		p.do("fullscreen", chromedp.Click(chromedp.CSS(`#fullscreen`)))
		p.waitFor("a bigger map", fmt.Sprintf(`document.getElementById('map').clientWidth > %v && document.getElementById('fullscreen').getAttribute('aria-pressed') === 'true'`, w0+100))
		p.waitFor("a map drawn for it", `Math.abs(+document.querySelector('#map svg').getAttribute('width') - document.getElementById('map').clientWidth) < 60`)
		p.do("back", chromedp.Click(chromedp.CSS(`#fullscreen`)))
		p.waitFor("the page again", fmt.Sprintf(`document.getElementById('map').clientWidth < %v`, w0+20))
	})

	t.Run("downloads and exports", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/?category=toys")
		fetch := func(menu, id, ext string) []byte {
			t.Helper()
			p.eval(`document.getElementById('` + menu + `').open = true; ''`)
			p.do("click "+id, chromedp.Click(chromedp.CSS("#"+id)))
			var b []byte
			for range 100 {
				entries, _ := os.ReadDir(downloads)
				for _, e := range entries {
					if strings.HasSuffix(e.Name(), ext) {
						if b, _ = os.ReadFile(filepath.Join(downloads, e.Name())); len(b) > 0 {
							os.Remove(filepath.Join(downloads, e.Name()))
							return b
						}
					}
				}
				time.Sleep(100 * time.Millisecond)
			}
			t.Fatalf("no %s downloaded", ext)
			return nil
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(fetch("m-download", "dl-csv", ".csv"), []byte("\xef\xbb\xbf")))).ReadAll()
		if err != nil || len(rows) != 3 || strings.Join(rows[0][:3], ",") != "id,name,name_zh" {
			t.Errorf("CSV: %v %q", err, rows)
		}
		f, err := excelize.OpenReader(bytes.NewReader(fetch("m-download", "dl-xlsx", ".xlsx")))
		if err != nil {
			t.Fatalf("XLSX: %v", err)
		}
		if xr, _ := f.GetRows("Hubs"); len(xr) != 3 || xr[0][0] != "id" {
			t.Errorf("XLSX rows %q", xr)
		}
		var fc struct {
			Type     string
			Features []struct{ Properties struct{ ID string } }
		}
		if err := json.Unmarshal(fetch("m-download", "dl-geojson", ".geojson"), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
			t.Errorf("GeoJSON: %v %+v", err, fc)
		}
		svg := fetch("m-export", "export", ".svg")
		if !bytes.Contains(svg, []byte(`data-hub="dongguan"`)) || bytes.Contains(svg, []byte(`data-hub="quanzhou"`)) {
			t.Error("the SVG export is not the view")
		}
		for _, c := range []struct{ id, ext, magic string }{{"export-png", ".png", "\x89PNG"}, {"export-pdf", ".pdf", "%PDF"}} {
			href := p.eval(`document.getElementById('` + c.id + `').href`)
			res, err := http.Get(href)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode == http.StatusNotFound {
				t.Logf("%s: the server has no %s export yet", href, c.ext)
				continue
			}
			b := fetch("m-export", c.id, c.ext)
			if !bytes.HasPrefix(b, []byte(c.magic)) {
				t.Errorf("%s export starts %q", c.ext, b[:min(8, len(b))])
			}
		}
		// The view on a page: an A4 landscape PDF of the same filter (the
		// menu had offered the screen's size alone, a 900×662 pt PDF).
		if href := p.eval(`document.getElementById('export-a4-landscape').href`); !strings.Contains(href, "category=toys") || !strings.Contains(href, "page=a4-landscape") || strings.Contains(href, "width=") {
			t.Errorf("A4 export %s", href)
		}
		a4 := fetch("m-export", "export-a4-landscape", ".pdf")
		if m := regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)`).FindSubmatch(a4); m == nil || !strings.HasPrefix(string(m[1]), "841.") || !strings.HasPrefix(string(m[2]), "595.") {
			t.Errorf("the A4 landscape export's page: %q", m)
		}
		if href := p.eval(`document.getElementById('export-slide').href`); !strings.Contains(href, "page=slide") || !strings.Contains(href, "dpi=144") {
			t.Errorf("slide export %s", href)
		}
	})

	t.Run("Chinese", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/?category=toys")
		p.do("中文", chromedp.Click(chromedp.CSS(`.langs a[data-lang="zh"]`)))
		p.waitFor("the Chinese interface", `document.documentElement.lang === 'zh-Hans' && document.getElementById('heading').textContent === '2 个制造业中心' && document.querySelector('#map svg').getAttribute('aria-label').includes('中国')`)
		for sel, want := range map[string]string{
			`label[for=q]`:                            "搜索产品",
			`#m-download summary`:                     "下载数据",
			`.chip[data-category="toys"] .name`:       "玩具",
			`#hubrows tr[data-row="dongguan"] button`: "东莞 Dongguan",
			`#table-h`: "视图中的制造业中心",
			`fieldset[data-industry="consumer-goods"] .name`: "消费品",
			`#legend [data-industry="consumer-goods"] .name`: "消费品",
			`footer`: "制造业中心: 中国主要制造业地区",
			// The products in Chinese too, as the details list them.
			`#hubrows tr[data-row="shantou"] td:nth-child(4)`: "塑料玩具",
		} {
			if got := p.eval(`document.querySelector('` + sel + `').textContent.trim()`); !strings.HasPrefix(got, want) {
				t.Errorf("%s: %q, want %q", sel, got, want)
			}
		}
		if got := p.eval(`document.querySelector('#hubrows tr[data-row="dongguan"] button span').lang`); got != "en" {
			t.Errorf("the English name is marked lang=%q", got)
		}
		// The provinces by pinyin once the page speaks Chinese (the server
		// had listed them alphabetically in English).
		if got := p.eval(`[...document.getElementById('province').options].slice(0, 4).map(o => o.value).join(',')`); got != ",CN-AH,CN-MO,CN-BJ" {
			t.Errorf("the provinces in Chinese begin %s", got)
		}
		p.shot(filepath.Join(out, "chinese.png"))
		// Labels in both languages keep the Chinese interface, and so
		// does coming Back to them from English: it had come back in
		// English.
		p.do("EN + 中文", chromedp.Click(chromedp.CSS(`.langs a[data-lang="both"]`)))
		p.waitFor("both, the interface in Chinese", `location.search.includes('lang=both') && document.documentElement.lang === 'zh-Hans' && `+mapInPlace)
		p.do("EN", chromedp.Click(chromedp.CSS(`.langs a[data-lang="en"]`)))
		p.waitFor("English", `document.documentElement.lang === 'en' && location.search.includes('lang=en') && `+mapInPlace)
		p.do("back", chromedp.NavigateBack())
		p.waitFor("both again, the interface in Chinese", `location.search.includes('lang=both') && document.documentElement.lang === 'zh-Hans'`)
		p.do("back", chromedp.NavigateBack())
		p.do("back", chromedp.NavigateBack())
		p.waitFor("English again", `document.documentElement.lang === 'en' && document.getElementById('heading').textContent === '2 hubs'`)
		// A first visit from a Chinese browser.
		if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}}); err != nil {
			t.Fatal(err)
		}
		p.ready(srv.URL + "/")
		if got := p.eval(`document.documentElement.lang + ' ' + document.querySelector('label[for=q]').textContent + ' ' + location.search`); got != "zh-Hans 搜索产品 ?lang=zh" {
			t.Errorf("first visit with Accept-Language zh: %q", got)
		}
		if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{}}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("preview your own file", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/")
		drop := func(name, content string) {
			p.eval(fmt.Sprintf(`(() => {
				const dt = new DataTransfer();
				dt.items.add(new File([%q], %q, {type: 'text/csv'}));
				document.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true}));
				document.getElementById('map').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
				return '';
			})()`, content, name))
		}
		drop("bad.csv", "name,lat,lon,products,categories\nAcme,abc,113.75,Dolls,toys\n")
		p.waitFor("the problems", `document.getElementById('problems').open`)
		if got := p.eval(`document.getElementById('problems').textContent`); !strings.Contains(got, `bad.csv:2: row 1: lat: "abc" is not a number`) {
			t.Errorf("problems %q", got)
		}
		if n := p.eval(`String(document.querySelectorAll('#map [data-hub]').length)`); n != "26" {
			t.Errorf("a bad file changed the map: %s markers", n)
		}
		if p.eval(`String(document.getElementById('problems-leave-out').hidden)`) != "true" {
			t.Error("a file of one bad row offers to leave it out")
		}
		p.do("close", chromedp.Click(chromedp.CSS(`#problems button`)))
		// One bad row of three: the refusal offers the other two, and
		// they load with a note naming the row left out.
		drop("some-bad.csv", "name,lat,lon,products,categories\nAcme Dolls,23.02,113.75,Dolls,toys\nAcme Rings,abc,113.75,Rings,toys\nAcme Socks,30.3,120.2,Socks,textiles-apparel\n")
		p.waitFor("the offer", `document.getElementById('problems').open && !document.getElementById('problems-leave-out').hidden`)
		if got := p.eval(`document.getElementById('problems-leave-out').textContent`); got != "Show the other 2, leaving out the 1 with problems" {
			t.Errorf("offer %q", got)
		}
		p.shot(filepath.Join(out, "leave-out.png"))
		p.do("leave it out", chromedp.Click(chromedp.CSS(`#problems-leave-out`)))
		p.waitFor("the other two", markers("acme-dolls,acme-socks")+` && location.search.startsWith('?preview=') && !!document.querySelector('#preview-banner details')`)
		if got := p.eval(`document.querySelector('#preview-banner details').textContent`); !strings.Contains(got, "left out: 1 of 3 rows, for the problems below; 2 hubs loaded") ||
			!strings.Contains(got, `some-bad.csv:3: row 2: lat: left out: "abc" is not a number`) {
			t.Errorf("notes %q", got)
		}
		if p.eval(`String(document.getElementById('problems').open)`) != "false" {
			t.Error("the problems stay open over the preview")
		}
		p.ready(srv.URL + "/")
		drop("mine.csv", "name,lat,lon,products,categories\nAcme Dolls,23.02,113.75,Dolls,toys\nAcme Socks,30.3,120.2,Socks,textiles-apparel\n")
		p.waitFor("the preview", markers("acme-dolls,acme-socks")+` && location.search.startsWith('?preview=')`)
		if got := p.eval(`document.getElementById('preview-banner').textContent`); got != "Previewing mine.csv — back to the data served" {
			t.Errorf("banner %q", got)
		}
		if got := p.eval(`document.getElementById('dl-csv').getAttribute('href')`); !strings.HasPrefix(got, "/download.csv?preview=") {
			t.Errorf("downloads ignore the preview: %s", got)
		}
		if got := p.eval(`[...document.querySelectorAll('#hubrows tr[data-row]')].map(r => r.dataset.row).join()`); got != "acme-socks,acme-dolls" && got != "acme-dolls,acme-socks" {
			t.Errorf("table of the preview: %s", got)
		}
		p.do("toys of the preview", chromedp.Click(chromedp.CSS(`label.chip[data-category="toys"]`)))
		p.waitFor("its toys", markers("acme-dolls")+` && location.search.includes('preview=')`)
		p.shot(filepath.Join(out, "preview.png"))
		p.do("back to the data", chromedp.Click(chromedp.CSS(`#preview-back`)))
		p.waitFor("the data served", markers("dongguan,shantou")+` && !document.getElementById('preview-banner')`)
		// A supplier list that says so: the interface's words follow it
		// and come back with the data served.
		drop("suppliers.yaml", "noun: suppliers\nnoun_zh: 供应商\nhubs:\n"+
			"  - {id: acme-dolls, name: Acme Dolls, lat: 23.02, lon: 113.75, specialties: [{product: Dolls, category: toys}]}\n"+
			"  - {id: acme-socks, name: Acme Socks, lat: 30.3, lon: 120.2, specialties: [{product: Socks, category: textiles-apparel}]}\n")
		p.waitFor("the suppliers", markers("acme-dolls,acme-socks")+` && location.search.startsWith('?preview=')`)
		tableHead := `document.getElementById('table-h').textContent.replace(/\s+/g, ' ').trim()`
		if got := p.eval(tableHead); got != "Suppliers in view 2 suppliers" {
			t.Errorf("table heading of a supplier list: %q", got)
		}
		p.do("Chinese", chromedp.Click(chromedp.CSS(`.langs a[data-lang="zh"]`)))
		p.waitFor("the suppliers in Chinese", tableHead+` === '视图中的供应商 2 个供应商'`)
		p.do("back to the data", chromedp.Click(chromedp.CSS(`#preview-back`)))
		p.waitFor("the data served, in Chinese", `!document.getElementById('preview-banner') && `+tableHead+` === '视图中的制造业中心 26 个制造业中心'`)
		// Choosing the file works as dropping it.
		path := filepath.Join(t.TempDir(), "chosen.csv")
		os.WriteFile(path, []byte("name,lat,lon,products,categories\nAcme Chosen,23.02,113.75,Dolls,toys\n"), 0o644)
		p.do("choose", chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{path}))
		p.waitFor("the chosen file", markers("acme-chosen"))
		// A supplier at the shore, off the boundary file's land: placed
		// in Guangdong, and the banner says so (it had been refused).
		// The page is in Chinese since the supplier list above.
		drop("shore.csv", "name,lat,lon,products,categories\nShekou Works,22.487,113.915,Dolls,toys\nAcme Socks,30.3,120.2,Socks,textiles-apparel\n")
		p.waitFor("the supplier at the shore", markers("acme-socks,shekou-works")+` && !!document.querySelector('#preview-banner details')`)
		notes := `document.querySelector('#preview-banner details').textContent`
		if got := p.eval(notes); !strings.Contains(got, "读取文件的说明：1 条") || !strings.Contains(got, "placed in CN-GD (Guangdong)") {
			t.Errorf("notes %q", got)
		}
		p.do("toys of the shore", chromedp.Click(chromedp.CSS(`label.chip[data-category="toys"]`)))
		p.waitFor("its toys, the notes kept", markers("shekou-works")+` && !!document.querySelector('#preview-banner details')`)
		// A list with its categories file, both chosen at once: the
		// examples' lists, whose categories the data served does not
		// know, had been refused.
		p.ready(srv.URL + "/")
		cats, _ := filepath.Abs("../examples/categories.yaml")
		list, _ := filepath.Abs("../examples/suppliers.csv")
		p.do("choose two", chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{cats, list}))
		p.waitFor("the example's suppliers", `location.search.startsWith('?preview=') && document.querySelectorAll('#map [data-hub]').length > 10 && !!document.querySelector('label.chip[data-category="small-appliances"]')`)
		// A circle of several suppliers: its count, drawn in a group of
		// its own, names it on hover and zooms in on a click, as its
		// circle does (the click had thrown: the group has no circle).
		count := `[...document.querySelectorAll('#map g[data-hub^="cluster-"]')].find(g => !g.querySelector('circle') && g.querySelector('text'))`
		p.waitFor("a circle's count", "!!"+count)
		id := p.eval(count + `.dataset.hub`)
		p.eval(count + `.querySelector('text').dispatchEvent(new MouseEvent('pointerover', {bubbles: true})), ''`)
		if got := p.eval(`document.getElementById('tooltip').hidden ? '' : document.getElementById('tooltip').textContent`); !strings.HasSuffix(got, "Click to zoom in") {
			t.Errorf("tip of %s: %q", id, got)
		}
		p.eval(count + `.querySelector('text').dispatchEvent(new MouseEvent('click', {bubbles: true})), ''`)
		p.waitFor("zoomed in on "+id, `location.search.includes('bbox=')`)
		p.ready(srv.URL + "/")
	})

	t.Run("axe desktop", func(t *testing.T) {
		axe := axeSource(t)
		p := tab{t, ctx}
		for _, u := range []string{"/", "/?lang=zh&category=toys", "/?q=shoooes"} {
			p.ready(srv.URL + u)
			runAxe(t, p, axe, u+" at 1366×900")
		}
		p.ready(srv.URL + "/")
		p.do("open share", chromedp.Click(chromedp.CSS(`#m-share summary`)))
		runAxe(t, p, axe, "/ with the share menu open")
		p.do("close share", chromedp.Click(chromedp.CSS(`#m-share summary`)))
		// Esc closes an open menu, the focus back on its button.
		for _, m := range []string{"#m-share", "#m-upload"} {
			p.do("open "+m, chromedp.Click(chromedp.CSS(m+` summary`)))
			p.waitFor(m+" open", `document.querySelector('`+m+`').open`)
			p.do("escape", chromedp.KeyEvent(kb.Escape))
			p.waitFor(m+" closed by Esc", `!document.querySelector('`+m+`').open && document.activeElement === document.querySelector('`+m+` summary')`)
		}
	})

	t.Run("README screenshot desktop", func(t *testing.T) {
		p := tab{t, ctx}
		p.ready(srv.URL + "/?industry=consumer-goods")
		x, y := p.centre(`#map [data-hub="yiwu"] circle`)
		p.do("hover", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
		p.waitFor("tooltip", `!document.getElementById('tooltip').hidden`)
		paths := []string{filepath.Join(out, "dashboard-desktop-readme.png")}
		if docs {
			paths = append(paths, filepath.Join("..", "docs", "dashboard-desktop.png"))
		}
		p.shot(paths...)
		p.do("move away", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 5, 5))
	})

	t.Run("phone", func(t *testing.T) {
		p := tab{t, ctx}
		p.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
		p.ready(srv.URL + "/")
		p.waitFor("the phone-sized map", `Math.abs(+document.querySelector('#map svg').getAttribute('width') - document.getElementById('map').clientWidth) <= 10`)
		if got := p.num(`document.documentElement.scrollWidth`); got > 390 {
			t.Errorf("page is %.0f px wide on a 390 px screen", got)
		}
		// Every menu's button in sight, in both languages and on a
		// narrower phone: "Your data" had run off the screen, its row
		// scrolled.
		for _, w := range []int64{360, 390} {
			p.do("width", chromedp.EmulateViewport(w, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
			for _, lang := range []string{"en", "zh"} {
				p.ready(srv.URL + "/?lang=" + lang)
				if cut := p.eval(`[...document.querySelectorAll('.actions summary')].filter(s => { const r = s.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth || r.width === 0; }).map(s => s.textContent).join(', ')`); cut != "" {
					t.Errorf("%d px, %s: menu buttons cut at the screen's edge: %s", w, lang, cut)
				}
			}
		}
		p.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch))
		p.ready(srv.URL + "/")
		p.waitFor("the phone-sized map again", `Math.abs(+document.querySelector('#map svg').getAttribute('width') - document.getElementById('map').clientWidth) <= 10`)
		if w := p.num(`document.getElementById('map').getBoundingClientRect().width`); w < 380 {
			t.Errorf("the map is %.0f px wide on a 390 px screen", w)
		}
		if got := p.eval(`getComputedStyle(document.getElementById('filters')).position`); got != "fixed" {
			t.Errorf("filters are %s, not a bottom sheet", got)
		}
		shots := []string{filepath.Join(out, "dashboard-phone.png")}
		if docs {
			shots = append(shots, filepath.Join("..", "docs", "dashboard-phone.png"))
		}
		p.shot(shots...)

		// Tap a chip: the map stays in view above the sheet.
		p.do("open the sheet", chromedp.Click(chromedp.CSS(`#sheet-toggle`)))
		p.waitFor("the sheet", `document.getElementById('filters').classList.contains('open')`)
		y0 := p.num(`scrollY`)
		x, y := p.centre(`label.chip[data-category="footwear"]`)
		if y > 844 || y < 0 {
			p.eval(`document.querySelector('label.chip[data-category="footwear"]').scrollIntoView({block: 'center'}); ''`)
			x, y = p.centre(`label.chip[data-category="footwear"]`)
		}
		p.do("tap footwear", chromedp.TapXY(x, y))
		p.waitFor("footwear", markers("jinjiang,wenzhou"))
		visible := p.num(`(() => { const m = document.getElementById('map').getBoundingClientRect(), s = document.getElementById('filters').getBoundingClientRect(); return Math.min(m.bottom, s.top) - Math.max(m.top, 0); })()`)
		t.Logf("after tapping a chip, %.0f px of the map show above the sheet", visible)
		if visible < 200 || p.num(`scrollY`) != y0 {
			t.Errorf("after a chip tap %.0f px of the map show, scroll %.0f (was %.0f)", visible, p.num(`scrollY`), y0)
		}
		if p.eval(`String([...document.querySelectorAll('#map [data-hub] .hit')].some(c => c.getBoundingClientRect().bottom < document.getElementById('filters').getBoundingClientRect().top))`) != "true" {
			t.Error("no footwear marker shows above the sheet")
		}
		p.shot(filepath.Join(out, "phone-sheet.png"))
		p.do("close the sheet", chromedp.Click(chromedp.CSS(`#sheet-toggle`)))

		// Tap a marker: details as a sheet, no scroll jump.
		p.eval(`window.scrollTo(0, 40); ''`)
		y0 = p.num(`scrollY`)
		x, y = p.centre(`#map [data-hub="wenzhou"] circle`)
		p.do("tap Wenzhou", chromedp.TapXY(x, y))
		p.waitFor("the details sheet", `!document.getElementById('detail').hidden`)
		if got := p.num(`scrollY`); got != y0 {
			t.Errorf("details scrolled the page from %.0f to %.0f", y0, got)
		}
		if got := p.num(`Math.round(document.getElementById('detail').getBoundingClientRect().bottom)`); got != 844 {
			t.Errorf("details end at %.0f, not at the bottom of the screen", got)
		}
		p.shot(filepath.Join(out, "phone-details.png"))
		p.do("close", chromedp.Click(chromedp.CSS(`#detail-close`)))

		// Pinch to zoom.
		p.ready(srv.URL + "/")
		cx, cy := p.centre(`#map`)
		touch := func(typ input.DispatchTouchEventType, pts ...[2]float64) {
			var tp []*input.TouchPoint
			for i, q := range pts {
				id := float64(i)
				tp = append(tp, &input.TouchPoint{X: q[0], Y: q[1], ID: &id})
			}
			if _, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: tp}); err != nil {
				t.Fatal(err)
			}
		}
		touch(input.DispatchTouchEventTypeTouchStart, [2]float64{cx - 30, cy}, [2]float64{cx + 30, cy})
		for d := 40.0; d <= 120; d += 20 {
			touch(input.DispatchTouchEventTypeTouchMove, [2]float64{cx - d, cy}, [2]float64{cx + d, cy})
			time.Sleep(20 * time.Millisecond)
		}
		touch(input.DispatchTouchEventTypeTouchEnd)
		p.waitFor("the pinched window", `location.search.startsWith('?bbox=')`)
		if p.num(`scrollY`) != 0 {
			t.Error("the pinch scrolled the page")
		}
		p.ready(srv.URL + "/")

		// Touch targets: at least 24 CSS px, markers' hit areas included.
		small := p.eval(`[...document.querySelectorAll('a, button, summary, label.chip, #map [data-hub][tabindex="0"]')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 24 || r.height < 24); }).map(e => e.id || e.className.baseVal || e.className || e.tagName).slice(0, 10).join(' | ')`)
		if small != "" {
			t.Errorf("targets smaller than 24 px: %s", small)
		}
		if axe := axeSource(t); axe != "" {
			runAxe(t, p, axe, "/ at 390×844")
		}
		p.do("desktop", chromedp.EmulateViewport(1366, 900))
	})

	t.Run("embed framing", func(t *testing.T) {
		for _, c := range []struct {
			host  *httptest.Server
			loads bool
		}{{allowed, true}, {refused, false}} {
			tctx, cancel := chromedp.NewContext(ctx) // a tab of its own: a refused frame logs an error there
			if err := chromedp.Do(tctx, chromedp.Navigate(c.host.URL)); err != nil {
				t.Fatal(err)
			}
			var frame string
			for range 50 {
				tree, err := chromedp.Call(tctx, page.GetFrameTree, cdp.Empty{})
				if err != nil {
					t.Fatal(err)
				}
				if len(tree.FrameTree.ChildFrames) > 0 {
					f := tree.FrameTree.ChildFrames[0].Frame
					frame = f.URL
					if f.UnreachableURL != "" {
						frame = "unreachable: " + f.URL
					}
					if frame != "about:blank" && frame != "" {
						break
					}
				}
				time.Sleep(100 * time.Millisecond)
			}
			got := strings.HasPrefix(frame, srv.URL+"/embed")
			if got != c.loads {
				t.Errorf("framed by %s: frame %q; want loaded %v", c.host.URL, frame, c.loads)
			}
			cancel()
		}
	})

	stopConsole()
	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Error("no requests seen")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Scheme != "blob" && u.Hostname() != "127.0.0.1") {
			t.Errorf("request left 127.0.0.1: %s", r)
		}
	}
	for _, m := range consoleErrors {
		if strings.Contains(m, "status of 422") {
			continue // the bad file of the preview test
		}
		t.Errorf("console: %s", m)
	}
}

// axeSource returns axe-core's script: from $AXE_CORE_JS, or installed
// with npm (npm install axe-core@4) into a directory kept between runs.
// Without npm the audit is skipped locally and fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		path := os.Getenv("AXE_CORE_JS")
		if path == "" {
			dir := filepath.Join(os.TempDir(), "hubatlas-axe-core-4")
			path = filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
			if _, err := os.Stat(path); err != nil {
				if out, err := npmInstall(dir); err != nil {
					axeErr = fmt.Errorf("npm install axe-core@4: %v: %s", err, out)
					return
				}
			}
		}
		b, err := os.ReadFile(path)
		axeJS, axeErr = string(b), err
	})
	if axeErr != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(axeErr)
		}
		t.Skip(axeErr)
	}
	return axeJS
}

// npmInstall installs axe-core 4 into dir with npm.
func npmInstall(dir string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix", dir, "axe-core@4")
	return cmd.CombinedOutput()
}

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

// axeImpactsFailing are the impacts a violation may not have.
var axeImpactsFailing = []string{"serious", "critical"}

// runAxe audits the page with axe-core's WCAG 2.x A/AA and best-practice
// rules and fails on serious or critical violations.
func runAxe(t *testing.T, p tab, src, what string) {
	t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Evaluate[any](src+"\n;0")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	res, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\n').slice(0, 2).join(' '))}))))`,
		chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var vs []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID+" ("+v.Impact+")")
		if slices.Contains(axeImpactsFailing, v.Impact) {
			t.Errorf("axe, %s: %s %s: %s; %v", what, v.Impact, v.ID, v.Help, v.Nodes)
		}
	}
	t.Logf("axe, %s: %d violations %v", what, len(vs), ids)
}
