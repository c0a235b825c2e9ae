package geo_test

import (
	"bytes"
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// A GeoJSON download loads back as a hubs file with the same hubs and
// the same credit, and says where the boundaries come from.
func TestGeoJSONLoadsBackCredited(t *testing.T) {
	a := atlastest.Embedded(t)
	var recs []geo.HubRecord
	for _, m := range a.Select(geo.Filter{}) {
		recs = append(recs, geo.Record(a, m))
	}
	var b bytes.Buffer
	if err := geo.WriteGeoJSON(&b, recs, a.Sources); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte(`"sources":{"hubs":`)) || !bytes.Contains(b.Bytes(), []byte("DCW-GMT")) {
		t.Errorf("no sources member: %.300s", b.Bytes())
	}
	hf, err := geo.ParseHubFile("back.geojson", b.Bytes(), geo.HubOptions{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := geo.NewAtlas(a.Boundaries, hf, nil, a.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Hubs) != len(a.Hubs) || back.Sources.Hubs != a.Sources.Hubs {
		t.Errorf("%d hubs credited %+v, want %d credited %+v", len(back.Hubs), back.Sources.Hubs, len(a.Hubs), a.Sources.Hubs)
	}
}

// CSV and XLSX downloads load back as hubs files with the same hubs, in
// the same provinces and categories: the columns of names beside the
// codes (province_name, category_names and their Chinese) are passed
// over when read. They name each hub's province and categories.
func TestSpreadsheetsLoadBack(t *testing.T) {
	a := atlastest.Embedded(t)
	var recs []geo.HubRecord
	for _, m := range a.Select(geo.Filter{}) {
		recs = append(recs, geo.Record(a, m))
	}
	for _, w := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"back.csv", func(b *bytes.Buffer) error { return geo.WriteCSV(b, recs) }},
		{"back.xlsx", func(b *bytes.Buffer) error { return geo.WriteXLSX(b, recs, a.Sources) }},
	} {
		var b bytes.Buffer
		if err := w.write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b.Bytes(), []byte("category_names_zh")) && w.file == "back.csv" {
			t.Errorf("%s: no column of the categories' Chinese names", w.file)
		}
		hf, err := geo.ParseHubFile(w.file, b.Bytes(), geo.HubOptions{})
		if err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		back, err := geo.NewAtlas(a.Boundaries, hf, nil, a.Catalog)
		if err != nil {
			t.Fatalf("%s: %v", w.file, err)
		}
		if len(back.Hubs) != len(a.Hubs) {
			t.Fatalf("%s: %d hubs, want %d", w.file, len(back.Hubs), len(a.Hubs))
		}
		for i, h := range back.Hubs {
			was := a.Hubs[i]
			if h.ID != was.ID || h.Province != was.Province || len(h.Specialties) != len(was.Specialties) {
				t.Errorf("%s: hub %d is %s in %s with %d specialties, want %s in %s with %d", w.file, i, h.ID, h.Province, len(h.Specialties), was.ID, was.Province, len(was.Specialties))
			}
		}
	}
	r := recs[0]
	d := a.Divisions[a.DivisionIndex(r.Province)]
	if r.ProvinceName != d.Name || r.ProvinceNameZH != d.NameZH || len(r.CategoryNames) != len(r.Categories) || len(r.CategoryNamesZH) != len(r.Categories) || r.CategoryNamesZH[0] == "" {
		t.Errorf("%s: province %q %q, categories %q %q", r.ID, r.ProvinceName, r.ProvinceNameZH, r.CategoryNames, r.CategoryNamesZH)
	}
}
