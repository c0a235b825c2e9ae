package geo

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter selects hubs. Empty fields select everything. Categories match any
// of them; all set fields must hold, for one and the same specialty.
type Filter struct {
	Categories []string // category ids
	Industry   string   // industry id
	Province   string   // division code
	Query      string   // free text, English or Chinese
}

// MaxQuery is the longest free-text query accepted, in characters.
const MaxQuery = 100

// Check returns an *InvalidError naming the first parameter of f that is
// not valid for this atlas, with the valid values. Parameter names are
// those of the HTTP API and CLI: category, industry, province, q.
func (a *Atlas) Check(f Filter) error {
	for _, c := range f.Categories {
		if _, ok := a.category[c]; !ok {
			return &InvalidError{Param: "category", Value: c, Valid: categoryIDs(a.Categories)}
		}
	}
	if _, ok := a.industry[f.Industry]; f.Industry != "" && !ok {
		return &InvalidError{Param: "industry", Value: f.Industry, Valid: ids(a.Industries)}
	}
	if _, ok := a.division[f.Province]; f.Province != "" && !ok {
		return &InvalidError{Param: "province", Value: f.Province, Valid: a.DivisionCodes()}
	}
	if utf8.RuneCountInString(f.Query) > MaxQuery || !utf8.ValidString(f.Query) || strings.ContainsFunc(f.Query, unicode.IsControl) {
		return &InvalidError{Param: "q", Value: truncate(strings.ToValidUTF8(f.Query, "?")),
			Hint: "want at most 100 characters of text without control characters"}
	}
	return nil
}

// Match is a hub selected by a filter with the indices of its specialties
// that matched.
type Match struct {
	Hub         *Hub
	Specialties []int
}

// MatchIndustries returns the ids of the industries of the matched specialties,
// in the atlas's industry order, without repeats.
func (a *Atlas) MatchIndustries(m Match) []string {
	var out []string
	for _, ind := range a.Industries {
		for _, s := range m.Specialties {
			if a.Categories[a.category[m.Hub.Specialties[s].Category]].Industry == ind.ID {
				out = append(out, ind.ID)
				break
			}
		}
	}
	return out
}

// Select returns the hubs matching f in file order. f should have passed
// Check; unknown values simply match nothing.
func (a *Atlas) Select(f Filter) []Match {
	q := parseQuery(f.Query)
	var out []Match
	for i := range a.Hubs {
		h := &a.Hubs[i]
		if f.Province != "" && h.Province != f.Province {
			continue
		}
		terms := &a.search[i]
		hubHit := len(q) > 0 && terms.hub.matchesAll(q)
		var specs []int
		for k, s := range h.Specialties {
			if len(f.Categories) > 0 && !slices.Contains(f.Categories, s.Category) {
				continue
			}
			if f.Industry != "" && a.Categories[a.category[s.Category]].Industry != f.Industry {
				continue
			}
			if len(q) > 0 && !hubHit && !terms.matchesSpecialty(k, q) {
				continue
			}
			specs = append(specs, k)
		}
		if len(specs) > 0 {
			out = append(out, Match{Hub: h, Specialties: specs})
		}
	}
	return out
}

// Counts returns the number of matches per division, indexed like Divisions.
func (a *Atlas) Counts(ms []Match) []int {
	out := make([]int, len(a.Divisions))
	for _, m := range ms {
		out[a.division[m.Hub.Province]]++
	}
	return out
}

// CategoryCounts returns, for each category (indexed like Categories), how
// many hubs match f with that category in place of f's categories: the
// number a filter chip shows.
func (a *Atlas) CategoryCounts(f Filter) []int {
	out := make([]int, len(a.Categories))
	for i, c := range a.Categories {
		g := f
		g.Categories = []string{c.ID}
		out[i] = len(a.Select(g))
	}
	return out
}

// terms are lower-case word stems (English) and strings (Chinese) to search.
type terms struct {
	words []string
	zh    []string
}

type hubTerms struct {
	hub   terms
	specs []terms
}

func (t *hubTerms) matchesSpecialty(k int, q []string) bool {
	for _, w := range q {
		if !t.hub.matches(w) && !t.specs[k].matches(w) {
			return false
		}
	}
	return true
}

func (t terms) matchesAll(q []string) bool {
	for _, w := range q {
		if !t.matches(w) {
			return false
		}
	}
	return true
}

// matches reports whether one query token hits: a Chinese token when it
// contains or is contained in a Chinese term, an English stem when it equals
// a word or, from three letters on, begins one.
func (t terms) matches(tok string) bool {
	if hasHan(tok) {
		for _, z := range t.zh {
			if strings.Contains(z, tok) || strings.Contains(tok, z) {
				return true
			}
		}
		return false
	}
	for _, w := range t.words {
		if w == tok || len(tok) >= 3 && strings.HasPrefix(w, tok) {
			return true
		}
	}
	return false
}

func (a *Atlas) buildSearch() {
	a.search = make([]hubTerms, len(a.Hubs))
	for i, h := range a.Hubs {
		t := &a.search[i]
		t.hub.add(h.Name)
		t.hub.add(h.NameZH)
		t.specs = make([]terms, len(h.Specialties))
		for k, s := range h.Specialties {
			st := &t.specs[k]
			st.add(s.Product)
			st.add(s.ProductZH)
			c := a.Categories[a.category[s.Category]]
			st.add(c.Name)
			st.add(c.NameZH)
			for _, kw := range c.Keywords {
				st.add(kw)
			}
		}
	}
}

func (t *terms) add(s string) {
	for _, tok := range tokens(s) {
		if hasHan(tok) {
			t.zh = append(t.zh, tok)
		} else {
			t.words = append(t.words, tok)
		}
	}
}

func parseQuery(q string) []string { return tokens(q) }

// tokens splits text into lower-case stemmed words and runs of Han
// characters; punctuation, apostrophes and spaces separate nothing else.
func tokens(s string) []string {
	s = strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(s, "'", ""), "’", ""))
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		// Split mixed runs such as "led灯" into Latin and Han parts.
		start, prevHan := 0, false
		for i, r := range f {
			h := isHan(r)
			if i > start && h != prevHan {
				out = append(out, stem(f[start:i]))
				start = i
			}
			prevHan = h
		}
		out = append(out, stem(f[start:]))
	}
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasHan(s string) bool { return strings.ContainsFunc(s, isHan) }

// stem folds English plurals so that "backpack" finds "Backpacks" and
// "accessory" finds "accessories". Both sides of a search are stemmed the
// same way, so consistency matters more than linguistics.
func stem(w string) string {
	if hasHan(w) || len(w) < 4 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}
