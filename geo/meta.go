package geo

import (
	"strings"
	"unicode/utf8"
)

// Meta is what a data file says about itself: its title, where it comes
// from, the URL and date of that source and its licence. Renders, the page
// and the API credit exactly what was loaded, from these fields; nothing
// in hubatlas names a source on its own.
// The _zh fields are the same in Chinese, for maps in Chinese: a source's
// name may stay as published, but its notes ("sourcing blog article",
// "updated 19 June") read in the map's language.
type Meta struct {
	Title     string `json:"title,omitempty" yaml:"title"`
	Source    string `json:"source,omitempty" yaml:"source"`
	URL       string `json:"url,omitempty" yaml:"url"`
	Date      string `json:"date,omitempty" yaml:"date"`
	License   string `json:"license,omitempty" yaml:"license"`
	TitleZH   string `json:"title_zh,omitempty" yaml:"title_zh"`
	SourceZH  string `json:"source_zh,omitempty" yaml:"source_zh"`
	DateZH    string `json:"date_zh,omitempty" yaml:"date_zh"`
	LicenseZH string `json:"license_zh,omitempty" yaml:"license_zh"`
	// Noun and NounZH are what a hubs file lists, plural ("suppliers",
	// 供应商), for titles and legends; empty: manufacturing hubs.
	Noun   string `json:"noun,omitempty" yaml:"noun"`
	NounZH string `json:"noun_zh,omitempty" yaml:"noun_zh"`
}

// metaFields are Meta's fields and their keys in a data file: the one
// list that reading, checking and merging go through.
var metaFields = []struct {
	key   string
	field func(*Meta) *string
}{
	{"title", func(m *Meta) *string { return &m.Title }},
	{"source", func(m *Meta) *string { return &m.Source }},
	{"url", func(m *Meta) *string { return &m.URL }},
	{"date", func(m *Meta) *string { return &m.Date }},
	{"license", func(m *Meta) *string { return &m.License }},
	{"title_zh", func(m *Meta) *string { return &m.TitleZH }},
	{"source_zh", func(m *Meta) *string { return &m.SourceZH }},
	{"date_zh", func(m *Meta) *string { return &m.DateZH }},
	{"license_zh", func(m *Meta) *string { return &m.LicenseZH }},
	{"noun", func(m *Meta) *string { return &m.Noun }},
	{"noun_zh", func(m *Meta) *string { return &m.NounZH }},
}

// metaKeys are the top-level members a data file may carry about itself.
var metaKeys = func() []string {
	var keys []string
	for _, f := range metaFields {
		keys = append(keys, f.key)
	}
	return keys
}()

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
func (m Meta) Citation() string { return m.cite(false) }

// CitationZH is Citation in Chinese (InChinese): Chinese brackets and
// comma after Chinese, `中国主要制造业地区（采购博客文章）（6 月 19 日更新），MIT`,
// and Latin ones after Latin, `DCW-GMT 2.1.1 (…) (2022-05-20), LGPL…`,
// not the two mixed.
func (m Meta) CitationZH() string { return m.InChinese().cite(true) }

func (m Meta) cite(zh bool) string {
	s := m.Name()
	if s == "" {
		return ""
	}
	// after returns the Chinese or the Latin form of a bracket or comma,
	// by what it follows.
	after := func(latin, chinese string) string {
		if r, _ := utf8.DecodeLastRuneInString(s); zh && r >= 0x2E80 {
			return chinese
		}
		return latin
	}
	if m.Date != "" && !strings.Contains(s, m.Date) {
		open, close := after(" (", "（"), after(")", "）")
		s += open + m.Date + close
	}
	if m.License != "" {
		s += after(", ", "，") + m.License
	}
	return s
}

// InChinese is m as a map in Chinese credits it: each field's Chinese
// where the file gives one.
func (m Meta) InChinese() Meta {
	zh := m
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&zh.Title, m.TitleZH}, {&zh.Source, m.SourceZH}, {&zh.Date, m.DateZH}, {&zh.License, m.LicenseZH},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
	return zh
}

// merge fills the empty fields of m from d.
func (m Meta) merge(d Meta) Meta {
	for _, f := range metaFields {
		if dst := f.field(&m); *dst == "" {
			*dst = *f.field(&d)
		}
	}
	return m
}

// checkMeta reports meta fields that are too long or hold control
// characters, and URLs that are not http(s).
func checkMeta(ps *problems, line int, m Meta) {
	for _, f := range metaFields {
		if msg := textProblem(*f.field(&m), maxText); msg != "" {
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
