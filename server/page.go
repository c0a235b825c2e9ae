package server

import (
	"bytes"
	"cmp"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

var pageFuncs = template.FuncMap{
	"join": strings.Join,
}

// The size of the map drawn into the page when the URL sets none: about
// the map's box at 1366×900. The script asks for its box's own size when
// that differs much (a phone's is tall), and never puts the size in the
// shared URL.
const pageWidth, pageHeight = 1020, 680

// pageHubs is how many hubs the page lists; the rest are a download away.
const pageHubs = 200

// hubsLimit is how many hubs the script loads for its table and tooltips.
const hubsLimit = 2000

// pageData is what index.html shows: the dashboard ("page") or its
// embeddable map ("embed").
type pageData struct {
	UI       string // interface language: en or zh
	HTMLLang string // its lang attribute
	Lang     string // label language of the map
	Explicit bool   // the URL names the label language
	Title    string
	Heading  string // "3 hubs in Fujian"

	Q, Industry, Province string
	Groups                []industryGroup
	Provinces             []pageOption
	Langs                 []langLink
	Editions              []langLink
	Hidden                []hidden // view parameters the form carries along
	Hubs                  []apiHub // the first pageHubs of Total
	Total                 int
	// SortKey and SortDir are the table's order: its column and
	// ascending or descending (the sort parameter).
	SortKey, SortDir string
	// SortLinks are the columns' links: the table sorted by the column,
	// reversed when it is sorted so already (without the script).
	SortLinks map[string]template.URL
	More      string // says that the list is cut
	NoMatch   string
	Suggest   []suggestLink
	Notices   []noticeView

	Query    string // the canonical query the page shows, for the script
	SVG      template.HTML
	View     string            // viewInfo JSON for the script
	Strings  template.HTMLAttr // data-i18n: uiStrings as JSON for the script, escaped once
	Defaults string            // the server's default label language
	// DefaultEdition is the server's default edition.
	DefaultEdition string

	PageURL, ChinaURL, ClearURL     template.URL
	ExportSVG, ExportPNG, ExportPDF template.URL
	// PageExports are the view refitted to a printed page or a slide.
	PageExports                      []pageExport
	CSV, XLSX, GeoJSON               template.URL
	ShareURL, EmbedURL, EmbedCode    string
	EmbedOrigins                     string
	Preview, PreviewFile             string
	PreviewBack                      template.URL
	PreviewNotes                     []string // what loading the file changed (geo.Atlas.Notes)
	HubsURL                          string
	HubsLimit                        int
	HubsCredit, BoundariesCredit     string
	HubsCreditZH, BoundariesCreditZH string // the same in Chinese
	Version                          string
	Embed                            bool
	ProvinceObj                      *geo.Division
	nouns                            nouns // what the data calls its hubs
	pick                             func(en, zh string) string
	names                            map[string]string // category ids and province codes in UI
}

// Cats names categories in the interface language, joined.
func (d *pageData) Cats(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = cmp.Or(d.names[id], id)
	}
	return strings.Join(out, ", ")
}

// Prods lists the products h matches in the interface language, as the
// script's productsOf does: a table sorted by products in Chinese had
// shown them in English, its order unreadable.
func (d *pageData) Prods(h apiHub) string {
	var out []string
	for _, sp := range h.Specialties {
		if p := d.pick(sp.Product, sp.ProductZH); sp.Matched && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, listComma(d.UI, out))
}

// listComma is what separates the items of a list in the interface
// language ui: 、 between Chinese words, a comma between others (a list
// whose products have no Chinese names had read "Electric fans、Air fryers").
func listComma(ui string, items []string) string {
	if ui == "zh" && !slices.ContainsFunc(items, func(s string) bool { return !geo.HasHan(s) }) {
		return "、"
	}
	return ", "
}

// Prov names a province in the interface language.
func (d *pageData) Prov(code string) string { return cmp.Or(d.names[code], code) }

