package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestDataFilesMustBePlain: a device, a FIFO or a directory named as a
// data or config file is refused at once, with a message naming it,
// instead of blocking forever or reading without end; so is a file over
// the size limit.
func TestDataFilesMustBePlain(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "hubs.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	small := writeConfig(t, "data:\n  max_file_mb: 1\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "--hubs", "/dev/zero"}, "/dev/zero is not a regular file (a device): data files must be plain files"},
		{[]string{"validate", "--hubs", fifo}, fifo + " is not a regular file (a named pipe)"},
		{[]string{"validate", "--boundaries", dir}, dir + " is not a regular file (a directory)"},
		{[]string{"validate", "--categories", fifo}, "a named pipe"},
		{[]string{"validate", "--config", small, "--hubs", big}, big + " is larger than 1 MB (data.max_file_mb)"},
		{[]string{"validate", "--config", "/dev/zero"}, "config: /dev/zero is not a regular file (a device)"},
		{[]string{"serve", "--config", fifo}, "config: " + fifo + " is not a regular file (a named pipe)"},
	} {
		done := make(chan struct{})
		var code int
		var errOut string
		go func() {
			code, _, errOut = hubatlas(t, c.args...)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%v: still running after 20 s", c.args)
		}
		if code != 1 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 1 and %q", c.args, code, errOut, c.want)
		}
	}
}

// running is hubatlas serve running in-process on a free port.
type running struct {
	base   string
	cancel context.CancelFunc
	done   chan error
}

func startServe(t *testing.T, args ...string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &running{cancel: cancel, done: make(chan error, 1)}
	go func() {
		var errOut strings.Builder
		err := runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), pw, &errOut)
		pw.Close()
		if err != nil {
			err = fmt.Errorf("%w\n%s", err, errOut.String())
		}
		s.done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("serve: %v %v", err, <-s.done)
	}
	go io.Copy(io.Discard, pr)
	s.base = regexp.MustCompile(`http://[^/]+/`).FindString(line)
	t.Cleanup(func() {
		cancel()
		if err := <-s.done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return s
}

type health struct {
	Status  string `json:"status"`
	Version string `json:"version"`
	Hubs    int    `json:"hubs"`
	Reload  *struct {
		Error    string   `json:"error"`
		Problems []string `json:"problems"`
	} `json:"reload"`
}

func (s *running) health(t *testing.T) health {
	t.Helper()
	res, err := http.Get(s.base + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var h health
	if err := json.NewDecoder(res.Body).Decode(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

// waitFor polls /healthz until ok says so, for at most 15 s.
func (s *running) waitFor(t *testing.T, what string, ok func(health) bool) health {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		h := s.health(t)
		if ok(h) {
			return h
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: /healthz says %+v", what, h)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const reloadHeader = "id,name,province,lat,lon,products,categories\n"

func hubsCSV(n int) string {
	var b strings.Builder
	b.WriteString(reloadHeader)
	for i := range n {
		fmt.Fprintf(&b, "s%d,Dongguan Toys %d,CN-GD,%.4f,113.75,Dolls,toys\n", i, i, 23.0+float64(i)*0.001)
	}
	return b.String()
}

// writeAtomically writes a file the way editors save: a temporary file
// renamed over the old one.
func writeAtomically(t *testing.T, path, data string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestLiveReload serves a hubs file while clients request maps and lists
// without pause, then changes the file as editors do (renamed over,
// broken, deleted and created again). New data is picked up each time; a
// broken file keeps the previous data in service while /healthz says why;
// and no request fails throughout.
func TestLiveReload(t *testing.T) {
	dir := t.TempDir()
	hubs := filepath.Join(dir, "hubs.csv")
	if err := os.WriteFile(hubs, []byte(hubsCSV(3)), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, "--config", writeConfig(t, "log:\n  level: error\n"), "--hubs", hubs)
	if h := s.health(t); h.Hubs != 3 || h.Status != "ok" {
		t.Fatalf("start: %+v", h)
	}

	// Clients keep asking while the data changes under them.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var requests, failures atomic.Int64
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				path := []string{"map.svg?width=%d", "api/hubs?q=toy&width=%d", "?width=%d", "download.csv?width=%d"}[(i+w)%4]
				res, err := client.Get(s.base + fmt.Sprintf(path, 400+i%300))
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					t.Errorf("request failed: %v", err)
					continue
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					failures.Add(1)
					t.Errorf("%s: status %d", path, res.StatusCode)
				}
			}
		}()
	}

	writeAtomically(t, hubs, hubsCSV(5))
	s.waitFor(t, "5 hubs after a rename over the file", func(h health) bool { return h.Hubs == 5 && h.Status == "ok" })

	writeAtomically(t, hubs, reloadHeader+"s1,Dongguan Toys,CN-GD,not-a-latitude,113.75,Dolls,toys\n")
	h := s.waitFor(t, "degraded after a broken file", func(h health) bool { return h.Status == "degraded" })
	if h.Hubs != 5 || h.Reload == nil || len(h.Reload.Problems) == 0 ||
		!strings.Contains(h.Reload.Problems[0], `hubs.csv:2: row 1 (s1): lat: "not-a-latitude" is not a number`) {
		t.Errorf("after a broken file: %+v %+v", h, h.Reload)
	}

	if err := os.WriteFile(hubs, nil, 0o644); err != nil { // half-written: empty
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	if h := s.health(t); h.Hubs != 5 || h.Status != "degraded" {
		t.Errorf("after an empty file: %+v", h)
	}

	if err := os.Remove(hubs); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := os.WriteFile(hubs, []byte(hubsCSV(7)), 0o644); err != nil {
		t.Fatal(err)
	}
	s.waitFor(t, "7 hubs after delete and re-create", func(h health) bool { return h.Hubs == 7 && h.Status == "ok" })

	close(stop)
	wg.Wait()
	t.Logf("%d requests during the reloads, %d failed", requests.Load(), failures.Load())
	if requests.Load() < 20 {
		t.Errorf("only %d requests during the reloads", requests.Load())
	}
}
