package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/hubatlas/hubatlas/geo"
)

// reloader loads the data again when asked (SIGHUP) or when a data file
// changes, and swaps it into the server only when the whole new set is
// valid: a broken, half-written or empty file keeps the previous data in
// service and is reported (log, /healthz, the page) until a good one
// arrives. Reloads run one at a time, each bounded by data.load_timeout.
type reloader struct {
	load func(context.Context) (*geo.Atlas, error)
	swap func(*geo.Atlas)
	fail func(error)
	log  *slog.Logger
	mem  *memoryLimit // lifted while loading, fit to the data after; nil: none
	// settle is how long after a reload the memory limit is fit again,
	// once the requests still on the previous data are done (the server's
	// write_timeout bounds them); 0: not again.
	settle time.Duration
	files  []string // the data files named in the config, absolute
	// debounce is how long the files must stay quiet before a reload:
	// editors and copies write a file in several steps (quietPeriod).
	debounce time.Duration
	kick     chan string // reasons to reload
}

// quietPeriod is how long a data file must go unwritten before it is
// loaded. A file written in pieces with pauses between (a slow copy, a
// program flushing as it goes) had been loaded whole at each pause that
// ended on a row: 563 suppliers, then 3,108, then 5,000, each served and
// cached for max-age, with 300 ms. Nothing tells a pause from the end;
// a file written elsewhere and renamed into place (mv, most editors) is
// loaded once, whole, however long the writing took.
const quietPeriod = 2 * time.Second

func newReloader(files []string, log *slog.Logger) *reloader {
	r := &reloader{log: log, debounce: quietPeriod, kick: make(chan string, 1)}
	for _, f := range files {
		if f == "" {
			continue
		}
		if abs, err := filepath.Abs(f); err == nil {
			r.files = append(r.files, abs)
		}
	}
	return r
}

// request asks for a reload; requests made while one is pending merge.
func (r *reloader) request(why string) {
	select {
	case r.kick <- why:
	default:
	}
}

// run reloads on request until ctx ends, and fits the memory limit again
// once a reload has settled.
func (r *reloader) run(ctx context.Context) {
	var settled <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case why := <-r.kick:
			r.reload(ctx, why)
			if r.settle > 0 && r.mem != nil {
				settled = time.After(r.settle)
			}
		case <-settled:
			settled = nil
			r.mem.fit()
		}
	}
}

func (r *reloader) reload(ctx context.Context, why string) {
	start := time.Now()
	r.mem.lift()
	// The parse's garbage (and, once the requests still on it end, the
	// previous atlas) goes back to the OS, as at start, and the memory
	// limit is fit to the data served, new or kept.
	defer r.mem.fit()
	a, err := r.load(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		r.fail(err)
		r.log.Error("reload failed; still serving the previous data", "why", why, "err", err)
		return
	}
	r.swap(a)
	logNotes(r.log, a)
	r.log.Info("reloaded", "why", why, "data", a.Version, "hubs", len(a.Hubs), "took", time.Since(start).Round(time.Millisecond))
}

// watch follows the data files with fsnotify until ctx ends. It watches
// their directories, not the files: editors save by writing a new file
// and renaming it over the old one, or by deleting and re-creating it,
// and a watch on the file itself would die with the old inode. Events are
// debounced; then a reload is requested.
func (r *reloader) watch(ctx context.Context) error {
	if len(r.files) == 0 {
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, f := range r.files {
		d := filepath.Dir(f)
		if !dirs[d] {
			if err := w.Add(d); err != nil {
				w.Close()
				return err
			}
			dirs[d] = true
		}
	}
	go func() {
		defer w.Close()
		var timer *time.Timer
		var fire <-chan time.Time
		changed := ""
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !r.isDataFile(ev.Name) || ev.Op == fsnotify.Chmod {
					continue
				}
				changed = filepath.Base(ev.Name)
				if timer == nil {
					timer = time.NewTimer(r.debounce)
				} else {
					timer.Reset(r.debounce)
				}
				fire = timer.C
			case <-fire:
				fire = nil
				r.request(changed + " changed")
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				r.log.Warn("watching the data files", "err", err)
			}
		}
	}()
	return nil
}

func (r *reloader) isDataFile(name string) bool {
	abs, err := filepath.Abs(name)
	if err != nil {
		return false
	}
	for _, f := range r.files {
		if f == abs {
			return true
		}
	}
	return false
}

// logNotes logs what loading changed in the data (geo.Atlas.Notes), one
// warning each.
func logNotes(log *slog.Logger, a *geo.Atlas) {
	for _, n := range a.Notes {
		log.Warn("data note", "note", n.String())
	}
}
