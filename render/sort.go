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

// ParseSort reads a value of the sort parameter: its column (SortOrders;
// "rank" for "") and whether reversed.
func ParseSort(order string) (column string, desc bool) {
	column, desc = strings.CutPrefix(order, "-")
	if column == "" {
		column = "rank"
	}
	return column, desc
}

// SortMatches puts ms in the order of the sort parameter (SortOrders,
// "-" first for the reverse; "" is rank's): by rank, unranked hubs last,
// or by the names, provinces, products or categories the dashboard's
// table shows, in lang's words, in the order of x/text's collator for the
// language (pinyin order in Chinese, numbers by value); ties keep the
// list's order either way. A sorted table had not been in its URL: a
// shared link, a reload or a download gave the hubs by rank.
//
// Each distinct text is given its place once: names and provinces once
// per data and language (textPlaces, kept), products and categories,
// which depend on the filter, once per call. Sorting 50,000 hubs by name
// had made a collation key for every hub on every request: 227 and 247
// ms a sort against 36 and 32 now (BenchmarkSortMatches50k, alternated
// test binaries, a CI run beside; 21 ms alone).
func SortMatches(a *geo.Atlas, ms []geo.Match, order, lang string) {
	column, desc := ParseSort(order)
	if len(ms) < 2 || !slices.Contains(SortOrders, column) {
		return
	}
	dir := 1
	if desc {
		dir = -1
	}
	zh := lang == "zh"
	text := func(m geo.Match) string { return columnText(a, m, column, zh) }
	// Each row's text, once (nil by rank).
	var texts []string
	if column != "rank" {
		texts = make([]string, len(ms))
		for i, m := range ms {
			texts[i] = text(m)
		}
	}
	var places map[string]int32
	switch column {
	case "rank":
	case "name", "province":
		places = textPlaces.get(textPlacesKey{a.Version, column, zh, len(a.Hubs)}, func() map[string]int32 {
			all := make([]string, len(a.Hubs))
			for i := range a.Hubs {
				all[i] = text(geo.Match{Hub: &a.Hubs[i]})
			}
			return placesOf(all, zh)
		})
	default:
		places = placesOf(texts, zh)
	}
	// Ties in the list's order: each row's index breaks them (a stable
	// sort of 50,000 rows had taken 30 ms more).
	type placed struct {
		m        geo.Match
		place, i int32
	}
	ps := make([]placed, len(ms))
	for i, m := range ms {
		p := int32(rankKey(m))
		if texts != nil {
			p = places[texts[i]]
		}
		ps[i] = placed{m, p, int32(i)}
	}
	slices.SortFunc(ps, func(x, y placed) int {
		return cmp.Or(dir*cmp.Compare(x.place, y.place), cmp.Compare(x.i, y.i))
	})
	for i := range ps {
		ms[i] = ps[i].m
	}
}

// textPlacesKey is what a column's places depend on: the data (its
// version and size), the column and the language.
type textPlacesKey struct {
	version, column string
	zh              bool
	hubs            int
}

// textPlaces keeps the places of the names and provinces of recent data,
// two columns in two languages.
var textPlaces = memo[textPlacesKey, map[string]int32]{most: 4}

// placesOf gives each distinct text its place in the collation order of
// the language (Chinese when zh); equal keys share a place.
func placesOf(texts []string, zh bool) map[string]int32 {
	tag := language.English
	if zh {
		tag = language.Chinese
	}
	c := collate.New(tag, collate.Numeric)
	var buf collate.Buffer
	type keyed struct {
		text string
		key  []byte
	}
	seen := map[string]bool{}
	var ks []keyed
	for _, t := range texts {
		if seen[t] {
			continue
		}
		seen[t] = true
		read := t
		if zh {
			read = geo.CollationText(t)
		}
		ks = append(ks, keyed{t, bytes.Clone(c.KeyFromString(&buf, read))})
		buf.Reset()
	}
	slices.SortFunc(ks, func(x, y keyed) int { return bytes.Compare(x.key, y.key) })
	places := make(map[string]int32, len(ks))
	for i, k := range ks {
		if i > 0 && bytes.Equal(k.key, ks[i-1].key) {
			places[k.text] = places[ks[i-1].text]
			continue
		}
		places[k.text] = int32(i)
	}
	return places
}

// rankKey is a hub's rank, unranked hubs last.
func rankKey(m geo.Match) int {
	if m.Hub.Rank > 0 {
		return min(m.Hub.Rank, 1<<30)
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
