package geo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// Specialty is one product a hub is known for.
type Specialty struct {
	Product     string
	ProductZH   string
	Category    string // Category.ID
	Description string

	cat int // index in the atlas's Categories
}

// Hub is a manufacturing city, a supplier or a factory: one point on the
// map with what it makes.
type Hub struct {
	ID          string // lower-case letters, digits and hyphens: safe in URLs, SVG and HTML
	Ref         string // the id as the file writes it, when that is not ID (GYS0001)
	Name        string
	NameZH      string
	Province    string    // Division.Code
	City        string    // as written in the file, "" when not given
	CityZH      string    // the city in Chinese, "" when not given
	Point       orb.Point // lon/lat in degrees
	XY          orb.Point // Point in projected metres (China's Albers)
	Rank        int       // the source's rank, 1-based; 0 when unranked
	Source      string    // where the entry comes from
	Value       float64   // the file's value column (employees, capacity…); NaN when not given
	URL         string    // http(s) link, "" when none
	Specialties []Specialty
	Line        int    // line of the record in the hubs file, 0 for spreadsheets
	Cell        string // the record's first cell in a spreadsheet, e.g. "Suppliers!A17"

	div  int   // index in Divisions
	city int32 // index in the atlas's Cities, -1 when none
}

// HasValue reports whether the hubs file gave h a value.
func (h *Hub) HasValue() bool { return !math.IsNaN(h.Value) }

// HubFile is a hubs file as read, in any format, before its rows are
// checked against the boundaries and the categories (NewAtlas does that).
type HubFile struct {
	Name     string // as given to ParseHubFile, for messages
	Format   string // csv, xlsx, yaml or geojson
	Sum      string // hash of the file's bytes
	Encoding string // of a CSV file as read: utf-8, gb18030 or utf-16
	Meta     Meta
	Catalog  *Catalog // industries and categories the file carries (YAML), nil if none
	// ValueName is the value column's header (a GeoJSON property's name)
	// as written, "employees" or "员工数", for legends; "" for none.
	ValueName string
	Rows      []HubRow
	// Notes say what reading the file passed over: rows above its
	// header, columns not read. NewAtlas carries them to Atlas.Notes.
	Notes Problems
}

// HubRow is one hub as a file writes it. Either Specialties (YAML) or
// Products and Categories (tables, GeoJSON, YAML) say what it makes.
type HubRow struct {
	Record      string // e.g. "hub 3 (yiwu)", "row 17", "feature 5"
	ID          string
	Name        string
	NameZH      string
	Province    string // a code or a name as written, "" to find it from the point
	City        string
	CityZH      string
	Lon, Lat    float64 // NaN when missing or not a number (reported)
	Value       float64 // NaN when not given
	URL         string
	Rank        int
	Source      string
	Description string
	Specialties []RowSpecialty
	Products    []string
	ProductsZH  []string // the products' Chinese names, by place ("" for none)
	Categories  []string

	at map[string]pos // where each field is; "" is the record
	// slug is the id NewAtlasIn gave a row without one, kept by
	// NewAtlasLeavingOut so that it does not change with the rows left out.
	slug string
	bad  bool // a problem of its own values was reported when read: the row makes no hub
	// commaRow: the row's point is written with decimal commas; dotValue:
	// its value is a number with one dot that may group thousands
	// (1.200), read as a decimal until the file says otherwise.
	commaRow, dotValue bool
}

// RowSpecialty is a specialty as a YAML hubs file writes it.
type RowSpecialty struct {
	Product, ProductZH, Category, Description string

	at pos // of the category
}

// where returns the position of field, or of the record.
func (r *HubRow) where(field string) pos {
	if p, ok := r.at[field]; ok {
		return p
	}
	return r.at[""]
}

