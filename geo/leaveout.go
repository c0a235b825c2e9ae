package geo

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// NewAtlasLeavingOut is NewAtlasIn for a list that is mostly right: a
// supplier list of 2,000 rows with three bad ones loads the other 1,997
// and says in the atlas's Notes which rows it left out and why, each
// note the problem as NewAtlasIn would have reported it, after "left
// out: ". Of two rows in conflict (the same id, the same rank) the later
// is left out, unless the earlier is left out for a problem of its own.
// Where the rows left out change how the others read (the categories a
// file of free-text categories is read with), the others are checked
// again, at most maxLeaveOutPasses times in all.
//
// readErr is what ParseHubFile returned with hf: the rows with problems
// of their own it reports are left out too. Nothing is left out, and
// every problem found comes back, with one more saying why, when a
// problem is not of one record (a missing column, an encoding, another
// file), when one took more than its record (a quote left open, a
// sheet's reading stopped), when checking stopped at its limit of
// problems (the rows after were never looked at), or when more than half
// the records have problems: then the file, the sheet or the columns are
// wrong, not a few rows. A file without problems loads as NewAtlasIn
// loads it. hf is not modified.
func NewAtlasLeavingOut(b *Boundaries, around *Context, hf *HubFile, readErr error, cat, def *Catalog) (*Atlas, error) {
	if hf == nil {
		return nil, readErr
	}
	l := newLeaving(hf)
	for pass := 1; ; pass++ {
		try := *hf
		try.Rows = l.rows()
		if pass > 1 {
			try.Sum = hf.Sum + "-left-out"
		}
		a, err := NewAtlasIn(b, around, &try, cat, def)
		if pass == 1 {
			err = JoinProblems(readErr, err)
			l.slugs(try.Rows)
		}
		if err == nil {
			if len(l.left) > 0 {
				l.note(a)
			}
			return a, nil
		}
		var ps Problems
		if !errors.As(err, &ps) {
			return nil, err
		}
		l.found = append(l.found, ps...)
		why := ""
		switch {
		case stopped(readErr) || ps.stopped():
			at := ps
			if stopped(readErr) {
				errors.As(readErr, &at)
			}
			why = fmt.Sprintf("checking stopped at %s, so the %s after the last one were never checked: fix what the problems have in common (a column, the sheet, the encoding) first",
				stopWhy(at), recordNoun(hf.Format, 2))
		case pass > maxLeaveOutPasses:
			why = fmt.Sprintf("leaving out %s with problems showed problems in others %d times over", recordNoun(hf.Format, 2), maxLeaveOutPasses)
		default:
			why = l.leaveOut(try.Rows, ps, pass == 1)
		}
		if why != "" {
			found := slices.Clone(l.found)
			found.sort()
			return nil, JoinProblems(slices.Compact(found), Problems{{File: hf.Name, Msg: NothingLeftOut + why}})
		}
	}
}

// CanLeaveOut says how many records NewAtlasLeavingOut would leave out
// of hf and how many rows it would keep, from err, the problems of
// reading and checking hf (ParseHubFile's and NewAtlasIn's, joined);
// 0, 0 when it would leave none out. It does not check again, as
// NewAtlasLeavingOut does, so that a refusal can offer to leave rows out
// at no cost: the rows kept may still show problems then.
func CanLeaveOut(hf *HubFile, err error) (left, kept int) {
	var ps Problems
	if hf == nil || !errors.As(err, &ps) || len(ps) == 0 || stopped(err) {
		return 0, 0
	}
	l := newLeaving(hf)
	if l.leaveOut(hf.Rows, ps, true) != "" {
		return 0, 0
	}
	return len(l.left), len(l.keep)
}

// maxLeaveOutPasses bounds how often NewAtlasLeavingOut checks a file's
// rows: once, and again after leaving out rows twice more.
const maxLeaveOutPasses = 3

// LeftOutPrefix begins every note NewAtlasLeavingOut adds: the count of
// records it left out, and each problem it left a record out for.
const LeftOutPrefix = "left out: "

// NothingLeftOut begins the problem that says why NewAtlasLeavingOut
// left nothing out.
const NothingLeftOut = "nothing was left out: "

// leaving is the work of NewAtlasLeavingOut: the rows of hf it keeps,
// the records it leaves out and the problems it leaves them out for.
type leaving struct {
	hf      *HubFile
	keep    []int           // indexes in hf.Rows, ascending
	id      []string        // the id the first check gave each row that has none, by index in hf.Rows
	left    map[string]bool // recordKey of every record left out
	records int             // in the file: rows, and records read no further
	found   Problems        // every problem found, in every check
	why     Problems        // the problems the records were left out for
}

