package geo

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlDoc parses a YAML data file into its root mapping and checks the
// whole document against lim before anything is decoded: aliases are
// counted as the nodes they expand to, across the whole file, so that
// decoding record by record cannot multiply a small file into gigabytes
// (yaml.v3's own alias check applies per Decode call only). It returns nil
// after reporting a problem.
func yamlDoc(ps *problems, data []byte, lim Limits, want string) *yaml.Node {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		ps.add(yamlErrorLine(err), "", "", "not valid YAML: %v", yamlMsg(err))
		return nil
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		ps.add(1, "", "", "want a YAML mapping with %s", want)
		return nil
	}
	if n := expandedSize(&root, lim.MaxYAMLNodes); n > lim.MaxYAMLNodes {
		ps.add(1, "", "", "expands to more than %d YAML nodes (aliases repeat what they refer to): write the records out", lim.MaxYAMLNodes)
		return nil
	}
	return root.Content[0]
}

// expandedSize counts the nodes of n with every alias replaced by what it
// refers to, stopping once the count passes limit.
func expandedSize(n *yaml.Node, limit int) int {
	memo := map[*yaml.Node]int{}
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if n == nil || depth > 100 {
			return limit + 1
		}
		if s, ok := memo[n]; ok {
			return s
		}
		memo[n] = limit + 1 // a cycle counts as too large
		s := 1
		if n.Kind == yaml.AliasNode {
			s += size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			if s > limit {
				break
			}
			s += size(c, depth+1)
		}
		memo[n] = min(s, limit+1)
		return memo[n]
	}
	return size(n, 0)
}

// yamlMeta reads the meta keys of a top-level mapping.
func yamlMeta(ps *problems, doc *yaml.Node) Meta {
	var m Meta
	for _, f := range metaFields {
		*f.field(&m) = scalar(doc, f.key)
	}
	checkMeta(ps, doc.Line, m)
	return m
}

// section returns the items of a top-level list, reporting a key that is
// present but not a list.
func section(ps *problems, doc *yaml.Node, key string) []*yaml.Node {
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != key {
			continue
		}
		v := doc.Content[i+1]
		switch v.Kind {
		case yaml.SequenceNode:
			return v.Content
		case yaml.ScalarNode:
			if v.Tag == "!!null" {
				return nil
			}
		}
		ps.add(v.Line, "", key, "want a list")
		return nil
	}
	return nil
}

// hasKey reports whether mapping n has key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// decodeRecord decodes one list item into v, reporting unknown keys and
// type errors; rec gains the id when there is one.
func decodeRecord(ps *problems, n *yaml.Node, rec *string, v any, keys []string) bool {
	if n.Kind != yaml.MappingNode {
		ps.add(n.Line, *rec, "", "want a mapping of %s", strings.Join(keys, ", "))
		return false
	}
	if id := scalar(n, "id"); id != "" {
		*rec += " (" + truncate(Clean(id)) + ")"
	}
	checkKeys(ps, n, *rec, "", keys)
	if err := n.Decode(v); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			msg := yamlMsg(err)
			if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
				line, _ := strconv.Atoi(m[1])
				ps.add(line, *rec, keyAtLine(n, line), "%s", m[2])
				return false
			}
			ps.add(n.Line, *rec, "", "%v", msg)
			return false
		}
		// One problem per field, at its line, in words: a hub had been
		// reported as "line 9: cannot unmarshal !!seq into string", its
		// other fields' troubles on lines of their own without a file.
		for _, msg := range te.Errors {
			line, field, text := n.Line, "", msg
			if m := yamlTypeRE.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				field = keyAtLine(n, line)
				text = fmt.Sprintf("want %s, got %s", yamlWant(m[4]), yamlGot(m[2], m[3]))
			} else if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
				line, _ = strconv.Atoi(m[1])
				field, text = keyAtLine(n, line), m[2]
			}
			ps.add(line, *rec, field, "%s", text)
		}
		return false
	}
	return true
}

// yamlLineRE reads a yaml.v3 error that names its line.
var yamlLineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlTypeRE reads yaml.v3's type errors: the line, the tag found, the
// value (for scalars) and the Go type wanted.
var yamlTypeRE = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) (?:`(.*)` )?into (.+)$")

// keyAtLine is the key of mapping n whose value starts on line, "" when
// none does.
func keyAtLine(n *yaml.Node, line int) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i+1].Line == line || n.Content[i].Line == line {
			return truncate(Clean(n.Content[i].Value))
		}
	}
	return ""
}

// yamlWant words a Go type a field wants.
func yamlWant(goType string) string {
	switch goType {
	case "string":
		return "text"
	case "[]string":
		return "a list, e.g. [a, b]"
	case "[]yaml.Node": // a category's products
		return "a list of products, e.g. [kettle, [hair dryer, 电吹风]]"
	case "float64", "*float64":
		return "a number"
	case "int", "*int":
		return "a whole number"
	case "bool":
		return "true or false"
	}
	return goType
}

// yamlGot words what a YAML node held: its tag and, for a scalar, its
// value as yaml.v3 quotes it.
func yamlGot(tag, value string) string {
	what := map[string]string{"seq": "a list", "map": "a mapping", "str": "text", "int": "a whole number",
		"float": "a number", "bool": "true or false", "null": "nothing"}[tag]
	if what == "" {
		what = "!!" + tag
	}
	if value != "" {
		what += " " + strconv.Quote(value)
	}
	return what
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
			ps.add(k.Line, rec, prefix+truncate(Clean(k.Value)), "unknown key (valid: %s)", strings.Join(keys, ", "))
		}
	}
}

// checkID reports an id that is missing, malformed or already in seen,
// and otherwise records it in seen as record i's. It reports whether the
// id is good and new.
func checkID(ps *problems, at pos, rec, id string, seen map[string]int, i int) bool {
	switch {
	case id == "":
		ps.addAt(at, rec, "id", "missing")
	case !idRE.MatchString(id) || len(id) > 64:
		ps.addAt(at, rec, "id", "%q: ids are up to 64 lower-case letters, digits and single hyphens", truncate(Clean(id)))
	case seen[id] > 0:
		ps.addAt(at, rec, "id", "duplicate id %q (also record %d)", id, seen[id])
	default:
		seen[id] = i
		return true
	}
	return false
}

func checkText(ps *problems, at pos, rec, field, s string, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		ps.addAt(at, rec, field, "missing")
	default:
		if msg := textProblem(s, maxText); msg != "" {
			ps.addAt(at, rec, field, "%s", msg)
		}
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
