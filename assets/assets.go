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
	// Context is the countries around China, SouthChinaSea the inset's
	// dashed line and islands: drawn around the divisions, never queried.
	Context       = "data/context.geojson"
	SouthChinaSea = "data/south-china-sea.geojson"
	Web           = "web"
)
