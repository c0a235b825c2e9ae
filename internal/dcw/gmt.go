package dcw

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"
)

// Coast runs `gmt coast -E<id> -M` and returns the rings it prints, in
// lon/lat degrees. id is a DCW code: a country ("CN", "IN") or a state
// ("CN.FJ"). gmt names the gmt command. GMT writes a gmt.history file into
// its working directory, so it runs in a temporary directory that is
// removed afterwards. Cancelling ctx kills gmt.
func Coast(ctx context.Context, gmt, id string) ([]orb.Ring, error) {
	dir, err := os.MkdirTemp("", "hubatlas-gmt-")
	if err != nil {
		return nil, fmt.Errorf("dcw: %w", err)
	}
	defer os.RemoveAll(dir)
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, gmt, "coast", "-E"+id, "-M")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("dcw: %s coast -E%s -M: %w: %s (install Debian packages gmt and gmt-dcw)",
			gmt, id, err, strings.TrimSpace(errOut.String()))
	}
	return Parse(id, &out)
}

// CoastAll runs Coast for each id, a few at a time, and returns their
// rings in the order of ids; the first error stops the rest.
func CoastAll(ctx context.Context, gmt string, ids []string) ([][]orb.Ring, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([][]orb.Ring, len(ids))
	errs := make([]error, len(ids))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			if out[i], errs[i] = Coast(ctx, gmt, id); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Parse reads the multisegment text that `gmt coast -E... -M` prints: a
// line starting with '>' opens a ring, other lines are "lon lat" in
// degrees. name is used in error messages. Rings are returned as printed:
// not necessarily closed, in either winding.
func Parse(name string, r io.Reader) ([]orb.Ring, error) {
	var rings []orb.Ring
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
			continue
		case strings.HasPrefix(s, ">"):
			rings = append(rings, nil)
			continue
		}
		f := strings.Fields(s)
		if len(f) < 2 {
			return nil, fmt.Errorf("dcw: %s:%d: want \"lon lat\", got %q", name, line, s)
		}
		lon, err1 := strconv.ParseFloat(f[0], 64)
		lat, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil || lon < -180 || lon > 360 || lat < -90 || lat > 90 {
			return nil, fmt.Errorf("dcw: %s:%d: bad coordinate %q", name, line, s)
		}
		if len(rings) == 0 {
			return nil, fmt.Errorf("dcw: %s:%d: coordinate before the first '>' header", name, line)
		}
		rings[len(rings)-1] = append(rings[len(rings)-1], orb.Point{lon, lat})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("dcw: %s: %w", name, err)
	}
	return rings, nil
}
