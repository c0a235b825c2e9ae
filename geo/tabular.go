package geo

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/width"
)

// columns are the fields of a hub row and the headers that name them in
// spreadsheets and GeoJSON properties, matched without regard to case,
// spaces and underscores. The first name is the canonical one.
var columns = []column{
	{"id", []string{"id", "编号", "代码", "supplier id", "factory id", "supplier code", "vendor id", "vendor code", "供应商编号", "供应商代码", "工厂编号", "企业编号"}, false},
	{"name", []string{"name", "name en", "english name", "company", "supplier", "factory", "vendor", "supplier name", "company name", "factory name", "vendor name", "名称", "英文名", "英文名称"}, false},
	{"name_zh", []string{"name zh", "chinese name", "中文名", "中文名称", "公司名称", "企业名称", "工厂名称", "供应商名称", "供应商中文名"}, false},
	{"province", []string{"province", "state", "省份", "省", "所在省份", "省/直辖市", "省市"}, false},
	{"city", []string{"city", "city en", "城市", "所在城市"}, false},
	{"city_zh", []string{"city zh", "中文城市", "城市中文", "城市中文名"}, false},
	{"lat", []string{"lat", "latitude", "纬度"}, true},
	{"lon", []string{"lon", "lng", "long", "longitude", "经度"}, true},
	{"products", []string{"products", "product", "产品", "主要产品", "主营产品"}, false},
	// The products in Chinese, in the products' order and separated as
	// they are (an empty place where one has none): a download in
	// Chinese had carried the English names alone.
	{"products_zh", []string{"products zh", "product zh", "中文产品", "产品中文", "产品中文名"}, false},
	{"categories", []string{"categories", "category", "类别", "分类", "品类"}, false},
	{"value", []string{"value", "employees", "capacity", "orders", "数值", "员工", "员工数", "员工人数", "人数", "规模", "产能"}, false},
	{"url", []string{"url", "website", "link", "网址", "网站", "链接"}, false},
	{"rank", []string{"rank", "排名"}, false},
	{"source", []string{"source", "来源"}, false},
	{"description", []string{"description", "notes", "描述", "简介", "备注"}, false},
}

// column is a field of a hub row and the headers that name it.
type column struct {
	field    string
	names    []string
	required bool
}

// headerKey folds a header for matching: lower case, half-width, spaces
// for underscores, single spaces, no BOM, and no qualifier in brackets
// at its end ("Latitude (WGS84)", "纬度（N）", "Employees [FTE]") nor a
// full stop ("Lat."); lang is the language a qualifier says, "zh", "en"
// or "": "City (中文)" is the city's Chinese, "名称（英文）" the name (both
// of a pair had been one field, refused as a second column).
func headerKey(s string) (key, lang string) {
	s = width.Narrow.String(strings.TrimPrefix(s, "\uFEFF"))
	s = strings.ToLower(strings.ReplaceAll(s, "_", " "))
	s = strings.Join(strings.Fields(s), " ")
	for _, b := range [][2]string{{"(", ")"}, {"[", "]"}, {"【", "】"}} {
		i := strings.LastIndex(s, b[0])
		if i <= 0 || !strings.HasSuffix(s, b[1]) {
			continue
		}
		q := strings.TrimSpace(s[i+len(b[0]) : len(s)-len(b[1])])
		s = strings.TrimSpace(s[:i])
		switch {
		case slices.Contains([]string{"中文", "zh", "chinese", "cn", "汉字"}, q):
			lang = "zh"
		case slices.Contains([]string{"en", "english", "英文", "eng"}, q):
			lang = "en"
		}
	}
	return strings.TrimSuffix(s, "."), lang // "Lat.", "Long."
}

