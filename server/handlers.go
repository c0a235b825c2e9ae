package server

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/text/unicode/norm"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// validate answers a conditional request: it sets ETag and Cache-Control
// and reports true (having written 304) when the client's copy is current.
func (s *Server) validate(w http.ResponseWriter, r *http.Request, tag, cacheControl string) bool {
	return s.validateCoded(w, r, tag, cacheControl, true)
}

// validateCoded is validate for a body that is compressed for clients
// that take it (coded) or sent as it is whatever they take (PNG, PDF).
func (s *Server) validateCoded(w http.ResponseWriter, r *http.Request, tag, cacheControl string, coded bool) bool {
	h := w.Header()
	if c := coding(r); c != "" && coded {
		tag += "-" + c
	}
	if coded {
		h.Set("Vary", "Accept-Encoding")
	}
	tag = `"` + tag + `"`
	h.Set("ETag", tag)
	h.Set("Cache-Control", cacheControl)
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		// If-None-Match compares weakly: a proxy may have weakened the tag.
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == tag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return true
		}
	}
	return false
}

func (s *Server) cacheControl() string {
	return "public, max-age=" + strconv.Itoa(s.opt.MaxAge)
}

// query parses the request's query or writes the 400 and returns false.
func (s *Server) query(w http.ResponseWriter, r *http.Request, st *state, html bool) (query, bool) {
	q, bad := s.parseQuery(st.atlas, r.URL.RawQuery)
	if bad == nil {
		return q, true
	}
	if html {
		s.writeHTMLError(w, http.StatusBadRequest, bad.Msg)
	} else {
		writeJSON(w, http.StatusBadRequest, "application/json", bad)
	}
	return q, false
}

func (s *Server) handleMapSVG(w http.ResponseWriter, r *http.Request) {
	s.serveMap(w, r, false)
}

func (s *Server) handleExportSVG(w http.ResponseWriter, r *http.Request) {
	s.serveMap(w, r, true)
}

// mapQuery is query for the map handlers, with q.mapKey(): remembered by
// raw query string (parsedQueries), so that a repeated request skips both.
func (s *Server) mapQuery(w http.ResponseWriter, r *http.Request, st *state) (query, string, bool) {
	raw := r.URL.RawQuery
	if pq, ok := st.parsed.get(raw); ok {
		return pq.q, pq.key, true
	}
	q, ok := s.query(w, r, st, false)
	if !ok {
		return q, "", false
	}
	key := q.mapKey()
	st.parsed.put(raw, parsedQuery{q, key})
	return q, key, true
}

func (s *Server) serveMap(w http.ResponseWriter, r *http.Request, export bool) {
	st := s.state.Load()
	q, key, ok := s.mapQuery(w, r, st)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "image/svg+xml")
	h.Set("Content-Security-Policy", svgCSP)
	if export {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": exportName(q.atlas, q, ".svg")}))
	}
	// The tag depends on the query only: a current copy costs no drawing.
	tag := s.etag(q.atlas, "map", key)
	if s.validate(w, r, tag, s.cacheControl()) {
		return
	}
	m, err := s.render(r.Context(), st, q, key, svgFormat, coding(r) == "gzip")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer m.release()
	body := mapBody{m: m}
	if coding(r) == "gzip" {
		// Compressed once, on the first request that takes gzip; chi's
		// Compress passes it through.
		h.Set("Content-Encoding", "gzip")
		body = mapBody{p: m.gzipped()}
	}
	defer body.done()
	if coding(r) != "deflate" {
		h.Set("Content-Length", strconv.Itoa(body.size()))
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	// A kept map is sent from a memory file when it can be (bodyFiles);
	// one drawn for this request alone is written from memory.
	if m.kept && s.files.send(w, tag+"-"+coding(r), &body) {
		return
	}
	p, err := body.bytes()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusOK)
	w.Write(p)
}

func (s *Server) handleExportPNG(w http.ResponseWriter, r *http.Request) {
	s.serveFile(w, r, pngFormat)
}

func (s *Server) handleExportPDF(w http.ResponseWriter, r *http.Request) {
	s.serveFile(w, r, pdfFormat)
}

