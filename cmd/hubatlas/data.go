package main

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

// dataFlags selects the data files: the embedded ones unless given.
type dataFlags struct {
	boundaries, hubs string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.boundaries, "boundaries", "", "boundary GeoJSON file (default: the embedded DCW-GMT provinces)")
	fs.StringVar(&d.hubs, "hubs", "", "hubs YAML file (default: the embedded hubs)")
}

// load reads the atlas from the given files, falling back to the embedded
// ones for each file not given.
func (d *dataFlags) load() (*geo.Atlas, error) {
	return loadAtlas(d.boundaries, d.hubs)
}

func loadAtlas(boundaries, hubs string) (*geo.Atlas, error) {
	read := func(path, embedded string) (string, []byte, error) {
		if path == "" {
			b, err := fs.ReadFile(assets.FS, embedded)
			return "embedded " + filepath.Base(embedded), b, err
		}
		b, err := os.ReadFile(path)
		return path, b, err
	}
	bn, bd, err := read(boundaries, assets.Boundaries)
	if err != nil {
		return nil, err
	}
	hn, hd, err := read(hubs, assets.Hubs)
	if err != nil {
		return nil, err
	}
	return geo.LoadBytes(bn, bd, hn, hd)
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// filterFlags are the hub filters every command shares.
type filterFlags struct {
	categories stringList
	industry   string
	province   string
	q          string
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.categories, "category", "category id; repeat for any of several")
	fs.StringVar(&f.industry, "industry", "", "industry id")
	fs.StringVar(&f.province, "province", "", "province code, e.g. CN-FJ")
	fs.StringVar(&f.q, "q", "", "product search, English or Chinese")
}

// filter returns the checked filter; errors name the flag and valid values.
func (f *filterFlags) filter(a *geo.Atlas) (geo.Filter, error) {
	flt := geo.Filter{Categories: f.categories, Industry: f.industry, Province: strings.ToUpper(f.province), Query: f.q}
	if err := a.Check(flt); err != nil {
		return flt, flagError(err)
	}
	return flt, nil
}
