package server

import (
	"cmp"
	"container/list"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// notice is something the page says about its own URL: a parameter it
// ignored, with the categories nearest to a bad value when there are some.
type notice struct {
	Msg     string
	Suggest []suggestion
	// Param and Value name a value that is not one of the data's (a
	// category, an industry, a province): the page words that in its
	// own language, where Msg, the API's message, lists every valid id
	// in English.
	Param, Value string
}

// suggestion is a category offered in place of a search or a value that
// found nothing.
type suggestion struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameZH string `json:"name_zh"`
}

// pageQuery is the page's reading of a URL: where the API answers a bad
// parameter with a 400, a stale link to the page still shows the
// dashboard, without what was wrong, and says what it left out.
type pageQuery struct {
	query
	notices  []notice
	explicit bool   // the URL names lang
	canon    string // the canonical query of the URL (lang kept when given)
}

// maxPageRepairs bounds how many bad parameters the page drops one by one
// before it ignores the whole query.
const maxPageRepairs = 12

// parsePageQuery parses r's query as the page does: bad parameters are
// dropped with a notice, never a 400.
func (s *Server) parsePageQuery(st *state, r *http.Request) pageQuery {
	raw := r.URL.RawQuery
	q, bad := s.parseQuery(st.atlas, raw)
	var out pageQuery
	vals, err := url.ParseQuery(raw)
	if err != nil || len(raw) > maxQueryBytes {
		vals = url.Values{}
	}
	for i := 0; bad != nil; i++ {
		n := notice{Msg: bad.Msg}
		if len(bad.Valid) > 0 && bad.value != "" {
			n.Param, n.Value = bad.Param, bad.value
		}
		a := q.atlas
		if a == nil {
			a = st.atlas
		}
		if i >= maxPageRepairs {
			clear(vals)
		} else {
			n.Suggest = dropBad(a, q.def, vals, bad)
		}
		out.notices = append(out.notices, n)
		q, bad = s.parseQuery(st.atlas, vals.Encode())
	}
	out.query = q
	out.explicit = strings.TrimSpace(vals.Get("lang")) != ""
	out.canon = out.key()
	return out
}

// key is the page's canonical query: the query's, with lang kept when the
// URL names it even as the default (it then overrides Accept-Language).
func (p pageQuery) key() string {
	v := p.req.Values(p.def)
	if p.preview != "" {
		v.Set(previewParam, p.preview)
	}
	if p.explicit && v.Get("lang") == "" {
		v.Set("lang", p.req.Options.Lang)
	}
	return v.Encode()
}

// dropBad removes from vals what bad complains about: the bad values of a
// repeatable parameter, else the whole parameter (all of vals when it
// cannot tell which). It returns the categories nearest to a bad
// category value, to offer instead.
func dropBad(a *geo.Atlas, def render.Request, vals url.Values, bad *badRequest) []suggestion {
	name := bad.Param
	if _, ok := vals[name]; !ok || name == "" {
		if name == previewParam || strings.Contains(bad.Msg, "preview") {
			vals.Del(previewParam)
			return nil
		}
		// A message about the whole query or a truncated name: drop every
		// oversized value, else everything.
		n := len(vals)
		for k, vs := range vals {
			for _, v := range vs {
				if len(v) > maxValueBytes || len(k) > 40 {
					delete(vals, k)
				}
			}
		}
		if len(vals) == n {
			clear(vals)
		}
		return nil
	}
	p, ok := render.ParamNamed(name)
	var dropped []string
	if ok && p.Multi && len(vals[name]) > 1 && len(vals[name]) <= len(a.Categories) {
		var keep []string
		for _, v := range vals[name] {
			r := def
			if p.Apply(&r, a, []string{v}) == nil {
				keep = append(keep, v)
			} else {
				dropped = append(dropped, v)
			}
		}
		if len(keep) < len(vals[name]) {
			vals[name] = keep
		} else {
			delete(vals, name)
		}
	} else {
		dropped = vals[name]
		delete(vals, name)
	}
	if name != "category" {
		return nil
	}
	var out []suggestion
	for _, v := range dropped {
		for _, id := range a.Suggest(v, 3) {
			if c, ok := a.Category(id); ok && !slices.ContainsFunc(out, func(s suggestion) bool { return s.ID == id }) {
				out = append(out, suggestion{c.ID, c.Name, c.NameZH})
			}
		}
	}
	return out
}

