package geo

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Industry is a group of categories; markers take its colour.
type Industry struct {
	ID     string
	Name   string
	NameZH string
	Color  string // #rrggbb, lower case
}

// Category is what users filter by, e.g. footwear.
type Category struct {
	ID       string
	Name     string
	NameZH   string
	Industry string // Industry.ID
	// Keywords are other names of the category as a whole (shoe for
	// footwear, 鞋, xie), English, Chinese and pinyin, lower case: a
	// search for one finds every hub of the category.
	Keywords []string
	// Products name things made in the category, each in one or more
	// words or languages ([hair dryer, hairdryer, 电吹风, 吹风机]), lower
	// case: a search for any of a product's names finds the hubs of the
	// category whose products hold one of them, or, when none does,
	// every hub of the category. Keywords and products both file
	// free-text products.
	Products [][]string
}

// Catalog is the categories hubs are filed under and the industries that
// group them: from a categories file, from the sections of a hubs YAML
// file, or made from the free-text categories of the hubs themselves
// (Derived). A Catalog is immutable and safe for concurrent use.
type Catalog struct {
	Industries []Industry
	Categories []Category
	Meta       Meta
	Derived    bool   // made from the hubs' own categories
	Sum        string // hash of the file's bytes, or of the derived list

	category map[string]int
	industry map[string]int
	names    map[string]int // folded ids and names -> category
	indOf    []int          // category index -> industry index
}

// The YAML shapes of a categories file.
type (
	yamlIndustry struct {
		ID     string `yaml:"id"`
		Name   string `yaml:"name"`
		NameZH string `yaml:"name_zh"`
		Color  string `yaml:"color"`
	}
	yamlCategory struct {
		ID       string      `yaml:"id"`
		Name     string      `yaml:"name"`
		NameZH   string      `yaml:"name_zh"`
		Industry string      `yaml:"industry"`
		Keywords []string    `yaml:"keywords"`
		Products []yaml.Node `yaml:"products"`
	}
)

var (
	industryKeys = []string{"id", "name", "name_zh", "color"}
	categoryKeys = []string{"id", "name", "name_zh", "industry", "keywords", "products"}
	catalogKeys  = append([]string{"industries", "categories"}, metaKeys...)
)

// ParseCatalog reads a categories file: YAML with industries (id, name,
// name_zh, color) and categories (id, name, name_zh, industry, keywords),
// and optionally title, source, url, date and license. Every problem
// comes back at once as Problems.
func ParseCatalog(name string, data []byte, lim Limits) (*Catalog, error) {
	lim = lim.withDefaults()
	ps := &problems{file: name}
	doc := yamlDoc(ps, data, lim, "industries and categories")
	if doc == nil {
		return nil, ps.list
	}
	checkKeys(ps, doc, "", "", catalogKeys)
	c := parseCatalogSections(ps, doc)
	c.Meta = yamlMeta(ps, doc)
	sum := sha256.Sum256(data)
	c.Sum = hex.EncodeToString(sum[:8])
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	return c, nil
}

// parseCatalogSections reads the industries and categories lists of a
// YAML mapping (a categories file, or a hubs file that carries them).
func parseCatalogSections(ps *problems, doc *yaml.Node) *Catalog {
	out := &Catalog{}
	inds := section(ps, doc, "industries")
	cats := section(ps, doc, "categories")
	for _, sec := range []struct {
		key   string
		nodes []*yaml.Node
	}{{"industries", inds}, {"categories", cats}} {
		if len(sec.nodes) == 0 {
			ps.add(doc.Line, "", sec.key, "missing or empty")
		}
	}
	if len(inds) > 64 {
		ps.add(doc.Line, "", "industries", "%d industries, at most 64", len(inds))
		inds = inds[:64]
	}
	if len(cats) > 1000 {
		ps.add(doc.Line, "", "categories", "%d categories, at most 1000", len(cats))
		cats = cats[:1000]
	}
	seenInd := map[string]int{}
	var indIDs []string // the valid industry ids, each once
	for i, n := range inds {
		rec := fmt.Sprintf("industry %d", i+1)
		var y yamlIndustry
		if !decodeRecord(ps, n, &rec, &y, industryKeys) {
			continue
		}
		if checkID(ps, pos{line: line(n, "id")}, rec, y.ID, seenInd, i+1) {
			indIDs = append(indIDs, y.ID)
		}
		checkText(ps, pos{line: line(n, "name")}, rec, "name", y.Name, true)
		checkText(ps, pos{line: line(n, "name_zh")}, rec, "name_zh", y.NameZH, false)
		if !colorRE.MatchString(y.Color) {
			ps.add(line(n, "color"), rec, "color", "%q is not a colour like #cc6677", truncate(Clean(y.Color)))
		}
		out.Industries = append(out.Industries, Industry{y.ID, y.Name, y.NameZH, strings.ToLower(y.Color)})
	}
	seenCat := map[string]int{}
	for i, n := range cats {
		rec := fmt.Sprintf("category %d", i+1)
		var y yamlCategory
		if !decodeRecord(ps, n, &rec, &y, categoryKeys) {
			continue
		}
		checkID(ps, pos{line: line(n, "id")}, rec, y.ID, seenCat, i+1)
		checkText(ps, pos{line: line(n, "name")}, rec, "name", y.Name, true)
		checkText(ps, pos{line: line(n, "name_zh")}, rec, "name_zh", y.NameZH, false)
		if _, ok := seenInd[y.Industry]; !ok {
			ps.add(line(n, "industry"), rec, "industry", "unknown industry %q (valid: %s)", truncate(Clean(y.Industry)), strings.Join(indIDs, ", "))
		}
		kw := parseKeywords(ps, n, rec, y.Keywords)
		pw := parseProducts(ps, n, rec, y.Products)
		out.Categories = append(out.Categories, Category{y.ID, y.Name, y.NameZH, y.Industry, kw, pw})
	}
	out.index()
	return out
}

