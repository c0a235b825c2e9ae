package geo

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportColumns are the columns of CSV and XLSX downloads: the columns a
// hubs file is read with, so that a download loads back as it is, and
// beside the province's and the categories' codes their names in English
// and Chinese, which a reader of the spreadsheet wants (the table of the
// dashboard shows them) and which reading the file passes over.
var exportColumns = []string{"id", "name", "name_zh", "province", "province_name", "province_name_zh", "city", "city_zh", "lat", "lon",
	"products", "products_zh", "categories", "category_names", "category_names_zh", "value", "url", "rank", "description"}

func (r HubRecord) cells() []any {
	var value, rank any = "", ""
	if r.Value != nil {
		value = *r.Value
	}
	if r.Rank > 0 {
		rank = r.Rank
	}
	id := r.ID
	if r.Ref != "" {
		id = r.Ref // as the hubs file wrote it, so that a download loads back
	}
	return []any{id, r.Name, r.NameZH, r.Province, r.ProvinceName, r.ProvinceNameZH, r.City, r.CityZH, r.Lat, r.Lon,
		strings.Join(r.Products, "; "), strings.Join(r.ProductsZH, "; "), strings.Join(r.Categories, "; "), strings.Join(r.CategoryNames, "; "), strings.Join(r.CategoryNamesZH, "; "),
		value, r.URL, rank, r.Description}
}

// spreadsheetSafe keeps a text cell from being read as a formula by
// Excel, LibreOffice or Google Sheets (=HYPERLINK(…), +cmd, -1+1, @SUM):
// a leading = + - @ tab or carriage return gets an apostrophe before it,
// as OWASP advises against CSV injection. Control characters go too.
func spreadsheetSafe(s string) string {
	s = Clean(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes records as CSV in UTF-8 with a byte-order mark, which
// Excel needs to read UTF-8 (Chinese names would otherwise come out
// garbled), with the columns a hubs file is read with. Text cells are
// made safe for spreadsheets (see spreadsheetSafe).
func WriteCSV(w io.Writer, rs []HubRecord) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(exportColumns)
	row := make([]string, len(exportColumns))
	for _, r := range rs {
		for i, c := range r.cells() {
			switch v := c.(type) {
			case string:
				row[i] = spreadsheetSafe(v)
			case float64:
				row[i] = strconv.FormatFloat(v, 'f', -1, 64)
			case int:
				row[i] = strconv.Itoa(v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// fixedTime dates every workbook hubatlas writes, so that the same
// records give the same bytes.
var fixedTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)

// WriteXLSX writes records as a workbook: a "Hubs" sheet with the columns
// a hubs file is read with (numbers as numbers, text never a formula) and
// a "Sources" sheet crediting the data.
func WriteXLSX(w io.Writer, rs []HubRecord, src Sources) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Hubs"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	header := make([]any, len(exportColumns))
	for i, c := range exportColumns {
		header[i] = excelize.Cell{Value: c}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for n, r := range rs {
		cells := r.cells()
		for i, c := range cells {
			if s, ok := c.(string); ok {
				cells[i] = spreadsheetSafe(s)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.NewSheet("Sources"); err != nil {
		return err
	}
	rows := [][]any{{"data", "source"}}
	for _, s := range []struct {
		what string
		m    Meta
	}{{"hubs", src.Hubs}, {"boundaries", src.Boundaries}, {"categories", src.Categories}} {
		cite := s.m.Citation()
		if s.m.URL != "" {
			cite += " " + s.m.URL
		}
		rows = append(rows, []any{s.what, spreadsheetSafe(cite)})
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sources", cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "hubatlas", Created: fixedTime, Modified: fixedTime}); err != nil {
		return err
	}
	return f.Write(w)
}

// WriteGeoJSON writes records as an RFC 7946 FeatureCollection, one Point
// feature per record, without buffering the whole collection. The
// collection carries the hubs file's title, source, url, date and licence
// as a hubs GeoJSON file does (so that it loads back credited alike) and
// a "sources" member that credits every file the records come from.
func WriteGeoJSON(w io.Writer, rs []HubRecord, src Sources) error {
	meta, err := json.Marshal(src.Hubs)
	if err != nil {
		return err
	}
	all, err := json.Marshal(src)
	if err != nil {
		return err
	}
	head := `{"type":"FeatureCollection",`
	if m := strings.TrimSuffix(strings.TrimPrefix(string(meta), "{"), "}"); m != "" {
		head += m + ","
	}
	if _, err := fmt.Fprintf(w, `%s"sources":%s,"features":[`, head, all); err != nil {
		return err
	}
	for i, r := range rs {
		if i > 0 {
			io.WriteString(w, ",")
		}
		b, err := json.Marshal(r.Feature())
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, "]}\n")
	return err
}