// fieldFor returns the field a folded header names, "" for none: the
// header whole, else one of its parts in two languages ("Latitude/纬度",
// "纬度 Latitude").
func fieldFor(k string) string {
	for _, c := range columns {
		if slices.Contains(c.names, k) || k == strings.ReplaceAll(c.field, "_", " ") {
			return c.field
		}
	}
	parts := strings.Split(k, "/")
	if len(parts) == 1 {
		parts = strings.Fields(k)
		if len(parts) != 2 || HasHan(parts[0]) == HasHan(parts[1]) {
			return "" // a name in one language, not one in each
		}
	}
	for _, p := range parts {
		if f := fieldFor(strings.TrimSpace(p)); f != "" {
			return f
		}
	}
	return ""
}

// inLanguage is field f as a header's qualifier says it: the field of
// the Chinese where it has one ("name" in Chinese is name_zh), the plain
// field in English.
func inLanguage(f, lang string) string {
	switch {
	case lang == "zh" && fieldFor(strings.ReplaceAll(f, "_", " ")+" zh") == f+"_zh":
		return f + "_zh"
	case lang == "en":
		return strings.TrimSuffix(f, "_zh")
	}
	return f
}

// columnMap maps header positions to fields.
type columnMap struct {
	field []string // per position, "" for columns hubatlas does not read
	has   map[string]bool
	value string // the value column's header as written ("employees")
	// unread are the headers of the columns hubatlas does not read, as
	// written: a note says them, so that a column a header hubatlas does
	// not know names is not lost without a word; seconds those of the
	// columns of a field named before, with the field.
	unread, seconds []string
	second          map[int]bool // positions of seconds
}

// mapColumns matches a header row, reporting the missing required
// columns all at once; of two columns of a field the first is read.
func mapColumns(ps *problems, at pos, header []string) (*columnMap, bool) {
	m := &columnMap{field: make([]string, len(header)), has: map[string]bool{}, second: map[int]bool{}}
	// A company's name (公司名称, 供应商名称) beside a column that says
	// Chinese (中文名称) is the name in the other language: the English
	// name, when no column is named so.
	fieldOf := map[string]string{}
	if keys := headerKeys(header); slices.ContainsFunc(keys, func(k string) bool { return slices.Contains(chineseNameHeaders, k) }) &&
		!slices.ContainsFunc(keys, func(k string) bool { return k == "name" || slices.Contains(headerNames("name"), k) }) {
		for _, k := range companyNameHeaders {
			fieldOf[k] = "name"
		}
	}
	for i, h := range header {
		k, lang := headerKey(h)
		f, ok := fieldOf[k]
		if !ok {
			f = fieldFor(k)
		}
		if f == "" {
			continue
		}
		if f = inLanguage(f, lang); m.has[f] {
			// The first column of a field is read; a second is named in a
			// note (employees and capacity, both values, had refused the
			// file as having "a second value column").
			m.seconds = append(m.seconds, fmt.Sprintf("%s (a second %s column)", truncate(strings.TrimSpace(Clean(h))), f))
			m.second[i] = true
			continue
		}
		m.field[i], m.has[f] = f, true
		if f == "value" {
			m.value = truncate(strings.TrimSpace(Clean(h)))
		}
	}
	ok := true
	var heads []string
	for i, h := range header {
		if h = strings.TrimSpace(Clean(h)); h != "" {
			heads = append(heads, truncate(h))
			if m.field[i] == "" && !m.second[i] {
				m.unread = append(m.unread, truncate(h))
			}
		}
	}
	need := func(field string, names []string) {
		ok = false
		ps.addAt(at, "header", field, "no %s column (headers are %s; want one of %s)", field, strings.Join(heads, ", "), strings.Join(names, ", "))
	}
	for _, c := range columns {
		if c.required && !m.has[c.field] {
			need(c.field, c.names)
		}
	}
	if !m.has["name"] && !m.has["name_zh"] {
		need("name", headerNames("name"))
	}
	if !m.has["products"] && !m.has["categories"] {
		need("products", append(headerNames("products"), headerNames("categories")...))
	}
	return m, ok
}

// chineseNameHeaders say that their column holds names in Chinese;
// companyNameHeaders only that it holds company names, in Chinese unless
// a column of chineseNameHeaders is beside them.
var (
	chineseNameHeaders = []string{"name zh", "chinese name", "中文名", "中文名称", "供应商中文名"}
	companyNameHeaders = []string{"公司名称", "企业名称", "工厂名称", "供应商名称"}
)

