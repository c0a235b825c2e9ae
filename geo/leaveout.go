package geo

import (
	"errors"
	"fmt"
	"strings"
)

// NewAtlasLeavingOut is NewAtlasIn for a list that is mostly right: a
// supplier list of 2,000 rows with three bad ones loads the other 1,997
// and says in the atlas's Notes which rows it left out and why, each
// note the problem as NewAtlasIn would have reported it.
//
// readErr is what ParseHubFile returned with hf: the rows with problems
// of their own it reports are left out too. Nothing is left out, and
// every problem comes back as NewAtlasIn's would, with one more saying
// why, when a problem is not of one row (a missing column, an encoding,
// another file), when checking stopped at its limit of problems (the
// rows after were never looked at), or when more than half the rows
// have problems: then the file, the sheet or the columns are wrong, not
// a few rows. A file without problems loads as NewAtlasIn loads it.
// hf is not modified.
func NewAtlasLeavingOut(b *Boundaries, around *Context, hf *HubFile, readErr error, cat, def *Catalog) (*Atlas, error) {
	if hf == nil {
		return nil, readErr
	}
	first := *hf
	first.Rows = cloneRows(hf.Rows) // NewAtlasIn names the rows it checks
	a, err := NewAtlasIn(b, around, &first, cat, def)
	all := JoinProblems(readErr, err)
	if all == nil {
		return a, nil
	}
	var ps Problems
	if !errors.As(all, &ps) {
		return nil, all
	}
	out, why := leaveOut(hf, ps, stopped(readErr) || stopped(err))
	if why != "" {
		return nil, JoinProblems(all, Problems{{File: hf.Name, Msg: NothingLeftOut + why}})
	}
	kept := *hf
	kept.Sum = hf.Sum + "-left-out"
	kept.Rows = make([]HubRow, 0, len(hf.Rows))
	for _, r := range hf.Rows {
		if !out.bad[recordKey(r.Record)] {
			kept.Rows = append(kept.Rows, r)
		}
	}
	kept.Rows = cloneRows(kept.Rows)
	a, err = NewAtlasIn(b, around, &kept, cat, def)
	if err != nil {
		// Leaving rows out cannot make a problem of the others'; should
		// it, the list is refused as it is.
		return nil, JoinProblems(all, Problems{{File: hf.Name, Msg: NothingLeftOut + "the other " + recordNoun(hf.Format, 2) + " have problems too"}})
	}
	notes := make(Problems, 0, len(ps)+1+len(a.Notes))
	notes = append(notes, Problem{File: hf.Name, Msg: fmt.Sprintf("%d of %d %s left out for the problems below; %d hubs loaded",
		len(out.bad), out.records, recordNoun(hf.Format, out.records), len(a.Hubs))})
	for _, p := range ps {
		p.Msg = LeftOutPrefix + p.Msg
		notes = append(notes, p)
	}
	a.Notes = append(notes, a.Notes...)
	a.LeftOut = len(out.bad)
	return a, nil
}

// LeftOutPrefix begins the note of each problem NewAtlasLeavingOut left
// a record out for.
const LeftOutPrefix = "left out: "

// NothingLeftOut begins the problem that says why NewAtlasLeavingOut
// left nothing out.
const NothingLeftOut = "nothing was left out: "

// leftOut is what NewAtlasLeavingOut leaves out of a file: the records
// with problems (by recordKey), of how many records in all.
type leftOut struct {
	bad     map[string]bool
	records int
}

// leaveOut finds the records ps are problems of, or says why it will not
// leave any out.
func leaveOut(hf *HubFile, ps Problems, stopped bool) (leftOut, string) {
	out := leftOut{bad: map[string]bool{}, records: len(hf.Rows)}
	if stopped {
		return out, fmt.Sprintf("checking stopped at %d problems, so the %s after the last one were never checked: fix what the problems have in common (a column, the sheet, the encoding) first",
			maxProblems, recordNoun(hf.Format, 2))
	}
	for _, p := range ps {
		if p.File != hf.Name {
			return out, "a problem is in " + p.File + ", not in one of the " + recordNoun(hf.Format, 2)
		}
		k := recordKey(p.Record)
		if !isRecord(hf.Format, k) {
			return out, "a problem is of the whole file, not of one " + recordNoun(hf.Format, 1) + " (" + problemText(p) + ")"
		}
		out.bad[k] = true
	}
	rows := map[string]bool{}
	for _, r := range hf.Rows {
		rows[recordKey(r.Record)] = true
	}
	for k := range out.bad {
		if !rows[k] { // a record read no further, such as a feature that is not a point
			out.records++
		}
	}
	if len(out.bad)*2 > out.records {
		return out, fmt.Sprintf("%d of the %d %s have problems, more than half: is it the right file, sheet and columns?",
			len(out.bad), out.records, recordNoun(hf.Format, out.records))
	}
	return out, ""
}

// stopped reports whether err is a loader's Problems that reached the
// limit at which it stops checking.
func stopped(err error) bool {
	var ps Problems
	return errors.As(err, &ps) && len(ps) >= maxProblems
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

// cloneRows copies rows so that NewAtlasIn may name them (it writes
// Record) and trim them without touching the caller's.
func cloneRows(rows []HubRow) []HubRow {
	out := make([]HubRow, len(rows))
	copy(out, rows)
	return out
}
