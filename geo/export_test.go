package geo_test

import (
	"bytes"
	"strings"
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
				continue
			}
			// The products' Chinese names come back too (the downloads
			// had carried the English alone), and what they say of
			// themselves.
			for k, s := range h.Specialties {
				if s.ProductZH != was.Specialties[k].ProductZH || s.Description == "" && was.Specialties[k].Description != "" {
					t.Errorf("%s: %s's %s back as %q, %q; want %q", w.file, h.ID, s.Product, s.ProductZH, s.Description, was.Specialties[k].ProductZH)
				}
			}
		}
	}
	r := recs[0]
	d := a.Divisions[a.DivisionIndex(r.Province)]
	if r.ProvinceName != d.Name || r.ProvinceNameZH != d.NameZH || len(r.CategoryNames) != len(r.Categories) || len(r.CategoryNamesZH) != len(r.Categories) || r.CategoryNamesZH[0] == "" {
		t.Errorf("%s: province %q %q, categories %q %q", r.ID, r.ProvinceName, r.ProvinceNameZH, r.CategoryNames, r.CategoryNamesZH)
	}
}

// TestProductsInChinese: a table's products_zh column gives the
// products their Chinese names by place, an empty place for none; a
// cell with another number of places is a problem named with its file,
// line and column, not a guess.
func TestProductsInChinese(t *testing.T) {
	a := atlastest.Embedded(t)
	read := func(csv string) (*geo.Atlas, error) {
		hf, err := geo.ParseHubFile("mine.csv", []byte(csv), geo.HubOptions{})
		if err != nil {
			return nil, err
		}
		return geo.NewAtlas(a.Boundaries, hf, nil, a.Catalog)
	}
	back, err := read("name,lat,lon,products,产品中文,categories\nAcme,23.02,113.75,Backpacks; Sports Bags; Travel Bags,背包; ; 旅行包,bags-luggage\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range back.Hubs[0].Specialties {
		got = append(got, s.Product+"="+s.ProductZH)
	}
	if want := "Backpacks=背包 Sports Bags= Travel Bags=旅行包"; strings.Join(got, " ") != want {
		t.Errorf("specialties %q, want %q", got, want)
	}
	// Split at the products' own separators: a product written "积木、拼图"
	// (a download writes it so) is two, and so are its Chinese names; a
	// separator after the last name, or a line break as \r\n, adds none.
	for _, cell := range []string{`"积木、拼图; "`, `"积木、拼图;"`, "\"积木\r\n拼图； \""} {
		back, err := read("name,lat,lon,products,products_zh,categories\nAcme,23.02,113.75,\"积木、拼图; Dining tables\"," + cell + ",toys\n")
		if err != nil {
			t.Errorf("%s: %v", cell, err)
			continue
		}
		got = got[:0]
		for _, s := range back.Hubs[0].Specialties {
			got = append(got, s.Product+"="+s.ProductZH)
		}
		if want := "积木=积木 拼图=拼图 Dining tables="; strings.Join(got, " ") != want {
			t.Errorf("%s: specialties %q, want %q", cell, got, want)
		}
	}
	_, err = read("name,lat,lon,products,products_zh,categories\nAcme,23.02,113.75,Backpacks; Sports Bags; Travel Bags,背包; 旅行包,bags-luggage\n")
	if err == nil || !strings.Contains(err.Error(), "mine.csv:2") || !strings.Contains(err.Error(), "products_zh: 2 names for 3 products") {
		t.Errorf("two names for three products: %v", err)
	}
}
