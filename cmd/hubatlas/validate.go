package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// runValidate loads and checks the data and prints a summary; every problem
// is printed at once on failure.
func runValidate(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var data dataFlags
	data.register(fs)
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	a, err := data.load()
	if err != nil {
		return err
	}
	vertices, arcs := 0, len(a.Topology.Arcs)
	for _, arc := range a.Topology.Arcs {
		vertices += len(arc)
	}
	fmt.Fprintf(stdout, "ok: %d divisions, %d hubs, %d categories in %d industries\n",
		len(a.Divisions), len(a.Hubs), len(a.Categories), len(a.Industries))
	fmt.Fprintf(stdout, "every hub lies inside its province; %d shared arcs, %d vertices; data version %s\n",
		arcs, vertices, a.Version)
	return nil
}
