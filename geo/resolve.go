package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/paulmach/orb"
)

// maxSpecialties bounds what one hub makes; filters keep a bit per
// specialty.
const maxSpecialties = 32

// NewAtlas checks the rows of a hubs file against the boundaries and a
// catalog and builds the atlas. The catalog is, in this order: cat (a
// categories file the user named), the one the hubs file carries, def
// (the default) when every category the rows name is in it, or one made
// from the rows' free-text categories. Every problem — unknown province or
// category (with the valid values), a point that is not lon/lat in
// degrees or lies outside its province or outside China (saying when lat
// and lon look swapped), duplicate ids — comes back at once as Problems
// naming file, line or cell, record and field; a row with problems of its
// own (reported by ParseHubFile) is checked too but makes no hub. b, cat
// and def are not modified and may be shared.
func NewAtlas(b *Boundaries, hf *HubFile, cat, def *Catalog) (*Atlas, error) {
	return NewAtlasIn(b, nil, hf, cat, def)
}

// NewAtlasIn is NewAtlas with the countries around China (the atlas's
// Context; nil for none): knowing them, it places a hub that lies just
// off the boundary file's land in the division nearest (see snapKm),
// unless it lies in one of them, and says so in the atlas's Notes.
func NewAtlasIn(b *Boundaries, around *Context, hf *HubFile, cat, def *Catalog) (*Atlas, error) {
	ps := &problems{file: hf.Name}
	c := chooseCatalog(hf, cat, def)
	ownHint := cat == nil && hf.Catalog == nil && c == def && def != nil
	if ownHint && slices.ContainsFunc(hf.Rows, productsOnly) {
		// The default's keywords file the products; what they do not
		// know goes to Other products, kept only when some does.
		c = def.withOther()
	}
	a := &Atlas{Boundaries: b, Catalog: c, Context: around}
	a.words = &loadWords{ownHint: ownHint, withOther: c != def && ownHint}
	defer func() { a.words = nil }()
	a.Sources = Sources{Hubs: hf.Meta, Boundaries: b.Meta, Categories: c.Meta}
	a.ValueName = hf.ValueName
	if a.Sources.Hubs.Name() == "" {
		a.Sources.Hubs.Title = path.Base(hf.Name) // a file that says nothing is credited by name
	}
	a.search.buildCategories(c)
	// Placing the hubs asks the index of edges once a row: hold it, so
	// that the collector cannot take it between rows.
	defer runtime.KeepAlive(b.locator())

	// Ids as written may be anything a spreadsheet holds (GYS0001, EU-001);
	// each hub also gets a safe id of lower-case letters, digits and
	// hyphens for URLs, SVG and the page.
	given := map[string]int{}
	taken := map[string]bool{}
	for i := range hf.Rows {
		r := &hf.Rows[i]
		if r.ID == "" {
			continue
		}
		at := r.where("id")
		switch msg := textProblem(r.ID, 64); {
		case msg != "":
			ps.addAt(at, r.Record, "id", "%s", msg)
		case given[r.ID] > 0:
			k := given[r.ID] - 1
			ps.conflict(at, r.Record, "id", k, "duplicate id %q (also %s)", truncate(r.ID), recordKey(hf.Rows[k].Record))
		default:
			given[r.ID] = i + 1
		}
		if idRE.MatchString(r.ID) {
			taken[r.ID] = true
		}
	}
	near := &nearLand{b: b, around: around, notes: &problems{file: hf.Name}}
	repeats := repeatedRows(hf.Rows)
	ranks := map[int]rankHolder{}
	a.Hubs = make([]Hub, 0, len(hf.Rows))
	for i := range hf.Rows {
		if ps.full() {
			break
		}
		r := &hf.Rows[i]
		h := Hub{ID: r.ID, Ref: r.ID, Name: r.Name, NameZH: r.NameZH, City: r.City, CityZH: r.CityZH, Rank: r.Rank, Source: r.Source,
			Value: r.Value, URL: r.URL, Line: r.at[""].line, Cell: r.at[""].cell, div: -1}
		switch {
		case h.ID == "":
			if r.slug != "" {
				h.ID = uniqueID(r.slug, taken)
			} else {
				h.ID = uniqueID(hubSlug(r.Name, r.NameZH, i), taken)
			}
			r.slug = h.ID
			r.Record = fmt.Sprintf("%s (%s)", r.Record, rowName(r, h.ID))
		case !idRE.MatchString(h.ID):
			h.ID = uniqueID(hubSlug(h.ID, "", i), taken)
		default:
			h.Ref = ""
		}
		a.checkRowText(ps, r)
		if r.Rank < 0 {
			ps.addAt(r.where("rank"), r.Record, "rank", "%d is negative (leave it out for an unranked hub)", r.Rank)
		} else if other, dup := ranks[r.Rank]; dup && r.Rank > 0 {
			ps.conflict(r.where("rank"), r.Record, "rank", other.row, "rank %d is also hub %s's", r.Rank, other.id)
		} else if r.Rank > 0 {
			ranks[r.Rank] = rankHolder{i, h.ID}
		}
		if h.HasValue() && h.Value < 0 {
			ps.addAt(r.where("value"), r.Record, "value", "%v is negative: values are sizes (employees, capacity, orders)", h.Value)
		}
		if r.URL != "" && !webURL(r.URL) {
			ps.addAt(r.where("url"), r.Record, "url", "%q is not an http or https URL", truncate(Clean(r.URL)))
			h.URL = ""
		}
		h.Specialties = a.specialties(ps, r)
		h.div = a.placeHub(ps, near, r, hf.Format)
		if r.bad {
			continue // checked with the rest, but a row with a problem of its own makes no hub
		}
		h.Point = orb.Point{r.Lon, r.Lat}
		if h.div >= 0 {
			h.Province = b.Divisions[h.div].Code
			h.XY = China.Forward(h.Point)
		}
		a.Hubs = append(a.Hubs, h)
	}
	if len(ps.list) > 0 {
		return nil, ps.list
	}
	a.Notes = append(slices.Clone(hf.Notes), near.allNotes()...)
	a.Notes = append(a.Notes, repeats.notes(hf)...)
	if c.Derived {
		a.Notes = append(a.Notes, nearNames(hf.Name, c)...)
	}
	if others := a.words.others; len(others) > 0 {
		more := ""
		if a.words.otherCount > len(others) {
			more = fmt.Sprintf(" and %d more", a.words.otherCount-len(others))
		}
		what := fmt.Sprintf("%d products match", a.words.otherCount)
		if a.words.otherCount == 1 {
			what = "1 product matches"
		}
		a.Notes = append(a.Notes, Problem{File: hf.Name, Record: "products", Msg: fmt.Sprintf(
			"%s no category's keywords and %s filed under Other products (其他产品): %s%s; a categories column or file files them as you wish",
			what, plural(a.words.otherCount, "is", "are"), strings.Join(others, ", "), more)})
	} else if c != def && ownHint {
		// No product needed Other products: the default as it is (its
		// categories have the same indices).
		a.Catalog = def
		a.search.buildCategories(def)
	}
	cities := map[string]int32{}
	for i := range a.Hubs {
		h := &a.Hubs[i]
		h.city = -1
		if h.City == "" {
			continue
		}
		k := strings.ToLower(h.City)
		ci, ok := cities[k]
		if !ok {
			ci = int32(len(a.Cities))
			cities[k] = ci
			a.Cities = append(a.Cities, h.City)
			a.CitiesZH = append(a.CitiesZH, "")
		}
		if a.CitiesZH[ci] == "" {
			a.CitiesZH[ci] = h.CityZH
		}
		if a.CitiesZH[ci] == "" && strings.ContainsFunc(h.City, isHan) {
			a.CitiesZH[ci] = h.City // 城市 written in Chinese: its Chinese name
		}
		h.city = ci
	}
	a.Version = atlasVersion(b.Version, hf.Sum, a.Catalog.Sum)
	a.search.buildHubs(a.Hubs, b.Divisions)
	a.buildColumns()
	return a, nil
}

