package geo

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter selects hubs. Empty fields select everything. Categories match any
// of them; all set fields must hold, for one and the same specialty
// (Query may also match the hub's name or city).
type Filter struct {
	Categories []string // category ids
	Industry   string   // industry id
	Province   string   // division code: only hubs in this division
	Query      string   // free text, English, Chinese or pinyin
}

// IsZero reports whether f selects every hub.
func (f Filter) IsZero() bool {
	return len(f.Categories) == 0 && f.Industry == "" && f.Province == "" && f.Query == ""
}

// MaxQuery is the longest free-text query accepted, in characters.
const MaxQuery = 100

// Check returns an *InvalidError naming the first parameter of f that is
// not valid for this atlas, with the valid values. Parameter names are
// those of the HTTP API and CLI: category, industry, province, q.
func (a *Atlas) Check(f Filter) error {
	for _, c := range f.Categories {
		if _, ok := a.category[c]; !ok {
			return &InvalidError{Param: "category", Value: c, Valid: a.CategoryIDs()}
		}
	}
	if _, ok := a.industry[f.Industry]; f.Industry != "" && !ok {
		return &InvalidError{Param: "industry", Value: f.Industry, Valid: a.IndustryIDs()}
	}
	if f.Province != "" && a.DivisionIndex(f.Province) < 0 {
		return &InvalidError{Param: "province", Value: f.Province, Valid: a.DivisionCodes()}
	}
	// Bidirectional overrides too, as a title refuses them: U+202E had
	// reached an exported map's <title> ("No hubs match ...").
	if utf8.RuneCountInString(f.Query) > MaxQuery || !utf8.ValidString(f.Query) || strings.ContainsFunc(f.Query, badRune) {
		return &InvalidError{Param: "q", Value: truncate(Visible(f.Query)),
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
	for _, i := range a.industryIndices(m.Hub, specMask(m.Specialties)) {
		out = append(out, a.Industries[i].ID)
	}
	return out
}

// IndustryIndices returns the indices in Industries of the industries of
// the specialties in mask, in order, without repeats.
func (a *Atlas) industryIndices(h *Hub, mask uint64) []int {
	var seen uint64
	for m := mask; m != 0; m &= m - 1 {
		k := bits.TrailingZeros64(m)
		if ii := a.IndustryOf(h.Specialties[k].cat); ii < 64 {
			seen |= 1 << ii
		}
	}
	out := make([]int, 0, bits.OnesCount64(seen))
	for m := seen; m != 0; m &= m - 1 {
		out = append(out, bits.TrailingZeros64(m))
	}
	return out
}

// DominantIndustry returns the index of the industry most of hub i's
// specialties in mask belong to (the first in catalog order on a tie), or
// -1 for an empty mask.
func (a *Atlas) DominantIndustry(i int, mask uint64) int {
	if mask == a.cols[i].full {
		return int(a.cols[i].dom)
	}
	return a.dominant(&a.Hubs[i], mask)
}

func (a *Atlas) dominant(h *Hub, mask uint64) int {
	best, bestN := -1, 0
	var n [64]int
	for m := mask; m != 0; m &= m - 1 {
		ii := a.IndustryOf(h.Specialties[bits.TrailingZeros64(m)].cat)
		if ii >= 64 {
			continue
		}
		n[ii]++
		if n[ii] > bestN || n[ii] == bestN && ii < best {
			best, bestN = ii, n[ii]
		}
	}
	return best
}

func specMask(specs []int) uint64 {
	var m uint64
	for _, k := range specs {
		m |= 1 << k
	}
	return m
}

// Matcher is a Filter compiled against an atlas: category and industry
// ids turned into indices, the query into accepted words. Build one with
// Compile; it is read-only and safe for concurrent use.
type Matcher struct {
	a        *Atlas
	cats     []bool // by category index; nil accepts any
	industry int    // -1 accepts any
	div      int    // -1 accepts any
	q        []queryToken
}

// Compile prepares f for matching every hub; f should have passed Check
// (unknown values match nothing).
func (a *Atlas) Compile(f Filter) *Matcher {
	m := &Matcher{a: a, industry: -1, div: -1}
	if len(f.Categories) > 0 {
		m.cats = make([]bool, len(a.Categories))
		for _, id := range f.Categories {
			if i, ok := a.category[id]; ok {
				m.cats[i] = true
			}
		}
	}
	if f.Industry != "" {
		m.industry = len(a.Industries) // matches nothing unless found
		if i, ok := a.industry[f.Industry]; ok {
			m.industry = i
		}
	}
	if f.Province != "" {
		m.div = len(a.Divisions)
		if i := a.DivisionIndex(f.Province); i >= 0 {
			m.div = i
		}
	}
	m.q = a.search.compile(f.Query)
	return m
}

// Mask returns a bit per specialty of hub i that matches, 0 when the hub
// does not match.
func (m *Matcher) Mask(i int) uint64 {
	a := m.a
	c := &a.cols[i]
	if m.div >= 0 && int(c.div) != m.div {
		return 0
	}
	if m.cats == nil && m.industry < 0 && len(m.q) == 0 {
		return c.full // no filter on specialties
	}
	h := &a.Hubs[i]
	hubHit := len(m.q) > 0 && a.search.hubMatchesAll(i, m.q)
	var mask uint64
	for k := range h.Specialties {
		c := h.Specialties[k].cat
		if m.cats != nil && !m.cats[c] {
			continue
		}
		if m.industry >= 0 && a.IndustryOf(c) != m.industry {
			continue
		}
		if len(m.q) > 0 && !hubHit && !a.search.specialtyMatches(i, k, m.q) {
			continue
		}
		mask |= 1 << k
	}
	return mask
}

// Each calls fn for every matching hub in file order with its mask of
// matching specialties, allocating nothing.
func (m *Matcher) Each(fn func(i int, mask uint64)) {
	for i := range m.a.Hubs {
		if mask := m.Mask(i); mask != 0 {
			fn(i, mask)
		}
	}
}

// Masks fills dst (grown to one entry per hub) with each hub's Mask and
// returns it with the number of matching hubs.
func (m *Matcher) Masks(dst []uint64) ([]uint64, int) {
	n := len(m.a.Hubs)
	if cap(dst) < n {
		dst = make([]uint64, n)
	}
	dst = dst[:n]
	count := 0
	for i := range dst {
		dst[i] = m.Mask(i)
		if dst[i] != 0 {
			count++
		}
	}
	return dst, count
}

// Select returns the hubs matching f in file order. f should have passed
// Check; unknown values simply match nothing.
func (a *Atlas) Select(f Filter) []Match {
	return a.SelectWhere(f, nil)
}

// SelectWhere is Select of the hubs keep keeps (by index in Hubs; nil
// keeps every one).
func (a *Atlas) SelectWhere(f Filter, keep func(i int) bool) []Match {
	var out []Match
	a.Compile(f).Each(func(i int, mask uint64) {
		if keep != nil && !keep(i) {
			return
		}
		specs := make([]int, 0, bits.OnesCount64(mask))
		for m := mask; m != 0; m &= m - 1 {
			specs = append(specs, bits.TrailingZeros64(m))
		}
		out = append(out, Match{Hub: &a.Hubs[i], Specialties: specs})
	})
	return out
}

// Counts returns the number of matches per division, indexed like Divisions.
func (a *Atlas) Counts(ms []Match) []int {
	out := make([]int, len(a.Divisions))
	for _, m := range ms {
		out[m.Hub.div]++
	}
	return out
}

// DivisionOf returns the index in Divisions of h's province.
func (a *Atlas) DivisionOf(h *Hub) int { return h.div }

// CategoryCounts returns, for each category (indexed like Categories), how
// many hubs match f with that category in place of f's categories: the
// number a filter chip shows. One pass over the hubs.
func (a *Atlas) CategoryCounts(f Filter) []int {
	g := f
	g.Categories = nil
	m := a.Compile(g)
	out := make([]int, len(a.Categories))
	seen := make([]int, len(a.Categories)) // last hub counted, +1
	m.Each(func(i int, mask uint64) {
		h := &a.Hubs[i]
		for b := mask; b != 0; b &= b - 1 {
			c := h.Specialties[bits.TrailingZeros64(b)].cat
			if seen[c] != i+1 {
				seen[c] = i + 1
				out[c]++
			}
		}
	})
	return out
}

// searchIndex holds every searchable word once (vocab) and, per hub,
// specialty and category, the ids of its words and its Chinese strings.
// A query is compiled to the set of vocabulary words each of its tokens
// accepts (exact, prefix, plural, one or two typos), so matching a hub is
// set membership, and a category's keywords are stored once, not per
// specialty.
type searchIndex struct {
	vocab map[string]int32
	words []string

	cats []termSet // per category: every word of it, to file and suggest
	// whole are the words of each category that find all of it (its
	// names and keywords), products its products' names, which find the
	// hubs making them (Category.Products).
	whole    []termSet
	products [][]productNames
	byCat    [][]specRef // per category, its hubs' specialties
	hubs     []termSet   // per hub: names and city
	specs    [][]termSet
	cat      [][]int // per hub, per specialty: category index
	// provs is each hub's province: its English words, and its Chinese
	// name, which a query matches only whole (appendChinese). provsZH
	// are the provinces' Chinese names, longest first.
	provs   []termSet
	provsZH []string
}

// productNames are the names of one product of a category: all their
// words (any), and each name's own (names), which a hub's product holds
// when it has all of them.
type productNames struct {
	any   termSet
	names []termSet
}

// specRef is specialty k of hub i.
type specRef struct{ hub, spec int32 }

type termSet struct {
	words []int32
	zh    []string
}

func (x *searchIndex) add(t *termSet, s string) {
	if x.vocab == nil {
		x.vocab = map[string]int32{}
	}
	eachToken(s, func(tok []byte, han bool) {
		if han {
			z := string(tok)
			if !slices.Contains(t.zh, z) {
				t.zh = append(t.zh, z)
			}
			return
		}
		id, ok := x.vocab[string(tok)] // no allocation for a known word
		if !ok {
			w := string(tok)
			id = int32(len(x.words))
			x.vocab[w] = id
			x.words = append(x.words, w)
		}
		if !slices.Contains(t.words, id) {
			t.words = append(t.words, id)
		}
	})
}

func (x *searchIndex) buildCategories(c *Catalog) {
	n := len(c.Categories)
	x.cats, x.whole, x.products = make([]termSet, n), make([]termSet, n), make([][]productNames, n)
	for i, cat := range c.Categories {
		for _, t := range []*termSet{&x.cats[i], &x.whole[i]} {
			x.add(t, cat.Name)
			x.add(t, cat.NameZH)
			for _, kw := range cat.Keywords {
				x.add(t, kw)
			}
		}
		for _, names := range cat.Products {
			p := productNames{names: make([]termSet, len(names))}
			for k, name := range names {
				x.add(&x.cats[i], name)
				x.add(&p.any, name)
				x.add(&p.names[k], name)
			}
			x.products[i] = append(x.products[i], p)
		}
	}
}

// buildHubs indexes each hub's names and city, and its province (divs,
// by the hub's division): "guangdong", 广东 and "toys guangdong" had
// found no hub, and the search had suggested categories instead.
func (x *searchIndex) buildHubs(hubs []Hub, divs []Division) {
	x.hubs = make([]termSet, len(hubs))
	x.provs = make([]termSet, len(hubs))
	x.specs = make([][]termSet, len(hubs))
	x.cat = make([][]int, len(hubs))
	x.byCat = make([][]specRef, len(x.cats))
	x.provsZH = x.provsZH[:0]
	for _, d := range divs {
		if d.NameZH != "" {
			x.provsZH = append(x.provsZH, d.NameZH)
		}
	}
	slices.SortStableFunc(x.provsZH, func(a, b string) int { return len(b) - len(a) })
	for i, h := range hubs {
		x.add(&x.hubs[i], h.Name)
		x.add(&x.hubs[i], h.NameZH)
		x.add(&x.hubs[i], h.City)
		x.add(&x.hubs[i], h.CityZH)
		if h.div >= 0 && h.div < len(divs) {
			x.add(&x.provs[i], divs[h.div].Name)
			if z := divs[h.div].NameZH; z != "" {
				x.provs[i].zh = append(x.provs[i].zh, z)
			}
		}
		x.specs[i] = make([]termSet, len(h.Specialties))
		x.cat[i] = make([]int, len(h.Specialties))
		for k, s := range h.Specialties {
			x.add(&x.specs[i][k], s.Product)
			x.add(&x.specs[i][k], s.ProductZH)
			x.cat[i][k] = s.cat
			if s.cat >= 0 && s.cat < len(x.byCat) {
				x.byCat[s.cat] = append(x.byCat[s.cat], specRef{int32(i), int32(k)})
			}
		}
	}
}

// queryToken is one token of a query: a Chinese string, or the set of
// vocabulary words an English or pinyin token accepts. prov marks a
// province's Chinese name split out of a Chinese token (appendChinese):
// it matches the hubs of that province, and nothing else.
type queryToken struct {
	zh    string
	words map[int32]bool
	prov  bool
	// exact is the word the token is, when it is one (hasExact).
	exact    int32
	hasExact bool
	// wholeCat tells, per category, whether the token finds every hub
	// of it; named, the names of the category's products it finds, which
	// a hub's product may hold instead of the token (categoryLevels).
	wholeCat []bool
	named    [][]*termSet
}

func (x *searchIndex) compile(q string) []queryToken {
	out := x.compileTokens(q)
	for i := range out {
		x.categoryLevels(&out[i])
	}
	return out
}

// categoryLevels sets which categories t finds whole: those it names, by
// a name or keyword, and those whose products it names when no hub's
// product in the category holds one of that product's names (or t
// itself). Otherwise a category's hubs match t by their products:
// "hair dryer", a product of small appliances, had found all 310
// small-appliance suppliers of the example list, of which 78 make hair
// dryers; it now finds those 78, as do 电吹风 and 吹风机 (the products
// are in English), and on a map whose hubs name no hair dryer, the
// small-appliance hubs. A Chinese token that holds a keyword and more
// (运动鞋 holds 鞋) names a product of the category, not all of it.
func (x *searchIndex) categoryLevels(t *queryToken) {
	if t.prov {
		return
	}
	t.wholeCat = make([]bool, len(x.cats))
	t.named = make([][]*termSet, len(x.cats))
	for c := range x.cats {
		// A product's own name finds its makers, though the category's
		// name holds it too: motorcycle, 摩托车 in 汽车摩托车 (Automotive)
		// or E-bikes & motorcycles had found the whole category, and
		// motuoche the makers of motorcycles.
		if !x.namesProduct(c, *t) && x.whole[c].names(*t) {
			t.wholeCat[c] = true
			continue
		}
		// The products whose names hold t, else those t holds a name of
		// (a Chinese token of two products, 蓝牙耳机): 儿童自行车 had found
		// every maker of bicycles, holding 自行车.
		var named []*termSet
		for _, within := range []bool{true, false} {
			for p := range x.products[c] {
				if pn := &x.products[c][p]; within && pn.any.names(*t) || !within && pn.any.matches(*t) {
					for k := range pn.names {
						named = append(named, &pn.names[k])
					}
				}
			}
			if len(named) > 0 {
				break
			}
		}
		if len(named) == 0 && !x.whole[c].matches(*t) {
			continue
		}
		t.named[c] = named
		if !slices.ContainsFunc(x.byCat[c], func(r specRef) bool { return x.productMatches(int(r.hub), int(r.spec), *t) }) {
			t.wholeCat[c], t.named[c] = true, nil
		}
	}
}

// namesProduct reports whether t is the whole of one name of a product
// of category c: a word, or a Chinese string.
func (x *searchIndex) namesProduct(c int, t queryToken) bool {
	for _, p := range x.products[c] {
		for _, n := range p.names {
			switch {
			case t.zh != "" && len(n.words) == 0 && slices.Equal(n.zh, []string{t.zh}):
				return true
			case t.hasExact && len(n.zh) == 0 && slices.Equal(n.words, []int32{t.exact}):
				return true
			}
		}
	}
	return false
}

// productMatches reports whether the product of specialty k of hub i
// matches t: its words, or a name of a product of its category that t
// names (categoryLevels), which it holds whole.
func (x *searchIndex) productMatches(i, k int, t queryToken) bool {
	sp := &x.specs[i][k]
	if sp.matches(t) {
		return true
	}
	if t.named == nil {
		return false
	}
	return slices.ContainsFunc(t.named[x.cat[i][k]], sp.holds)
}

// holds reports whether t has every word and Chinese string of name, which
// has some: a product "Hair dryers" holds "hair dryer", 电吹风机 holds 电吹风.
func (t *termSet) holds(name *termSet) bool {
	if len(name.words) == 0 && len(name.zh) == 0 {
		return false
	}
	for _, id := range name.words {
		if !slices.Contains(t.words, id) {
			return false
		}
	}
	for _, z := range name.zh {
		if !slices.ContainsFunc(t.zh, func(s string) bool { return strings.Contains(s, z) }) {
			return false
		}
	}
	return true
}

// compileTokens splits a query into its tokens (compile).
func (x *searchIndex) compileTokens(q string) []queryToken {
	var out []queryToken
	prev := "" // the previous Latin token, for pinyin written apart
	for _, tok := range tokens(q) {
		if HasHan(tok) {
			out = x.appendChinese(out, tok)
			prev = ""
			continue
		}
		qt := x.acceptWhole(tok)
		if len(qt.words) == 0 {
			// Two words written as one, else a typo.
			if a, b, ok := x.split(tok); ok {
				out = append(out, a, b)
				prev = ""
				continue
			}
			qt = x.acceptTypos(tok)
		}
		// Pinyin is often typed a syllable at a time ("wan ju"): a token
		// that finds nothing joins the one before it when together they
		// make a word.
		if len(qt.words) == 0 && prev != "" {
			if joined := x.accept(prev + tok); len(joined.words) > 0 {
				out[len(out)-1] = joined
				prev += tok
				continue
			}
		}
		out = append(out, qt)
		prev = tok
	}
	return out
}

// appendChinese appends a Chinese token to q: the provinces it names
// whole, each with the word for its kind after it (广东省, 上海市), as
// province tokens, and what is left, if anything, as one token. "广东玩具"
// asks for toys in Guangdong: matched as one string, the province's name
// had selected every hub of Guangdong whole, and "浙江袜子" (no hub makes
// socks) every hub of Zhejiang.
func (x *searchIndex) appendChinese(q []queryToken, tok string) []queryToken {
	for _, name := range x.provsZH {
		at := strings.Index(tok, name)
		if at < 0 {
			continue
		}
		q = append(q, queryToken{zh: name, prov: true})
		rest := tok[at+len(name):]
		for _, kind := range provinceKinds {
			if r, ok := strings.CutPrefix(rest, kind); ok {
				rest = r
				break
			}
		}
		tok = tok[:at] + rest
	}
	if tok != "" {
		q = append(q, queryToken{zh: tok})
	}
	return q
}

// provinceKinds are the words a province's Chinese name may carry after
// it, longest first.
var provinceKinds = []string{"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"}

// accept is the set of vocabulary words a Latin token finds: those equal
// to it or beginning with it, and only when there are none, those within
// a typo of it (so that "yanjing", glasses, does not also find Nanjing).
func (x *searchIndex) accept(tok string) queryToken {
	if qt := x.acceptWhole(tok); len(qt.words) > 0 {
		return qt
	}
	return x.acceptTypos(tok)
}

// acceptWhole is accept without typos: the words equal to tok (exact)
// or beginning with it.
func (x *searchIndex) acceptWhole(tok string) queryToken {
	qt := queryToken{words: map[int32]bool{}}
	for id, w := range x.words {
		if tok == w || len(tok) >= 3 && strings.HasPrefix(w, tok) {
			qt.words[int32(id)] = true
		}
		if tok == w {
			qt.exact, qt.hasExact = int32(id), true
		}
	}
	return qt
}

// acceptTypos is the words within a typo of tok.
func (x *searchIndex) acceptTypos(tok string) queryToken {
	qt := queryToken{words: map[int32]bool{}}
	for id, w := range x.words {
		if wordAccepts(tok, w) {
			qt.words[int32(id)] = true
		}
	}
	return qt
}

// split returns tok as two words of three letters or more that are
// both in the vocabulary ("airfryer": air, fryer), the first as long as
// can be; false when there are none. "airfryer" had been taken for a
// typo of hairdryer.
func (x *searchIndex) split(tok string) (queryToken, queryToken, bool) {
	for i := len(tok) - 3; i >= 3; i-- {
		_, okA := x.vocab[tok[:i]]
		_, okB := x.vocab[tok[i:]]
		if okA && okB {
			return x.acceptWhole(tok[:i]), x.acceptWhole(tok[i:]), true
		}
	}
	return queryToken{}, queryToken{}, false
}

// typoLimit is how many typos a word of n bytes may carry and still be
// taken for another: one, two from eight letters on.
func typoLimit(n int) int {
	if n >= 8 {
		return 2
	}
	return 1
}

// wordAccepts says whether query token q finds word w: equal, w beginning
// with q (from three letters on), or within one typo (two from eight
// letters on) for tokens of at least four letters that begin as w does
// (or with its first two letters swapped).
func wordAccepts(q, w string) bool {
	if q == w || len(q) >= 3 && strings.HasPrefix(w, q) {
		return true
	}
	// A typo rarely falls on the first letter: "ipad" had been read as
	// (brake) pad, "chip" as ship. Two first letters swapped still are.
	if len(q) < 4 || q[0] != w[0] && (len(w) < 2 || q[0] != w[1] || q[1] != w[0]) {
		return false
	}
	limit := typoLimit(len(q))
	if d := len(w) - len(q); d > limit || -d > limit {
		return false
	}
	return editDistance(q, w, limit) <= limit
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours), or
// limit+1 once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if len(a) > 64 || len(b) > 64 {
		return limit + 1
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// names reports whether q is one of t's words, or, for a Chinese token,
// lies within one of its strings: matches without a Chinese token that
// holds a string of t and more.
func (t *termSet) names(q queryToken) bool {
	if q.zh == "" {
		return t.matches(q)
	}
	return slices.ContainsFunc(t.zh, func(z string) bool { return strings.Contains(z, q.zh) })
}

func (t *termSet) matches(q queryToken) bool {
	if q.zh != "" {
		for _, z := range t.zh {
			if strings.Contains(z, q.zh) || strings.Contains(q.zh, z) {
				return true
			}
		}
		return false
	}
	for _, id := range t.words {
		if q.words[id] {
			return true
		}
	}
	return false
}

// hubLevel reports whether token t holds for all of hub i: its names,
// its city or its province. A province's Chinese name counts only whole
// (a province token), never inside another string.
func (x *searchIndex) hubLevel(i int, t queryToken) bool {
	switch {
	case t.prov:
		return slices.Contains(x.provs[i].zh, t.zh)
	case t.zh != "":
		return x.hubs[i].matches(t)
	}
	return x.hubs[i].matches(t) || x.provs[i].matches(t)
}

func (x *searchIndex) hubMatchesAll(i int, q []queryToken) bool {
	for _, t := range q {
		if !x.hubLevel(i, t) {
			return false
		}
	}
	return true
}

func (x *searchIndex) specialtyMatches(i, k int, q []queryToken) bool {
	for _, t := range q {
		if !x.hubLevel(i, t) && (t.prov || !t.wholeCat[x.cat[i][k]] && !x.productMatches(i, k, t)) {
			return false
		}
	}
	return true
}

// classify returns the category among cats (or among all categories when
// cats is empty) whose name or keywords the product's words hit first, or
// -1.
func (x *searchIndex) classify(product string, cats []int) int {
	q := x.compileExact(product)
	if len(q) == 0 {
		return -1
	}
	// The product's words and Chinese strings, to hold a product's name
	// of several words whole: "Children's shoes" is no apparel for the
	// children of "children's clothing".
	var words termSet
	for _, t := range q {
		for id := range t.words {
			words.words = append(words.words, id)
		}
		if t.zh != "" {
			words.zh = append(words.zh, t.zh)
		}
	}
	try := func(c int) bool {
		for _, t := range q {
			if x.whole[c].matches(t) {
				return true
			}
		}
		for _, p := range x.products[c] {
			if slices.ContainsFunc(p.names, func(n termSet) bool { return words.holds(&n) }) {
				return true
			}
		}
		return false
	}
	if len(cats) > 0 {
		for _, c := range cats {
			if try(c) {
				return c
			}
		}
		return -1
	}
	for c := range x.cats {
		if try(c) {
			return c
		}
	}
	return -1
}

// compileExact compiles text without typo tolerance: for classifying
// products by keyword, where a near miss is a wrong guess.
func (x *searchIndex) compileExact(s string) []queryToken {
	var out []queryToken
	for _, tok := range tokens(s) {
		if HasHan(tok) {
			out = append(out, queryToken{zh: tok})
			continue
		}
		if id, ok := x.vocab[tok]; ok {
			out = append(out, queryToken{words: map[int32]bool{id: true}})
		}
	}
	return out
}

// Suggest returns up to n category ids whose names or keywords are
// nearest to the query's words, nearest first: what to offer when a
// search finds nothing.
func (a *Atlas) Suggest(q string, n int) []string {
	toks := tokens(q)
	type scored struct {
		id string
		d  int
	}
	var out []scored
	for ci, c := range a.Categories {
		best := 99
		t := &a.search.cats[ci]
		for _, tok := range toks {
			if HasHan(tok) {
				for _, z := range t.zh {
					if strings.ContainsAny(z, tok) {
						best = min(best, 1)
					}
				}
				continue
			}
			for _, id := range t.words {
				w := a.search.words[id]
				if len(tok) >= 2 && strings.HasPrefix(w, tok[:2]) || len(tok) >= 3 {
					best = min(best, editDistance(tok, w, 3))
				}
			}
		}
		if best <= 3 {
			out = append(out, scored{c.ID, best})
		}
	}
	slices.SortStableFunc(out, func(x, y scored) int { return x.d - y.d })
	ids := make([]string, 0, n)
	for i := 0; i < len(out) && i < n; i++ {
		ids = append(ids, out[i].id)
	}
	return ids
}

// tokens splits text into lower-case stemmed words and runs of Han
// characters; punctuation, apostrophes and spaces separate nothing else.
func tokens(s string) []string {
	var out []string
	eachToken(s, func(tok []byte, _ bool) { out = append(out, string(tok)) })
	return out
}

// eachToken calls fn with each token of s (see tokens), reusing one
// buffer: fn must copy what it keeps. Indexing 50,000 hubs calls it a
// quarter of a million times.
func eachToken(s string, fn func(tok []byte, han bool)) {
	var arr [64]byte
	buf := arr[:0]
	kind := 0 // 0 none, 1 Latin word, 2 Han run
	flush := func() {
		if kind == 1 {
			fn(stemBytes(buf), false)
		} else if kind == 2 {
			fn(buf, true)
		}
		buf, kind = buf[:0], 0
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				continue // "children's" is one word
			default:
				flush()
				continue
			}
			if kind == 2 {
				flush()
			}
			kind = 1
			buf = append(buf, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '’':
			continue
		case isHan(r):
			if kind == 1 {
				flush()
			}
			kind = 2
			buf = utf8.AppendRune(buf, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if kind == 2 {
				flush()
			}
			kind = 1
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
}

// stemBytes is stem on a buffer, returning a sub-slice of it.
func stemBytes(w []byte) []byte {
	n := len(w)
	if n < 4 {
		return w
	}
	has := func(suf string) bool { return n >= len(suf) && string(w[n-len(suf):]) == suf }
	switch {
	case has("ies"):
		w[n-3] = 'y'
		return w[:n-2]
	case has("sses"), has("xes"), has("ches"), has("shes"):
		return w[:n-2]
	case has("ss"), has("us"), has("is"):
		return w
	case has("s"):
		return w[:n-1]
	}
	return w
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// HasHan reports whether s holds a Chinese character.
func HasHan(s string) bool { return strings.ContainsFunc(s, isHan) }

// stem folds English plurals so that "backpack" finds "Backpacks" and
// "accessory" finds "accessories". Both sides of a search are stemmed the
// same way, so consistency matters more than linguistics.
func stem(w string) string {
	if HasHan(w) || len(w) < 4 {
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
