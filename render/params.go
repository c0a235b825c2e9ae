package render

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hubatlas/hubatlas/geo"
)

// Request is one map, list or download: which hubs (Filter), how they
// are drawn (Options) and which part of a list (Paging).
type Request struct {
	Filter  geo.Filter
	Options Options
	Paging  Paging
}

// Paging selects part of a list: Limit hubs (0 for all) after skipping
// Offset, in the order Sort names (see SortOrders; "" for rank).
type Paging struct {
	Limit, Offset int
	Sort          string
}

// SortOrders are the orders of a list of hubs, the columns of the
// dashboard's table; a "-" before one reverses it. Rank (the hubs file's
// order of importance, unranked last) is the default.
var SortOrders = []string{"rank", "name", "province", "products", "categories"}

// sortValues are the values of the sort parameter: each order and its
// reverse.
func sortValues(*geo.Atlas) []string {
	var out []string
	for _, o := range SortOrders {
		out = append(out, o, "-"+o)
	}
	return out
}

// MaxLimit bounds a page of a list.
const MaxLimit = 100_000

// ParamKind groups parameters by what they change.
type ParamKind int

const (
	// FilterParam selects hubs: lists, downloads and maps take it.
	FilterParam ParamKind = iota
	// ViewParam changes what a map shows and how; lists ignore it.
	ViewParam
	// ListParam pages a list of hubs; maps ignore it.
	ListParam
)

// Param is one parameter of a request, listed once for every place that
// reads or writes it: the query parameters of every route, the flags of
// every command, the page's form and the titles of maps. Adding a filter
// is adding an entry here (and the field it sets).
type Param struct {
	Name  string // query parameter and flag name
	Usage string // flag help and API description, one line
	Kind  ParamKind
	Multi bool // may be given more than once (any of)
	// Valid lists the values an atlas accepts, nil when they are not
	// enumerable; Hint says what a valid value looks like then.
	Valid func(a *geo.Atlas) []string
	Hint  string
	// set applies one non-empty, trimmed value to r, returning an error
	// that says what is wrong (the caller adds the name and valid values).
	set func(r *Request, a *geo.Atlas, v string) error
	// get returns r's values in canonical form, nil at the zero value.
	get func(r *Request) []string
	// phrase words a filter parameter for titles: its role in the
	// sentence and its words in lang ("en" or "zh").
	phrase func(a *geo.Atlas, f geo.Filter, lang string) (phraseRole, []string)
}

// phraseRole is what a filter's words are in a title: what is made
// ("Footwear and toys: hubs in China") or what hubs match ("hubs matching
// "backpack"").
type phraseRole int

const (
	roleWhat phraseRole = iota
	roleMatching
)

func enum(vals ...string) func(*geo.Atlas) []string {
	return func(*geo.Atlas) []string { return vals }
}

// foldID is v, or v in lower case where only that is an id (known says
// which are): category=Footwear and industry=Machinery had been refused
// for their capitals alone, where province=guangdong is taken.
func foldID(v string, known func(string) bool) string {
	if l := strings.ToLower(v); l != v && !known(v) && known(l) {
		return l
	}
	return v
}

