package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// common is what every command takes: the config file and the data
// files, which override config.yaml's data section.
type common struct {
	fs      *flag.FlagSet
	cfgPath string
	data    dataFlags
}

func newCommon(name string, stderr io.Writer) *common {
	c := &common{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.cfgPath, "config", "config.yaml", "config file (default ./config.yaml when it exists)")
	c.data.register(c.fs)
	return c
}

// parse parses the flags; it returns errUsage after the flag package has
// explained a mistake.
func (c *common) parse(args []string) error {
	if err := c.fs.Parse(args); err != nil {
		return errUsage
	}
	return nil
}

// config loads the config file, the environment and the flags, with the
// given extra overrides on top.
func (c *common) config(extra map[string]any) (*Config, error) {
	explicit := false
	c.fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "config" })
	return loadConfig(c.cfgPath, explicit, c.data.overrides(extra))
}

// load reads the config and then the data it names.
func (c *common) load(ctx context.Context) (*Config, *geo.Atlas, error) {
	cfg, err := c.config(nil)
	if err != nil {
		return nil, nil, err
	}
	l := &loader{cfg: cfg.Data}
	a, err := l.load(ctx)
	if err == nil {
		c.tellNotes(a)
	}
	return cfg, a, err
}

// tellNotes writes what loading changed in the data (geo.Atlas.Notes) to
// standard error: the data loaded, but the user should know.
func (c *common) tellNotes(a *geo.Atlas) {
	for _, n := range a.Notes {
		fmt.Fprintf(c.fs.Output(), "hubatlas: note: %s\n", n)
	}
}

// defaultRequest is the request the config's map section describes.
func (cfg *Config) defaultRequest() render.Request {
	return render.Request{Options: render.Options{
		Width: cfg.Map.Width, Height: cfg.Map.Height, Lang: cfg.Map.Lang,
		Edition: cfg.Map.Edition, Approval: cfg.Map.ApprovalNumber, Palette: cfg.palette(),
	}}
}

// palette is the config's palette, colours in lower case.
func (cfg *Config) palette() *render.Palette {
	classes := make([]string, len(cfg.Palette.Classes))
	for i, c := range cfg.Palette.Classes {
		classes[i] = strings.ToLower(c)
	}
	return &render.Palette{Zero: strings.ToLower(cfg.Palette.Zero), Classes: classes}
}