// rankHolder is the first row of a rank: its index and its hub's id.
type rankHolder struct {
	row int
	id  string
}

// chooseCatalog picks the catalog for the rows (see NewAtlas).
func chooseCatalog(hf *HubFile, cat, def *Catalog) *Catalog {
	switch {
	case cat != nil:
		return cat
	case hf.Catalog != nil:
		return hf.Catalog
	}
	counts := map[string]int{}
	for _, r := range hf.Rows {
		for _, s := range r.Specialties {
			counts[strings.TrimSpace(s.Category)]++
		}
		for _, t := range r.Categories {
			counts[strings.TrimSpace(t)]++
		}
	}
	delete(counts, "")
	if def != nil && (knowsAll(def, counts) || writesIDs(def, counts)) {
		// Rows with products only are classified by the default's keywords;
		// unknown ids are reported with the valid ones.
		return def
	}
	uncategorised := 0
	for _, r := range hf.Rows {
		if len(r.Specialties) == 0 && len(r.Categories) == 0 && len(r.Products) > 0 {
			uncategorised++
		}
	}
	if uncategorised > 0 {
		counts[UncategorisedName] += uncategorised
	}
	c := deriveCatalog(counts)
	c.Meta = Meta{Title: "categories of " + hf.Name}
	return c
}