func headerKeys(header []string) []string {
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i], _ = headerKey(h)
	}
	return keys
}

// noHeaderWords end the problems of a table whose header is not found.
var noHeaderWords = fmt.Sprintf("no row among the first %d names the columns hubatlas reads (a latitude, a longitude, and a name or products): the header row must be one of them", maxHeaderRow)

// maxHeaderRow is how far down a table its header row is looked for:
// spreadsheets often carry a title, or a row of merged group headings
// ("供应商信息 | 位置 | 业务"), above it.
const maxHeaderRow = 10

// note adds the notes of a header found: the rows above it skipped, the
// columns not read.
func (m *columnMap) note(notes *problems, at pos, skipped int) {
	switch {
	case skipped == 1:
		notes.addAt(at, "header", "", "the header row is the first that names the columns hubatlas reads; the row above it is skipped")
	case skipped > 1:
		notes.addAt(at, "header", "", "the header row is the first that names the columns hubatlas reads; the %d rows above it are skipped", skipped)
	}
	if len(m.unread) > 0 {
		notes.addAt(at, "header", "", "columns not read: %s (the README lists the headers hubatlas reads)", strings.Join(m.unread, ", "))
	}
	if len(m.seconds) > 0 {
		notes.addAt(at, "header", "", "columns not read, the first of each field being read: %s", strings.Join(m.seconds, ", "))
	}
}

// headerNames returns a copy of the headers that name field.
func headerNames(field string) []string {
	for _, c := range columns {
		if c.field == field {
			return slices.Clone(c.names)
		}
	}
	return nil
}

// tableRow turns one record of a table into a row. cell gives each
// field's position; decimalComma says that "1,5" means 1.5.
func (m *columnMap) row(ps *problems, rec string, vals []string, cell func(i int) pos, decimalComma bool) (HubRow, bool) {
	if i := slices.Index(m.field, "id"); i >= 0 && i < len(vals) {
		if id := strings.TrimSpace(vals[i]); id != "" {
			// Problems name the row by the file's own id: "row 4
			// (GYS0004)"; they had said "row 4" alone.
			rec = fmt.Sprintf("%s (%s)", rec, truncate(Clean(id)))
		}
	}
	r := HubRow{Record: rec, Lon: math.NaN(), Lat: math.NaN(), Value: math.NaN(), at: map[string]pos{"": cell(0)}}
	// Dots group thousands in a row whose point is written with decimal
	// commas, or beside a decimal comma (1.500,5): in a row of dot
	// decimals, 1.250 is 1.25.
	commaRow := false
	for k, f := range m.field {
		if (f == "lat" || f == "lon") && k < len(vals) && decimalComma && strings.Contains(vals[k], ",") {
			commaRow = true
		}
	}
	r.commaRow = commaRow
	empty := true
	for i, v := range vals {
		v = strings.TrimSpace(v)
		if i >= len(m.field) || m.field[i] == "" {
			if v != "" {
				empty = false
			}
			continue
		}
		if v == "" {
			continue
		}
		empty = false
		f := m.field[i]
		r.at[f] = cell(i)
		switch f {
		case "id":
			r.ID = v
		case "name":
			r.Name = v
		case "name_zh":
			r.NameZH = v
		case "province":
			r.Province = v
		case "city":
			r.City = v
		case "city_zh":
			r.CityZH = v
		case "products":
			r.Products = splitList(v)
		case "products_zh":
			r.ProductsZH = splitPlaces(v)
		case "categories":
			r.Categories = splitList(v)
		case "url":
			r.URL = v
		case "source":
			r.Source = v
		case "description":
			r.Description = v
		case "rank":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				ps.addAt(cell(i), rec, f, "%q is not a whole number", truncate(Clean(v)))
				r.bad = true
			}
			r.Rank = n
		case "lat", "lon", "value":
			if f == "value" && decimalComma && dotThousands.MatchString(v) {
				if commaRow || strings.Contains(v, ",") || strings.Count(v, ".") > 1 {
					// A size in a row of decimal commas: "1.200" employees
					// are 1,200 (had been read as 1.2, with no word).
					v = strings.ReplaceAll(v, ".", "")
				} else {
					r.dotValue = true // decided by the whole file (dotValues)
				}
			}
			x, err := parseNumber(v, decimalComma)
			if err != nil {
				hint := ""
				if ex, ok := degreeExamples[f]; ok {
					hint = " (want decimal degrees such as " + ex + ")"
				}
				ps.addAt(cell(i), rec, f, "%q is not a number%s", truncate(Clean(v)), hint)
				r.bad = true
				continue
			}
			switch f {
			case "lat":
				r.Lat = x
			case "lon":
				r.Lon = x
			default:
				r.Value = x
			}
		}
	}
	for _, f := range []string{"lat", "lon"} {
		if _, given := r.at[f]; m.has[f] && !given && !empty {
			ps.addAt(cell(slices.Index(m.field, f)), rec, f, "missing (want decimal degrees such as %s)", degreeExamples[f])
			r.bad = true
		}
	}
	if r.Name == "" && r.NameZH != "" {
		r.Name = r.NameZH
	} else if r.NameZH == "" && strings.ContainsFunc(r.Name, isHan) {
		r.NameZH = r.Name
	}
	return r, !empty
}

