package geo

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
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
	Industry string   // Industry.ID
	Keywords []string // search words, English and Chinese, lower case
}

// Specialty is one product a hub is known for.
type Specialty struct {
	Product     string
	ProductZH   string
	Category    string // Category.ID
	Description string
}

// Hub is a manufacturing city. Point is lon/lat in degrees.
type Hub struct {
	ID          string
	Name        string
	NameZH      string
	Province    string // Division.Code
	Point       orb.Point
	Rank        int    // the article's rank, 1-based; 0 when unranked
	Source      string // where the entry comes from
	Specialties []Specialty
	Line        int // line in the hubs file, for messages

	provinceLine, pointLine int // lines of the province and lon fields
}

// HubData is the content of a hubs file.
type HubData struct {
	Industries []Industry
	Categories []Category
	Hubs       []Hub
}

// The YAML shapes; pointers tell a missing value from a zero one.
type (
	yamlFile struct {
		Industries []yaml.Node `yaml:"industries"`
		Categories []yaml.Node `yaml:"categories"`
		Hubs       []yaml.Node `yaml:"hubs"`
	}
	yamlIndustry struct {
		ID     string `yaml:"id"`
		Name   string `yaml:"name"`
		NameZH string `yaml:"name_zh"`
		Color  string `yaml:"color"`
	}
	yamlCategory struct {
		ID       string   `yaml:"id"`
		Name     string   `yaml:"name"`
		NameZH   string   `yaml:"name_zh"`
		Industry string   `yaml:"industry"`
		Keywords []string `yaml:"keywords"`
	}
	yamlHub struct {
		ID          string          `yaml:"id"`
		Name        string          `yaml:"name"`
		NameZH      string          `yaml:"name_zh"`
		Province    string          `yaml:"province"`
		Lon         *float64        `yaml:"lon"`
		Lat         *float64        `yaml:"lat"`
		Rank        int             `yaml:"rank"`
		Source      string          `yaml:"source"`
		Specialties []yamlSpecialty `yaml:"specialties"`
	}
	yamlSpecialty struct {
		Product     string `yaml:"product"`
		ProductZH   string `yaml:"product_zh"`
		Category    string `yaml:"category"`
		Description string `yaml:"description"`
	}
)

var (
	industryKeys  = []string{"id", "name", "name_zh", "color"}
	categoryKeys  = []string{"id", "name", "name_zh", "industry", "keywords"}
	hubKeys       = []string{"id", "name", "name_zh", "province", "lon", "lat", "rank", "source", "specialties"}
	specialtyKeys = []string{"product", "product_zh", "category", "description"}
)

// maxText bounds every string from the data, in bytes: longer is a mistake,
// and it keeps labels and responses bounded.
const maxText = 200

