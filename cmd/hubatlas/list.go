package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

var listFormats = []string{"table", "json", "geojson", "csv", "xlsx"}

// runList prints the hubs matching the filters as a table, JSON, GeoJSON,
// CSV or XLSX.
func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("list", stderr)
	var req requestFlags
	req.register(c.fs, render.FilterParam, render.ListParam)
	format := c.fs.String("format", "table", "output format: "+strings.Join(listFormats, ", "))
	out := c.fs.String("o", "-", "output file, - for standard output")
	if err := c.parse(args); err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return fmt.Errorf("list: unexpected argument %q", c.fs.Arg(0))
	}
	if !slices.Contains(listFormats, *format) {
		return fmt.Errorf("--format %q: valid values are %s", *format, strings.Join(listFormats, ", "))
	}
	if *format == "xlsx" && *out == "-" {
		return fmt.Errorf("--format xlsx writes a workbook: give a file with -o")
	}
	_, a, err := c.load(ctx)
	if err != nil {
		return err
	}
	r, err := req.request(a, render.Request{})
	if err != nil {
		return err
	}
	ms := a.Select(r.Filter)
	render.SortMatches(a, ms, r.Paging.Sort, "en")
	lo, hi := r.Paging.Slice(len(ms))
	recs := hubRecords(a, ms[lo:hi])
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch *format {
	case "json":
		err = writeJSON(w, recs)
	case "geojson":
		err = geo.WriteGeoJSON(w, recs, a.Sources)
	case "csv":
		err = geo.WriteCSV(w, recs)
	case "xlsx":
		err = geo.WriteXLSX(w, recs, a.Sources)
	default:
		err = writeTable(w, tableRows(recs))
		switch {
		case lo == hi && len(ms) > 0:
			fmt.Fprintf(stderr, "none listed: %d matching hubs (%d in all)\n", len(ms), len(a.Hubs))
		case hi-lo < len(ms):
			fmt.Fprintf(stderr, "%d to %d of %d matching hubs (%d in all)\n", lo+1, hi, len(ms), len(a.Hubs))
		default:
			fmt.Fprintf(stderr, "%d of %d hubs\n", len(ms), len(a.Hubs))
		}
	}
	if err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && f != os.Stdout {
		return f.Close()
	}
	return nil
}

func tableRows(recs []geo.HubRecord) [][]string {
	rows := [][]string{{"RANK", "ID", "NAME", "PROVINCE", "PRODUCTS", "CATEGORIES"}}
	for _, r := range recs {
		rank := "-"
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		name := r.Name
		if r.NameZH != "" && r.NameZH != r.Name {
			name += " " + r.NameZH
		}
		rows = append(rows, []string{rank, r.ID, name, r.Province,
			strings.Join(r.Products, ", "), strings.Join(r.Categories, ", ")})
	}
	return rows
}

// writeTable aligns columns by display width (a Chinese character takes
// two terminal cells, which text/tabwriter does not know). Cells are
// cleaned of control and bidirectional-override characters, which would
// otherwise reach the terminal.
func writeTable(w io.Writer, rows [][]string) error {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			row[i] = geo.Clean(cell)
			widths[i] = max(widths[i], displayWidth(row[i]))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func hubRecords(a *geo.Atlas, ms []geo.Match) []geo.HubRecord {
	out := make([]geo.HubRecord, len(ms))
	for i, m := range ms {
		out[i] = geo.Record(a, m)
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
