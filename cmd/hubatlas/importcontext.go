package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

// contextMeta is what the neighbouring countries' file says about itself.
var contextMeta = func() dcw.Meta {
	m := dcw.DCW
	m.Title = "Countries around China (context for maps of China)"
	m.Attribution = "Neighbouring countries: DCW-GMT 2.1.1 (Digital Chart of the World for GMT), LGPL-3.0-or-later; by hubatlas data import-context"
	return m
}()

// runData runs a `hubatlas data` subcommand: the build-time imports.
func runData(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "import-dcw":
			return runImportDCW(ctx, args[1:], stdout, stderr)
		case "import-context":
			return runImportContext(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprint(stderr, "hubatlas data: the subcommands are import-dcw and import-context\n")
	return errUsage
}

// runImportContext writes the base map's context from Debian's gmt-dcw:
// the countries around China (`gmt coast -EXX -M` each), clipped, snapped
// onto the shipped provinces' national border and simplified; and the
// South China Sea file, with the islands DCW keeps in other countries.
func runImportContext(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("data import-context", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "assets/data/context.geojson", "output file for the countries")
	scs := fs.String("scs", "assets/data/south-china-sea.geojson", "output file for the South China Sea dashed line and islands")
	provinces := fs.String("provinces", "assets/data/china-provinces.geojson", "the boundary file whose national border the countries meet")
	gmt := fs.String("gmt", "gmt", "the gmt command (Debian packages gmt and gmt-dcw)")
	opt := dcw.NeighbourContext
	fs.Float64Var(&opt.SnapMetres, "snap", opt.SnapMetres, "snap distance to China's border and between countries, metres")
	fs.Float64Var(&opt.WeightPx2, "weight", opt.WeightPx2, "Visvalingam area kept elsewhere, px² of the most detailed view showing it")
	fs.Float64Var(&opt.Floor, "floor", opt.Floor, "metres per px: away from China's border, never more detailed than this")
	fs.Float64Var(&opt.MinAreaPx2, "min-area", opt.MinAreaPx2, "drop rings smaller than this many px² of the most detailed view showing them")
	fs.IntVar(&opt.Decimals, "decimals", opt.Decimals, "decimals of the written degrees")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	data, err := os.ReadFile(*provinces)
	if err != nil {
		return err
	}
	pfc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return fmt.Errorf("%s: %w", *provinces, err)
	}
	var shapes []orb.MultiPolygon
	byCode := map[string]orb.MultiPolygon{}
	for i, f := range pfc.Features {
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			shapes = append(shapes, g)
		case orb.Polygon:
			shapes = append(shapes, orb.MultiPolygon{g})
		default:
			return fmt.Errorf("%s: feature %d: want a Polygon or MultiPolygon, got %T", *provinces, i+1, g)
		}
		if code, ok := f.Properties["code"].(string); ok {
			byCode[code] = shapes[len(shapes)-1]
		}
	}
	var codes []string
	for _, c := range dcw.Neighbours {
		codes = append(codes, c.Code)
	}
	raw, err := dcw.CoastAll(ctx, *gmt, codes)
	if err != nil {
		return err
	}
	islands := dcw.Take(raw, dcw.Neighbours, dcw.Islands)
	fc, st, err := dcw.Context(raw, dcw.Neighbours, shapes, opt)
	if err != nil {
		return err
	}
	cdata, err := dcw.Encode(contextMeta, fc)
	if err != nil {
		return err
	}
	sea := dcw.SouthChinaSea(dcw.Islands, islands, 5)
	for _, c := range dcw.Claims {
		rings, err := dcw.Coast(ctx, *gmt, c.State)
		if err != nil {
			return err
		}
		div, ok := byCode[c.Division]
		if !ok || len(rings) == 0 {
			return fmt.Errorf("%s: no %s for the claim %s, or no outline of %s", *provinces, c.Division, c.Name, c.State)
		}
		var divRings []orb.Ring
		for _, p := range div {
			divRings = append(divRings, p...)
		}
		largest := rings[0]
		for _, r := range rings[1:] {
			if math.Abs(geo.SignedArea(r)) > math.Abs(geo.SignedArea(largest)) {
				largest = r
			}
		}
		sea.Features = append(sea.Features, dcw.ClaimFeatures(c, largest, divRings, 5)...)
	}
	sdata, err := dcw.Encode(dcw.SouthChinaSeaMeta, sea)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, cdata, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(*scs, sdata, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "countries: vertices %d -> %d, rings %d -> %d, snapped %d vertices, %d bytes; south china sea: %d bytes\n",
		st.VerticesIn, st.VerticesOut, st.RingsIn, st.RingsOut, st.Snapped, len(cdata), len(sdata))
	for i, is := range dcw.Islands {
		fmt.Fprintf(stderr, "%s (%s): %d rings from %s\n", is.Name, is.NameZH, len(islands[i]), is.Country)
	}
	return nil
}