// Params is every parameter, in the order canonical URLs list them.
var Params = []Param{
	{
		Name: "category", Kind: FilterParam, Multi: true,
		Usage: "category id; repeat for any of several",
		Valid: func(a *geo.Atlas) []string { return a.CategoryIDs() },
		set: func(r *Request, a *geo.Atlas, v string) error {
			v = foldID(v, func(id string) bool { _, ok := a.Category(id); return ok })
			if _, ok := a.Category(v); !ok {
				return errInvalid
			}
			if !slices.Contains(r.Filter.Categories, v) {
				r.Filter.Categories = append(r.Filter.Categories, v)
				slices.Sort(r.Filter.Categories)
			}
			return nil
		},
		get: func(r *Request) []string { return r.Filter.Categories },
		phrase: func(a *geo.Atlas, f geo.Filter, lang string) (phraseRole, []string) {
			var out []string
			for i, id := range f.Categories {
				c, _ := a.Category(id)
				w := pickOne(lang, c.Name, c.NameZH)
				if i > 0 && lang != "zh" {
					w = lowerFirst(w)
				}
				out = append(out, w)
			}
			return roleWhat, out
		},
	},
	{
		Name: "industry", Kind: FilterParam, Usage: "industry id",
		Valid: func(a *geo.Atlas) []string { return a.IndustryIDs() },
		set: func(r *Request, a *geo.Atlas, v string) error {
			v = foldID(v, func(id string) bool { _, ok := a.Industry(id); return ok })
			if _, ok := a.Industry(v); !ok {
				return errInvalid
			}
			r.Filter.Industry = v
			return nil
		},
		get: func(r *Request) []string { return one(r.Filter.Industry) },
		phrase: func(a *geo.Atlas, f geo.Filter, lang string) (phraseRole, []string) {
			ind, ok := a.Industry(f.Industry)
			if !ok {
				return roleWhat, nil
			}
			if lang == "zh" {
				return roleWhat, []string{pickOne(lang, ind.Name, ind.NameZH) + "行业"}
			}
			return roleWhat, []string{ind.Name + " industry"}
		},
	},
	{
		Name: "province", Kind: FilterParam, Usage: "only hubs in this province: a code such as CN-FJ or a name (a map also zooms to it)",
		Valid: func(a *geo.Atlas) []string { return a.DivisionCodes() },
		set: func(r *Request, a *geo.Atlas, v string) error {
			i, ok := a.FindDivision(v)
			if !ok {
				return errInvalid
			}
			r.Filter.Province = a.Divisions[i].Code
			return nil
		},
		get: func(r *Request) []string { return one(r.Filter.Province) },
	},
	{
		Name: "q", Kind: FilterParam, Usage: "search products, categories and names in English, Chinese or pinyin",
		Hint: fmt.Sprintf("want at most %d characters of text without control characters", geo.MaxQuery),
		set: func(r *Request, a *geo.Atlas, v string) error {
			r.Filter.Query = strings.Join(strings.Fields(v), " ")
			return a.Check(geo.Filter{Query: r.Filter.Query})
		},
		get: func(r *Request) []string { return one(r.Filter.Query) },
		phrase: func(_ *geo.Atlas, f geo.Filter, lang string) (phraseRole, []string) {
			if f.Query == "" {
				return roleMatching, nil
			}
			if lang == "zh" {
				return roleMatching, []string{"“" + f.Query + "”"}
			}
			return roleMatching, []string{`"` + f.Query + `"`}
		},
	},
	{
		Name: "focus", Kind: ViewParam, Usage: "zoom the map to this province, showing its neighbours' hubs too",
		Valid: func(a *geo.Atlas) []string { return a.DivisionCodes() },
		set: func(r *Request, a *geo.Atlas, v string) error {
			i, ok := a.FindDivision(v)
			if !ok {
				return errInvalid
			}
			r.Options.Focus = a.Divisions[i].Code
			return nil
		},
		get: func(r *Request) []string { return one(r.Options.Focus) },
	},
	{
		Name: "bbox", Kind: ViewParam, Usage: "zoom the map to this window: west,south,east,north in degrees",
		Hint: bboxHint,
		set: func(r *Request, _ *geo.Atlas, v string) error {
			b, err := ParseBBox(v)
			if err != nil {
				return err
			}
			r.Options.BBox = b
			return nil
		},
		get: func(r *Request) []string {
			if r.Options.BBox.IsZero() {
				return nil
			}
			return []string{r.Options.BBox.String()}
		},
	},
	{
		Name: "edition", Kind: ViewParam, Usage: "intl, or cn: the South China Sea Islands inset and the map approval number of maps published in mainland China",
		Valid: enum(Editions...),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			if !slices.Contains(Editions, v) {
				return errInvalid
			}
			r.Options.Edition = v
			return nil
		},
		get: func(r *Request) []string { return one(r.Options.Edition) },
	},
	{
		Name: "province-names", Kind: ViewParam, Usage: "name the provinces: auto (where they fit), on (small ones beside them too) or off",
		Valid: enum(NameModes...),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			if !slices.Contains(NameModes, v) {
				return errInvalid
			}
			r.Options.ProvinceNames = v
			return nil
		},
		get: func(r *Request) []string {
			if r.Options.ProvinceNames == "auto" {
				return nil
			}
			return one(r.Options.ProvinceNames)
		},
	},
	{
		Name: "graticule", Kind: ViewParam, Usage: "lines of latitude and longitude every 10°: on or off",
		Valid: enum("off", "on"),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			switch v {
			case "on":
				r.Options.Graticule = true
			case "off":
				r.Options.Graticule = false
			default:
				return errInvalid
			}
			return nil
		},
		get: func(r *Request) []string {
			if r.Options.Graticule {
				return []string{"on"}
			}
			return nil
		},
	},
	{
		Name: "lang", Kind: ViewParam, Usage: "label language", Valid: enum(Langs...),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			if !slices.Contains(Langs, v) {
				return errInvalid
			}
			r.Options.Lang = v
			return nil
		},
		get: func(r *Request) []string { return one(r.Options.Lang) },
	},
	{
		Name: "products", Kind: ViewParam, Usage: "a second label line with the products: auto (when few hubs are shown), on or off",
		Valid: enum(productModes...),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			i := slices.Index(productModes, v)
			if i < 0 {
				return errInvalid
			}
			r.Options.Products = Products(i)
			return nil
		},
		get: func(r *Request) []string {
			if r.Options.Products == ProductsAuto {
				return nil
			}
			return []string{productModes[r.Options.Products]}
		},
	},
	{
		Name: "shade", Kind: ViewParam, Usage: "shade provinces by the number of matching hubs, their summed value, or not at all",
		Valid: enum(ShadeModes...),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			if !slices.Contains(ShadeModes, v) {
				return errInvalid
			}
			r.Options.Shade = v
			return nil
		},
		get: func(r *Request) []string {
			if r.Options.Shade == ShadeCount {
				return nil
			}
			return one(r.Options.Shade)
		},
	},
	{
		Name: "page", Kind: ViewParam, Usage: "a printed page instead of px: a4, a4-landscape, a5, letter, letter-landscape, slide, column, or a size like 180x120mm",
		Valid: func(*geo.Atlas) []string { return PageNames() }, Hint: pageHint,
		set: func(r *Request, _ *geo.Atlas, v string) error {
			p, err := ParsePage(v)
			if err != nil {
				return err
			}
			r.Options.Page = p.Name
			return nil
		},
		get: func(r *Request) []string { return one(r.Options.Page) },
	},
	{
		Name: "dpi", Kind: ViewParam, Usage: "dots per inch of a PNG: default 300 for a page, 96 (its px size) for a map sized in px",
		Hint: fmt.Sprintf("want a whole number from %d to %d", MinDPI, MaxDPI),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < MinDPI || n > MaxDPI {
				return errInvalid
			}
			r.Options.DPI = n
			return nil
		},
		get: func(r *Request) []string { return oneInt(r.Options.DPI) },
	},
	{
		Name: "width", Kind: ViewParam, Usage: "map width in px",
		Hint: fmt.Sprintf("want a whole number of px from %d to %d", MinSize, MaxSize),
		set:  setSize(func(o *Options) *int { return &o.Width }),
		get:  func(r *Request) []string { return oneInt(r.Options.Width) },
	},
	{
		Name: "height", Kind: ViewParam, Usage: "map height in px",
		Hint: fmt.Sprintf("want a whole number of px from %d to %d", MinSize, MaxSize),
		set:  setSize(func(o *Options) *int { return &o.Height }),
		get:  func(r *Request) []string { return oneInt(r.Options.Height) },
	},
	{
		Name: "limit", Kind: ListParam, Usage: "at most this many hubs",
		Hint: fmt.Sprintf("want a whole number from 1 to %d", MaxLimit),
		set:  setCount(func(p *Paging) *int { return &p.Limit }, 1, MaxLimit),
		get:  func(r *Request) []string { return oneInt(r.Paging.Limit) },
	},
	{
		Name: "offset", Kind: ListParam, Usage: "skip this many hubs first",
		Hint: "want a whole number from 0",
		set:  setCount(func(p *Paging) *int { return &p.Offset }, 0, 1<<30),
		get:  func(r *Request) []string { return oneInt(r.Paging.Offset) },
	},
	{
		Name: "sort", Kind: ListParam, Usage: "order of the hubs: rank (the default), name, province, products or categories (in the words of lang); -name for the reverse",
		Valid: sortValues,
		set: func(r *Request, a *geo.Atlas, v string) error {
			if !slices.Contains(sortValues(a), v) {
				return errInvalid
			}
			r.Paging.Sort = v
			if v == "rank" {
				r.Paging.Sort = ""
			}
			return nil
		},
		get: func(r *Request) []string { return one(r.Paging.Sort) },
	},
	{
		Name: "title", Kind: ViewParam, Usage: "title of the map (default: says what it shows)",
		Hint: fmt.Sprintf("want at most %d bytes of text without control characters", MaxTitle),
		set: func(r *Request, _ *geo.Atlas, v string) error {
			if len(v) > MaxTitle || geo.Clean(v) != v {
				return errInvalid
			}
			r.Options.Title = v
			return nil
		},
		get: func(r *Request) []string { return one(r.Options.Title) },
	},
}

