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
  hubatlas serve    [--config FILE] [--addr HOST:PORT] [data flags]
  hubatlas validate [data flags]
  hubatlas list     [data flags] [filters] [--format table|json|geojson|csv|xlsx] [-o FILE]
  hubatlas render   [data flags] [filters] [view flags] [--format svg|png|pdf] [-o map.svg|map.png|map.pdf]
  hubatlas data import-dcw [-o FILE]
  hubatlas data import-context [-o FILE] [-scs FILE]

data flags: --hubs FILE (.csv, .xlsx, .yaml, .geojson) --categories FILE --boundaries FILE
            --sheet NAME --encoding auto|utf-8|gb18030|utf-16 --delimiter auto|,|;|tab
            --leave-out-bad-rows
filters:    --category ID (repeatable) --industry ID --province CN-XX --q TEXT
view flags: --lang en|zh|both --page a4|a4-landscape|a5|letter|letter-landscape|slide|column|WxHmm
            --dpi N --width N --height N --focus CN-XX --bbox W,S,E,N --edition intl|cn
            --products auto|on|off --shade count|value|none --province-names auto|on|off
            --graticule on|off --title TEXT

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
