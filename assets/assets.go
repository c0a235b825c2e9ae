// Package assets embeds the data and web files hubatlas ships with, so that
// the binary runs offline with nothing beside it.
package assets

import "embed"

// FS holds data/ (boundaries, hubs, categories) and web/ (the dashboard's template,
// script and style). Paths are slash-separated: "data/hubs.yaml".
//
//go:embed data web
var FS embed.FS

// Default file names inside FS.
const (
	Boundaries = "data/china-provinces.geojson"
	Hubs       = "data/hubs.yaml"
	Categories = "data/categories.yaml"
	Web        = "web"
)
