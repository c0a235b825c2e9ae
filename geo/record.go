package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// HubRecord is a matched hub flattened for JSON, CSV and GeoJSON output.
// Products and Categories list the matched specialties only.
type HubRecord struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	NameZH     string   `json:"name_zh"`
	Province   string   `json:"province"`
	Rank       int      `json:"rank,omitempty"`
	Lon        float64  `json:"lon"`
	Lat        float64  `json:"lat"`
	Products   []string `json:"products"`
	Categories []string `json:"categories"`
	Industries []string `json:"industries"`
}

// Record flattens a match; categories appear once each, in specialty order.
func Record(a *Atlas, m Match) HubRecord {
	h := m.Hub
	r := HubRecord{ID: h.ID, Name: h.Name, NameZH: h.NameZH, Province: h.Province, Rank: h.Rank,
		Lon: h.Point[0], Lat: h.Point[1], Products: []string{}, Categories: []string{}, Industries: a.MatchIndustries(m)}
	for _, k := range m.Specialties {
		s := h.Specialties[k]
		r.Products = append(r.Products, s.Product)
		seen := false
		for _, c := range r.Categories {
			seen = seen || c == s.Category
		}
		if !seen {
			r.Categories = append(r.Categories, s.Category)
		}
	}
	return r
}

// HubsGeoJSON returns the matches as an RFC 7946 FeatureCollection: one
// Point feature per hub with properties id, name, name_zh, province, rank,
// products and categories.
func HubsGeoJSON(a *Atlas, ms []Match) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, m := range ms {
		r := Record(a, m)
		f := geojson.NewFeature(orb.Point{r.Lon, r.Lat})
		f.ID = r.ID
		f.Properties = geojson.Properties{
			"id": r.ID, "name": r.Name, "name_zh": r.NameZH, "province": r.Province,
			"products": r.Products, "categories": r.Categories, "industries": r.Industries,
		}
		if r.Rank > 0 {
			f.Properties["rank"] = r.Rank
		}
		fc.Append(f)
	}
	return fc
}
