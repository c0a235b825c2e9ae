package geo

import (
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a data file: where it is and what.
type Problem struct {
	File   string // file name as given to the loader
	Line   int    // 1-based line, 0 when the format has none
	Cell   string // spreadsheet cell such as "Suppliers!C17", "" for text formats
	Record string // e.g. `hub 6 (yiwu)` or `feature 3 (CN-FJ)`
	Field  string // e.g. "province" or "specialties[1].category"
	Msg    string

	// beyond: the problem took more than its record, the reading of the
	// lines after it or of the rest of the file, so that leaving its
	// record out does not leave out what it lost (NewAtlasLeavingOut).
	beyond bool
	// with is 1 + the index in HubFile.Rows of the row that this problem
	// is a conflict with (the same id, the same rank), 0 for none: left
	// out for a problem of its own, that row takes the conflict with it.
	with int
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if p.Cell != "" {
		b.WriteString(": " + p.Cell)
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

// JoinProblems merges the Problems of several loading steps into one
// error sorted by file and line, or nil when none has any. An error that
// is not Problems becomes a Problem of its own.
func JoinProblems(errs ...error) error {
	var all Problems
	for _, err := range errs {
		all = appendProblems(all, err)
	}
	if len(all) == 0 {
		return nil
	}
	all.sort()
	return all
}

// sort orders problems by file, then line (a spreadsheet's: row),
// keeping the order of each line's.
func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(p, q Problem) int {
		if c := strings.Compare(p.File, q.File); c != 0 {
			return c
		}
		if p.Line == 0 && q.Line == 0 {
			return cellRow(p.Cell) - cellRow(q.Cell) // F9 before F13
		}
		return p.Line - q.Line
	})
}

// cellRow is the row of a cell such as "Suppliers!F13", 0 for none.
func cellRow(cell string) int {
	i := len(cell)
	for i > 0 && cell[i-1] >= '0' && cell[i-1] <= '9' {
		i--
	}
	n := 0
	for _, c := range cell[i:] {
		if n > 1e8 {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// A loader stops collecting at maxProblemRecords records with problems
// (rows, hubs, features; a problem of none counts as one), or at
// maxProblems problems in all, whichever comes first: a wholly wrong file
// of 50,000 rows says so in its first hundreds of problems. It had
// stopped at 500 problems, so that a list with 250 bad rows of two
// problems each was never checked to its end and no row of it could be
// left out (NewAtlasLeavingOut).
const (
	maxProblemRecords = 500
	maxProblems       = 2000
)

// stopped reports whether ps reached a limit at which loaders stop.
func (ps Problems) stopped() bool {
	return len(ps) >= maxProblems || ps.records() >= maxProblemRecords
}

// records counts the records with problems, a problem of none as one.
func (ps Problems) records() int {
	seen := map[string]bool{}
	n := 0
	for _, p := range ps {
		switch k := recordKey(p.Record); {
		case k == "":
			n++
		case !seen[k]:
			seen[k] = true
			n++
		}
	}
	return n
}

// stopWhy says at which limit checking stopped: "500 rows with
// problems", in the word of ps's records.
func stopWhy(ps Problems) string {
	if len(ps) >= maxProblems {
		return fmt.Sprintf("%d problems", maxProblems)
	}
	noun := "records"
	for _, p := range ps {
		if w, _, ok := strings.Cut(recordKey(p.Record), " "); ok {
			noun = w + "s"
			break
		}
	}
	return fmt.Sprintf("%d %s with problems", maxProblemRecords, noun)
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = "  " + p.String()
	}
	if len(ps) == 1 {
		return "geo: " + ps[0].String()
	}
	if len(ps) > 1 {
		more := ""
		if ps.stopped() {
			more = " (stopped counting at " + stopWhy(ps) + ")"
		}
		return fmt.Sprintf("geo: %d problems in the data%s:\n%s", len(ps), more, strings.Join(lines, "\n"))
	}
	return "geo: no problems"
}

// problems collects Problems for one file.
type problems struct {
	file string
	list Problems
	// records are the records with problems so far (recordKey), loose
	// the problems of none.
	records map[string]bool
	loose   int
}

// pos is where a value sits in its file: a line, or a spreadsheet cell.
type pos struct {
	line int
	cell string
}

func (ps *problems) add(line int, record, field, format string, args ...any) {
	ps.addAt(pos{line: line}, record, field, format, args...)
}

func (ps *problems) addAt(at pos, record, field, format string, args ...any) {
	if ps.full() {
		return
	}
	ps.list = append(ps.list, Problem{File: ps.file, Line: at.line, Cell: at.cell, Record: record, Field: field, Msg: fmt.Sprintf(format, args...)})
	switch k := recordKey(record); {
	case k == "":
		ps.loose++
	case !ps.records[k]:
		if ps.records == nil {
			ps.records = map[string]bool{}
		}
		ps.records[k] = true
	}
}

// full reports whether ps holds as many problems as a loader collects.
func (ps *problems) full() bool {
	return len(ps.list) >= maxProblems || len(ps.records)+ps.loose >= maxProblemRecords
}

// tookMore marks the last problem added as one that took more than its
// record (Problem.beyond).
func (ps *problems) tookMore() {
	if n := len(ps.list); n > 0 {
		ps.list[n-1].beyond = true
	}
}

// conflict adds a problem of one row with another, the row at index
// other of the file's rows.
func (ps *problems) conflict(at pos, record, field string, other int, format string, args ...any) {
	if ps.full() {
		return
	}
	ps.addAt(at, record, field, format, args...)
	ps.list[len(ps.list)-1].with = other + 1
}

// err returns the problems as an error, or nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return ps.list
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
	// A hint, where there is one, words the valid values itself and what
	// else is valid: a page's presets and "a size such as 180x120mm".
	if len(e.Valid) > 0 && e.Hint == "" {
		return fmt.Sprintf("invalid %s %q: valid values are %s", e.Param, e.Value, strings.Join(e.Valid, ", "))
	}
	return fmt.Sprintf("invalid %s %q: %s", e.Param, e.Value, e.Hint)
}
