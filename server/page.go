package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
)

var pageFuncs = template.FuncMap{
	"join": strings.Join,
}

// The size of the map drawn into the page when the URL sets none; the
// script asks for the same (and a taller one on phones).
const pageWidth, pageHeight = 960, 720

// pageHubs is how many hubs the page lists; the rest are a download away.
const pageHubs = 200

// pageData is what index.html shows.
type pageData struct {
	Title       string
	ExportURL   template.URL // export of this exact view
	ChinaURL    template.URL // the same filters without the province
	Q           string
	Lang        string
	Industry    string
	Province    string
	ProvinceObj *geo.Division
	Categories  []apiCategory
	Industries  []pageOption
	Provinces   []pageOption
	Langs       []pageOption
	Hubs        []apiHub // the first pageHubs of Total
	Total       int
	SVG         template.HTML
	Credit      string
	Version     string
	DefaultLang string // what the page shows when the URL names no lang
	Notice      string // a discreet word when a data reload failed
}

type pageOption struct {
	Value, Text string
	Selected    bool
	Count       int
}

// handlePage serves the dashboard with the map drawn in: the plain GET
// form works without JavaScript; the script makes it live.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	st := s.state.Load()
	q, ok := s.query(w, r, st, true)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pageCSP)
	if s.validate(w, r, s.etag(q.atlas, "page", q.key()), "no-cache") {
		return
	}
	// The page draws the map smaller than a report, so that its labels
	// read larger on screen; the export link keeps the report size.
	pq := q
	if !q.sized {
		pq.req.Options.Width, pq.req.Options.Height = pageWidth, pageHeight
	}
	m, err := s.renderMap(r.Context(), st, pq)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	a := q.atlas
	d := pageData{
		Title:       m.title,
		ExportURL:   template.URL(withQuery("/export.svg", q.key())),
		ChinaURL:    template.URL(withQuery("/", chinaQuery(q).key())),
		Q:           q.req.Filter.Query,
		Lang:        q.req.Options.Lang,
		Industry:    q.req.Filter.Industry,
		Province:    q.req.Filter.Province,
		Categories:  categoryViews(a, q),
		SVG:         template.HTML(inlineSVG(m.svg)), // our own writer's output, escaped there
		Credit:      "Hubs: " + a.Sources.Hubs.Citation() + " · Boundaries: " + a.Sources.Boundaries.Citation(),
		Version:     a.Version,
		DefaultLang: s.opt.Lang,
	}
	d.ProvinceObj, _ = a.Division(q.place())
	if f := s.failure.Load(); f != nil {
		d.Notice = "The data files changed but could not be loaded (" + f.Error + "); this page shows the data loaded before. Details: /healthz"
	}
	for _, ind := range a.Industries {
		d.Industries = append(d.Industries, pageOption{ind.ID, ind.Name + " " + ind.NameZH, ind.ID == q.req.Filter.Industry, 0})
	}
	for _, p := range provinceViews(a, q) {
		d.Provinces = append(d.Provinces, pageOption{p.Code, p.Name + " " + p.NameZH, p.Code == q.req.Filter.Province, p.Count})
	}
	for _, l := range []pageOption{{"en", "EN", false, 0}, {"zh", "中文", false, 0}, {"both", "EN + 中文", false, 0}} {
		l.Selected = l.Value == q.req.Options.Lang
		d.Langs = append(d.Langs, l)
	}
	ms := a.Select(q.req.Filter)
	d.Total = len(ms)
	for _, m := range ms[:min(len(ms), pageHubs)] {
		d.Hubs = append(d.Hubs, hubView(a, m))
	}
	var buf bytes.Buffer
	if err := s.page.Execute(&buf, d); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Write(buf.Bytes())
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

// chinaQuery is q without its province: the way back to all of China.
func chinaQuery(q query) query {
	q.req.Filter.Province = ""
	q.req.Options.Focus = ""
	return q
}