// viewInfo is what the page's script needs to know about a map besides
// its SVG: where the map's frame lies and how projected metres map to its
// px (to turn a zoomed window back into lon/lat), and the counts of the
// query for chips, the legend and province tooltips. /api/view serves it;
// the page carries the first one in data-view.
type viewInfo struct {
	Key    string     `json:"key"` // the normalised query it describes
	Title  string     `json:"title"`
	Width  float64    `json:"width"` // px of the map
	Height float64    `json:"height"`
	Frame  [4]float64 `json:"frame"` // the map panel, px: x0, y0, x1, y1
	// Inner is where a hub stands for its marker to be drawn (the frame
	// less a marker's radius), px: the hubs in view are those in it.
	Inner [4]float64 `json:"inner"`
	// Albers (geo.China) metres to px: x = x0 + e*scale, y = y0 - n*scale.
	Scale float64 `json:"scale"`
	X0    float64 `json:"x0"`
	Y0    float64 `json:"y0"`
	// Pad is the margin, px, the map keeps around a window it fits.
	Pad float64 `json:"pad"`
	// Proj is the projection: standard parallels and central meridian, degrees.
	Proj       [3]float64      `json:"proj"`
	Aggregated bool            `json:"aggregated"` // proportional symbols, not one marker per hub
	Shown      int             `json:"shown"`      // matching hubs inside the frame
	Total      int             `json:"total"`      // matching hubs
	Provinces  []provinceStat  `json:"provinces"`
	Categories []apiCategory   `json:"categories"`
	Industries []industryCount `json:"industries"`
	// Suggest offers categories when a search finds nothing.
	Suggest []suggestion `json:"suggest,omitempty"`
	// Sources is what the loaded files say about themselves: credit them.
	Sources geo.Sources `json:"sources"`
	// Nouns are what the data calls its hubs, for the interface strings'
	// {hub}, {hubs}, {Hubs} and {zh}.
	Nouns nouns `json:"nouns"`
}

// provinceStat is one division's line in a province tooltip.
type provinceStat struct {
	Code   string   `json:"code"`
	Name   string   `json:"name"`
	NameZH string   `json:"name_zh"`
	Count  int      `json:"count"` // matching hubs in it, as the map shades
	All    int      `json:"all"`   // the same without the province filter
	Top    []string `json:"top,omitempty"`
}

// industryCount is how many hubs the query would match with that
// industry chosen instead.
type industryCount struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameZH string `json:"name_zh"`
	Count  int    `json:"count"`
}

// topCategories is how many categories a province tooltip names.
const topCategories = 3

// viewOf returns the view of q's map as JSON, from the cache or built.
func (s *Server) viewOf(r *http.Request, q query) ([]byte, error) {
	key := s.build + "\x00" + q.atlas.Version + "\x00" + q.mapKey()
	if b, ok := views.get(key); ok {
		return b, nil
	}
	release, err := s.slot(r.Context())
	if err != nil {
		return nil, err
	}
	scene, err := render.Build(r.Context(), q.atlas, q.req)
	release()
	if err != nil {
		return nil, err
	}
	a, f := q.atlas, q.req.Filter
	tr := scene.Base.Transform
	v := viewInfo{
		Key: q.mapKey(), Title: strings.Join(scene.Title, " "), Width: scene.Width, Height: scene.Height,
		Frame: [4]float64{scene.Frame.Min[0], scene.Frame.Min[1], scene.Frame.Max[0], scene.Frame.Max[1]},
		Inner: [4]float64{scene.HubFrame.Min[0], scene.HubFrame.Min[1], scene.HubFrame.Max[0], scene.HubFrame.Max[1]},
		Scale: tr.Scale, X0: tr.X0, Y0: tr.Y0, Pad: scene.Style.Pad * 0.5, Proj: [3]float64{25, 47, 105},
		Aggregated: scene.Aggregated, Shown: scene.Shown,
		Categories: categoryViews(a, q), Sources: a.Sources, Nouns: nounsOf(a),
	}
	ms := a.Select(f)
	v.Total = len(ms)
	if v.Total == 0 && f.Query != "" {
		for _, id := range a.Suggest(f.Query, 4) {
			c, _ := a.Category(id)
			v.Suggest = append(v.Suggest, suggestion{c.ID, c.Name, c.NameZH})
		}
	}
	all := provinceViews(a, q)
	cats := make([][]int, len(a.Divisions))
	for _, m := range ms {
		d := a.DivisionOf(m.Hub)
		if cats[d] == nil {
			cats[d] = make([]int, len(a.Categories))
		}
		seen := map[int]bool{}
		for _, k := range m.Specialties {
			i, _ := a.Find(m.Hub.Specialties[k].Category)
			if !seen[i] {
				seen[i] = true
				cats[d][i]++
			}
		}
	}
	counts := a.Counts(ms)
	for i, d := range a.Divisions {
		ps := provinceStat{Code: d.Code, Name: d.Name, NameZH: d.NameZH, Count: counts[i], All: all[i].Count}
		if cats[i] != nil {
			idx := make([]int, 0, len(a.Categories))
			for c, n := range cats[i] {
				if n > 0 {
					idx = append(idx, c)
				}
			}
			slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(cats[i][y], cats[i][x]) })
			for _, c := range idx[:min(len(idx), topCategories)] {
				ps.Top = append(ps.Top, a.Categories[c].ID)
			}
		}
		v.Provinces = append(v.Provinces, ps)
	}
	perInd := industryCounts(a, f)
	for _, ind := range a.Industries {
		v.Industries = append(v.Industries, industryCount{ind.ID, ind.Name, ind.NameZH, perInd[ind.ID]})
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	views.put(key, b)
	return b, nil
}