// ParseHubs reads a hubs file (YAML: industries, categories, hubs) and checks
// everything that does not need the boundaries: ids, references between
// industries, categories and specialties, coordinates as numbers. All
// problems come back at once as Problems naming file (name), line, record
// and field, together with what could be read (for further checks; hubs
// with bad coordinates have a NaN Point).
func ParseHubs(name string, data []byte) (*HubData, error) {
	ps := &problems{file: name}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		ps.add(yamlErrorLine(err), "", "", "not valid YAML: %v", yamlMsg(err))
		return nil, ps.list
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		ps.add(1, "", "", "want a YAML mapping with industries, categories and hubs")
		return nil, ps.list
	}
	doc := root.Content[0]
	checkKeys(ps, doc, "", "", []string{"industries", "categories", "hubs"})
	var f yamlFile
	if err := doc.Decode(&f); err != nil {
		ps.add(doc.Line, "", "", "%v", yamlMsg(err))
		return nil, ps.list
	}
	for _, sec := range []struct {
		key   string
		nodes []yaml.Node
	}{{"industries", f.Industries}, {"categories", f.Categories}, {"hubs", f.Hubs}} {
		if len(sec.nodes) == 0 {
			ps.add(doc.Line, "", sec.key, "missing or empty")
		}
	}

	out := &HubData{}
	inds := map[string]int{}
	for i := range f.Industries {
		n := &f.Industries[i]
		rec := fmt.Sprintf("industry %d", i+1)
		var y yamlIndustry
		if !decodeRecord(ps, n, &rec, &y, industryKeys) {
			continue
		}
		checkID(ps, n, rec, y.ID, inds, i+1)
		checkText(ps, n, rec, "name", y.Name, true)
		checkText(ps, n, rec, "name_zh", y.NameZH, false)
		if !colorRE.MatchString(y.Color) {
			ps.add(line(n, "color"), rec, "color", "%q is not a colour like #cc6677", y.Color)
		}
		out.Industries = append(out.Industries, Industry{y.ID, y.Name, y.NameZH, strings.ToLower(y.Color)})
	}
	cats := map[string]int{}
	for i := range f.Categories {
		n := &f.Categories[i]
		rec := fmt.Sprintf("category %d", i+1)
		var y yamlCategory
		if !decodeRecord(ps, n, &rec, &y, categoryKeys) {
			continue
		}
		checkID(ps, n, rec, y.ID, cats, i+1)
		checkText(ps, n, rec, "name", y.Name, true)
		checkText(ps, n, rec, "name_zh", y.NameZH, false)
		if _, ok := inds[y.Industry]; !ok {
			ps.add(line(n, "industry"), rec, "industry", "unknown industry %q (valid: %s)", y.Industry, strings.Join(ids(out.Industries), ", "))
		}
		kw := make([]string, 0, len(y.Keywords))
		for k, w := range y.Keywords {
			checkText(ps, n, rec, fmt.Sprintf("keywords[%d]", k), w, true)
			kw = append(kw, strings.ToLower(strings.TrimSpace(w)))
		}
		out.Categories = append(out.Categories, Category{y.ID, y.Name, y.NameZH, y.Industry, kw})
	}
	hubs := map[string]int{}
	ranks := map[int]string{}
	for i := range f.Hubs {
		n := &f.Hubs[i]
		rec := fmt.Sprintf("hub %d", i+1)
		var y yamlHub
		if !decodeRecord(ps, n, &rec, &y, hubKeys) {
			continue
		}
		checkID(ps, n, rec, y.ID, hubs, i+1)
		checkText(ps, n, rec, "name", y.Name, true)
		checkText(ps, n, rec, "name_zh", y.NameZH, false)
		checkText(ps, n, rec, "source", y.Source, false)
		if !codeRE.MatchString(y.Province) {
			ps.add(line(n, "province"), rec, "province", "%q is not a province code such as CN-FJ", y.Province)
		}
		h := Hub{ID: y.ID, Name: y.Name, NameZH: y.NameZH, Province: y.Province, Rank: y.Rank, Source: y.Source, Line: n.Line,
			Point: orb.Point{math.NaN(), math.NaN()}, provinceLine: line(n, "province"), pointLine: line(n, "lon")}
		for _, c := range []struct {
			key    string
			v      *float64
			lo, hi float64
			dst    *float64
		}{{"lon", y.Lon, -180, 180, &h.Point[0]}, {"lat", y.Lat, -90, 90, &h.Point[1]}} {
			switch {
			case c.v == nil:
				ps.add(n.Line, rec, c.key, "missing (WGS84 degrees)")
			case !finite(*c.v) || *c.v < c.lo || *c.v > c.hi:
				ps.add(line(n, c.key), rec, c.key, "%v is not in [%v, %v] degrees", *c.v, c.lo, c.hi)
			default:
				*c.dst = *c.v
			}
		}
		if y.Rank < 0 {
			ps.add(line(n, "rank"), rec, "rank", "%d is negative (omit it for an unranked hub)", y.Rank)
		} else if other, dup := ranks[y.Rank]; dup && y.Rank > 0 {
			ps.add(line(n, "rank"), rec, "rank", "rank %d is also hub %s's", y.Rank, other)
		} else if y.Rank > 0 {
			ranks[y.Rank] = y.ID
		}
		if len(y.Specialties) == 0 {
			ps.add(line(n, "specialties"), rec, "specialties", "empty: a hub needs at least one product")
		}
		specNodes := seqItems(n, "specialties")
		for k, s := range y.Specialties {
			field := fmt.Sprintf("specialties[%d]", k)
			sn := n
			if k < len(specNodes) {
				sn = specNodes[k]
				checkKeys(ps, sn, rec, field+".", specialtyKeys)
			}
			checkText(ps, sn, rec, field+".product", s.Product, true)
			checkText(ps, sn, rec, field+".product_zh", s.ProductZH, false)
			checkText(ps, sn, rec, field+".description", s.Description, false)
			if _, ok := cats[s.Category]; !ok {
				ps.add(line(sn, "category"), rec, field+".category", "unknown category %q (valid: %s)", s.Category, strings.Join(categoryIDs(out.Categories), ", "))
			}
			h.Specialties = append(h.Specialties, Specialty(s))
		}
		out.Hubs = append(out.Hubs, h)
	}
	if len(ps.list) > 0 {
		return out, ps.list
	}
	return out, nil
}

