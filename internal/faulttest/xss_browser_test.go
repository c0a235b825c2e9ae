package faulttest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/hubatlas/hubatlas/internal/chrometest"
)

// watchJS runs in every document before its own scripts (DevTools puts
// it there, past the CSP): it records the CSP's refusals, which are what
// an injected script or handler that the CSP stopped leaves behind.
const watchJS = `window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')), true);`

// exerciseJS drives what the page's script does with data: a tooltip and
// the details of every hub on the map, every row of the table, a tooltip
// of every province, and a search and a table filter typed with a payload.
// It returns how many hubs it opened and whether the details showed the
// data (the text of the last hub opened).
const exerciseJS = `(async () => {
	const wait = (ms) => new Promise((r) => setTimeout(r, ms));
	let opened = 0, shown = '';
	for (const g of document.querySelectorAll('#map [data-hub]')) {
		g.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
		g.dispatchEvent(new MouseEvent('click', { bubbles: true }));
		opened++;
		await wait(5);
		const d = document.getElementById('detail');
		if (d && !d.hidden) shown = d.textContent;
	}
	for (const p of document.querySelectorAll('#map [data-province]')) p.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, clientX: 5, clientY: 5 }));
	for (const b of document.querySelectorAll('[data-open]')) { b.click(); await wait(5); }
	for (const [id, v] of [['tfilter', PAYLOAD], ['q', PAYLOAD]]) {
		const e = document.getElementById(id);
		if (!e) continue;
		e.value = v;
		e.dispatchEvent(new Event('input', { bubbles: true }));
		e.dispatchEvent(new Event('change', { bubbles: true }));
	}
	await wait(600);
	return JSON.stringify({ opened, shown });
})()`

// inspectJS lists what a payload would have left in the document had it
// run or been parsed as markup: window.__xss, a changed title, a script
// that is not the page's, an element that loads or runs something, an
// event attribute, a script URL; and the CSP's refusals.
const inspectJS = `(() => {
	const bad = [];
	const w = window;
	if (w.__xss !== undefined) bad.push('window.__xss = ' + w.__xss);
	if (/XSS/.test(document.title)) bad.push('document.title = ' + document.title);
	for (const e of document.querySelectorAll('*')) {
		const n = e.localName.toLowerCase();
		if (n === 'script' && e.getAttribute('src') !== '/static/app.js') bad.push('script: ' + e.outerHTML.slice(0, 120));
		if (['iframe', 'frame', 'object', 'embed', 'foreignobject', 'base', 'animate', 'set', 'image', 'img', 'use', 'math', 'style', 'meta'].includes(n) &&
			!(n === 'meta' && !e.hasAttribute('http-equiv'))) bad.push(n + ': ' + e.outerHTML.slice(0, 120));
		for (const a of e.attributes) {
			if (/^on/i.test(a.name)) bad.push('event attribute ' + a.name + ' on ' + n);
			if (/^(href|src|action|formaction|data|xlink:href|srcdoc)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value) && a.value !== 'data:,') bad.push(a.name + '=' + a.value.slice(0, 80) + ' on ' + n);
		}
	}
	return JSON.stringify({ bad, csp: w.__csp || [], title: document.title, text: (document.body || document.documentElement).textContent.length });
})()`

