// Command hubatlas shows where in China things are made: it validates and
// lists the hub data, renders SVG maps and serves the interactive dashboard.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errUsage means the flags were wrong; the flag package has said why.
var errUsage = errors.New("usage")

const usage = `hubatlas: where in China things are made.

Usage:
  hubatlas serve [--config config.yaml] [--addr host:port] [--boundaries FILE] [--hubs FILE]
  hubatlas validate [--boundaries FILE] [--hubs FILE]
  hubatlas list [--category ID]... [--industry ID] [--province CN-XX] [--q TEXT] [--format table|json|geojson|csv]
  hubatlas render [filters] [--lang en|zh|both] [--width N] [--height N] [--title TEXT] [-o FILE|-]
  hubatlas data import-dcw [-o FILE]
  hubatlas data import-context [-o FILE] [-scs FILE]

Run "hubatlas COMMAND -h" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit code: 0 on success,
// 1 when the command failed, 2 for usage errors.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "validate":
		err = runValidate(ctx, rest, stdout, stderr)
	case "list":
		err = runList(ctx, rest, stdout, stderr)
	case "serve":
		err = runServe(ctx, rest, stdout, stderr)
	case "render":
		err = runRender(ctx, rest, stdout, stderr)
	case "data":
		err = runData(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "hubatlas: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "hubatlas: %v\n", err)
		return 1
	}
}
