package geo

import "strings"

// Meta is what a data file says about itself: its title, where it comes
// from, the URL and date of that source and its licence. Renders, the page
// and the API credit exactly what was loaded, from these fields; nothing
// in hubatlas names a source on its own.
type Meta struct {
	Title   string `json:"title,omitempty" yaml:"title"`
	Source  string `json:"source,omitempty" yaml:"source"`
	URL     string `json:"url,omitempty" yaml:"url"`
	Date    string `json:"date,omitempty" yaml:"date"`
	License string `json:"license,omitempty" yaml:"license"`
}

// metaKeys are the top-level members a data file may carry about itself.
var metaKeys = []string{"title", "source", "url", "date", "license"}

// IsZero reports whether m says nothing.
func (m Meta) IsZero() bool { return m == Meta{} }

// Name is the shortest name of the source: Source, else Title.
func (m Meta) Name() string {
	if m.Source != "" {
		return m.Source
	}
	return m.Title
}

// Citation is the source, its date and licence in one line, e.g.
// `DCW-GMT 2.1.1 (2022), LGPL-3.0-or-later`; the URL is left to callers
// that can show it. Empty when m says nothing.
func (m Meta) Citation() string {
	s := m.Name()
	if s == "" {
		return ""
	}
	if m.Date != "" && !strings.Contains(s, m.Date) {
		s += " (" + m.Date + ")"
	}
	if m.License != "" {
		s += ", " + m.License
	}
	return s
}

// merge fills the empty fields of m from d.
func (m Meta) merge(d Meta) Meta {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&m.Title, d.Title}, {&m.Source, d.Source}, {&m.URL, d.URL}, {&m.Date, d.Date}, {&m.License, d.License},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	return m
}

// checkMeta reports meta fields that are too long or hold control
// characters, and URLs that are not http(s).
func checkMeta(ps *problems, line int, m Meta) {
	for _, f := range []struct{ key, v string }{
		{"title", m.Title}, {"source", m.Source}, {"url", m.URL}, {"date", m.Date}, {"license", m.License},
	} {
		if msg := textProblem(f.v, maxText); msg != "" {
			ps.add(line, "", f.key, "%s", msg)
		}
	}
	if m.URL != "" && !webURL(m.URL) {
		ps.add(line, "", "url", "%q is not an http or https URL", truncate(m.URL))
	}
}

// webURL reports whether s is an absolute http or https URL without
// spaces or quotes: the only links hubatlas ever writes.
func webURL(s string) bool {
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return false
	}
	return !strings.ContainsAny(s, " \"'<>\\`") && len(s) > len("https://")
}
