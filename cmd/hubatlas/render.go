package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// runRender writes the export SVG for the filters to a file or stdout.
func runRender(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var data dataFlags
	var filt filterFlags
	data.register(fs)
	filt.register(fs)
	lang := fs.String("lang", "en", "label language: en, zh or both")
	width := fs.Int("width", render.DefaultWidth, "width in px")
	height := fs.Int("height", render.DefaultHeight, "height in px")
	title := fs.String("title", "", "title (default: says what the map shows)")
	products := fs.String("products", "auto", "second label line with products: auto, on or off")
	out := fs.String("o", "-", "output file, - for standard output")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("render: unexpected argument %q", fs.Arg(0))
	}
	a, err := data.load()
	if err != nil {
		return err
	}
	f, err := filt.filter(a)
	if err != nil {
		return err
	}
	opt := render.Options{Width: *width, Height: *height, Lang: *lang, Title: *title, Province: f.Province}
	switch *products {
	case "auto":
	case "on":
		opt.Products = render.ProductsOn
	case "off":
		opt.Products = render.ProductsOff
	default:
		return fmt.Errorf("--products %q is not valid: valid values are auto, on, off", *products)
	}
	f.Province = "" // the focus shows its neighbours' hubs too
	s, err := render.Build(a, f, opt)
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
	if len(ie.Valid) > 0 {
		return fmt.Errorf("--%s %q is not valid: valid values are %s", ie.Param, ie.Value, strings.Join(ie.Valid, ", "))
	}
	return fmt.Errorf("--%s %q is not valid: %s", ie.Param, ie.Value, ie.Hint)
}
