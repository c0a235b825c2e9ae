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
