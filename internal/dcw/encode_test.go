package dcw_test

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/internal/dcw"
)

func ExampleEncode() {
	fc := geojson.NewFeatureCollection()
	f := geojson.NewFeature(orb.Point{113.55, 22.19})
	f.Properties = geojson.Properties{"name": "Macau"}
	fc.Append(f)
	meta := dcw.DCW
	meta.Title = "Example"
	data, _ := dcw.Encode(meta, fc)
	fmt.Print(string(data))
	// Output:
	// {"type":"FeatureCollection","title":"Example","source":"DCW-GMT 2.1.1 (Digital Chart of the World for GMT)","url":"https://www.soest.hawaii.edu/pwessel/dcw/","date":"2022-05-20","license":"LGPL-3.0-or-later","features":[
	// {"type":"Feature","geometry":{"type":"Point","coordinates":[113.55,22.19]},"properties":{"name":"Macau"}}
	// ]}
}

func TestEncodeCollectionProperties(t *testing.T) {
	data, err := dcw.Encode(dcw.Meta{Title: "T", Note: "n", Properties: map[string]string{"name_zh": "南海诸岛", "name": "South China Sea Islands"}}, geojson.NewFeatureCollection())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"FeatureCollection","title":"T","note":"n","properties":{"name":"South China Sea Islands","name_zh":"南海诸岛"},"features":[` + "\n\n]}\n"
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}
