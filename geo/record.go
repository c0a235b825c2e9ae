package geo

import (
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// HubRecord is a matched hub flattened for JSON, CSV, XLSX and GeoJSON
// output. Products and Categories list the matched specialties only.
type HubRecord struct {
	ID         string   `json:"id"`
	Ref        string   `json:"ref,omitempty"` // the id as the hubs file writes it, when not ID
	Name       string   `json:"name"`
	NameZH     string   `json:"name_zh"`
	Province   string   `json:"province"`
	City       string   `json:"city,omitempty"`
	CityZH     string   `json:"city_zh,omitempty"`
	Rank       int      `json:"rank,omitempty"`
	Lon        float64  `json:"lon"`
	Lat        float64  `json:"lat"`
	Products   []string `json:"products"`
	ProductsZH []string `json:"products_zh"` // by place, "" where a product has no Chinese name
	Categories []string `json:"categories"`
	Industries []string `json:"industries"`
	Value      *float64 `json:"value,omitempty"`
	URL        string   `json:"url,omitempty"`
	// The names of the province and the categories, in English and in
	// Chinese, for people reading a spreadsheet: CSV and XLSX give them
	// beside the codes, which a hubs file is read with.
	ProvinceName, ProvinceNameZH   string   `json:"-"`
	CategoryNames, CategoryNamesZH []string `json:"-"`
	// Description is what the matched specialties say of themselves,
	// each once, in their order.
	Description string `json:"description,omitempty"`
}

// Record flattens a match; categories appear once each, in specialty order.
func Record(a *Atlas, m Match) HubRecord {
	h := m.Hub
	r := HubRecord{ID: h.ID, Ref: h.Ref, Name: h.Name, NameZH: h.NameZH, Province: h.Province, City: h.City, CityZH: h.CityZH, Rank: h.Rank,
		Lon: h.Point[0], Lat: h.Point[1], Products: []string{}, ProductsZH: []string{}, Categories: []string{}, Industries: a.MatchIndustries(m), URL: h.URL}
	if h.HasValue() {
		v := h.Value
		r.Value = &v
	}
	var said []string
	zh := false
	for _, k := range m.Specialties {
		s := h.Specialties[k]
		r.Products = append(r.Products, s.Product)
		r.ProductsZH = append(r.ProductsZH, s.ProductZH)
		zh = zh || s.ProductZH != ""
		if s.Description != "" && !slices.Contains(said, s.Description) {
			said = append(said, s.Description)
		}
		seen := false
		for _, c := range r.Categories {
			seen = seen || c == s.Category
		}
		if !seen {
			r.Categories = append(r.Categories, s.Category)
		}
	}
	if !zh {
		r.ProductsZH = []string{} // none: no empty places to write
	}
	r.Description = strings.Join(said, " ")
	if d := a.DivisionIndex(h.Province); d >= 0 {
		r.ProvinceName, r.ProvinceNameZH = a.Divisions[d].Name, a.Divisions[d].NameZH
	}
	for _, id := range r.Categories {
		c, _ := a.Category(id)
		r.CategoryNames = append(r.CategoryNames, c.Name)
		r.CategoryNamesZH = append(r.CategoryNamesZH, c.NameZH)
	}
	return r
}

// Feature returns the record as an RFC 7946 Point feature whose
// properties are the record's fields.
func (r HubRecord) Feature() *geojson.Feature {
	f := geojson.NewFeature(orb.Point{r.Lon, r.Lat})
	f.ID = r.ID
	f.Properties = geojson.Properties{
		"id": r.ID, "name": r.Name, "name_zh": r.NameZH, "province": r.Province,
		"products": r.Products, "categories": r.Categories, "industries": r.Industries,
	}
	if len(r.ProductsZH) > 0 {
		f.Properties["products_zh"] = r.ProductsZH
	}
	if r.Description != "" {
		f.Properties["description"] = r.Description
	}
	if r.Rank > 0 {
		f.Properties["rank"] = r.Rank
	}
	if r.City != "" {
		f.Properties["city"] = r.City
	}
	if r.CityZH != "" {
		f.Properties["city_zh"] = r.CityZH
	}
	if r.Ref != "" {
		f.Properties["ref"] = r.Ref
	}
	if r.Value != nil {
		f.Properties["value"] = *r.Value
	}
	if r.URL != "" {
		f.Properties["url"] = r.URL
	}
	return f
}

// HubsGeoJSON returns the matches as an RFC 7946 FeatureCollection: one
// Point feature per hub (see HubRecord.Feature).
func HubsGeoJSON(a *Atlas, ms []Match) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, m := range ms {
		fc.Append(Record(a, m).Feature())
	}
	return fc
}