// maxSearchWords is how many keywords and how many products a category
// may have, and how many names a product.
const maxSearchWords = 100

// parseKeywords checks a category's keywords and returns them trimmed and
// in lower case.
func parseKeywords(ps *problems, n *yaml.Node, rec string, ws []string) []string {
	if len(ws) > maxSearchWords {
		ps.add(line(n, "keywords"), rec, "keywords", "%d keywords, at most %d", len(ws), maxSearchWords)
		ws = ws[:maxSearchWords]
	}
	out := make([]string, 0, len(ws))
	for k, w := range ws {
		checkText(ps, pos{line: line(n, "keywords")}, rec, fmt.Sprintf("keywords[%d]", k), w, true)
		out = append(out, strings.ToLower(strings.TrimSpace(w)))
	}
	return out
}

// parseProducts checks a category's products, each a word or a list of
// a product's names, and returns each product's names trimmed and in
// lower case.
func parseProducts(ps *problems, n *yaml.Node, rec string, nodes []yaml.Node) [][]string {
	if len(nodes) > maxSearchWords {
		ps.add(line(n, "products"), rec, "products", "%d products, at most %d", len(nodes), maxSearchWords)
		nodes = nodes[:maxSearchWords]
	}
	out := make([][]string, 0, len(nodes))
	for k, p := range nodes {
		field := fmt.Sprintf("products[%d]", k)
		names := []*yaml.Node{&p}
		if p.Kind == yaml.SequenceNode {
			names = p.Content
		}
		if len(names) == 0 || len(names) > maxSearchWords {
			ps.add(p.Line, rec, field, "%d names, want 1 to %d", len(names), maxSearchWords)
			continue
		}
		var group []string
		for _, w := range names {
			if w.Kind != yaml.ScalarNode || w.Tag == "!!null" {
				got := yamlGot(strings.TrimPrefix(w.ShortTag(), "!!"), "")
				if w.Kind == yaml.AliasNode {
					got = "an alias (*" + truncate(Clean(w.Value)) + ")"
				}
				ps.add(w.Line, rec, field, "want a product's name, or a list of its names ([hair dryer, 电吹风]), got %s", got)
				continue
			}
			checkText(ps, pos{line: w.Line}, rec, field, w.Value, true)
			group = append(group, strings.ToLower(strings.TrimSpace(w.Value)))
		}
		if len(group) == len(names) {
			out = append(out, group)
		}
	}
	return out
}

// index builds the lookup maps; call it once the lists are final.
func (c *Catalog) index() {
	c.category = map[string]int{}
	c.industry = map[string]int{}
	c.names = map[string]int{}
	for i, x := range c.Industries {
		c.industry[x.ID] = i
	}
	c.indOf = make([]int, len(c.Categories))
	for i, x := range c.Categories {
		c.category[x.ID] = i
		c.indOf[i] = c.industry[x.Industry]
	}
	for _, pass := range []func(Category) []string{
		func(x Category) []string { return []string{x.ID} },
		func(x Category) []string { return []string{x.Name, x.NameZH} },
	} {
		for i, x := range c.Categories {
			for _, s := range pass(x) {
				if k := categoryKey(s); k != "" {
					if _, taken := c.names[k]; !taken {
						c.names[k] = i
					}
				}
			}
		}
	}
}

// categoryKey folds a category as written in a hubs file: case, spaces,
// '&', hyphens and a plural s do not matter ("Bags & Luggage",
// "bags-luggage").
func categoryKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '&':
			b.WriteString("and")
		case r == ' ' || r == '-' || r == '_' || r == '/' || r == ',' || r == '.':
		default:
			b.WriteRune(r)
		}
	}
	return stem(b.String())
}

// Find returns the index of the category written as s: its id, or its
// English or Chinese name, folded by categoryKey.
func (c *Catalog) Find(s string) (int, bool) {
	if i, ok := c.category[s]; ok {
		return i, true
	}
	i, ok := c.names[categoryKey(s)]
	return i, ok
}

