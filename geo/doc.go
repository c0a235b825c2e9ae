// Package geo holds hubatlas's data in lon/lat and projected metres: it
// loads and validates the province boundaries and the hubs, cleans the
// DCW-GMT import, projects with China's Albers equal-area conic, joins
// borders into shared arcs with simplification weights computed once, and
// answers the queries every view shares (filters, search, counts, the
// province at a point). It reads no files by path, never logs and never
// panics on data; an Atlas is immutable once loaded.
package geo