// splitList splits a products or categories cell: items are separated by
// ';', '；', '、', '，' or line breaks, never by ',' (product names have
// commas).
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, isListSeparator) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// splitPlaces splits a products_zh cell at the separators splitList
// splits products at, keeping an empty place where a product has no
// Chinese name ("背包; ; 旅行包"), so that the places stay those of the
// products (a download writes a product "积木、拼图" as one, which reading
// makes two); a cell of nothing but spaces has none.
func splitPlaces(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	start := 0
	for i, r := range s {
		if r == '\n' && i > 0 && s[i-1] == '\r' {
			start = i + 1 // one break, as \r\n
			continue
		}
		if isListSeparator(r) {
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// isListSeparator tells the separators of products and categories cells.
func isListSeparator(r rune) bool {
	return r == ';' || r == '；' || r == '、' || r == '，' || r == '\n' || r == '\r' || r == '|'
}

// degreeExamples show how a latitude and a longitude are written.
var degreeExamples = map[string]string{"lat": "22.5431", "lon": "113.2644"}

var thousands = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// dotThousands is a number grouped by dots, as files of decimal commas
// write it: 1.200, 12.500,5 (parseNumber reads the decimal comma once
// the dots are gone).
var dotThousands = regexp.MustCompile(`^[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$`)

// parseNumber reads a finite number as spreadsheets write it: full-width
// digits, thousands separators ("12,000"), a decimal comma where the
// file uses one ("22,5431" in a ';'-delimited file).
func parseNumber(s string, decimalComma bool) (float64, error) {
	if x, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "_xXpP") {
		if !finite(x) {
			return 0, errors.New("not a number")
		}
		return x, nil // the usual case: a plain decimal number
	}
	s = strings.ReplaceAll(width.Narrow.String(strings.TrimSpace(s)), " ", "")
	switch {
	case thousands.MatchString(s) && !decimalComma:
		s = strings.ReplaceAll(s, ",", "")
	case strings.Count(s, ",") == 1 && !strings.Contains(s, "."):
		s = strings.Replace(s, ",", ".", 1)
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || !finite(x) {
		return 0, errors.New("not a number")
	}
	return x, nil
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// utf16Order guesses the byte order of UTF-16 text without a BOM from its
// first 256 bytes: a header is mostly ASCII, whose characters have a zero
// high byte (odd offsets little-endian, even big-endian); no UTF-8 or
// GB18030 text has zero bytes.
func utf16Order(data []byte) (unicode.Endianness, bool) {
	head := data[:min(len(data), 256)&^1]
	var even, odd int
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(head) / 2
	switch {
	case pairs < 2:
		return unicode.LittleEndian, false
	case 2*odd > pairs && even == 0:
		return unicode.LittleEndian, true
	case 2*even > pairs && odd == 0:
		return unicode.BigEndian, true
	}
	return unicode.LittleEndian, false
}

// Encodings CSV files are read in: utf-8 (with or without BOM), utf-16
// (Excel's "Unicode text", with BOM; without, told by its zero bytes)
// and gb18030, which covers GBK and GB2312 (what Excel writes on
// Chinese-language Windows).
var Encodings = []string{"auto", "utf-8", "gb18030", "gbk", "utf-16"}

// decodeText returns data as UTF-8, detecting the encoding unless enc
// names one. It reports what it found wrong and returns nil then.
func decodeText(ps *problems, data []byte, enc string) ([]byte, string) {
	enc = strings.ToLower(enc)
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		if enc != "" && enc != "auto" && enc != "utf-8" && enc != "utf8" {
			ps.add(1, "", "encoding", "the file starts with a UTF-8 byte-order mark but encoding is %q: set it to utf-8 or auto", enc)
			return nil, ""
		}
		data = data[3:]
		enc = "utf-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			ps.add(1, "", "encoding", "not valid UTF-16: %v", err)
			return nil, ""
		}
		return out, "utf-16"
	}
	if order, ok := utf16Order(data); ok && (enc == "" || enc == "auto" || enc == "utf-16" || enc == "utf16") {
		// Without a BOM: the zero bytes of ASCII text tell UTF-16 and
		// its byte order ("no lat column" had been all it said).
		out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
		if err != nil {
			ps.add(1, "", "encoding", "not valid UTF-16: %v", err)
			return nil, ""
		}
		return out, "utf-16"
	}
	switch enc {
	case "", "auto":
		if utf8.Valid(data) {
			return data, "utf-8"
		}
		enc = "gb18030"
	case "utf-8", "utf8":
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
			ps.add(line, "", "encoding", "not valid UTF-8 from this line on: the file looks like GB18030/GBK, which Excel writes on Chinese Windows; set encoding to gb18030 or auto")
			return nil, ""
		}
		return data, "utf-8"
	}
	switch enc {
	case "gb18030", "gbk", "gb2312":
		if utf8.Valid(data) && !isASCII(data) {
			ps.add(1, "", "encoding", "encoding is %q but the file is UTF-8: set encoding to utf-8 or auto", enc)
			return nil, ""
		}
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			ps.add(1, "", "encoding", "not valid GB18030 text: %v", err)
			return nil, ""
		}
		return out, "gb18030"
	case "utf-16", "utf16":
		ps.add(1, "", "encoding", "UTF-16 files must start with a byte-order mark (Excel's \"Unicode text\" does)")
		return nil, ""
	}
	ps.add(0, "", "encoding", "unknown encoding %q (valid: %s)", enc, strings.Join(Encodings, ", "))
	return nil, ""
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// Delimiters CSV files may use.
var Delimiters = []string{"auto", ",", ";", "\t"}

// delimiterCounts counts the delimiters outside quotes in the first line:
// those hubatlas reads, and '|', which it does not (but a file may use).
func delimiterCounts(data []byte) map[rune]int {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data[:min(len(data), 64<<10)]) {
		if r == '"' {
			quoted = !quoted
		}
		if !quoted && (r == '\n' || r == '\r') {
			break
		}
		if !quoted && (r == ',' || r == ';' || r == '\t' || r == '|') {
			counts[r]++
		}
	}
	return counts
}