// Pick is the name in the interface language, the other one after it.
func (d *pageData) Pick(en, zh string) string { return d.pick(en, zh) }

// Other is the name not in the interface language, "" when it is the same.
func (d *pageData) Other(en, zh string) string {
	if d.UI == "zh" {
		if zh == "" || zh == en {
			return ""
		}
		return en
	}
	if zh == en {
		return ""
	}
	return zh
}

// OtherLang is the lang attribute of Other's text.
func (d *pageData) OtherLang() string {
	if d.UI == "zh" {
		return "en"
	}
	return "zh-Hans"
}

type industryGroup struct {
	ID, Name, Color string
	Count           int
	Selected        bool
	Href            template.URL // the page with this industry toggled
	Categories      []chip
}

type chip struct {
	ID, Name, Title string
	Count           int
	Selected        bool
}

type pageOption struct {
	Value, Text string
	Selected    bool
	Count       int
	// OrderEN and OrderZH are the option's place by its name in each
	// language: the page's script orders the list by them when it
	// changes language, so that the list has one order in each.
	OrderEN, OrderZH int
}

type langLink struct {
	Value, Text, HrefLang string
	Href                  template.URL
	Current               bool
}

type hidden struct{ Name, Value string }

type suggestLink struct {
	Name string
	Href template.URL
}

type noticeView struct {
	Msg     string
	Suggest []suggestLink
}

// T returns the interface string key in the page's language, with
// placeholders filled from kv (name, value…).
func (d *pageData) T(key string, kv ...string) string { return say(d.UI, d.nouns, key, kv...) }

// handlePage serves the dashboard with the map drawn in: the plain GET
// form works without JavaScript (a form's empty fields are answered with
// a redirect to the clean URL); the script makes it live.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	s.servePage(w, r, false)
}

