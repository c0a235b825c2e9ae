package geo

// Limits bound what a data file may hold, so that a hostile or broken file
// meets a clear error instead of the machine's memory. File sizes are
// bounded where files are read (cmd/hubatlas, the server's upload).
type Limits struct {
	MaxHubs      int // rows, records or features of a hubs file
	MaxDivisions int // features of a boundary file
	MaxVertices  int // positions of a boundary file, all features together
	MaxYAMLNodes int // YAML nodes after alias expansion
	MaxDepth     int // nesting of JSON arrays and objects
}

// DefaultLimits are generous for real data: the shipped boundaries hold
// about 105,000 positions and a detailed provincial file a million, a
// consultant's supplier list tens of thousands of rows.
var DefaultLimits = Limits{
	MaxHubs:      100_000,
	MaxDivisions: 5_000,
	MaxVertices:  3_000_000,
	MaxYAMLNodes: 2_000_000,
	MaxDepth:     64,
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	for _, f := range []struct {
		dst *int
		def int
	}{
		{&l.MaxHubs, DefaultLimits.MaxHubs}, {&l.MaxDivisions, DefaultLimits.MaxDivisions},
		{&l.MaxVertices, DefaultLimits.MaxVertices}, {&l.MaxYAMLNodes, DefaultLimits.MaxYAMLNodes},
		{&l.MaxDepth, DefaultLimits.MaxDepth},
	} {
		if *f.dst <= 0 {
			*f.dst = f.def
		}
	}
	return l
}