// decodeRecord decodes one list item into v, reporting unknown keys and
// type errors; rec gains the id when there is one.
func decodeRecord(ps *problems, n *yaml.Node, rec *string, v any, keys []string) bool {
	if n.Kind != yaml.MappingNode {
		ps.add(n.Line, *rec, "", "want a mapping of %s", strings.Join(keys, ", "))
		return false
	}
	if id := scalar(n, "id"); id != "" {
		*rec += " (" + truncate(id) + ")"
	}
	checkKeys(ps, n, *rec, "", keys)
	if err := n.Decode(v); err != nil {
		ps.add(n.Line, *rec, "", "%v", yamlMsg(err))
		return false
	}
	return true
}

// checkKeys reports keys of mapping n that are not in keys (misspellings
// would otherwise be dropped silently).
func checkKeys(ps *problems, n *yaml.Node, rec, prefix string, keys []string) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(keys, k.Value) {
			ps.add(k.Line, rec, prefix+truncate(k.Value), "unknown key (valid: %s)", strings.Join(keys, ", "))
		}
	}
}

func checkID(ps *problems, n *yaml.Node, rec, id string, seen map[string]int, i int) {
	switch {
	case id == "":
		ps.add(n.Line, rec, "id", "missing")
	case !idRE.MatchString(id):
		ps.add(line(n, "id"), rec, "id", "%q: ids are lower-case letters, digits and single hyphens", truncate(id))
	case seen[id] > 0:
		ps.add(line(n, "id"), rec, "id", "duplicate id %q (also record %d)", id, seen[id])
	default:
		seen[id] = i
	}
}

func checkText(ps *problems, n *yaml.Node, rec, field, s string, required bool) {
	key := field[strings.LastIndex(field, ".")+1:]
	switch {
	case required && strings.TrimSpace(s) == "":
		ps.add(line(n, key), rec, field, "missing")
	case len(s) > maxText:
		ps.add(line(n, key), rec, field, "%d bytes long, at most %d", len(s), maxText)
	case strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }):
		ps.add(line(n, key), rec, field, "contains control characters")
	}
}

// line returns the line of key's value in mapping n, or n's own line.
func line(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1].Line
		}
	}
	return n.Line
}

func scalar(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func seqItems(n *yaml.Node, key string) []*yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.SequenceNode {
			return n.Content[i+1].Content
		}
	}
	return nil
}

func truncate(s string) string { return truncateN(s, 40) }

// truncateN shortens s to at most n bytes of valid UTF-8, marking the cut.
func truncateN(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "") + "…"
	}
	return s
}

// yamlErrorLine returns the line a YAML syntax error names, or 0.
func yamlErrorLine(err error) int {
	var n int
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i:], "line %d", &n)
	}
	return n
}

// yamlMsg strips the library's prefix from decoding errors.
func yamlMsg(err error) string {
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), "yaml: "), "unmarshal errors:\n  ")
}

func ids(is []Industry) []string {
	out := make([]string, len(is))
	for i, x := range is {
		out[i] = x.ID
	}
	return out
}

func categoryIDs(cs []Category) []string {
	out := make([]string, len(cs))
	for i, x := range cs {
		out[i] = x.ID
	}
	return out
}
