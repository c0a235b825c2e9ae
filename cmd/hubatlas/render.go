package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// runRender writes the map for the filters to a file or stdout, as SVG,
// PNG or PDF: --format, else the output file's extension, else SVG.
func runRender(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("render", stderr)
	var req requestFlags
	req.register(c.fs, render.FilterParam, render.ViewParam)
	out := c.fs.String("o", "-", "output file (.svg, .png or .pdf), - for standard output")
	format := c.fs.String("format", "", "svg, png or pdf; empty: from the output file's extension, else svg")
	if err := c.parse(args); err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return fmt.Errorf("render: unexpected argument %q", c.fs.Arg(0))
	}
	w, err := writerFor(*format, *out)
	if err != nil {
		return err
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
	if w.name != "svg" {
		if missing, err := render.MissingGlyphs(s); err == nil && len(missing) > 0 {
			fmt.Fprintf(stderr, "hubatlas: warning: %d characters have no glyph in the embedded fonts and are drawn as boxes: %s\n", len(missing), strings.Join(strings.Split(string(missing), ""), " "))
		}
	}
	var buf bytes.Buffer
	if err := w.write(ctx, &buf, s); err != nil {
		return flagError(err)
	}
	if *out == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}

// mapWriter is one output format of a map.
type mapWriter struct {
	name  string
	write func(context.Context, io.Writer, *render.Scene) error
}

// mapWriters are the formats render writes.
var mapWriters = []mapWriter{
	{"svg", func(_ context.Context, w io.Writer, s *render.Scene) error { return render.WriteSVG(w, s) }},
	{"png", render.WritePNG},
	{"pdf", render.WritePDF},
}

// writerFor picks the format: as given, else by the file's extension.
func writerFor(format, out string) (mapWriter, error) {
	names := make([]string, len(mapWriters))
	for i, w := range mapWriters {
		names[i] = w.name
	}
	given := format != ""
	if !given {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
		if out == "-" || format == "" {
			format = "svg"
		}
	}
	for _, w := range mapWriters {
		if w.name == strings.ToLower(format) {
			return w, nil
		}
	}
	if given {
		return mapWriter{}, fmt.Errorf("--format %q is not valid: valid values are %s", format, strings.Join(names, ", "))
	}
	return mapWriter{}, fmt.Errorf("-o %s: unknown extension .%s; use .svg, .png or .pdf, or --format %s", out, format, strings.Join(names, "|"))
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