// HubOptions says how to read a hubs file.
type HubOptions struct {
	Format    string // csv, xlsx, yaml or geojson; "" chooses by the name's extension
	Sheet     string // XLSX: the sheet to read; "" for the first
	Encoding  string // CSV: auto, utf-8, gb18030 (also gbk) or utf-16; "" is auto
	Delimiter string // CSV: auto, ",", ";" or "\t"; "" is auto
	Meta      Meta   // what CSV and XLSX files cannot say about themselves
	Limits    Limits // zero fields take DefaultLimits
}

// HubFormats are the formats ParseHubFile reads, with their extensions.
var HubFormats = map[string][]string{
	"csv":     {".csv", ".txt", ".tsv"},
	"xlsx":    {".xlsx"},
	"yaml":    {".yaml", ".yml"},
	"geojson": {".geojson", ".json"},
}

// FormatOf returns the hubs format a file name's extension stands for.
func FormatOf(name string) (string, bool) {
	ext := strings.ToLower(path.Ext(name))
	for f, exts := range HubFormats {
		if slices.Contains(exts, ext) {
			return f, true
		}
	}
	return "", false
}

// ParseHubFile reads a hubs file of any format (opt.Format, else by the
// extension of name) into rows. Problems of the file itself — syntax,
// encoding, columns, numbers, limits — come back all at once as Problems
// naming file, line or cell, record and field; what could be read comes
// back too, so that NewAtlas can report the rest.
func ParseHubFile(name string, data []byte, opt HubOptions) (*HubFile, error) {
	opt.Limits = opt.Limits.withDefaults()
	format := opt.Format
	if format == "" {
		f, ok := FormatOf(name)
		if !ok {
			return nil, Problems{{File: name, Msg: fmt.Sprintf("unknown file type %q: hubs files are .csv, .xlsx, .yaml/.yml or .geojson/.json", path.Ext(name))}}
		}
		format = f
	}
	ps := &problems{file: name}
	sum := sha256.Sum256(data)
	if format == "yaml" || format == "geojson" {
		// Notepad and Excel write a UTF-8 BOM; JSON and YAML readers
		// refuse it ("invalid character 'ï'"). CSV reading drops its own.
		data = bytes.TrimPrefix(data, utf8BOM)
	}
	hf := &HubFile{Name: name, Format: format, Sum: hex.EncodeToString(sum[:8])}
	switch format {
	case "csv":
		parseCSV(ps, hf, data, opt)
	case "xlsx":
		parseXLSX(ps, hf, data, opt)
	case "yaml":
		parseHubsYAML(ps, hf, data, opt)
	case "geojson":
		parseHubsGeoJSON(ps, hf, data, opt)
	default:
		return nil, Problems{{File: name, Field: "format", Msg: fmt.Sprintf("unknown format %q (valid: csv, xlsx, yaml, geojson)", format)}}
	}
	if format == "csv" || format == "xlsx" {
		hf.Meta = hf.Meta.merge(opt.Meta)
	}
	if len(hf.Rows) == 0 && len(ps.list) == 0 {
		ps.add(0, "", "", "no hubs")
	}
	return hf, ps.err()
}

// The YAML shapes of a hubs file.
type (
	yamlHub struct {
		ID          string          `yaml:"id"`
		Name        string          `yaml:"name"`
		NameZH      string          `yaml:"name_zh"`
		Province    string          `yaml:"province"`
		City        string          `yaml:"city"`
		CityZH      string          `yaml:"city_zh"`
		Lon         *float64        `yaml:"lon"`
		Lat         *float64        `yaml:"lat"`
		Rank        int             `yaml:"rank"`
		Source      string          `yaml:"source"`
		Value       *float64        `yaml:"value"`
		URL         string          `yaml:"url"`
		Description string          `yaml:"description"`
		Products    []string        `yaml:"products"`
		Categories  []string        `yaml:"categories"`
		Specialties []yamlSpecialty `yaml:"specialties"`
	}
	yamlSpecialty struct {
		Product     string `yaml:"product"`
		ProductZH   string `yaml:"product_zh"`
		Category    string `yaml:"category"`
		Description string `yaml:"description"`
	}
)