// serveFile answers /export.png and /export.pdf as /export.svg is
// answered: the same parameters, validators and caching, the file named
// after what it shows.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, f fileFormat) {
	st := s.state.Load()
	q, ok := s.query(w, r, st, false)
	if !ok {
		return
	}
	if f.ext == "png" {
		if err := render.CheckPNG(q.req.Options); err != nil {
			writeJSON(w, http.StatusBadRequest, "application/json", invalid(err))
			return
		}
	}
	key := q.mapKey()
	if s.validateCoded(w, r, s.etag(q.atlas, "map."+f.ext, key), s.cacheControl(), false) {
		return
	}
	m, err := s.render(r.Context(), st, q, key, f, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	defer m.release()
	h := w.Header()
	h.Set("Content-Type", f.mime)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": exportName(q.atlas, q, "."+f.ext)}))
	h.Set("Content-Length", strconv.Itoa(len(m.file)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(m.file)
	}
}

// slugOf lower-cases s and joins its runs of letters and numbers, in any
// script, with "-": a search for 鞋 names its export hubatlas-鞋, where
// the Chinese had been dropped (hubatlas-china-both-cn, as every other
// map of all China).
func slugOf(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.In(r, unicode.L, unicode.N) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// exportName says what the file shows: hubatlas-footwear-fujian.svg,
// hubatlas-china-zh-cn-a4.pdf, or the title when one was given (Chinese
// titles survive through RFC 2231); ext is the extension with its dot.
func exportName(a *geo.Atlas, q query, ext string) string {
	o := q.req.Options
	if name := safeFileName(o.Title); name != "" {
		return name + ext
	}
	parts := []string{"hubatlas"}
	parts = append(parts, q.req.Filter.Categories...)
	if q.req.Filter.Industry != "" {
		parts = append(parts, q.req.Filter.Industry)
	}
	// A window is named after what its title names ("Guangdong"), else
	// "window": all windows had been named "china", and overwrote each
	// other.
	switch d, ok := a.Division(q.place()); {
	case ok:
		parts = append(parts, d.Name)
	case !o.BBox.IsZero():
		parts = append(parts, cmp.Or(render.WindowPlace(a, q.req), "window"))
	default:
		parts = append(parts, "china")
	}
	if q.req.Filter.Query != "" {
		parts = append(parts, q.req.Filter.Query)
	}
	// At most 100 bytes, cut between characters: file systems count
	// bytes (255 at most), and a search in Chinese takes three a character.
	name := slugOf(strings.Join(parts, "-"))
	if len(name) > 100 {
		cut := 100
		for cut > 0 && !utf8.RuneStart(name[cut]) {
			cut--
		}
		name = strings.Trim(name[:cut], "-")
	}
	for _, suffix := range []string{o.Lang, o.Edition, o.Page} {
		if suffix != "" && suffix != "en" && suffix != render.EditionIntl {
			name += "-" + slugOf(suffix)
		}
	}
	return name + ext
}

// safeFileName makes a title a file name every system saves as shown and
// no client can turn into a path. It decodes the title until nothing
// percent-encoded is left (%252e%252e%252f is ../ to a client that
// decodes the name twice more) and folds look-alikes by NFKC (．．／ is
// ../ to one that normalises), then keeps only what a whitelist allows:
// letters, marks, numbers, spaces, the ASCII punctuation in
// fileNamePunct and punctuation beyond ASCII (、。《》…); other printable
// ASCII (path, shell and escape characters: / \ : * ? " < > | % ;) becomes
// "-", and control and format characters (such as the bidirectional
// overrides that make "map‮gvs.exe" look like "mapexe.svg") and symbols
// go. Runs of dots or dashes become one, none leads or trails, nor do
// spaces; at most 80 characters; no name Windows reserves. "" when
// nothing is left.
func safeFileName(title string) string {
	for {
		d := percentDecode(title)
		if d == title {
			break
		}
		title = d // each round is shorter: this ends
	}
	title = norm.NFKC.String(title)
	var b strings.Builder
	n := 0
	for _, r := range title {
		if n == 80 {
			break
		}
		switch {
		case unicode.In(r, unicode.L, unicode.M, unicode.N), strings.ContainsRune(fileNamePunct, r):
		case unicode.Is(unicode.Zs, r):
			r = ' '
		case r > unicode.MaxASCII && unicode.Is(unicode.P, r):
		case r < unicode.MaxASCII && unicode.IsPrint(r):
			r = '-'
		default:
			continue
		}
		if last, _ := utf8.DecodeLastRuneInString(b.String()); (r == '.' || r == '-') && r == last {
			continue
		}
		b.WriteRune(r)
		n++
	}
	name := strings.Trim(b.String(), ". -")
	stem, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch stem {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return ""
	}
	return name
}

// fileNamePunct is the ASCII punctuation file names keep.
const fileNamePunct = "-_.,()[]+&'!#@="

// percentDecode decodes every %XX in s once and leaves a % that starts
// none ("50% growth") as it is.
func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	unhex := func(c byte) int {
		switch {
		case '0' <= c && c <= '9':
			return int(c - '0')
		case 'a' <= c && c <= 'f':
			return int(c-'a') + 10
		case 'A' <= c && c <= 'F':
			return int(c-'A') + 10
		}
		return -1
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && unhex(s[i+1]) >= 0 && unhex(s[i+2]) >= 0 {
			b = append(b, byte(unhex(s[i+1])<<4|unhex(s[i+2])))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// apiHub is a hub as the API and the page script see it: the record of
// hubatlas list with the province's name and every specialty.
type apiHub struct {
	geo.HubRecord
	ProvinceName   string         `json:"province_name"`
	ProvinceNameZH string         `json:"province_name_zh"`
	Specialties    []apiSpecialty `json:"specialties"`
}

type apiSpecialty struct {
	Product     string `json:"product"`
	ProductZH   string `json:"product_zh,omitempty"`
	Category    string `json:"category"`
	Description string `json:"description,omitempty"`
	Matched     bool   `json:"matched"`
}

func hubView(a *geo.Atlas, m geo.Match) apiHub {
	rec := geo.Record(a, m)
	d, _ := a.Division(rec.Province)
	v := apiHub{HubRecord: rec, ProvinceName: d.Name, ProvinceNameZH: d.NameZH}
	for k, sp := range m.Hub.Specialties {
		matched := false
		for _, i := range m.Specialties {
			matched = matched || i == k
		}
		v.Specialties = append(v.Specialties, apiSpecialty{sp.Product, sp.ProductZH, sp.Category, sp.Description, matched})
	}
	return v
}

// freshQuery parses the query of an answer of the given kind and answers
// it at once when the query is bad (400) or the client's copy is current
// (304); ok says the caller is to write the answer.
func (s *Server) freshQuery(w http.ResponseWriter, r *http.Request, kind string) (q query, ok bool) {
	q, ok = s.query(w, r, s.state.Load(), false)
	if !ok || s.validate(w, r, s.etag(q.atlas, kind, q.key()), s.cacheControl()) {
		return q, false
	}
	return q, true
}

// serveAPI answers an API route: parse the query, answer 304 when the
// client's copy is current, else write what body returns as JSON of type typ.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, kind, typ string, body func(*geo.Atlas, query) any) {
	if q, ok := s.freshQuery(w, r, kind); ok {
		writeJSON(w, http.StatusOK, typ, body(q.atlas, q))
	}
}

// handleHubs streams the hubs of the query as GeoJSON Point features with
// the properties of hubatlas list --format geojson, plus names and
// details, one feature at a time: 50,000 hubs never sit in one buffer.
// limit and offset page the list; "total" says how many match.
func (s *Server) handleHubs(w http.ResponseWriter, r *http.Request) {
	q, ok := s.freshQuery(w, r, "hubs")
	if !ok {
		return
	}
	a := q.atlas
	keep, ok := s.drawnBy(w, r, q)
	if !ok {
		return
	}
	ms := a.SelectWhere(q.req.Filter, keep)
	if err := s.sortHubs(r.Context(), a, ms, q); err != nil {
		s.serverError(w, r, err)
		return
	}
	lo, hi := q.req.Paging.Slice(len(ms))
	w.Header().Set("Content-Type", "application/geo+json; charset=utf-8")
	w.Header().Set("X-Total-Count", strconv.Itoa(len(ms)))
	sources, err := json.Marshal(a.Sources)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	bw := bufio.NewWriterSize(w, 32<<10)
	fmt.Fprintf(bw, `{"type":"FeatureCollection","sources":%s,"total":%d,"offset":%d,"features":[`, sources, len(ms), lo)
	for i, m := range ms[lo:hi] {
		if i%256 == 0 && r.Context().Err() != nil {
			return // the client has gone
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		b, err := json.Marshal(hubFeature(a, m))
		if err != nil {
			return
		}
		bw.Write(b)
	}
	bw.WriteString("]}\n")
	bw.Flush()
}

// hubFeature is one hub of the API: the record's feature with the
// province's name and every specialty.
func hubFeature(a *geo.Atlas, m geo.Match) *geojson.Feature {
	v := hubView(a, m)
	f := v.Feature()
	f.Properties["province_name"] = v.ProvinceName
	f.Properties["province_name_zh"] = v.ProvinceNameZH
	f.Properties["specialties"] = v.Specialties
	return f
}

// downloadTypes are the formats of /download.{format}.
var downloadTypes = map[string]string{
	"csv":     "text/csv; charset=utf-8",
	"xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"geojson": "application/geo+json; charset=utf-8",
}

// handleDownload answers /download.csv, .xlsx and .geojson: the hubs of
// the query (of a preview too) with the columns a hubs file is read with,
// as an attachment named after what it holds.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	format := chi.URLParam(r, "format")
	typ, ok := downloadTypes[format]
	if !ok {
		// No such file, but the route is right: say which are (a map
		// as PDF is /export.pdf).
		formats := slices.Sorted(maps.Keys(downloadTypes))
		writeJSON(w, http.StatusNotFound, "application/json", &badRequest{Param: "format", Valid: formats,
			Msg: fmt.Sprintf("no download as %q: the hubs download as %s; maps export as /export.svg, .png and .pdf", truncate(format), strings.Join(formats, ", "))})
		return
	}
	st := s.state.Load()
	q, ok := s.query(w, r, st, false)
	if !ok {
		return
	}
	h := w.Header()
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": exportName(q.atlas, q, "."+format)}))
	if s.validate(w, r, s.etag(q.atlas, "download."+format, q.key()), s.cacheControl()) {
		return
	}
	a := q.atlas
	keep, ok := s.drawnBy(w, r, q)
	if !ok {
		return
	}
	ms := a.SelectWhere(q.req.Filter, keep)
	if err := s.sortHubs(r.Context(), a, ms, q); err != nil {
		s.serverError(w, r, err)
		return
	}
	lo, hi := q.req.Paging.Slice(len(ms))
	recs := make([]geo.HubRecord, 0, hi-lo)
	for _, m := range ms[lo:hi] {
		recs = append(recs, geo.Record(a, m))
	}
	bw := bufio.NewWriterSize(w, 32<<10)
	var err error
	switch format {
	case "csv":
		err = geo.WriteCSV(bw, recs)
	case "xlsx":
		err = geo.WriteXLSX(bw, recs, a.Sources)
	case "geojson":
		err = geo.WriteGeoJSON(bw, recs, a.Sources)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil && r.Context().Err() == nil {
		s.opt.Log.Error("download failed", "format", format, "err", err)
	}
}

// drawnBy returns, for a query of a window or a province (bbox or
// focus), which hubs (by index) the map of that view draws, as its table
// lists them: /download.* and /api/hubs give those. The dashboard's
// links carry the map's size and view; the filter's hubs alone had been
// downloaded from a map zoomed to a few cities. For other queries it
// returns nil (every hub). It answers an error itself and reports false.
func (s *Server) drawnBy(w http.ResponseWriter, r *http.Request, q query) (func(i int) bool, bool) {
	o := q.req.Options
	if o.BBox.IsZero() && o.Focus == "" {
		return nil, true
	}
	release, err := s.slot(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	scene, err := render.Build(r.Context(), q.atlas, q.req)
	release()
	if err != nil {
		s.serverError(w, r, err)
		return nil, false
	}
	return func(i int) bool { return scene.Draws(q.atlas, i) }, true
}

type apiCategory struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	NameZH   string `json:"name_zh"`
	Industry string `json:"industry"`
	Color    string `json:"color"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
}

// categoryViews counts, for each category, the hubs the query would match
// with that category chosen instead: the number on its chip.
func categoryViews(a *geo.Atlas, q query) []apiCategory {
	counts := a.CategoryCounts(q.req.Filter)
	out := make([]apiCategory, len(a.Categories))
	for i, c := range a.Categories {
		ind, _ := a.Industry(c.Industry)
		selected := false
		for _, id := range q.req.Filter.Categories {
			selected = selected || id == c.ID
		}
		out[i] = apiCategory{c.ID, c.Name, c.NameZH, c.Industry, ind.Color, counts[i], selected}
	}
	return out
}

func (s *Server) handleCategories(w http.ResponseWriter, r *http.Request) {
	s.serveAPI(w, r, "categories", "application/json", func(a *geo.Atlas, q query) any { return categoryViews(a, q) })
}

type apiProvince struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameZH string `json:"name_zh"`
	Kind   string `json:"kind"`
	Count  int    `json:"count"`
}

func provinceViews(a *geo.Atlas, q query) []apiProvince {
	f := q.req.Filter
	f.Province = "" // every province's count, to choose another
	counts := a.Counts(a.Select(f))
	out := make([]apiProvince, len(a.Divisions))
	for i, d := range a.Divisions {
		out[i] = apiProvince{d.Code, d.Name, d.NameZH, d.Kind, counts[i]}
	}
	return out
}

func (s *Server) handleProvinces(w http.ResponseWriter, r *http.Request) {
	s.serveAPI(w, r, "provinces", "application/json", func(a *geo.Atlas, q query) any { return provinceViews(a, q) })
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	st := s.state.Load()
	w.Header().Set("Cache-Control", "no-store")
	body := map[string]any{
		"status": "ok", "version": st.atlas.Version, "divisions": len(st.atlas.Divisions), "hubs": len(st.atlas.Hubs),
		"drawn_maps": st.cache.drawnMaps(), "cached_maps": st.cache.len(), "cached_bytes": st.cache.usedBytes(), "sources": st.atlas.Sources,
	}
	if f := s.failure.Load(); f != nil {
		// Still serving: a load balancer keeps the replica, a person sees why.
		body["status"] = "degraded"
		body["reload"] = f
	}
	if st.atlas.LeftOut > 0 {
		// data.leave_out_bad_rows: serving, without rows someone should fix.
		body["left_out"] = leftOutReport(st.atlas)
	}
	body["previews"] = s.previews.len()
	writeJSON(w, http.StatusOK, "application/json", body)
}

// leftOutHealth is what /healthz says of the rows the data served was
// loaded without (geo.NewAtlasLeavingOut): how many, and the first notes.
type leftOutHealth struct {
	Records int      `json:"records"`
	Notes   []string `json:"notes"`
}

func leftOutReport(a *geo.Atlas) leftOutHealth {
	h := leftOutHealth{Records: a.LeftOut}
	for _, n := range a.Notes {
		if len(h.Notes) == maxReportedProblems+1 { // the count and the first ten
			break
		}
		if strings.HasPrefix(n.Msg, geo.LeftOutPrefix) { // not the notes of the hubs loaded
			h.Notes = append(h.Notes, n.String())
		}
	}
	return h
}

var staticTypes = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
}

func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "file")
	typ, ok := staticTypes[path.Ext(name)]
	if !ok || strings.ContainsAny(name, "/\\") {
		s.handleNotFound(w, r)
		return
	}
	b, err := fs.ReadFile(s.web, name)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	sum := sha256.Sum256(b)
	w.Header().Set("Content-Type", typ)
	if s.validate(w, r, hex.EncodeToString(sum[:8]), "public, max-age=300") {
		return
	}
	w.Write(b)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusNotFound, "application/json", &badRequest{
		Msg: fmt.Sprintf("no such route %q: routes are %s", truncate(r.URL.Path), s.routes),
	})
}

func (s *Server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	allow, use := "GET, HEAD", "GET"
	if r.URL.Path == "/api/preview" {
		allow, use = "POST", "POST with the file"
	}
	w.Header().Set("Allow", allow)
	writeJSON(w, http.StatusMethodNotAllowed, "application/json", &badRequest{Msg: r.Method + " is not allowed: use " + use})
}

// serverError logs err and answers 500 without details, or 503 with
// Retry-After when the server was too busy to draw.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		return // the client has gone; nobody reads an answer
	}
	// The answer is an error, not the representation the headers set so
	// far describe: no download name, no validator, not its length or
	// coding (a kept map that failed to unpack had its SVG's length set).
	for _, k := range []string{"Content-Disposition", "ETag", "Content-Length", "Content-Encoding"} {
		w.Header().Del(k)
	}
	var busy *overloaded
	if errors.As(err, &busy) { // the request log line records the 503
		w.Header().Set("Retry-After", retryAfter)
		writeJSON(w, http.StatusServiceUnavailable, "application/json", busy)
		return
	}
	s.opt.Log.Error("request failed", "path", r.URL.Path, "err", err)
	var ie *geo.InvalidError
	if errors.As(err, &ie) { // should have been caught by parseQuery
		writeJSON(w, http.StatusBadRequest, "application/json", invalid(ie))
		return
	}
	writeJSON(w, http.StatusInternalServerError, "application/json", &badRequest{Msg: "internal error"})
}

func writeJSON(w http.ResponseWriter, status int, typ string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", typ+"; charset=utf-8")
	if status >= 400 {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeHTMLError answers the page's errors in HTML, escaped.
func (s *Server) writeHTMLError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`+
		`<title>%d %s · hubatlas</title><link rel="stylesheet" href="/static/app.css">`+
		`<main class="error"><h1>%d %s</h1><p>%s</p><p><a href="/">Back to the map of China</a></p></main></html>`,
		status, http.StatusText(status), status, http.StatusText(status), template.HTMLEscapeString(msg))
}