// Category returns the category with the given id.
func (c *Catalog) Category(id string) (*Category, bool) {
	i, ok := c.category[id]
	if !ok {
		return nil, false
	}
	return &c.Categories[i], true
}

// Industry returns the industry with the given id.
func (c *Catalog) Industry(id string) (*Industry, bool) {
	i, ok := c.industry[id]
	if !ok {
		return nil, false
	}
	return &c.Industries[i], true
}

// IndustryOf returns the index in Industries of category i's industry.
func (c *Catalog) IndustryOf(i int) int { return c.indOf[i] }

// CategoryIDs returns the category ids in order.
func (c *Catalog) CategoryIDs() []string {
	out := make([]string, len(c.Categories))
	for i, x := range c.Categories {
		out[i] = x.ID
	}
	return out
}

// IndustryIDs returns the industry ids in order.
func (c *Catalog) IndustryIDs() []string { return industryIDs(c.Industries) }

func industryIDs(is []Industry) []string {
	out := make([]string, len(is))
	for i, x := range is {
		out[i] = x.ID
	}
	return out
}

// Palette is Paul Tol's colour-blind-safe "muted" scheme: the colours of
// derived categories, in order; OtherColor is for the rest.
var Palette = []string{"#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933", "#aa4499"}

// UncategorisedName is the category of hubs without one when the
// categories are made from the data.
const UncategorisedName = "Uncategorised"

// OtherColor marks the categories beyond the palette.
const OtherColor = "#9a9a9a"

// deriveCatalog makes a catalog from the free-text categories of a hubs
// file, given with how often each occurs: the most frequent first (ties by
// name), each of the first len(Palette) an industry of its own colour and
// the rest grouped as "Other". Ids are slugs of the names, or a short hash
// for names without Latin letters; the order and ids depend only on the
// data.
func deriveCatalog(counts map[string]int) *Catalog {
	type entry struct {
		name string
		n    int
	}
	var es []entry
	for name, n := range counts {
		es = append(es, entry{name, n})
	}
	slices.SortFunc(es, func(a, b entry) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	c := &Catalog{Derived: true}
	used := map[string]bool{}
	for i, e := range es {
		id := slug(e.name)
		if id == "" || used[id] || len(id) > 48 {
			sum := sha256.Sum256([]byte(e.name))
			id = "c-" + hex.EncodeToString(sum[:4])
		}
		used[id] = true
		cat := Category{ID: id, Name: displayName(e.name), Keywords: nil}
		if strings.ContainsFunc(e.name, isHan) {
			cat.NameZH = e.name
		}
		if e.name == UncategorisedName {
			cat.NameZH = "未分类"
		}
		if i < len(Palette) {
			c.Industries = append(c.Industries, Industry{ID: id, Name: cat.Name, NameZH: cat.NameZH, Color: Palette[i]})
			cat.Industry = id
		} else {
			cat.Industry = "other"
		}
		c.Categories = append(c.Categories, cat)
	}
	if len(es) > len(Palette) {
		c.Industries = append(c.Industries, Industry{ID: "other", Name: "Other", NameZH: "其他", Color: OtherColor})
	}
	h := sha256.New()
	for _, x := range c.Categories {
		h.Write([]byte(x.Name + "\x00"))
	}
	c.Sum = hex.EncodeToString(h.Sum(nil)[:8])
	c.index()
	return c
}

// displayName words a category written as an id ("auto-parts",
// "consumer_electronics") for a legend: "Auto parts", "Consumer
// electronics". Anything else is kept as written.
func displayName(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return s
		}
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(words) == 0 {
		return s
	}
	out := strings.Join(words, " ")
	return strings.ToUpper(out[:1]) + out[1:]
}

// slug turns a name into an id: lower-case ASCII letters and digits joined
// by single hyphens; "" when nothing is left.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		case r == '&':
			if b.Len() > 0 {
				b.WriteString("-and")
			}
			dash = true
		default:
			dash = true
		}
	}
	return b.String()
}

// Other products: the category a list of products alone files what the
// default categories' keywords do not know (蓝牙耳机, T恤), in an
// industry of its own; such a list had been refused, a problem a product.
const (
	OtherProductsID = "other-products"
	otherIndustryID = "other"
	otherColor      = "#8c959f"
)

// withOther returns a copy of c with Other products last, so that c's
// categories keep their indices.
func (c *Catalog) withOther() *Catalog {
	out := &Catalog{Meta: c.Meta, Derived: c.Derived, Sum: c.Sum + "+" + OtherProductsID}
	out.Industries = append(slices.Clone(c.Industries), Industry{ID: otherIndustryID, Name: "Other", NameZH: "其他", Color: otherColor})
	out.Categories = append(slices.Clone(c.Categories), Category{ID: OtherProductsID, Name: "Other products", NameZH: "其他产品", Industry: otherIndustryID})
	out.index()
	return out
}
