package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/dcw"
)

// provincesMeta is what the boundary file says about itself.
var provincesMeta = func() dcw.Meta {
	m := dcw.DCW
	m.Title = "China: provincial-level divisions"
	m.Attribution = "Boundaries: DCW-GMT 2.1.1 (Digital Chart of the World for GMT), LGPL-3.0-or-later; cleaned by hubatlas data import-dcw"
	return m
}()

// runImportDCW regenerates the boundary file from Debian's gmt-dcw:
// `gmt coast -ECN.XX -M` for each division, cleaned by dcw.Clean.
func runImportDCW(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("data import-dcw", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "assets/data/china-provinces.geojson", "output file, - for standard output")
	gmt := fs.String("gmt", "gmt", "the gmt command (Debian packages gmt and gmt-dcw)")
	opt := dcw.Provinces
	fs.Float64Var(&opt.SnapMetres, "snap", opt.SnapMetres, "snap distance to a neighbour's border, metres")
	fs.Float64Var(&opt.ViewPx, "view", opt.ViewPx, "detail kept for a division filling a view this many px wide")
	fs.Float64Var(&opt.WeightPx2, "weight", opt.WeightPx2, "Visvalingam area kept, px² of that view")
	fs.IntVar(&opt.Decimals, "decimals", opt.Decimals, "decimals of the written degrees")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	// Each division, then the country outline, which holds islands no
	// division does (the Paracels).
	var ids []string
	for _, d := range geo.ChinaDivisions {
		ids = append(ids, "CN."+strings.TrimPrefix(d.Code, "CN-"))
	}
	rings, err := dcw.CoastAll(ctx, *gmt, append(ids, "CN"))
	if err != nil {
		return err
	}
	raw := map[string][]orb.Ring{}
	for i, d := range geo.ChinaDivisions {
		raw[d.Code] = rings[i]
	}
	fc, st, err := dcw.Clean(raw, rings[len(ids)], geo.ChinaDivisions, opt)
	if err != nil {
		return err
	}
	data, err := dcw.Encode(provincesMeta, fc)
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err = stdout.Write(data)
	} else {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "vertices %d -> %d, rings %d (+%d from the country outline, %d moved to their division) -> %d (%d collapsed), snapped %d vertices in %d border runs, %d rings reoriented, %d holes, %d bytes\n",
		st.VerticesIn, st.VerticesOut, st.RingsIn, st.Adopted, st.Reassigned, st.RingsOut, st.Collapsed, st.Snapped, st.SharedRuns, st.Reoriented, st.Holes, len(data))
	for _, d := range geo.ChinaDivisions {
		in, got := st.AreaIn[d.Code], st.AreaOut[d.Code]
		fmt.Fprintf(stderr, "%s %-15s %10.1f km² %+6.2f%%\n", d.Code, d.Name, got, 100*(got-in)/in)
	}
	return nil
}