// industryCounts is, per industry id, how many hubs the filter would
// select with that industry chosen: in place of its own, and with only
// the chosen categories of that industry, as choosing one keeps them
// (the page's keepCategoriesOf, the legend's links): the counts beside
// the industry choices. Counted with the categories of all industries,
// every industry but Consumer goods had said 0 beside footwear, where
// choosing Electronics & tech shows 4 hubs.
func industryCounts(a *geo.Atlas, f geo.Filter) map[string]int {
	f.Industry = ""
	out := map[string]int{}
	if len(f.Categories) == 0 {
		for _, m := range a.Select(f) {
			for _, id := range a.MatchIndustries(m) {
				out[id]++
			}
		}
		return out
	}
	for _, ind := range a.Industries {
		g := f
		g.Industry = ind.ID
		g.Categories = slices.DeleteFunc(slices.Clone(f.Categories), func(id string) bool {
			c, ok := a.Catalog.Category(id)
			return !ok || c.Industry != ind.ID
		})
		n := 0
		a.Compile(g).Each(func(int, uint64) { n++ })
		out[ind.ID] = n
	}
	return out
}

// handleView answers /api/view: the view of the map /map.svg draws for
// the same query (see viewInfo).
func (s *Server) handleView(w http.ResponseWriter, r *http.Request) {
	q, ok := s.freshQuery(w, r, "view")
	if !ok {
		return
	}
	b, err := s.viewOf(r, q)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

// viewCache keeps views as JSON by server build, data version and query:
// a few KB each, bounded by count and bytes. Safe for concurrent use.
type viewCache struct {
	mu       sync.Mutex
	ll       *list.List
	items    map[string]*list.Element
	bytes    int
	maxItems int
	maxBytes int
}

type viewEntry struct {
	key string
	b   []byte
}

// views is shared by the servers of a process; keys carry each server's
// build fingerprint, so that they never mix.
var views = &viewCache{ll: list.New(), items: map[string]*list.Element{}, maxItems: 1024, maxBytes: 4 << 20}

func (c *viewCache) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*viewEntry).b, true
	}
	return nil, false
}

func (c *viewCache) put(key string, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	c.items[key] = c.ll.PushFront(&viewEntry{key, b})
	c.bytes += len(b) + len(key)
	for c.ll.Len() > c.maxItems || c.bytes > c.maxBytes {
		old := c.ll.Back()
		e := old.Value.(*viewEntry)
		c.ll.Remove(old)
		delete(c.items, e.key)
		c.bytes -= len(e.b) + len(e.key)
	}
}

// originRE is a web origin as a CSP source: scheme, host, optional port;
// no path, no wildcard in the middle, nothing that could end a directive.
var originRE = regexp.MustCompile(`^https?://(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// CheckEmbedOrigin reports whether s can be listed in
// server.embed_origins: an origin such as https://example.com or
// http://127.0.0.1:8080 (lower case, no path), or *.example.com's
// https://*.example.com form.
func CheckEmbedOrigin(s string) error {
	if !originRE.MatchString(s) {
		return fmt.Errorf("embed origin %q is not an origin: want scheme://host[:port] in lower case without a path, e.g. https://example.com", s)
	}
	if i := strings.LastIndexByte(s, ':'); i > len("https:") {
		if p, err := strconv.Atoi(s[i+1:]); err != nil || p == 0 || p > 65535 {
			return fmt.Errorf("embed origin %q has a port out of range", s)
		}
	}
	return nil
}

// frameAncestors is the CSP frame-ancestors list of the embed view: the
// valid configured origins, or 'none'.
func (s *Server) frameAncestors() string {
	var ok []string
	for _, o := range s.opt.EmbedOrigins {
		if CheckEmbedOrigin(o) == nil {
			ok = append(ok, o)
		}
	}
	if len(ok) == 0 {
		return "'none'"
	}
	return strings.Join(ok, " ")
}

// embedOrigins lists the configured origins for the page's embed dialog.
func (s *Server) embedOrigins() []string {
	if a := s.frameAncestors(); a != "'none'" {
		return strings.Fields(a)
	}
	return nil
}

// handleEmbed serves /embed: the map and its legend alone, for an iframe
// on the sites listed in server.embed_origins. Only this route may be
// framed, and only by them.
func (s *Server) handleEmbed(w http.ResponseWriter, r *http.Request) {
	anc := s.frameAncestors()
	h := w.Header()
	if anc != "'none'" {
		h.Del("X-Frame-Options")
	}
	h.Set("Content-Security-Policy", strings.Replace(pageCSP, "frame-ancestors 'none'", "frame-ancestors "+anc, 1))
	s.servePage(w, r, true)
}

func itoa(n int) string { return strconv.Itoa(n) }
