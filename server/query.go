package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// Limits on query strings: anything larger is a mistake or an attack.
const (
	maxQueryBytes = 2048
	maxValueBytes = 512
)

// params are the parameters every route takes.
var params = []string{"category", "industry", "province", "q", "lang", "width", "height", "title"}

// query is a parsed, checked and normalised query string.
type query struct {
	filter geo.Filter
	opt    render.Options
	def    render.Options // the server's defaults, left out of key
	sized  bool           // width or height given
}

// key is the normalised query: equal for requests that must get the same
// bytes, whatever the parameter order, case of codes or repeated spaces.
func (q query) key() string {
	v := url.Values{}
	for _, c := range q.filter.Categories {
		v.Add("category", c)
	}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("industry", q.filter.Industry)
	set("province", q.opt.Province)
	set("q", q.filter.Query)
	if q.opt.Lang != q.def.Lang {
		set("lang", q.opt.Lang)
	}
	if q.opt.Width != q.def.Width || q.opt.Height != q.def.Height {
		set("width", strconv.Itoa(q.opt.Width))
		set("height", strconv.Itoa(q.opt.Height))
	}
	set("title", q.opt.Title)
	return v.Encode() // sorted by key
}

// badRequest is a client error that names the parameter and, where they
// can be listed, its valid values.
type badRequest struct {
	Param string   `json:"param,omitempty"`
	Msg   string   `json:"error"`
	Valid []string `json:"valid,omitempty"`
}

func (e *badRequest) Error() string { return e.Msg }

// parseQuery checks the raw query against the atlas and the defaults.
// Empty values count as absent, as an HTML form sends them.
func (s *Server) parseQuery(a *geo.Atlas, raw string) (query, *badRequest) {
	q := query{def: render.Options{Lang: s.opt.Lang, Width: s.opt.Width, Height: s.opt.Height}}
	if len(raw) > maxQueryBytes {
		return q, &badRequest{Msg: fmt.Sprintf("query string is %d bytes long; at most %d", len(raw), maxQueryBytes)}
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return q, &badRequest{Msg: "query string is not valid URL encoding: " + err.Error()}
	}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	slices.Sort(names) // report problems in a stable order
	one := map[string]string{}
	for _, k := range names {
		vs := vals[k]
		if !slices.Contains(params, k) {
			return q, &badRequest{Param: truncate(k), Msg: fmt.Sprintf("unknown parameter %q: valid parameters are %s", truncate(k), strings.Join(params, ", ")), Valid: params}
		}
		for _, v := range vs {
			if len(v) > maxValueBytes {
				return q, &badRequest{Param: k, Msg: fmt.Sprintf("parameter %s is %d bytes long; at most %d", k, len(v), maxValueBytes)}
			}
		}
		if k == "category" {
			if len(vs) > len(a.Categories) {
				return q, &badRequest{Param: k, Msg: fmt.Sprintf("category given %d times; there are only %d categories", len(vs), len(a.Categories))}
			}
			for _, v := range vs {
				if v = strings.TrimSpace(v); v != "" && !slices.Contains(q.filter.Categories, v) {
					q.filter.Categories = append(q.filter.Categories, v)
				}
			}
			continue
		}
		var nonEmpty []string
		for _, v := range vs {
			if strings.TrimSpace(v) != "" {
				nonEmpty = append(nonEmpty, v)
			}
		}
		if len(nonEmpty) > 1 {
			return q, &badRequest{Param: k, Msg: fmt.Sprintf("parameter %s given %d times; give it once", k, len(nonEmpty))}
		}
		if len(nonEmpty) == 1 {
			one[k] = strings.TrimSpace(nonEmpty[0])
		}
	}
	slices.Sort(q.filter.Categories)
	q.filter.Industry = one["industry"]
	q.filter.Query = strings.Join(strings.Fields(one["q"]), " ")
	q.opt.Province = strings.ToUpper(one["province"])
	q.opt.Lang = one["lang"]
	if q.opt.Lang == "" {
		q.opt.Lang = s.opt.Lang
	}
	q.opt.Title = one["title"]
	q.opt.Width, q.opt.Height = s.opt.Width, s.opt.Height
	for _, d := range []struct {
		name string
		dst  *int
	}{{"width", &q.opt.Width}, {"height", &q.opt.Height}} {
		v, ok := one[d.name]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < render.MinSize || n > render.MaxSize {
			return q, &badRequest{Param: d.name, Msg: fmt.Sprintf("%s %q is not valid: want a whole number of px from %d to %d", d.name, truncate(v), render.MinSize, render.MaxSize)}
		}
		*d.dst = n
		q.sized = true
	}
	if q.opt.Palette == nil {
		q.opt.Palette = s.opt.Palette
	}
	if err := a.Check(q.filter); err != nil {
		return q, invalid(err)
	}
	if err := q.opt.Check(a); err != nil {
		return q, invalid(err)
	}
	return q, nil
}

// hubFilter is the filter for lists and the API: the province narrows the
// hubs, where on a map it only moves the view.
func (q query) hubFilter() geo.Filter {
	f := q.filter
	f.Province = q.opt.Province
	return f
}

func invalid(err error) *badRequest {
	ie, ok := err.(*geo.InvalidError)
	if !ok {
		return &badRequest{Msg: err.Error()}
	}
	msg := fmt.Sprintf("%s %q is not valid: ", ie.Param, ie.Value)
	if len(ie.Valid) > 0 {
		msg += "valid values are " + strings.Join(ie.Valid, ", ")
	} else {
		msg += ie.Hint
	}
	return &badRequest{Param: ie.Param, Msg: msg, Valid: ie.Valid}
}

func truncate(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if len(s) > 40 {
		return strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