var productModes = []string{"auto", "on", "off"}

func setCount(field func(*Paging) *int, lo, hi int) func(*Request, *geo.Atlas, string) error {
	return func(r *Request, _ *geo.Atlas, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return errInvalid
		}
		*field(&r.Paging) = n
		return nil
	}
}

// pickOne returns the Chinese text for lang zh when there is one, else the
// English.
func pickOne(lang, en, zh string) string {
	if lang == "zh" && zh != "" {
		return zh
	}
	return en
}

// upperFirst upper-cases the first letter of s, to start a title or a
// legend's heading: "suppliers" gives "Suppliers".
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst lower-cases the first letter of a name used inside a
// sentence ("Footwear and toys"), unless the name starts with an acronym.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || len(s) > n && unicode.IsUpper(rune(s[n])) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// errInvalid is what a Param's set returns when the value is not one of
// the valid ones; the caller words the error.
var errInvalid = fmt.Errorf("invalid")

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func oneInt(n int) []string {
	if n == 0 {
		return nil
	}
	return []string{strconv.Itoa(n)}
}

func setSize(field func(*Options) *int) func(*Request, *geo.Atlas, string) error {
	return func(r *Request, _ *geo.Atlas, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < MinSize || n > MaxSize {
			return errInvalid
		}
		*field(&r.Options) = n
		return nil
	}
}

