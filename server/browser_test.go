package server_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/hubatlas/hubatlas/internal/chrometest"
	"github.com/hubatlas/hubatlas/server"
)

// TestDashboard drives the page in headless Chromium as a user would:
// filter by a chip, search, hover, open details by keyboard, zoom into a
// province, go Back, export, and use a phone-sized screen. No request may
// leave 127.0.0.1 and the console must stay free of errors. Screenshots
// land in testdata/out/.
func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	ctx := chrometest.New(t, 4*time.Minute)
	srv := httptest.NewServer(newServer(t, server.Options{}).Handler())
	defer srv.Close()
	out := filepath.Join("testdata", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}

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

	do := func(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(t *testing.T, expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// waitFor polls a JavaScript condition, for up to 10 s.
	waitFor := func(t *testing.T, what, cond string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("waiting for %s (%s): %v; markers %s, status %q", what, cond, err, eval(t, markersJS), eval(t, `document.getElementById('status').textContent`))
		}
	}
	shot := func(t *testing.T, name string) {
		t.Helper()
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(out, name+".png"), b, 0o644)
	}
	markers := func(want string) string {
		return fmt.Sprintf(`%s === %q`, markersJS, want)
	}

	do(t, "open the page", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(srv.URL+"/"))
	waitFor(t, "the script", `document.documentElement.dataset.ready === 'true'`)
	if n := eval(t, `String(document.querySelectorAll('#map [data-hub]').length)`); n != "26" {
		t.Fatalf("%s markers on the first map, want 26", n)
	}
	shot(t, "dashboard")

	t.Run("footwear chip", func(t *testing.T) {
		do(t, "click footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		waitFor(t, "Jinjiang and Wenzhou only", markers("jinjiang,wenzhou"))
		if got := eval(t, `location.search`); got != "?category=footwear&lang=en" {
			t.Errorf("URL query %q", got)
		}
		if got := eval(t, `document.getElementById('count').textContent`); got != "2 hubs" {
			t.Errorf("list heading %q", got)
		}
		if got := eval(t, `document.querySelector('[data-count="toys"]').textContent`); got != "2" {
			t.Errorf("toys chip count %q", got)
		}
		do(t, "unclick footwear", chromedp.Click(chromedp.CSS(`label.chip[data-category="footwear"]`)))
		waitFor(t, "all hubs again", `document.querySelectorAll('#map [data-hub]').length === 26`)
	})

	t.Run("search backpack", func(t *testing.T) {
		do(t, "type", chromedp.SendKeys(chromedp.CSS("#q"), "backpack"))
		waitFor(t, "Quanzhou", markers("quanzhou"))
		shot(t, "search-backpack")
	})

	t.Run("hover tooltip", func(t *testing.T) {
		x, y := centre(t, ctx, `#map [data-hub="quanzhou"] circle`)
		do(t, "hover", chromedp.MouseEvent(chromedp.MouseMoved, x, y))
		waitFor(t, "the tooltip", `!document.getElementById('tooltip').hidden`)
		tip := eval(t, `document.getElementById('tooltip').textContent`)
		for _, want := range []string{"Quanzhou", "泉州", "Fujian", "Backpacks"} {
			if !strings.Contains(tip, want) {
				t.Errorf("tooltip %q lacks %s", tip, want)
			}
		}
		shot(t, "tooltip")
		do(t, "move away", chromedp.MouseEvent(chromedp.MouseMoved, 5, 5))
	})

	t.Run("keyboard details", func(t *testing.T) {
		if got := eval(t, `String([...document.querySelectorAll('#map [data-hub]')].every(g => g.tabIndex === 0))`); got != "true" {
			t.Error("not every hub is reachable with Tab")
		}
		do(t, "focus the search box", chromedp.Focus(chromedp.CSS("#q")))
		// Tab from the search box until a marker has the focus.
		for range 80 {
			if eval(t, `document.activeElement.closest('#map [data-hub]') ? 'yes' : ''`) != "" {
				break
			}
			do(t, "tab", chromedp.KeyEvent(kb.Tab))
		}
		if eval(t, `document.activeElement.dataset.hub || ''`) != "quanzhou" {
			t.Fatalf("Tab never reached the marker; focus on %s", eval(t, `document.activeElement.outerHTML.slice(0, 80)`))
		}
		do(t, "enter", chromedp.KeyEvent(kb.Enter))
		waitFor(t, "the detail panel", `!document.getElementById('detail').hidden`)
		if got := eval(t, `document.getElementById('detail').textContent`); !strings.Contains(got, "Travel Bags") {
			t.Errorf("details %q", got)
		}
		shot(t, "details")
		do(t, "escape", chromedp.KeyEvent(kb.Escape))
		waitFor(t, "the panel to close", `document.getElementById('detail').hidden`)
		eval(t, `document.getElementById('q').value = ''; document.getElementById('filters').requestSubmit(); ''`)
		waitFor(t, "all hubs again", `document.querySelectorAll('#map [data-hub]').length === 26`)
	})

	t.Run("zoom into Fujian and back", func(t *testing.T) {
		x, y := pointIn(t, ctx, "CN-FJ")
		do(t, "click Fujian", chromedp.MouseClickXY(x, y))
		waitFor(t, "the Fujian map", `location.search.includes('province=CN-FJ') && document.querySelector('#map svg title').textContent.includes('Fujian')`)
		if eval(t, `String(document.getElementById('china').hidden)`) != "false" {
			t.Error("no way back to all of China")
		}
		if got := eval(t, `document.getElementById('count').textContent`); got != "3 hubs in Fujian" {
			t.Errorf("list heading %q", got)
		}
		shot(t, "fujian")
		do(t, "back", chromedp.NavigateBack())
		waitFor(t, "all of China", `!location.search.includes('province') && !document.querySelector('#map svg title').textContent.includes('Fujian') && document.querySelectorAll('#map [data-hub]').length === 26`)
	})

	t.Run("language and back", func(t *testing.T) {
		// From a URL that names no language, as a shared link often does.
		do(t, "open", chromedp.Navigate(srv.URL+"/"))
		waitFor(t, "the script", `document.documentElement.dataset.ready === 'true'`)
		do(t, "中文", chromedp.Click(chromedp.CSS(`input[name=lang][value=zh]`)))
		waitFor(t, "Chinese labels", `document.querySelector('#map svg title').textContent.includes('中国') && document.querySelector('#map [data-hub="quanzhou"] text').textContent === '泉州'`)
		do(t, "back", chromedp.NavigateBack())
		waitFor(t, "English again", `location.search === '' && document.querySelector('input[name=lang][value=en]').checked && document.querySelector('#map [data-hub="quanzhou"] text').textContent === 'Quanzhou'`)
	})

	t.Run("export", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		}); err != nil {
			t.Fatal(err)
		}
		do(t, "pick toys", chromedp.Click(chromedp.CSS(`label.chip[data-category="toys"]`)))
		waitFor(t, "toys", markers("dongguan,shantou"))
		href := eval(t, `document.getElementById('export').getAttribute('href')`)
		if u, _ := url.Parse(href); u.Path != "/export.svg" || u.Query().Get("category") != "toys" {
			t.Errorf("export link %q does not carry the view", href)
		}
		do(t, "export", chromedp.Click(chromedp.CSS("#export")))
		path := filepath.Join(dir, "hubatlas-toys-china.svg")
		var b []byte
		for range 100 {
			if b, _ = os.ReadFile(path); len(b) > 0 && bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")) {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if len(b) == 0 {
			entries, _ := os.ReadDir(dir)
			t.Fatalf("no %s downloaded (dir has %v)", path, entries)
		}
		if err := xml.Unmarshal(b, new(struct{})); err != nil {
			t.Fatalf("download is not XML: %v", err)
		}
		for _, want := range []string{`data-hub="dongguan"`, `data-hub="shantou"`, `data-province="CN-MO"`, "<title>"} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("export lacks %s", want)
			}
		}
		if bytes.Contains(b, []byte(`data-hub="quanzhou"`)) {
			t.Error("export shows more than the current view")
		}
	})

	t.Run("phone", func(t *testing.T) {
		do(t, "phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile), chromedp.Navigate(srv.URL+"/?category=footwear"))
		waitFor(t, "the script", `document.documentElement.dataset.ready === 'true'`)
		waitFor(t, "the phone-sized map", `document.querySelector('#map svg').getAttribute('width') === '560'`)
		if got := eval(t, `String(document.documentElement.scrollWidth <= 375)`); got != "true" {
			t.Errorf("page is %s px wide on a 375 px screen", eval(t, `String(document.documentElement.scrollWidth)`))
		}
		shot(t, "phone")
	})

	stopConsole()
	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Error("no requests seen")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Hostname() != "127.0.0.1") {
			t.Errorf("request left 127.0.0.1: %s", r)
		}
	}
	for _, m := range consoleErrors {
		t.Errorf("console: %s", m)
	}
}

const markersJS = `[...document.querySelectorAll('#map [data-hub]')].map(g => g.dataset.hub).sort().join(',')`

// centre returns the viewport position of the centre of the element.
func centre(t *testing.T, ctx context.Context, sel string) (float64, float64) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(
		`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`, sel)))
	if err != nil || len(v) != 2 {
		t.Fatalf("centre of %s: %v", sel, err)
	}
	return v[0], v[1]
}

// pointIn finds a point of the province's fill that no marker or label
// covers, in viewport coordinates.
func pointIn(t *testing.T, ctx context.Context, code string) (float64, float64) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](fmt.Sprintf(`(() => {
		const p = document.querySelector('#map [data-province=%q]');
		const r = p.getBoundingClientRect();
		for (let fy = 0.3; fy < 0.8; fy += 0.05) for (let fx = 0.3; fx < 0.8; fx += 0.05) {
			const x = r.x + r.width * fx, y = r.y + r.height * fy;
			if (document.elementFromPoint(x, y) === p) return [x, y];
		}
		return [];
	})()`, code)))
	if err != nil || len(v) != 2 {
		t.Fatalf("no free point in %s: %v", code, err)
	}
	return v[0], v[1]
}
