package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
)

// runValidate loads and checks the data and prints a summary; every problem
// is printed at once on failure.
func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("validate", stderr)
	if err := c.parse(args); err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return fmt.Errorf("validate: unexpected argument %q", c.fs.Arg(0))
	}
	_, a, err := c.load(ctx)
	if err != nil {
		return err
	}
	vertices, arcs := 0, len(a.Topology.Arcs)
	for _, arc := range a.Topology.Arcs {
		vertices += len(arc)
	}
	how := ""
	if a.Catalog.Derived {
		how = ", made from the hubs' own categories"
	}
	hubs := "hubs"
	if len(a.Hubs) == 1 {
		hubs = "hub"
	}
	if a.LeftOut > 0 {
		hubs += fmt.Sprintf(" (%d left out for their problems: see the notes)", a.LeftOut)
	}
	fmt.Fprintf(stdout, "ok: %d divisions, %d %s, %d categories in %d industries%s\n",
		len(a.Divisions), len(a.Hubs), hubs, len(a.Categories), len(a.Industries), how)
	inside := "every hub is placed in its province"
	notes := 0 // of the hubs loaded, not of the rows left out
	for _, n := range a.Notes {
		if !strings.HasPrefix(n.Msg, geo.LeftOutPrefix) {
			notes++
		}
	}
	switch n := notes; {
	case n == 1:
		inside += " (a note on standard error)"
	case n > 1:
		inside += fmt.Sprintf(" (%d notes on standard error)", n)
	}
	fmt.Fprintf(stdout, "%s; %d shared arcs, %d vertices; boundary file shape %s; data version %s\n",
		inside, arcs, vertices, a.Schema, a.Version)
	for _, s := range []struct{ what, cite string }{
		{"hubs", a.Sources.Hubs.Citation()}, {"boundaries", a.Sources.Boundaries.Citation()}, {"categories", a.Sources.Categories.Citation()},
	} {
		if s.cite != "" {
			fmt.Fprintf(stdout, "%s: %s\n", s.what, s.cite)
		}
	}
	return nil
}
