package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/hubatlas/hubatlas/geo"
)

// runList prints the hubs matching the filters as a table, JSON, GeoJSON
// or CSV.
func runList(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var data dataFlags
	var filt filterFlags
	data.register(fs)
	filt.register(fs)
	format := fs.String("format", "table", "output format: table, json, geojson or csv")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("list: unexpected argument %q", fs.Arg(0))
	}
	formats := []string{"table", "json", "geojson", "csv"}
	ok := false
	for _, f := range formats {
		ok = ok || f == *format
	}
	if !ok {
		return fmt.Errorf("--format %q: valid values are %s", *format, strings.Join(formats, ", "))
	}
	a, err := data.load()
	if err != nil {
		return err
	}
	f, err := filt.filter(a)
	if err != nil {
		return err
	}
	ms := a.Select(f)
	switch *format {
	case "json":
		return writeJSON(stdout, hubRecords(a, ms))
	case "geojson":
		return writeJSON(stdout, geo.HubsGeoJSON(a, ms))
	case "csv":
		return writeCSV(stdout, hubRecords(a, ms))
	}
	rows := [][]string{{"RANK", "ID", "NAME", "PROVINCE", "PRODUCTS", "CATEGORIES"}}
	for _, r := range hubRecords(a, ms) {
		rank := "-"
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		rows = append(rows, []string{rank, r.ID, r.Name + " " + r.NameZH, r.Province,
			strings.Join(r.Products, ", "), strings.Join(r.Categories, ", ")})
	}
	if err := writeTable(stdout, rows); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%d of %d hubs\n", len(ms), len(a.Hubs))
	return nil
}

// writeTable aligns columns by display width: a Chinese character takes
// two terminal cells, which text/tabwriter does not know.
func writeTable(w io.Writer, rows [][]string) error {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], displayWidth(cell))
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
		if unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x30ff || r >= 0xff00 && r <= 0xff60 {
			n += 2
		} else {
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

func writeCSV(w io.Writer, rs []geo.HubRecord) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "name", "name_zh", "province", "rank", "lon", "lat", "products", "categories"})
	for _, r := range rs {
		rank := ""
		if r.Rank > 0 {
			rank = strconv.Itoa(r.Rank)
		}
		cw.Write([]string{r.ID, r.Name, r.NameZH, r.Province, rank,
			strconv.FormatFloat(r.Lon, 'f', -1, 64), strconv.FormatFloat(r.Lat, 'f', -1, 64),
			strings.Join(r.Products, "; "), strings.Join(r.Categories, "; ")})
	}
	cw.Flush()
	return cw.Error()
}