// knowsAll reports whether c has every category in counts (by id or
// name): a file that names one category c does not know writes its own.
func knowsAll(c *Catalog, counts map[string]int) bool {
	for t := range counts {
		if _, ok := c.Find(t); !ok {
			return false
		}
	}
	return true
}

// writesIDs reports whether a file writes its categories as ids of c:
// some are c's ids and every other is shaped like an id (lower-case words
// and hyphens, "shoes"). Those others are then taken for mistakes and
// reported with the valid ids, not made into categories of the file's
// own, as free text ("Widgets", "电子") is.
func writesIDs(c *Catalog, counts map[string]int) bool {
	known := false
	for t := range counts {
		if _, ok := c.category[t]; ok {
			known = true
			continue
		}
		if !idRE.MatchString(t) {
			return false
		}
	}
	return known
}

// rowName names a row without an id in problems: its id as made from
// its name, or for a name in Chinese the name itself ("row 2 (LED灯厂)"),
// of which the id keeps nothing a reader knows (it had read "row 2
// (led)", "row 3 (2)").
func rowName(r *HubRow, id string) string {
	name := r.Name
	if name == "" {
		name = r.NameZH
	}
	if strings.ContainsFunc(name, isHan) {
		return truncate(Clean(name))
	}
	return id
}

// hubSlug makes an id from a hub's name: a slug of its Latin letters and
// digits ("Anta Sports 安踏": anta-sports), or, where in a name with
// Chinese in it they are too few to tell it ("LED灯厂" had been "led",
// "2号厂" "2"), "h-" and a hash of the name.
func hubSlug(name, nameZH string, i int) string {
	if s := slug(name); s != "" && (!strings.ContainsFunc(name, isHan) || len(s) >= 4 && strings.ContainsFunc(s, unicode.IsLetter)) {
		if len(s) > 48 {
			s = strings.TrimRight(s[:48], "-")
		}
		return s
	}
	if name == "" {
		name = nameZH
	}
	if name == "" {
		return fmt.Sprintf("hub-%d", i+1)
	}
	sum := sha256.Sum256([]byte(name))
	return "h-" + hex.EncodeToString(sum[:4])
}

// uniqueID returns id, or id-2, id-3… when taken, and marks it taken.
func uniqueID(id string, taken map[string]bool) string {
	out := id
	for n := 2; taken[out]; n++ {
		out = fmt.Sprintf("%s-%d", id, n)
	}
	taken[out] = true
	return out
}

// checkRowText reports text fields that are missing, too long or hold
// control characters.
func (a *Atlas) checkRowText(ps *problems, r *HubRow) {
	for _, f := range []struct {
		key, v   string
		required bool
	}{
		{"name", r.Name, true}, {"name_zh", r.NameZH, false}, {"city", r.City, false}, {"city_zh", r.CityZH, false},
		{"source", r.Source, false}, {"description", r.Description, false},
	} {
		checkText(ps, r.where(f.key), r.Record, f.key, f.v, f.required)
	}
	for k, p := range r.Products {
		checkText(ps, r.where("products"), r.Record, fmt.Sprintf("products[%d]", k), p, true)
	}
	// A separator after the last name leaves an empty place, as one
	// after the last product leaves none.
	for len(r.ProductsZH) > len(r.Products) && r.ProductsZH[len(r.ProductsZH)-1] == "" {
		r.ProductsZH = r.ProductsZH[:len(r.ProductsZH)-1]
	}
	for k, p := range r.ProductsZH {
		checkText(ps, r.where("products_zh"), r.Record, fmt.Sprintf("products_zh[%d]", k), p, false)
	}
	if len(r.ProductsZH) > 0 && len(r.ProductsZH) != len(r.Products) {
		ps.addAt(r.where("products_zh"), r.Record, "products_zh", "%d names for %d products: write them in the products' order, separated by ; as they are (an empty place for a product without one)",
			len(r.ProductsZH), len(r.Products))
	}
}