// sniffDelimiter picks the delimiter hubatlas reads that is the most
// frequent in the first line (',' on a tie).
func sniffDelimiter(data []byte) rune {
	counts := delimiterCounts(data)
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// parseCSV reads a delimited text file with a header row.
func parseCSV(ps *problems, hf *HubFile, data []byte, opt HubOptions) {
	text, enc := decodeText(ps, data, opt.Encoding)
	if text == nil {
		return
	}
	hf.Encoding = enc
	var delim rune
	switch opt.Delimiter {
	case "", "auto":
		delim = sniffDelimiter(text)
	case ",", ";", "\t":
		delim = rune(opt.Delimiter[0])
	case "tab", `\t`:
		delim = '\t'
	default:
		ps.add(0, "", "delimiter", "unknown delimiter %q (valid: auto, \",\", \";\", tab)", opt.Delimiter)
		return
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		ps.add(csvLine(err), "", "", "not a readable CSV header: %v", csvMsg(err))
		return
	}
	header = slices.Clone(header)
	if len(header) == 1 && opt.Delimiter != "" && opt.Delimiter != "auto" {
		if other := sniffDelimiter(text); other != delim {
			ps.add(1, "header", "", "one column only: the header line is separated by %q, not %q; set delimiter to %q or auto", string(other), string(delim), string(other))
			return
		}
	}
	cols := &problems{file: ps.file}
	m, ok := mapColumns(cols, pos{line: 1}, header)
	headerAt, skipped := pos{line: 1}, 0
	for k := 1; !ok && k < maxHeaderRow; k++ {
		rec, err := cr.Read()
		if err != nil {
			break // the first line's problems speak
		}
		line, _ := cr.FieldPos(0)
		try := &problems{file: ps.file}
		if below, found := mapColumns(try, pos{line: line}, rec); found {
			m, ok, cols, headerAt, skipped = below, true, try, pos{line: line}, k
		}
	}
	if !ok {
		cols.add(1, "header", "", "%s", noHeaderWords)
	}
	if counts := delimiterCounts(text); !ok && counts['|'] > counts[delim] {
		// The columns are there, run together by a delimiter hubatlas does not read.
		ps.add(1, "header", "", "the file seems separated by \"|\": hubatlas reads files separated by \",\", \";\" or tab")
		return
	}
	ps.list = append(ps.list, cols.list...)
	if !ok {
		return
	}
	hf.ValueName = m.value
	notes := &problems{file: ps.file}
	m.note(notes, headerAt, skipped)
	hf.Notes = notes.list
	decimalComma := delim == ';'
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			ps.add(csvLine(err), fmt.Sprintf("row %d", n), "", "%v", csvMsg(err))
			if pe := (*csv.ParseError)(nil); errors.As(err, &pe) && pe.StartLine > 0 && pe.StartLine != pe.Line {
				ps.tookMore() // a quote left open takes the lines up to where it is refused
			}
			if ps.full() {
				return
			}
			continue
		}
		if len(hf.Rows) >= opt.Limits.MaxHubs {
			ps.add(0, "", "", "more than %d rows, at most %d", opt.Limits.MaxHubs, opt.Limits.MaxHubs)
			return
		}
		cell := func(i int) pos {
			l, _ := cr.FieldPos(min(i, len(rec)-1))
			return pos{line: l}
		}
		r, use := m.row(ps, fmt.Sprintf("row %d", n), rec, cell, decimalComma)
		if use {
			hf.Rows = append(hf.Rows, r)
		}
		if ps.full() {
			return
		}
	}
	dotValues(hf.Rows)
}

