package geo

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with a data file: where it is and what.
type Problem struct {
	File   string // file name as given to the loader
	Line   int    // 1-based line, 0 when the format has none
	Record string // e.g. `hub 6 (yiwu)` or `feature 3 (CN-FJ)`
	Field  string // e.g. "province" or "specialties[1].category"
	Msg    string
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Record != "" {
		b.WriteString(": " + p.Record)
	}
	if p.Field != "" {
		b.WriteString(": " + p.Field)
	}
	b.WriteString(": " + p.Msg)
	return b.String()
}

// Problems is every problem found in the data; it is the error the loaders
// return, so that a user fixes all of them in one go.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = "geo: " + p.String()
	}
	if len(ps) > 1 {
		return fmt.Sprintf("geo: %d problems in the data:\n%s", len(ps), strings.Join(lines, "\n"))
	}
	return strings.Join(lines, "\n")
}

// problems collects Problems for one file.
type problems struct {
	file string
	list Problems
}

func (ps *problems) add(line int, record, field, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Line: line, Record: record, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// InvalidError says that a query or flag value is not one of the valid
// values. Param is the parameter's name as the user typed it.
type InvalidError struct {
	Param string
	Value string
	Valid []string // empty when the values are not enumerable
	Hint  string   // what a valid value looks like, when Valid is empty
}

func (e *InvalidError) Error() string {
	if len(e.Valid) > 0 {
		return fmt.Sprintf("invalid %s %q: valid values are %s", e.Param, e.Value, strings.Join(e.Valid, ", "))
	}
	return fmt.Sprintf("invalid %s %q: %s", e.Param, e.Value, e.Hint)
}