// Param returns the parameter called name.
func ParamNamed(name string) (*Param, bool) {
	for i := range Params {
		if Params[i].Name == name {
			return &Params[i], true
		}
	}
	return nil, false
}

// ParamNames lists the names of the parameters of the given kinds.
func ParamNames(kinds ...ParamKind) []string {
	var out []string
	for _, p := range Params {
		if slices.Contains(kinds, p.Kind) {
			out = append(out, p.Name)
		}
	}
	return out
}

// Apply sets the values of parameter p on r. Every error is a
// *geo.InvalidError naming the parameter with its valid values or a hint.
// Empty values count as absent, as an HTML form sends them.
func (p *Param) Apply(r *Request, a *geo.Atlas, vals []string) error {
	var set []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			set = append(set, v)
		}
	}
	if len(set) > 1 && !p.Multi {
		return &geo.InvalidError{Param: p.Name, Value: truncate(geo.Visible(strings.Join(set, ",")), 40), Hint: fmt.Sprintf("given %d times; give it once", len(set))}
	}
	for _, v := range set {
		err := p.set(r, a, v)
		if l := strings.ToLower(v); err != nil && l != v && p.Valid != nil && slices.Contains(p.Valid(a), l) {
			// lang=ZH and edition=CN as page=A4: a value in capitals
			// where only its lower case is one (and so canonical).
			err = p.set(r, a, l)
		}
		if err != nil {
			ie := &geo.InvalidError{Param: p.Name, Value: truncate(geo.Visible(v), 40), Hint: p.Hint}
			if p.Valid != nil {
				ie.Valid = p.Valid(a)
			}
			return ie
		}
	}
	return nil
}

// ParseRequest applies vals — query parameters or flags by name — to a
// copy of def and checks the result. Only parameters of the given kinds
// are accepted; any other name is an error listing the valid ones. Errors
// are *geo.InvalidError.
func ParseRequest(a *geo.Atlas, vals url.Values, def Request, kinds ...ParamKind) (Request, error) {
	r := def
	r.Filter.Categories = slices.Clone(def.Filter.Categories)
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	slices.Sort(names) // report problems in a stable order
	valid := ParamNames(kinds...)
	for _, k := range names {
		if !slices.Contains(valid, k) {
			return r, &geo.InvalidError{Param: "parameter", Value: truncate(geo.Visible(k), 40), Valid: valid}
		}
	}
	for i := range Params {
		p := &Params[i]
		if vs, ok := vals[p.Name]; ok {
			if err := p.Apply(&r, a, vs); err != nil {
				return r, err
			}
		}
	}
	if err := a.Check(r.Filter); err != nil {
		return r, err
	}
	if err := r.Options.Check(a); err != nil {
		return r, err
	}
	return r, nil
}

// Values returns r as canonical parameters, leaving out those equal to
// def's: equal requests give equal encodings, whatever order or spelling
// they were made with (url.Values.Encode sorts by name).
func (r Request) Values(def Request) url.Values {
	v := url.Values{}
	for _, p := range Params {
		got, d := p.get(&r), p.get(&def)
		if len(got) > 0 && !slices.Equal(got, d) {
			v[p.Name] = slices.Clone(got)
		}
	}
	return v
}

// Slice returns the part of n items (indices lo to hi) p selects.
func (p Paging) Slice(n int) (lo, hi int) {
	lo = min(p.Offset, n)
	hi = n
	if p.Limit > 0 {
		hi = min(n, lo+p.Limit)
	}
	return lo, hi
}

// FilterValues returns only the filter parameters of r.
func (r Request) FilterValues() url.Values {
	v := url.Values{}
	for _, p := range Params {
		if got := p.get(&r); p.Kind == FilterParam && len(got) > 0 {
			v[p.Name] = slices.Clone(got)
		}
	}
	return v
}