// TestXSSInBrowser loads the page (three languages, a reflected search,
// a preview), the embed and map.svg, with the XSS corpus as data, in
// headless Chromium, drives every tooltip, details panel, table row and
// search box, and asserts that nothing from the data ran: no dialog, no
// window.__xss, no changed title, no CSP refusal (which an injected
// script would have caused), no script, frame, event attribute or script
// URL in the document. It does so twice: with the server's CSP, as
// visitors get it, and with the CSP bypassed, so that the markup itself
// is shown to be inert rather than saved by the CSP.
func TestXSSInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("headless Chromium, about 20 s; skipped with -short")
	}
	x := xssHubs(t)
	p := startServe(t, nil, "--hubs", x.path)
	ctx := chrometest.New(t, 3*time.Minute)

	// A preview of the same file, to load as a visitor's own data.
	data, err := os.ReadFile(x.path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := newClient(1, 30*time.Second).Post(p.base+"api/preview?name=x.yaml", "application/yaml", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	var pv struct{ Token string }
	if json.Unmarshal(body, &pv) != nil || pv.Token == "" {
		t.Fatalf("preview: %d %s", res.StatusCode, body)
	}

	var mu sync.Mutex
	var dialogs, console []string
	dctx, stop := context.WithCancel(ctx)
	defer stop()
	opening := chromedp.Events(dctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range opening {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, string(ev.Type)+": "+ev.Message)
			mu.Unlock()
			chromedp.Call(dctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	messages := chromedp.Console(dctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m.String())
			mu.Unlock()
		}
	}()
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchJS}); err != nil {
		t.Fatal(err)
	}

	// First, the watch itself: a page that does run a payload must be
	// caught by every means the test has.
	control := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, `<!doctype html><title>control</title><p>control text, long enough to count as a drawn document of a hundred characters or more.</p>`+payloads[1])
	}))
	defer control.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(control.URL)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](inspectJS))
	mu.Lock()
	caught := len(dialogs)
	dialogs = nil
	mu.Unlock()
	if err != nil || !strings.Contains(out, "window.__xss = 2") || !strings.Contains(out, "event attribute onerror") || caught != 1 {
		t.Fatalf("control page with a live payload: %v %s, %d dialogs: the watch does not catch a payload that runs", err, out, caught)
	}

	payload, _ := json.Marshal(payloads[1])
	exercise := strings.Replace(exerciseJS, "PAYLOAD", string(payload), -1)
	pages := []string{"?lang=en", "?lang=zh", "?lang=both", "?lang=both&q=" + url.QueryEscape(payloads[0]),
		"?lang=both&preview=" + pv.Token, "embed?lang=both"}
	svgs := []string{"map.svg?lang=both&products=on", "map.svg?lang=zh&province=CN-GD"}
	for _, bypass := range []bool{false, true} {
		if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: bypass}); err != nil {
			t.Fatal(err)
		}
		mode := "with the CSP"
		if bypass {
			mode = "CSP bypassed"
		}
		for _, path := range append(pages, svgs...) {
			what := "/" + path + " (" + mode + ")"
			if err := chromedp.Do(ctx, chromedp.Navigate(p.base+path)); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if !strings.HasPrefix(path, "map.svg") {
				if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.documentElement.dataset.ready === 'true'`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
					t.Fatalf("%s: the page's script did not start: %v", what, err)
				}
				out, err := chromedp.Run(ctx, chromedp.Evaluate[string](exercise, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				var ex struct {
					Opened int
					Shown  string
				}
				json.Unmarshal([]byte(out), &ex)
				if !strings.HasPrefix(path, "embed") && (ex.Opened == 0 || !strings.ContainsAny(ex.Shown, "<>")) {
					t.Errorf("%s: %d hubs opened; the details showed %.100q, not the data", what, ex.Opened, ex.Shown)
				}
			} else {
				time.Sleep(300 * time.Millisecond)
			}
			out, err := chromedp.Run(ctx, chromedp.Evaluate[string](inspectJS))
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			var in struct {
				Bad   []string
				CSP   []string
				Title string
				Text  int
			}
			if err := json.Unmarshal([]byte(out), &in); err != nil {
				t.Fatalf("%s: %v: %s", what, err, out)
			}
			for _, b := range in.Bad {
				t.Errorf("%s: %s", what, b)
			}
			for _, c := range in.CSP {
				t.Errorf("%s: the CSP refused %s", what, c)
			}
			if in.Text < 100 {
				t.Errorf("%s: the document shows %d characters: nothing was drawn", what, in.Text)
			}
		}
	}
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for _, d := range dialogs {
		t.Errorf("a dialog opened: %s", d)
	}
	for _, m := range console {
		if strings.Contains(strings.ToLower(m), "xss") || strings.Contains(m, "Refused to") || strings.HasPrefix(m, "exception") {
			t.Errorf("console: %s", m)
		}
	}
	t.Logf("%d documents in two modes, with tooltips, details, table rows and search driven; console: %q", len(pages)+len(svgs), console)
}
