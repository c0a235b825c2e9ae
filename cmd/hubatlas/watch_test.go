package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hubatlas/hubatlas/geo"
)

// TestWatchWaitsForTheFileToSettle: a data file written in pieces, with
// pauses shorter than quietPeriod between them, is loaded once, whole.
// With a 300 ms wait, each pause had loaded what was written so far.
func TestWatchWaitsForTheFileToSettle(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hubs.csv")
	whole := bytes.Repeat([]byte("a,b,c\n"), 5000)
	if err := os.WriteFile(file, whole, 0o644); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var loaded []int
	r := newReloader([]string{file}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.load = func(context.Context) (*geo.Atlas, error) {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		loaded = append(loaded, len(b))
		mu.Unlock()
		return &geo.Atlas{}, nil
	}
	r.swap, r.fail = func(*geo.Atlas) {}, func(error) {}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.run(ctx)
	if err := r.watch(ctx); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(file) // truncates, as an in-place rewrite does
	if err != nil {
		t.Fatal(err)
	}
	// Pauses of half a second, as a slow copy makes.
	pause := 500 * time.Millisecond
	for i := 0; i < len(whole); i += len(whole) / 5 {
		if _, err := f.Write(whole[i:min(i+len(whole)/5, len(whole))]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(pause)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(quietPeriod + time.Second)
	mu.Lock()
	defer mu.Unlock()
	if len(loaded) != 1 || loaded[0] != len(whole) {
		t.Errorf("loaded %v bytes, want the whole %d once", loaded, len(whole))
	}
}
