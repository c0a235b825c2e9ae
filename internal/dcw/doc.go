// Package dcw builds hubatlas's base-map files from DCW-GMT, the Digital
// Chart of the World for GMT, at build time: it runs `gmt coast`, reads its
// rings, snaps the borders that neighbours store twice onto one shared
// line, nests and orients rings, simplifies shared arcs once, and writes
// the GeoJSON files that assets/data ships. Serving never calls it; the
// runtime reads the files through package geo.
//
// Stages work on rings in projected metres (geo.China) and are exported so
// that each can be tested on a few hand-made points: Adopt, Snap and
// SnapOnto, Nest, Simplify, Measure, Take. Clean chains them for the
// provinces, Context for the neighbouring countries, SouthChinaSea writes
// the dashed line and the islands Take took from them.
package dcw