// newLeaving starts leaving records out of hf: none yet, every row kept.
func newLeaving(hf *HubFile) *leaving {
	l := &leaving{hf: hf, keep: make([]int, len(hf.Rows)), left: map[string]bool{}, records: len(hf.Rows)}
	for i := range l.keep {
		l.keep[i] = i
	}
	return l
}

// rows returns copies of the rows kept (NewAtlasIn names them), each
// with the id the first check gave it, so that a hub's id does not change
// with the rows left out.
func (l *leaving) rows() []HubRow {
	rows := make([]HubRow, len(l.keep))
	for k, i := range l.keep {
		rows[k] = l.hf.Rows[i]
		if l.id != nil {
			rows[k].slug = l.id[i]
		}
	}
	return rows
}

// slugs keeps the ids the first check gave the rows, all of them.
func (l *leaving) slugs(checked []HubRow) {
	l.id = make([]string, len(checked))
	for i, r := range checked {
		l.id[i] = r.slug
	}
}

// leaveOut takes out of l.keep the records that ps, the problems of a
// check of rows, are of, or says why it will not.
func (l *leaving) leaveOut(rows []HubRow, ps Problems, first bool) string {
	format := l.hf.Format
	own := map[string]bool{} // records with a problem of their own
	for _, p := range ps {
		if p.File != l.hf.Name {
			return "a problem is in " + p.File + ", not in one of the " + recordNoun(format, 2)
		}
		k := recordKey(p.Record)
		if !isRecord(format, k) {
			return "a problem is of the whole file, not of one " + recordNoun(format, 1) + " (" + problemText(p) + ")"
		}
		if p.beyond {
			return "a problem took more than its " + recordNoun(format, 1) + ": the " + recordNoun(format, 2) + " after it were not read (" + problemText(p) + ")"
		}
		if p.with == 0 {
			own[k] = true
		}
	}
	bad := map[string]bool{}
	for _, p := range ps {
		// A row in conflict with one left out for its own problems
		// stays: the conflict leaves with the other.
		if p.with == 0 || !own[recordKey(rows[p.with-1].Record)] {
			bad[recordKey(p.Record)] = true
			l.why = append(l.why, p)
		}
	}
	if first {
		inRows := map[string]bool{}
		for _, r := range rows {
			inRows[recordKey(r.Record)] = true
		}
		for k := range bad {
			if !inRows[k] { // a record read no further, such as a feature that is not a point
				l.records++
			}
		}
	}
	for k := range bad {
		l.left[k] = true
	}
	if n := len(l.left); n*2 > l.records {
		return fmt.Sprintf("%d of the %d %s have problems, more than half: is it the right file, sheet and columns?", n, l.records, recordNoun(format, l.records))
	}
	l.keep = slices.DeleteFunc(l.keep, func(i int) bool { return l.left[recordKey(l.hf.Rows[i].Record)] })
	return ""
}

// note puts in a's notes how many records were left out and why.
func (l *leaving) note(a *Atlas) {
	n := len(l.left)
	hubs := "hubs"
	if len(a.Hubs) == 1 {
		hubs = "hub"
	}
	why := slices.Clone(l.why)
	why.sort()
	notes := make(Problems, 0, 1+len(why)+len(a.Notes))
	notes = append(notes, Problem{File: l.hf.Name, Msg: fmt.Sprintf("%s%d of %d %s, for the problems below; %d %s loaded",
		LeftOutPrefix, n, l.records, recordNoun(l.hf.Format, l.records), len(a.Hubs), hubs)})
	for _, p := range why {
		p.Msg = LeftOutPrefix + p.Msg
		notes = append(notes, p)
	}
	a.Notes = append(notes, a.Notes...)
	a.LeftOut = n
}

// stopped reports whether err is a loader's Problems that reached the
// limit at which it stops checking.
func stopped(err error) bool {
	var ps Problems
	return errors.As(err, &ps) && ps.stopped()
}

// recordKey is a record's name without what a loader adds in brackets:
// "row 4" of "row 4 (GYS0004)", "hub 3" of "hub 3 (yiwu)".
func recordKey(rec string) string {
	if i := strings.Index(rec, " ("); i >= 0 {
		return rec[:i]
	}
	return rec
}

// isRecord reports whether key names one record of a file of format:
// "row 4" in a table, "hub 3" in YAML, "feature 5" in GeoJSON; not
// "header", nor a YAML file's "category 2".
func isRecord(format, key string) bool {
	n, ok := strings.CutPrefix(key, recordNoun(format, 1)+" ")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

// problemText is a problem's record, field and message, for a message
// about it.
func problemText(p Problem) string {
	var parts []string
	for _, s := range []string{p.Record, p.Field, p.Msg} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// recordNoun is what a file of format calls its records, for n of them.
func recordNoun(format string, n int) string {
	noun := "row"
	switch format {
	case "yaml":
		noun = "hub"
	case "geojson":
		noun = "feature"
	}
	if n != 1 {
		noun += "s"
	}
	return noun
}
