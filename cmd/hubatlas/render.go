package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// runRender writes the map for the filters to a file or stdout.
func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("render", stderr)
	var req requestFlags
	req.register(c.fs, render.FilterParam, render.ViewParam)
	out := c.fs.String("o", "-", "output file, - for standard output")
	if err := c.parse(args); err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return fmt.Errorf("render: unexpected argument %q", c.fs.Arg(0))
	}
	cfg, a, err := c.load(ctx)
	if err != nil {
		return err
	}
	r, err := req.request(a, cfg.defaultRequest())
	if err != nil {
		return err
	}
	s, err := render.Build(ctx, a, r)
	if err != nil {
		return flagError(err)
	}
	var buf bytes.Buffer
	if err := render.WriteSVG(&buf, s); err != nil {
		return err
	}
	if *out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}

// flagError words a *geo.InvalidError as a flag error.
func flagError(err error) error {
	var ie *geo.InvalidError
	if !errors.As(err, &ie) {
		return err
	}
	if ie.Param == "parameter" {
		return fmt.Errorf("unknown flag --%s: valid flags are %s", ie.Value, flagWords(ie.Valid))
	}
	if len(ie.Valid) > 0 {
		return fmt.Errorf("--%s %q is not valid: valid values are %s", ie.Param, ie.Value, strings.Join(ie.Valid, ", "))
	}
	return fmt.Errorf("--%s %q is not valid: %s", ie.Param, ie.Value, ie.Hint)
}