// dotValues reads the values of a file of decimal commas written with a
// dot alone (1.200) as its other rows say: thousands where some row's
// point has decimal commas, else decimals. One column had read "1.200"
// as 1,200 in a row of "22,55" and as 1.2 in the next, of "23.02".
func dotValues(rows []HubRow) {
	if !slices.ContainsFunc(rows, func(r HubRow) bool { return r.commaRow }) {
		return
	}
	for i := range rows {
		if r := &rows[i]; r.dotValue && !math.IsNaN(r.Value) {
			r.Value = math.Round(r.Value * 1000)
		}
	}
}

// csvLine is where a record the CSV reader refused starts: a quote left
// open runs to the end of the file, whose line the error carries, and
// quote2.csv's open quote on line 2 had been reported at line 1002.
func csvLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 && pe.StartLine != pe.Line {
			return pe.StartLine
		}
		return pe.Line
	}
	return 0
}

func csvMsg(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine > 0 && pe.StartLine != pe.Line {
			return fmt.Sprintf("a quoted field opened here is not closed before line %d (%v)", pe.Line, pe.Err)
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// maxSheetColumns is the widest a hubs sheet may be. The reader makes
// every row as wide as its last cell: a value in the last column (XFD,
// 16,384) of 20,000 rows, in a 0.5 MB file, had taken a minute to read
// under the server's memory limit, 8 minutes for 49,000 rows. The first
// row with a value beyond stops the reading, named.
const maxSheetColumns = 1024

// columnName is the spreadsheet name of column n (1-based): A, Z, AA.
func columnName(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}

// parseXLSX reads the first sheet (or opt.Sheet) of a workbook: a header
// row, then one hub per row. Cells are read raw, so that number formats
// do not round coordinates.
func parseXLSX(ps *problems, hf *HubFile, data []byte, opt HubOptions) {
	limit := min(int64(256<<20), 50*int64(len(data))+1<<20)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: limit})
	if err != nil {
		ps.add(0, "", "", "not a readable .xlsx workbook: %v", err)
		return
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := opt.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			ps.add(0, "", "sheet", "the workbook has no sheets")
			return
		}
		sheet = sheets[0]
	} else if !slices.Contains(sheets, sheet) {
		ps.add(0, "", "sheet", "no sheet %q (sheets: %s)", truncate(sheet), strings.Join(sheets, ", "))
		return
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		ps.add(0, "", "", "sheet %q: %v", sheet, err)
		return
	}
	defer rows.Close()
	cellName := func(col, row int) pos {
		c, _ := excelize.CoordinatesToCellName(col+1, row)
		return pos{cell: sheet + "!" + c}
	}
	var m *columnMap
	var first *problems // the first row's, when no row names the columns
	skipped := 0
	for n := 1; rows.Next(); n++ {
		vals, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			ps.addAt(cellName(0, n), fmt.Sprintf("row %d", n), "", "%v", err)
			ps.tookMore() // the rows below are not read
			return
		}
		if len(vals) > maxSheetColumns {
			last := len(vals) - 1
			for last >= 0 && vals[last] == "" {
				last--
			}
			if last >= maxSheetColumns {
				ps.addAt(cellName(last, n), fmt.Sprintf("row %d", n), "", "a value beyond column %s, the last of the %d a hubs sheet may use: delete what lies right of the table", columnName(maxSheetColumns), maxSheetColumns)
				ps.tookMore()
				return
			}
			vals = vals[:last+1]
		}
		if m == nil {
			if len(vals) == 0 {
				continue // blank rows above the header
			}
			try := &problems{file: ps.file}
			found, ok := mapColumns(try, cellName(0, n), vals)
			if !ok {
				if first == nil {
					first = try
				}
				if skipped++; skipped < maxHeaderRow {
					continue // a title or group headings above the header
				}
				break
			}
			ps.list = append(ps.list, try.list...)
			m, hf.ValueName = found, found.value
			notes := &problems{file: ps.file}
			m.note(notes, cellName(0, n), skipped)
			hf.Notes = notes.list
			continue
		}
		if len(hf.Rows) >= opt.Limits.MaxHubs {
			ps.add(0, "", "", "more than %d rows, at most %d", opt.Limits.MaxHubs, opt.Limits.MaxHubs)
			return
		}
		row := n
		r, use := m.row(ps, fmt.Sprintf("row %d", n), vals, func(i int) pos { return cellName(i, row) }, false)
		if use {
			hf.Rows = append(hf.Rows, r)
		}
		if ps.full() {
			return
		}
	}
	if err := rows.Error(); err != nil {
		ps.add(0, "", "", "sheet %q: %v", sheet, err)
	}
	switch {
	case m == nil && first != nil:
		ps.list = append(ps.list, first.list...)
		ps.addAt(cellName(0, 1), "header", "", "%s", noHeaderWords)
	case m == nil:
		ps.add(0, "", "sheet", "sheet %q is empty", sheet)
	}
}