// specialties turns what a row makes into specialties with catalog
// categories: YAML specialties as written; products paired with the
// categories listed beside them, or classified by the categories'
// keywords when there are none; categories without a product of their
// own become a specialty named after the category.
func (a *Atlas) specialties(ps *problems, r *HubRow) []Specialty {
	c := a.Catalog
	unknown := func(at pos, field, t string) {
		ps.addAt(at, r.Record, field, "%s", a.words.unknownCategory(c, t))
	}
	var out []Specialty
	add := func(product, productZH string, ci int, desc string) {
		if product == "" {
			product = c.Categories[ci].Name
			productZH = c.Categories[ci].NameZH
		}
		if productZH == "" && strings.ContainsFunc(product, isHan) {
			productZH = product
		}
		if desc == "" {
			desc = r.Description
		}
		out = append(out, Specialty{Product: product, ProductZH: productZH, Category: c.Categories[ci].ID, Description: desc, cat: ci})
	}
	if len(r.Specialties) > 0 {
		for k, s := range r.Specialties {
			field := fmt.Sprintf("specialties[%d].category", k)
			if c.Derived {
				checkText(ps, s.at, r.Record, field, s.Category, false) // the file's words name the category
			}
			ci, ok := c.Find(s.Category)
			if !ok {
				unknown(s.at, field, s.Category)
				continue
			}
			add(s.Product, s.ProductZH, ci, s.Description)
		}
	} else {
		var cats []int
		for _, t := range r.Categories {
			if c.Derived {
				checkText(ps, r.where("categories"), r.Record, "categories", t, false)
			}
			ci, ok := c.Find(t)
			if !ok {
				unknown(r.where("categories"), "categories", t)
				continue
			}
			if !slices.Contains(cats, ci) {
				cats = append(cats, ci)
			}
		}
		if len(r.Categories) > len(cats) && len(cats) == 0 {
			return nil // reported
		}
		used := make([]bool, len(cats))
		for k, p := range r.Products {
			ci := -1
			switch {
			case len(cats) == len(r.Products):
				ci, used[k] = cats[k], true
			case len(cats) == 1:
				ci, used[0] = cats[0], true
			default:
				ci = a.search.classify(p, cats)
				if ci < 0 && len(cats) > 0 {
					ci = cats[0]
				}
				if j := slices.Index(cats, ci); j >= 0 {
					used[j] = true
				}
			}
			if ci < 0 && c.Derived {
				ci, _ = c.Find(UncategorisedName) // free-text categories: a row without one is uncategorised
			}
			if ci < 0 && len(r.Categories) == 0 && a.words.withOther {
				ci, _ = c.Find(OtherProductsID)
				a.words.other(p)
			}
			if ci < 0 {
				ps.addAt(r.where("categories"), r.Record, "categories", "missing, and product %q matches no category's keywords (valid: %s)",
					truncate(Clean(p)), strings.Join(c.CategoryIDs(), ", "))
				continue
			}
			zh := ""
			if k < len(r.ProductsZH) {
				zh = r.ProductsZH[k]
			}
			add(p, zh, ci, "")
		}
		for j, ci := range cats {
			if !used[j] {
				add("", "", ci, "")
			}
		}
		switch _, yaml := r.at["specialties"]; {
		case len(r.Products) > 0 || len(r.Categories) > 0:
		case yaml:
			ps.addAt(r.where("specialties"), r.Record, "specialties", "empty: a hub needs at least one product")
		default:
			ps.addAt(r.where(""), r.Record, "products", "missing: a hub needs at least one product or category")
		}
	}
	if len(out) > maxSpecialties {
		ps.addAt(r.where("products"), r.Record, "products", "%d products, at most %d", len(out), maxSpecialties)
		out = out[:maxSpecialties]
	}
	return out
}