// servePage writes the dashboard, or the embed view when embed is set.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, embed bool) {
	st := s.state.Load()
	pq := s.parsePageQuery(st, r)
	path := "/"
	if embed {
		path = "/embed"
	}
	if len(pq.notices) == 0 && pq.canon != r.URL.RawQuery {
		// A form sends its empty fields and its own order; the page has
		// one URL per view.
		http.Redirect(w, r, withQuery(path, pq.canon), http.StatusSeeOther)
		return
	}
	ui := uiFor(pq.req.Options.Lang, r.Header.Get("Accept-Language"))
	if !pq.explicit {
		ui = acceptUI(r.Header.Get("Accept-Language"))
		if ui == "zh" && pq.def.Options.Lang == "en" {
			pq.req.Options.Lang = "zh" // a first visit from a Chinese browser
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if !embed {
		h.Set("Content-Security-Policy", pageCSP)
	}
	// The page names the data and the state of the last reload.
	tag := r.URL.RawQuery + "\x00" + ui + "\x00" + pq.req.Options.Lang
	for _, n := range pq.notices {
		tag += "\x00" + n.Msg
	}
	if f := s.failure.Load(); f != nil {
		tag += "\x00" + f.Since.String()
	}
	if embed {
		tag += "\x00embed\x00" + r.Host
	} else {
		tag += "\x00" + r.Host
	}
	sum := sha256.Sum256([]byte(tag))
	etag := s.etag(pq.atlas, "page", hex.EncodeToString(sum[:8]))
	if s.validate(w, r, etag, "no-cache") {
		return
	}
	h.Set("Vary", "Accept-Encoding, Accept-Language")
	// The same page again (the tag covers all it shows) costs a copy.
	key := "page\x00" + s.build + "\x00" + etag
	if b, ok := pages.get(key); ok {
		w.Write(b)
		return
	}
	// The page draws the map smaller than a report, so that its labels
	// read larger on screen; the export links keep the report size.
	mq := pq.query
	if !mq.sized {
		mq.req.Options.Width, mq.req.Options.Height = pageWidth, pageHeight
	}
	m, err := s.renderMap(r.Context(), st, mq)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer m.release()
	view, err := s.viewOf(r, mq)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := s.pageData(r, pq, ui, embed)
	d.Title = m.title
	svg, done, err := m.plain()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	defer done()
	d.SVG = template.HTML(inlineSVG(svg)) // our own writer's output, escaped there
	d.View = string(view)
	var buf bytes.Buffer
	name := "index.html"
	if embed {
		name = "embed"
	}
	if err := s.page.ExecuteTemplate(&buf, name, d); err != nil {
		s.serverError(w, r, err)
		return
	}
	pages.put(key, bytes.Clone(buf.Bytes()))
	w.Write(buf.Bytes())
}

// pages keeps the newest pages as written: a page is the inline map
// (about 150 KB) and the controls.
var pages = &viewCache{ll: list.New(), items: map[string]*list.Element{}, maxItems: 32, maxBytes: 4 << 20}

// uiAttr is the data-i18n attribute, escaped once.
var uiAttr = template.HTMLAttr(`data-i18n="` + html.EscapeString(uiJSON) + `"`)

// pageData gathers what the template shows for pq in interface language ui.
func (s *Server) pageData(r *http.Request, pq pageQuery, ui string, embed bool) *pageData {
	a, f := pq.atlas, pq.req.Filter
	d := &pageData{
		UI: ui, HTMLLang: htmlLang[ui], Lang: pq.req.Options.Lang, Explicit: pq.explicit,
		Q: f.Query, Industry: f.Industry, Province: f.Province,
		Strings: uiAttr, Defaults: pq.def.Options.Lang, Embed: embed,
		Version: a.Version, HubsLimit: hubsLimit, nouns: nounsOf(a),
	}
	d.pick = func(en, zh string) string {
		if ui == "zh" && zh != "" {
			return zh
		}
		return en
	}
	canon := pq.req.Values(pq.def)
	if pq.preview != "" {
		canon.Set(previewParam, pq.preview)
	}
	if pq.explicit || pq.req.Options.Lang != pq.def.Options.Lang {
		canon.Set("lang", pq.req.Options.Lang)
	}
	link := func(path string, edit func(url.Values)) template.URL {
		v := url.Values{}
		for k, vs := range canon {
			v[k] = append([]string(nil), vs...)
		}
		if edit != nil {
			edit(v)
		}
		slices.Sort(v["category"]) // as the canonical URL lists them
		return template.URL(withQuery(path, v.Encode()))
	}
	filterOnly := func(v url.Values) {
		keep := url.Values{}
		for _, k := range []string{"category", "industry", "province", "q", previewParam, "sort"} {
			if vs, ok := v[k]; ok {
				keep[k] = vs
			}
		}
		clear(v)
		for k, vs := range keep {
			v[k] = vs
		}
		if textSorted(v.Get("sort")) {
			v.Set("lang", ui) // in the table's order, its language's
		}
	}
	self := "/"
	if embed {
		self = "/embed"
	}
	d.Query = canon.Encode()
	d.PageURL = link("/", nil)
	d.ChinaURL = link(self, func(v url.Values) { v.Del("province"); v.Del("focus"); v.Del("bbox") })
	d.ClearURL = link("/", func(v url.Values) {
		for k := range v {
			if k != "lang" && k != previewParam {
				v.Del(k)
			}
		}
	})
	exportQ := func(v url.Values) { v.Del("limit"); v.Del("offset"); v.Del("sort") }
	d.ExportSVG = link("/export.svg", exportQ)
	d.ExportPNG = link("/export.png", exportQ)
	d.ExportPDF = link("/export.pdf", exportQ)
	for _, pe := range pageExports {
		pe.Href = link(pe.path(), func(v url.Values) { exportQ(v); pe.set(v) })
		d.PageExports = append(d.PageExports, pe)
	}
	d.CSV = link("/download.csv", filterOnly)
	d.XLSX = link("/download.xlsx", filterOnly)
	d.GeoJSON = link("/download.geojson", filterOnly)
	hv := url.Values{}
	for k, vs := range pq.req.FilterValues() {
		hv[k] = vs
	}
	if pq.preview != "" {
		hv.Set(previewParam, pq.preview)
	}
	hv.Set("limit", itoa(hubsLimit))
	if o := pq.req.Paging.Sort; serverSorted(o) {
		// The table's order, in the interface's language, from the server
		// (as the script's hubsQuery asks for it).
		hv.Set("sort", o)
		if textSorted(o) {
			hv.Set("lang", ui)
		}
	}
	d.HubsURL = "/api/hubs?" + hv.Encode()

	scheme := "http://"
	if r.TLS != nil {
		scheme = "https://"
	}
	d.ShareURL = scheme + r.Host + string(d.PageURL)
	embedURL := link("/embed", func(v url.Values) { v.Del(previewParam); v.Del("sort") })
	d.EmbedURL = scheme + r.Host + string(embedURL)
	d.EmbedOrigins = strings.Join(s.embedOrigins(), " ")

	if pq.preview != "" {
		d.Preview = pq.preview
		d.PreviewFile = a.Sources.Hubs.Name()
		if d.PreviewFile == "" {
			d.PreviewFile = "your file"
		}
		d.PreviewBack = link("/", func(v url.Values) { v.Del(previewParam) })
		for _, n := range a.Notes {
			d.PreviewNotes = append(d.PreviewNotes, n.String())
		}
	}

	d.names = map[string]string{}
	for _, c := range a.Categories {
		d.names[c.ID] = d.pick(c.Name, c.NameZH)
	}
	for _, dv := range a.Divisions {
		d.names[dv.Code] = d.pick(dv.Name, dv.NameZH)
	}
	// Industries with their categories, the chips' counts for the query.
	cats := categoryViews(a, pq.query)
	ms := a.Select(f)
	perInd := industryCounts(a, f)
	for _, ind := range a.Industries {
		ig := industryGroup{ID: ind.ID, Name: d.pick(ind.Name, ind.NameZH), Color: ind.Color, Count: perInd[ind.ID], Selected: ind.ID == f.Industry}
		id := ind.ID
		ig.Href = link(self, func(v url.Values) {
			if v.Get("industry") == id {
				v.Del("industry")
			} else {
				v.Set("industry", id)
				keepCategoriesOf(a, v, id)
			}
		})
		for _, c := range cats {
			if c.Industry == ind.ID {
				ig.Categories = append(ig.Categories, chip{c.ID, d.pick(c.Name, c.NameZH), c.Name + " · " + c.NameZH, c.Count, c.Selected})
			}
		}
		d.Groups = append(d.Groups, ig)
	}
	provs := provinceViews(a, pq.query)
	order := map[string][2]int{}
	for k, lang := range []string{"en", "zh"} {
		sortByName(provs, lang)
		for i, p := range provs {
			o := order[p.Code]
			o[k] = i
			order[p.Code] = o
		}
	}
	sortByName(provs, ui)
	for _, p := range provs {
		o := order[p.Code]
		d.Provinces = append(d.Provinces, pageOption{p.Code, d.pick(p.Name, p.NameZH) + " (" + itoa(p.Count) + ")", p.Code == f.Province, p.Count, o[0], o[1]})
	}
	for _, l := range render.Langs {
		text := tr(ui, "lang."+l)
		hl := map[string]string{"en": "en", "zh": "zh-Hans", "both": ""}[l]
		d.Langs = append(d.Langs, langLink{l, text, hl, link("/", func(v url.Values) { v.Set("lang", l) }), l == pq.req.Options.Lang})
	}
	edition := pq.req.Options.Edition
	if edition == "" {
		edition = render.EditionIntl
	}
	d.DefaultEdition = s.opt.Edition
	if d.DefaultEdition == "" {
		d.DefaultEdition = render.EditionIntl
	}
	for _, e := range render.Editions {
		d.Editions = append(d.Editions, langLink{e, tr(ui, "edition."+e), "", link("/", func(v url.Values) { v.Set("edition", e) }), e == edition})
	}
	for _, p := range render.Params {
		if p.Name == "category" || p.Name == "industry" || p.Name == "province" || p.Name == "q" {
			continue
		}
		for _, v := range canon[p.Name] {
			d.Hidden = append(d.Hidden, hidden{p.Name, v})
		}
	}
	if pq.preview != "" {
		d.Hidden = append(d.Hidden, hidden{previewParam, pq.preview})
	}

	d.Total = len(ms)
	listed := ms
	if !embed { // (an embedded map lists no hubs)
		listed = slices.Clone(ms)
		render.SortMatches(a, listed, pq.req.Paging.Sort, ui)
	}
	d.SortKey, d.SortDir = sortColumn(pq.req.Paging.Sort)
	d.SortLinks = map[string]template.URL{}
	for _, col := range render.SortOrders {
		next := nextSort(pq.req.Paging.Sort, col)
		d.SortLinks[col] = link(self, func(v url.Values) {
			v.Del("sort")
			if next != "" {
				v.Set("sort", next)
			}
		})
	}
	for _, m := range listed[:min(len(listed), pageHubs)] {
		d.Hubs = append(d.Hubs, hubView(a, m))
	}
	if d.Total > pageHubs {
		d.More = d.T("table.more", "n", itoa(pageHubs), "total", itoa(d.Total))
	}
	d.Heading = hubCount(ui, d.nouns, d.Total)
	if div, ok := a.Division(pq.place()); ok {
		// The province shown: its own count (a focus keeps the others).
		d.ProvinceObj = div
		n := a.Counts(ms)[a.DivisionIndex(div.Code)]
		d.Heading = d.T("hubs.in", "count", hubCount(ui, d.nouns, n), "place", d.pick(div.Name, div.NameZH))
	}
	if d.Total == 0 {
		d.NoMatch = d.T("nomatch.filters")
		if f.Query != "" {
			d.NoMatch = d.T("nomatch", "q", f.Query)
			for _, id := range a.Suggest(f.Query, 4) {
				c, _ := a.Category(id)
				d.Suggest = append(d.Suggest, suggestLink{d.pick(c.Name, c.NameZH), link("/", func(v url.Values) { v.Del("q"); v.Set("category", c.ID) })})
			}
		}
	}
	for _, n := range pq.notices {
		nv := noticeView{Msg: tr(ui, "ignored", "msg", n.Msg)}
		if label, ok := paramLabels[n.Param]; ok && n.Value != "" {
			nv.Msg = tr(ui, "ignored.value", "param", d.pick(label[0], label[1]), "value", truncate(geo.Visible(n.Value)))
		}
		for _, sg := range n.Suggest {
			id := sg.ID
			nv.Suggest = append(nv.Suggest, suggestLink{d.pick(sg.Name, sg.NameZH), link("/", func(v url.Values) { v.Add("category", id) })})
		}
		d.Notices = append(d.Notices, nv)
	}
	if fl := s.failure.Load(); fl != nil {
		d.Notices = append(d.Notices, noticeView{Msg: tr(ui, "degraded", "err", fl.Error)})
	}
	d.HubsCredit, d.BoundariesCredit = a.Sources.Hubs.Citation(), a.Sources.Boundaries.Citation()
	d.HubsCreditZH, d.BoundariesCreditZH = a.Sources.Hubs.CitationZH(), a.Sources.Boundaries.CitationZH()
	d.EmbedCode = `<iframe src="` + d.EmbedURL + `" title="` + template.HTMLEscapeString(d.Heading) + ` · hubatlas" width="100%" height="600" loading="lazy"></iframe>`
	return d
}

// inlineSVG drops the XML declaration and comments before the <svg>
// element, which have no place inside HTML.
func inlineSVG(b []byte) string {
	if i := bytes.Index(b, []byte("<svg")); i >= 0 {
		b = b[i:]
	}
	return string(b)
}

// withQuery joins a path and a normalised (already encoded) query.
func withQuery(path, key string) string {
	if key == "" {
		return path
	}
	return path + "?" + key
}

// pageError answers a page that could not be drawn: a busy server says so
// in HTML, with Retry-After; anything else is serverError's.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	var busy *overloaded
	if errors.As(err, &busy) && r.Context().Err() == nil {
		w.Header().Set("Retry-After", retryAfter)
		s.writeHTMLError(w, http.StatusServiceUnavailable, busy.Msg)
		return
	}
	s.serverError(w, r, err)
}

