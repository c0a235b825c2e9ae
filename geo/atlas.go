package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"

	"github.com/paulmach/orb"
)

// Atlas is the loaded, validated data a map is drawn from: the boundaries
// with their topology, the catalog of industries and categories, and the
// hubs, each checked against the other two. An Atlas is immutable and safe
// for concurrent use; reloading data builds a new one.
type Atlas struct {
	*Boundaries
	*Catalog
	Hubs []Hub // in file order
	// Context is drawn around the divisions: neighbouring countries and
	// the South China Sea; nil for none.
	Context *Context
	// Notes are what loading the hubs changed, each where it applies:
	// the hubs placed in a division although they lie just off its land
	// in the boundary file (see NewAtlasIn).
	Notes Problems
	// LeftOut counts the records of the hubs file NewAtlasLeavingOut left
	// out for their problems (each named in Notes); 0 for none.
	LeftOut int
	// Cities are the distinct cities the hubs name, in order of first
	// mention (see HubCity).
	Cities []string
	// CitiesZH are their Chinese names, as the first hub that gives one
	// writes it ("" when none does).
	CitiesZH []string

	// Sources is what each loaded file says about itself: what renders,
	// the page and the API credit.
	Sources Sources
	// ValueName is what the hubs' values count, as the hubs file heads
	// them ("employees"); "" when it does not say.
	ValueName string
	// Version changes whenever any input does: it keys caches and ETags.
	Version string

	search searchIndex
	words  *loadWords // while NewAtlasIn runs
	cols   hubColumns
	kinds  hubKinds
	byID   map[string]int
}

// HubByID returns the hub with the given (safe) id.
func (a *Atlas) HubByID(id string) (*Hub, bool) {
	i, ok := a.byID[id]
	if !ok {
		return nil, false
	}
	return &a.Hubs[i], true
}

// Sources is the Meta of each file an atlas was built from.
type Sources struct {
	Hubs       Meta `json:"hubs"`
	Boundaries Meta `json:"boundaries"`
	Categories Meta `json:"categories"`
}

// Load reads the embedded-style data files from fsys: boundaries (GeoJSON),
// hubs (any format ParseHubFile reads) and categories (the default catalog
// for hubs files that bring none; "" for none).
func Load(fsys fs.FS, boundaries, hubs, categories string) (*Atlas, error) {
	read := func(name string) ([]byte, error) {
		if name == "" {
			return nil, nil
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("geo: %w", err)
		}
		return b, nil
	}
	bdata, err := read(boundaries)
	if err != nil {
		return nil, err
	}
	hdata, err := read(hubs)
	if err != nil {
		return nil, err
	}
	cdata, err := read(categories)
	if err != nil {
		return nil, err
	}
	b, err := ParseBoundaries(boundaries, bdata, BoundaryOptions{})
	if err != nil {
		return nil, err
	}
	var def *Catalog
	if cdata != nil {
		if def, err = ParseCatalog(categories, cdata, Limits{}); err != nil {
			return nil, err
		}
	}
	hf, err := ParseHubFile(hubs, hdata, HubOptions{})
	if err != nil {
		return nil, err
	}
	return NewAtlas(b, hf, nil, def)
}

// LoadBytes builds an atlas from a boundary file and a hubs file that
// carries its own categories (or free-text ones): the names are used in
// messages and pick the hubs format. Problems of both files and between
// them come back together, sorted by file and line.
func LoadBytes(bname string, bdata []byte, hname string, hdata []byte) (*Atlas, error) {
	b, berr := ParseBoundaries(bname, bdata, BoundaryOptions{})
	hf, herr := ParseHubFile(hname, hdata, HubOptions{})
	if b == nil || hf == nil {
		return nil, JoinProblems(berr, herr)
	}
	a, err := NewAtlas(b, hf, nil, nil)
	if err = JoinProblems(berr, herr, err); err != nil {
		return nil, err
	}
	return a, nil
}

func appendProblems(all Problems, err error) Problems {
	if err == nil {
		return all
	}
	if ps, ok := err.(Problems); ok {
		return append(all, ps...)
	}
	return append(all, Problem{Msg: err.Error()})
}

// hubColumns hold, per hub, what drawing and filtering read for every
// hub of a large list, packed in one cache line: 50,000 hubs are walked
// in a millisecond.
type hubColumns []hubCol

type hubCol struct {
	xy    orb.Point // projected metres
	value float64   // NaN when none
	full  uint64    // mask of all specialties
	div   int32
	city  int32
	dom   int32 // dominant industry of all specialties
	kind  int32 // see kinds
}

func (a *Atlas) buildColumns() {
	a.cols = make(hubColumns, len(a.Hubs))
	a.byID = make(map[string]int, len(a.Hubs))
	for i := range a.Hubs {
		h := &a.Hubs[i]
		a.byID[h.ID] = i
		full := uint64(1)<<len(h.Specialties) - 1
		a.cols[i] = hubCol{xy: h.XY, value: h.Value, full: full, div: int32(h.div), city: h.city, dom: int32(a.dominant(h, full))}
	}
	a.buildKinds()
}

// HubXY returns hub i's position in projected metres.
func (a *Atlas) HubXY(i int) orb.Point { return a.cols[i].xy }

// HubDivision returns the index in Divisions of hub i's province.
func (a *Atlas) HubDivision(i int) int { return int(a.cols[i].div) }

// HubCity returns the index in Cities of hub i's city, or -1.
func (a *Atlas) HubCity(i int) int { return int(a.cols[i].city) }

// HubValue returns hub i's value, NaN when it has none.
func (a *Atlas) HubValue(i int) float64 { return a.cols[i].value }

// HubFacts returns, in one read, what drawing a proportional symbol needs
// of hub i: position in projected metres, value (NaN when none), division,
// city (-1 when none) and the dominant industry of its specialties in
// mask.
func (a *Atlas) HubFacts(i int, mask uint64) (xy orb.Point, value float64, div, city, industry int) {
	c := &a.cols[i]
	industry = int(c.dom)
	if mask != c.full {
		industry = a.dominant(&a.Hubs[i], mask)
	}
	return c.xy, c.value, int(c.div), int(c.city), industry
}

// atlasVersion hashes the versions of the parts.
func atlasVersion(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