// placeHub checks a row's province and point: the province known, the
// point lon/lat in degrees, inside China and inside its province (or the
// province found from it). It returns the division index, or -1 after a
// problem. format words the hint when lat and lon look swapped.
func (a *Atlas) placeHub(ps *problems, near *nearLand, r *HubRow, format string) int {
	want, named := -1, strings.TrimSpace(r.Province) != ""
	if named {
		var ok bool
		if want, ok = a.FindDivision(r.Province); !ok {
			ps.addAt(r.where("province"), r.Record, "province", "unknown province %q (valid: %s, or their names in English or Chinese)",
				truncate(Clean(r.Province)), strings.Join(a.DivisionCodes(), ", "))
			want = -1
		}
	}
	if math.IsNaN(r.Lon) || math.IsNaN(r.Lat) {
		return -1 // missing or not a number: reported when read
	}
	p := orb.Point{r.Lon, r.Lat}
	if !a.checkDegrees(ps, r, p, format) {
		return -1
	}
	where := r.where("lon")
	if _, ok := r.at["lat"]; ok && where == r.at[""] {
		where = r.where("lat")
	}
	at := a.DivisionAt(p)
	if d, ok := a.nearOwnLand(ps, near, r, where, p, at, want); ok {
		return d
	}
	switch {
	case at < 0 && near.country(p) >= 0:
		c := near.around.Countries[near.country(p)]
		ps.addAt(where, r.Record, "lon/lat", "%v lies in %s (%s), outside China", p, c.Name, c.Code)
	case at < 0:
		if hint := a.swapHint(p, format); hint != "" {
			ps.addAt(where, r.Record, "lon/lat", "%v lies outside China; %s", p, hint)
		} else {
			ps.addAt(where, r.Record, "lon/lat", "%v lies outside China (in no division of the boundary file%s)", p, near.stopped(a.Divisions))
		}
	case !named || at == want:
		return at
	case want >= 0:
		d, w := a.Divisions[at], a.Divisions[want]
		ps.addAt(where, r.Record, "lon/lat", "%v lies in %s (%s), not in its province %s", p, d.Code, d.Name, w.Code)
	}
	return -1
}

// nearOwnLand places a point that lies off the boundary file's land, or
// just across the border of the province its row names: off the coast,
// within snapKm, in the division whose land is nearest (the one named,
// when it is as near: another's nearer is a problem that names it);
// across an inner border, within crossKm of the named province's land,
// in it (crossApartKm across the border of Hong Kong, Macau or Taiwan).
// A point in a neighbouring country stays where it is. Each point placed
// is noted (Atlas.Notes). handled is false where placeHub's own checks
// speak.
func (a *Atlas) nearOwnLand(ps *problems, near *nearLand, r *HubRow, where pos, p orb.Point, at, want int) (d int, handled bool) {
	near.beyond = nearest{div: -1}
	if at >= 0 && (want < 0 || at == want) {
		return 0, false // on its own land, or none named
	}
	if at < 0 && near.around == nil {
		return 0, false // which land across the border is China's is not known
	}
	if at < 0 && near.country(p) >= 0 {
		return 0, false
	}
	if at >= 0 {
		limit := crossKm
		if a.Divisions[at].Apart() || a.Divisions[want].Apart() {
			limit = crossApartKm
		}
		if !near.spend() {
			return 0, false
		}
		km, ok := near.distanceKm(p, want)
		if !ok || km > limit {
			return 0, false
		}
		o, w := a.Divisions[at], a.Divisions[want]
		near.note(where, r.Record, "%v lies in %s (%s) in the boundary file, %s km from its province's border: placed in %s (%s)",
			p, o.Code, o.Name, formatKm(km), w.Code, w.Name)
		return want, true
	}
	o, okm := near.nearest(p)
	if o < 0 || okm > snapKm {
		near.beyond = nearest{o, okm}
		return 0, false
	}
	how := ", the land nearest"
	if want >= 0 {
		if wkm, ok := near.distanceKm(p, want); o != want && (!ok || wkm > okm+sameKm) {
			od, w := a.Divisions[o], a.Divisions[want]
			ps.addAt(where, r.Record, "lon/lat", "%v lies %s km off the coast of %s (%s) in the boundary file, not of its province %s (%s)",
				p, formatKm(okm), od.Code, od.Name, w.Code, w.Name)
			return -1, true
		} else if o != want {
			o, okm = want, wkm
		}
		how = ""
	}
	div := a.Divisions[o]
	near.note(where, r.Record, "%v lies %s km off the coast in the boundary file: placed in %s (%s)%s", p, formatKm(okm), div.Code, div.Name, how)
	return o, true
}

