package geo

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Atlas is the loaded, validated data: divisions, hubs and categories, plus
// the boundary topology in projected metres (China's Albers) with its
// simplification weights, computed once at load. An Atlas is immutable and
// safe for concurrent use.
type Atlas struct {
	Divisions  []Division // sorted by code
	Industries []Industry
	Categories []Category
	Hubs       []Hub // in file order

	// Topology holds the divisions' boundaries as shared arcs, in projected
	// metres; Topology.Shapes[i] is Divisions[i].
	Topology *Topology
	// Projected is each division's bound in projected metres, Extent
	// their union: the view of all of China.
	Projected []orb.Bound
	Extent    orb.Bound

	Version     string // hash of the input files: changes when the data does
	Attribution string // boundary attribution from the boundary file
	License     string // boundary licence from the boundary file

	division map[string]int
	category map[string]int
	industry map[string]int
	search   []hubTerms
}

// Load reads and validates the boundary and hub files from fsys, then builds
// the topology. Problems in either file, and between them (a hub outside its
// province, an unknown province), come back together as Problems.
func Load(fsys fs.FS, boundaries, hubs string) (*Atlas, error) {
	bdata, err := fs.ReadFile(fsys, boundaries)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	hdata, err := fs.ReadFile(fsys, hubs)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	return LoadBytes(boundaries, bdata, hubs, hdata)
}

// LoadBytes is Load on file contents; the names are used in messages.
func LoadBytes(bname string, bdata []byte, hname string, hdata []byte) (*Atlas, error) {
	var all Problems
	bs, err := ParseBoundaries(bname, bdata)
	all = appendProblems(all, err)
	hd, err := ParseHubs(hname, hdata)
	all = appendProblems(all, err)
	if bs == nil || hd == nil {
		return nil, all
	}
	divs := bs.Divisions
	a := &Atlas{
		Divisions:   divs,
		Attribution: bs.Attribution,
		License:     bs.License,
		Industries:  hd.Industries,
		Categories:  hd.Categories,
		Hubs:        hd.Hubs,
		division:    map[string]int{},
		category:    map[string]int{},
		industry:    map[string]int{},
	}
	for i, d := range divs {
		a.division[d.Code] = i
	}
	for i, c := range a.Categories {
		a.category[c.ID] = i
	}
	for i, c := range a.Industries {
		a.industry[c.ID] = i
	}
	if all = appendProblems(all, a.checkHubs(hname)); len(all) > 0 {
		slices.SortStableFunc(all, func(p, q Problem) int {
			if c := cmpString(p.File, q.File); c != 0 {
				return c
			}
			return p.Line - q.Line
		})
		return nil, all
	}
	sum := sha256.New()
	sum.Write(bdata)
	sum.Write([]byte{0})
	sum.Write(hdata)
	a.Version = hex.EncodeToString(sum.Sum(nil))[:16]
	a.buildTopology()
	a.buildSearch()
	return a, nil
}

func appendProblems(all Problems, err error) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return append(all, ps...)
	}
	return all
}

// checkHubs reports hubs whose province is unknown or whose point does not
// lie inside that province.
func (a *Atlas) checkHubs(name string) error {
	ps := &problems{file: name}
	for i, h := range a.Hubs {
		rec := fmt.Sprintf("hub %d (%s)", i+1, h.ID)
		di, ok := a.division[h.Province]
		if !ok {
			ps.add(h.provinceLine, rec, "province", "unknown province %q (valid: %s)", h.Province, strings.Join(a.DivisionCodes(), ", "))
			continue
		}
		if math.IsNaN(h.Point[0]) || math.IsNaN(h.Point[1]) || planar.MultiPolygonContains(a.Divisions[di].Shape, h.Point) {
			continue // bad coordinates were reported already
		}
		if code, ok := a.ProvinceAt(h.Point); ok {
			ps.add(h.pointLine, rec, "lon/lat", "%v lies in %s (%s), not in its province %s", h.Point, code, a.Divisions[a.division[code]].Name, h.Province)
		} else {
			ps.add(h.pointLine, rec, "lon/lat", "%v lies outside China (in no division of the boundary file)", h.Point)
		}
	}
	if len(ps.list) > 0 {
		return ps.list
	}
	return nil
}

// buildTopology projects the divisions and joins them into shared arcs.
// Every division's largest ring is protected so that no division (Macau)
// ever disappears from a map.
func (a *Atlas) buildTopology() {
	shapes := make([]orb.MultiPolygon, len(a.Divisions))
	a.Projected = make([]orb.Bound, len(a.Divisions))
	for i, d := range a.Divisions {
		mp := make(orb.MultiPolygon, len(d.Shape))
		for pi, poly := range d.Shape {
			mp[pi] = make(orb.Polygon, len(poly))
			for ri, r := range poly {
				pr := make(orb.Ring, len(r))
				for k, p := range r {
					pr[k] = China.Forward(p)
				}
				mp[pi][ri] = pr
			}
		}
		shapes[i] = mp
		a.Projected[i] = mp.Bound()
		if i == 0 {
			a.Extent = a.Projected[i]
		}
		a.Extent = a.Extent.Union(a.Projected[i])
	}
	a.Topology = BuildTopology(shapes, nil)
	var buf []orb.Point
	for _, shape := range a.Topology.Shapes {
		best, bestArea := -1, -1.0
		for pi, poly := range shape {
			buf = Ring(a.Topology.Arcs, poly[0], buf[:0])
			if ar := math.Abs(signedArea(buf)); ar > bestArea {
				best, bestArea = pi, ar
			}
		}
		if best >= 0 {
			a.Topology.Protect(shape[best][0])
		}
	}
}

// Division returns the division with the given code.
func (a *Atlas) Division(code string) (*Division, bool) {
	i, ok := a.division[code]
	if !ok {
		return nil, false
	}
	return &a.Divisions[i], true
}

// DivisionIndex returns the index of code in Divisions, or -1.
func (a *Atlas) DivisionIndex(code string) int {
	if i, ok := a.division[code]; ok {
		return i
	}
	return -1
}

// Category returns the category with the given id.
func (a *Atlas) Category(id string) (*Category, bool) {
	i, ok := a.category[id]
	if !ok {
		return nil, false
	}
	return &a.Categories[i], true
}

// Industry returns the industry with the given id.
func (a *Atlas) Industry(id string) (*Industry, bool) {
	i, ok := a.industry[id]
	if !ok {
		return nil, false
	}
	return &a.Industries[i], true
}

// DivisionCodes returns the division codes in order.
func (a *Atlas) DivisionCodes() []string {
	out := make([]string, len(a.Divisions))
	for i, d := range a.Divisions {
		out[i] = d.Code
	}
	return out
}

// ProvinceAt returns the code of the division containing the lon/lat point.
func (a *Atlas) ProvinceAt(p orb.Point) (string, bool) {
	for _, d := range a.Divisions {
		if d.Bound.Contains(p) && planar.MultiPolygonContains(d.Shape, p) {
			return d.Code, true
		}
	}
	return "", false
}