// keepCategoriesOf drops from v the categories of industries other than
// id, as choosing an industry does on the page: with footwear ticked,
// choosing Machinery had shown "0 hubs: no hubs match Footwear and
// Machinery", footwear still ticked.
func keepCategoriesOf(a *geo.Atlas, v url.Values, id string) {
	var keep []string
	for _, c := range v["category"] {
		if cat, ok := a.Category(c); ok && cat.Industry == id {
			keep = append(keep, c)
		}
	}
	if len(keep) == 0 {
		v.Del("category")
	} else {
		v["category"] = keep
	}
}

// paramLabels word, in English and Chinese, the parameters whose values
// the page names when it ignores one (see notice).
var paramLabels = map[string][2]string{
	"category": {"the category", "类别"},
	"industry": {"the industry", "行业"},
	"province": {"the province", "省份"},
	"focus":    {"the province", "省份"},
}

// sortByName sorts provinces by the name the page shows, as its reader
// would look one up: in Chinese by pinyin (CLDR's order for zh), else
// alphabetically. By code, Tibet (XZ) had come between Xinjiang and
// Yunnan, Hebei (HE) after Hubei.
//
// The page's script keeps this order (pageOption's OrderEN and OrderZH)
// rather than the browser's: ICU reads 重庆 as chóng, x/text as zhòng
// (geo.CollationText reads it chóng), and the list had moved once the
// script ran.
func sortByName(ps []apiProvince, ui string) {
	tag, name := language.English, func(p apiProvince) string { return p.Name }
	if ui == "zh" {
		tag, name = language.Chinese, func(p apiProvince) string { return geo.CollationText(cmp.Or(p.NameZH, p.Name)) }
	}
	c := collate.New(tag)
	slices.SortStableFunc(ps, func(x, y apiProvince) int { return c.CompareString(name(x), name(y)) })
}

// pageExport is an export of the view refitted to a page: a PDF for a
// report, a PNG for a slide. The page's script words its link as the
// server does (data-page, data-format, data-dpi).
type pageExport struct {
	Key    string // of its words in the interface's strings, "export.page.<Key>"
	Page   string // render.Pages' name
	Format string // pdf or png
	DPI    int    // of a PNG; 0 for the page's default
	Href   template.URL
}

func (pe pageExport) path() string { return "/export." + pe.Format }

// set words the export's query: the page in place of the screen's size.
func (pe pageExport) set(v url.Values) {
	v.Del("width")
	v.Del("height")
	v.Set("page", pe.Page)
	if pe.DPI > 0 {
		v.Set("dpi", itoa(pe.DPI))
	}
}

// pageExports are the pages the Export menu offers besides the view as
// seen: a report's and a slide's (the menu had offered the screen's
// size alone, a 900×662 pt PDF).
var pageExports = []pageExport{
	{Key: "a4-landscape", Page: "a4-landscape", Format: "pdf"},
	{Key: "a4", Page: "a4", Format: "pdf"},
	{Key: "letter-landscape", Page: "letter-landscape", Format: "pdf"},
	{Key: "slide", Page: "slide", Format: "png", DPI: 144},
}