// Distances of nearOwnLand, km: across an inner border, and across the
// border of a division of another system; the most by which the named
// province's coast may be farther than another's and still be taken.
const (
	crossKm      = 2.0
	crossApartKm = 0.5
	sameKm       = 0.5
)

// formatKm writes a short distance: 0.1, 3.8.
func formatKm(km float64) string {
	return strconv.FormatFloat(math.Max(km, 0.1), 'f', 1, 64)
}

// checkDegrees reports a point that is not lon/lat in degrees, saying
// where it lies when lat and lon are swapped; it returns whether p is good.
func (a *Atlas) checkDegrees(ps *problems, r *HubRow, p orb.Point, format string) bool {
	if lonLatOK(p[0], p[1]) {
		return true
	}
	hint := a.swapHint(p, format)
	if hint != "" {
		hint = "; " + hint
	}
	if format == "geojson" {
		ps.addAt(r.where(""), r.Record, "geometry.coordinates", "%v is not lon/lat in degrees%s", p, hint)
		return false
	}
	for _, c := range []struct {
		field  string
		v, lim float64
		what   string
	}{{"lat", p[1], 90, "a latitude: want -90 to 90 (degrees north)"}, {"lon", p[0], 180, "a longitude: want -180 to 180 (degrees east)"}} {
		if c.v < -c.lim || c.v > c.lim {
			ps.addAt(r.where(c.field), r.Record, c.field, "%v is not %s%s", c.v, c.what, hint)
		}
	}
	return false
}

// swapQuestions end the hint for a point that lies in China once its lat
// and lon are swapped: what to check, in the words of each format.
var swapQuestions = map[string]string{
	"csv":     "are the columns swapped?",
	"xlsx":    "are the columns swapped?",
	"yaml":    "are lat and lon swapped?",
	"geojson": "GeoJSON positions are [lon, lat]",
}

// swapHint says in which division p lies with lat and lon swapped, and
// what to check; "" when the swapped point is in none.
func (a *Atlas) swapHint(p orb.Point, format string) string {
	q := orb.Point{p[1], p[0]}
	if !lonLatOK(q[0], q[1]) {
		return ""
	}
	in := a.DivisionAt(q)
	if in < 0 {
		return ""
	}
	d := a.Divisions[in]
	return fmt.Sprintf("with lat and lon swapped it lies in %s (%s): %s", d.Code, d.Name, swapQuestions[format])
}

// loadWords words the problems of one load: the valid categories are
// listed once, at the first unknown one (a file of 500 rows with a
// category of its own had repeated the 27 ids 500 times).
type loadWords struct {
	listed bool
	// withOther: the catalog is the default's with Other products
	// (Catalog.withOther), where products its keywords do not know go.
	withOther bool
	// others are the first products filed under Other products, of
	// otherCount distinct ones.
	others     []string
	otherCount int
	otherSeen  map[string]bool
	// ownHint: the categories are the default's, chosen because the
	// file writes some of its ids; an unknown id says how to give
	// categories of one's own instead.
	ownHint bool
}

// other counts a product filed under Other products, keeping the first
// few distinct ones for the note.
func (w *loadWords) other(p string) {
	p = truncate(Clean(p))
	if w.otherSeen[p] {
		return
	}
	if w.otherSeen == nil {
		w.otherSeen = map[string]bool{}
	}
	w.otherSeen[p] = true
	w.otherCount++
	if len(w.others) < 10 {
		w.others = append(w.others, p)
	}
}

// productsOnly reports whether r says what it makes by products alone,
// which the categories' keywords then file.
func productsOnly(r HubRow) bool {
	return len(r.Specialties) == 0 && len(r.Categories) == 0 && len(r.Products) > 0
}

