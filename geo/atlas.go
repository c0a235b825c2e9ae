package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
)

// Atlas is the loaded, validated data a map is drawn from: the boundaries
// with their topology, the catalog of industries and categories, and the
// hubs, each checked against the other two. An Atlas is immutable and safe
// for concurrent use; reloading data builds a new one.
type Atlas struct {
	*Boundaries
	*Catalog
	Hubs []Hub // in file order

	// Sources is what each loaded file says about itself: what renders,
	// the page and the API credit.
	Sources Sources
	// Version changes whenever any input does: it keys caches and ETags.
	Version string

	search searchIndex
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

// atlasVersion hashes the versions of the parts.
func atlasVersion(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
