package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// Limits on query strings: anything larger is a mistake or an attack.
const (
	maxQueryBytes = 2048
	maxValueBytes = 512
)

// query is a parsed, checked and normalised query string.
type query struct {
	atlas   *geo.Atlas     // the data served, or a visitor's preview
	preview string         // the preview's token, "" for the data served
	req     render.Request // every parameter of render.Params
	def     render.Request // the server's defaults, left out of key
	sized   bool           // width or height given
}

// key is the normalised query: equal for requests that must get the same
// bytes, whatever the parameter order, case of codes or repeated spaces.
func (q query) key() string {
	v := q.req.Values(q.def)
	if q.preview != "" {
		v.Set(previewParam, q.preview)
	}
	return v.Encode()
}

// mapKey is key for a map and its view: without the parameters of a
// list (limit, offset, sort), which maps pass over, so that a map asked
// for with them is the same map, cached once, with one ETag.
func (q query) mapKey() string {
	q.req.Paging = render.Paging{}
	return q.key()
}

// place is the division the map shows: the focus, else the filter's
// province; "" for all of China.
func (q query) place() string {
	if q.req.Options.Focus != "" {
		return q.req.Options.Focus
	}
	return q.req.Filter.Province
}

// badRequest is a client error that names the parameter and, where they
// can be listed, its valid values.
type badRequest struct {
	Param string   `json:"param,omitempty"`
	Msg   string   `json:"error"`
	Valid []string `json:"valid,omitempty"`
	value string   // the value refused, where Valid lists the others
}

func (e *badRequest) Error() string { return e.Msg }

// parseQuery checks the raw query against the atlas and the defaults.
// Empty values count as absent, as an HTML form sends them.
func (s *Server) parseQuery(a *geo.Atlas, raw string) (query, *badRequest) {
	q := query{atlas: a, def: render.Request{Options: render.Options{Lang: s.opt.Lang, Width: s.opt.Width, Height: s.opt.Height, Palette: s.opt.Palette, Edition: s.opt.Edition, Approval: s.opt.Approval}}}
	q.req = q.def
	if len(raw) > maxQueryBytes {
		return q, &badRequest{Msg: fmt.Sprintf("query string is %d bytes long; at most %d", len(raw), maxQueryBytes)}
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return q, &badRequest{Msg: "query string is not valid URL encoding: " + err.Error()}
	}
	for k, vs := range vals {
		for _, v := range vs {
			if len(v) > maxValueBytes {
				return q, &badRequest{Param: truncate(k), Msg: fmt.Sprintf("parameter %s is %d bytes long; at most %d", truncate(k), len(v), maxValueBytes)}
			}
		}
		if k == "category" && len(vs) > len(a.Categories) {
			return q, &badRequest{Param: k, Msg: fmt.Sprintf("category given %d times; there are only %d categories", len(vs), len(a.Categories))}
		}
	}
	if tok := vals.Get(previewParam); tok != "" {
		p, ok := s.previews.get(tok)
		if !ok {
			return q, &badRequest{Param: previewParam, Msg: "preview " + strconv.Quote(truncate(tok)) + " is unknown or has expired: previews are kept " + previewTTL.String() + "; upload the file again"}
		}
		q.atlas, q.preview, a = p, tok, p
	}
	delete(vals, previewParam)
	req, err := render.ParseRequest(a, vals, q.def, render.FilterParam, render.ViewParam, render.ListParam)
	if err != nil {
		return q, invalid(err)
	}
	q.req = req
	q.sized = vals.Get("width") != "" || vals.Get("height") != ""
	return q, nil
}

func invalid(err error) *badRequest {
	ie, ok := err.(*geo.InvalidError)
	if !ok {
		return &badRequest{Msg: err.Error()}
	}
	if ie.Param == "parameter" {
		return &badRequest{Param: ie.Value, Msg: fmt.Sprintf("unknown parameter %q: valid parameters are %s", ie.Value, strings.Join(ie.Valid, ", ")), Valid: ie.Valid}
	}
	msg := fmt.Sprintf("%s %q is not valid: ", ie.Param, ie.Value)
	if len(ie.Valid) > 0 && ie.Hint == "" {
		msg += "valid values are " + strings.Join(ie.Valid, ", ")
	} else {
		msg += ie.Hint // which words the valid values and what else is valid (InvalidError.Error)
	}
	return &badRequest{Param: ie.Param, Msg: msg, Valid: ie.Valid, value: ie.Value}
}

func truncate(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}

// parsedQueries remembers what the raw query strings of maps parsed to,
// for the data served (not previews, which expire): parsing and
// normalising a query is a pure function of the string and the data, and
// took 9 % of the CPU of serving a cached map (perf record on hubatlas
// serve under bench/load). It belongs to a state, so a reload starts it
// afresh. Bounded: strings up to memoQueryBytes, at most memoQueries of
// them; when full, it is emptied and fills again with what is asked.
type parsedQueries struct {
	m sync.Map // raw query -> parsedQuery
	n atomic.Int64
}

type parsedQuery struct {
	q   query
	key string
}

// memoQueries is twice the map cache's default entries: a remembered
// query whose map has left the cache still saves its parsing for the
// 304 or the new drawing. An entry takes about a kilobyte (1,034 bytes
// for a query of four parameters, measured), 1 MB in all.
const (
	memoQueries    = 1024
	memoQueryBytes = 256
)

func (p *parsedQueries) get(raw string) (parsedQuery, bool) {
	v, ok := p.m.Load(raw)
	if !ok {
		return parsedQuery{}, false
	}
	return v.(parsedQuery), true
}

func (p *parsedQueries) put(raw string, pq parsedQuery) {
	if len(raw) > memoQueryBytes || pq.q.preview != "" {
		return
	}
	if p.n.Add(1) > memoQueries {
		p.m.Clear()
		p.n.Store(1)
	}
	p.m.Store(strings.Clone(raw), pq)
}