// unknownCategory words an unknown category t of catalog c.
func (w *loadWords) unknownCategory(c *Catalog, t string) string {
	msg := fmt.Sprintf("unknown category %q", truncate(Clean(t)))
	if id := closestID(c, t); id != "" {
		msg += fmt.Sprintf(": did you mean %q?", id)
	}
	if w.listed {
		return msg + " (valid: as listed above)"
	}
	w.listed = true
	msg += " (valid: " + strings.Join(c.CategoryIDs(), ", ") + ")"
	if w.ownHint {
		msg += "; for categories of your own, give a categories file (--categories) or write them as names (\"Furniture\", \"家具\"), and each becomes one"
	}
	return msg
}

// closestID is c's category id nearest t by a typo or two (fotwear:
// footwear), "" when none is.
func closestID(c *Catalog, t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	if len(t) < 4 {
		return ""
	}
	best, bestD := "", 3
	for _, id := range c.CategoryIDs() {
		limit := typoLimit(len(id))
		if d := editDistance(t, id, limit); d <= limit && d < bestD {
			best, bestD = id, d
		}
	}
	return best
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// rowRepeats are the rows without an id that repeat an earlier one:
// same names, point, province, products and categories. They are kept,
// each a hub (two suppliers may share a building), with a note: a list
// pasted twice had counted every supplier twice without a word.
type rowRepeats struct {
	rows  []int // index of each repeating row
	first []int // index of the row it repeats
}

func repeatedRows(rows []HubRow) rowRepeats {
	var out rowRepeats
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		if r.ID != "" || r.bad {
			continue
		}
		k := rowKey(r)
		if j, ok := seen[k]; ok {
			out.rows, out.first = append(out.rows, i), append(out.first, j)
			continue
		}
		seen[k] = i
	}
	return out
}

// rowKey is every value of a row as read, so that rows with the same key
// say the same word for word.
func rowKey(r *HubRow) string {
	var b strings.Builder
	put := func(vs ...string) {
		for _, v := range vs {
			b.WriteString(v)
			b.WriteByte(0)
		}
		b.WriteByte(1)
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	put(r.Name, r.NameZH, r.Province, r.City, r.CityZH, num(r.Lon), num(r.Lat), num(r.Value), r.URL, strconv.Itoa(r.Rank), r.Source, r.Description)
	put(r.Products...)
	put(r.ProductsZH...)
	put(r.Categories...)
	for _, sp := range r.Specialties {
		put(sp.Product, sp.ProductZH, sp.Category, sp.Description)
	}
	return b.String()
}

// notes says the repeats, the first ten one by one, then how many more.
func (rr rowRepeats) notes(hf *HubFile) Problems {
	ps := &problems{file: hf.Name}
	for k, i := range rr.rows {
		if k == 10 {
			ps.add(0, "", "", "%d more rows repeat an earlier one", len(rr.rows)-10)
			break
		}
		r, o := &hf.Rows[i], &hf.Rows[rr.first[k]]
		ps.addAt(r.at[""], r.Record, "", "repeats %s word for word: kept as a hub of its own; delete it if it is the same supplier", o.Record)
	}
	return ps.list
}

// nearNames notes the categories a file's free text makes that differ
// from another by a typo or two ("Fotwear" beside "Footwear"), each a
// category of its own on the map: the ids of the default categories get
// a suggestion, names the file makes up had got none. Up to 300
// categories are compared, the first ten pairs noted.
func nearNames(file string, c *Catalog) Problems {
	ps := &problems{file: file}
	cats := c.Categories[:min(len(c.Categories), 300)]
	n := 0
	for i := range cats {
		for j := i + 1; j < len(cats) && n < 10; j++ {
			a, b := strings.ToLower(cats[i].Name), strings.ToLower(cats[j].Name)
			limit := typoLimit(min(len(a), len(b)))
			if min(len(a), len(b)) >= 5 && editDistance(a, b, limit) <= limit {
				ps.add(0, "categories", "", "%q and %q differ by a letter or two, each a category of its own: a typo?", cats[i].Name, cats[j].Name)
				n++
			}
		}
	}
	return ps.list
}