var (
	hubKeys = []string{"id", "name", "name_zh", "province", "city", "city_zh", "lon", "lat", "rank", "source", "value", "url",
		"description", "products", "categories", "specialties"}
	specialtyKeys = []string{"product", "product_zh", "category", "description"}
	hubFileKeys   = append([]string{"industries", "categories", "hubs"}, metaKeys...)
)

// parseHubsYAML reads today's hubs.yaml shape: optional industries and
// categories sections, then hubs with specialties (or products and
// categories lists), and the meta keys.
func parseHubsYAML(ps *problems, hf *HubFile, data []byte, opt HubOptions) {
	doc := yamlDoc(ps, data, opt.Limits, "hubs (and optionally industries and categories)")
	if doc == nil {
		return
	}
	checkKeys(ps, doc, "", "", hubFileKeys)
	hf.Meta = yamlMeta(ps, doc)
	if hasKey(doc, "industries") || hasKey(doc, "categories") {
		hf.Catalog = parseCatalogSections(ps, doc)
	}
	nodes := section(ps, doc, "hubs")
	if len(nodes) == 0 {
		ps.add(doc.Line, "", "hubs", "missing or empty")
	}
	if len(nodes) > opt.Limits.MaxHubs {
		ps.add(doc.Line, "", "hubs", "%d hubs, at most %d", len(nodes), opt.Limits.MaxHubs)
		return
	}
	for i, n := range nodes {
		if ps.full() {
			return
		}
		rec := fmt.Sprintf("hub %d", i+1)
		var y yamlHub
		if !decodeRecord(ps, n, &rec, &y, hubKeys) {
			continue
		}
		r := HubRow{Record: rec, ID: y.ID, Name: y.Name, NameZH: y.NameZH, Province: y.Province, City: y.City, CityZH: y.CityZH,
			Rank: y.Rank, Source: y.Source, URL: y.URL, Description: y.Description,
			Products: y.Products, Categories: y.Categories, Lon: math.NaN(), Lat: math.NaN(), Value: math.NaN(),
			at: map[string]pos{"": {line: n.Line}}}
		for _, k := range hubKeys {
			if hasKey(n, k) {
				r.at[k] = pos{line: line(n, k)}
			}
		}
		for _, c := range []struct {
			key    string
			v      *float64
			lo, hi float64
			dst    *float64
		}{{"lon", y.Lon, -180, 180, &r.Lon}, {"lat", y.Lat, -90, 90, &r.Lat}} {
			switch {
			case c.v == nil:
				ps.addAt(r.where(""), rec, c.key, "missing (WGS84 degrees)")
				r.bad = true
			case !finite(*c.v):
				ps.addAt(r.where(c.key), rec, c.key, "%v is not in [%v, %v] degrees", *c.v, c.lo, c.hi)
				r.bad = true
			default:
				*c.dst = *c.v // out of range is reported by NewAtlas, which knows where it lies when swapped
			}
		}
		if y.Value != nil {
			if !finite(*y.Value) {
				ps.addAt(r.where("value"), rec, "value", "%v is not a finite number", *y.Value)
			} else {
				r.Value = *y.Value
			}
		}
		for k, sn := range seqItems(n, "specialties") {
			if k >= len(y.Specialties) {
				break
			}
			checkKeys(ps, sn, rec, fmt.Sprintf("specialties[%d].", k), specialtyKeys)
			s := y.Specialties[k]
			at := pos{line: line(sn, "category")}
			for _, f := range []struct{ key, v string }{{"product", s.Product}, {"product_zh", s.ProductZH}, {"description", s.Description}} {
				checkText(ps, pos{line: line(sn, f.key)}, rec, fmt.Sprintf("specialties[%d].%s", k, f.key), f.v, f.key == "product")
			}
			r.Specialties = append(r.Specialties, RowSpecialty{s.Product, s.ProductZH, s.Category, s.Description, at})
		}
		hf.Rows = append(hf.Rows, r)
	}
}
