package render

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/hubatlas/hubatlas/geo"
)

// SortMatches puts ms in the order of the sort parameter (SortOrders,
// "-" first for the reverse; "" keeps the list's own, rank's), as the
// dashboard's table sorts its columns: names, provinces, products and
// categories in lang's words, compared as the browser's collator for the
// language does (pinyin order in Chinese, numbers by value), ties in the
// list's order either way. A sorted table had not been in its URL: a
// shared link, a reload or a download gave the hubs by rank.
func SortMatches(a *geo.Atlas, ms []geo.Match, order, lang string) {
	key, desc := strings.CutPrefix(order, "-")
	if len(ms) < 2 || key == "" {
		return
	}
	dir := 1
	if desc {
		dir = -1
	}
	if key == "rank" {
		slices.SortStableFunc(ms, func(x, y geo.Match) int { return dir * cmp.Compare(rankKey(x), rankKey(y)) })
		return
	}
	zh := lang == "zh"
	tag := language.English
	if zh {
		tag = language.Chinese
	}
	c := collate.New(tag, collate.Numeric)
	var buf collate.Buffer
	type keyed struct {
		m   geo.Match
		key []byte
	}
	ks := make([]keyed, len(ms))
	for i, m := range ms {
		ks[i] = keyed{m, bytes.Clone(c.KeyFromString(&buf, columnText(a, m, key, zh)))}
		buf.Reset()
	}
	slices.SortStableFunc(ks, func(x, y keyed) int { return dir * bytes.Compare(x.key, y.key) })
	for i := range ks {
		ms[i] = ks[i].m
	}
}

// rankKey is a hub's rank, unranked hubs last.
func rankKey(m geo.Match) int {
	if m.Hub.Rank > 0 {
		return m.Hub.Rank
	}
	return 1 << 30
}

// columnText is what the table's column key shows for m, in Chinese when
// zh (the English where there is no Chinese).
func columnText(a *geo.Atlas, m geo.Match, key string, zh bool) string {
	pick := func(en, cn string) string {
		if zh && cn != "" {
			return cn
		}
		return en
	}
	h := m.Hub
	switch key {
	case "name":
		return pick(h.Name, h.NameZH)
	case "province":
		if d, ok := a.Division(h.Province); ok {
			return pick(d.Name, d.NameZH)
		}
		return h.Province
	case "products":
		var out []string
		for _, k := range m.Specialties {
			sp := h.Specialties[k]
			if p := pick(sp.Product, sp.ProductZH); !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
		return strings.Join(out, pick(", ", "、"))
	case "categories":
		var ids, out []string
		for _, k := range m.Specialties {
			id := h.Specialties[k].Category
			if slices.Contains(ids, id) {
				continue
			}
			ids = append(ids, id)
			name := id
			if c, ok := a.Category(id); ok {
				name = pick(c.Name, c.NameZH)
			}
			out = append(out, name)
		}
		return strings.Join(out, ", ")
	}
	return ""
}
