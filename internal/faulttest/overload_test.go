package faulttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// shippedQueue reads server.max_queue and server.queue_timeout from the
// shipped config.yaml; ok is false when it has neither (a server without
// admission control).
func shippedQueue(t *testing.T) (maxQueue int, timeout time.Duration, ok bool) {
	b, err := os.ReadFile(filepath.Join(root, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Server struct {
			MaxQueue     int    `yaml:"max_queue"`
			QueueTimeout string `yaml:"queue_timeout"`
		}
	}
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	timeout, err = time.ParseDuration(c.Server.QueueTimeout)
	return c.Server.MaxQueue, timeout, err == nil && c.Server.MaxQueue > 0
}

// TestOverload asks for more uncached renders at once than the server
// admits, with the shipped config: server.max_queue (128) waiting plus one
// drawing per CPU, and 32 more, each client asking again as soon as it is
// answered, for 6 s, every request a PNG never drawn before (an A4 page at
// 96 dpi, about 0.1 s of one core). It asserts that every request either
// succeeds, whole, within server.queue_timeout plus 5 s, or gets 503 with
// a Retry-After: at once (within 1 s) when the queue is full, within
// queue_timeout plus 1 s when its wait ran out; that at least one 503
// comes; that cached maps, the API and /healthz stay within normalBound
// throughout; and that the server draws normally afterwards.
//
// A server that queues every render instead of refusing some is reported
// as a skip, once the rest of the test has passed.
func TestOverload(t *testing.T) {
	if testing.Short() {
		t.Skip("about 15 s; skipped with -short")
	}
	maxQueue, queueTimeout, admits := shippedQueue(t)
	if !admits {
		maxQueue, queueTimeout = 128, 5*time.Second // what to expect of one
	}
	const (
		duration = 6 * time.Second
		// A refusal of a full queue is a decision, not a render: 1 s
		// leaves room for a machine whose CPUs the renders hold.
		fast = time.Second
	)
	clients := maxQueue + runtime.NumCPU() + 32
	p := startServe(t, nil)
	probe := newClient(2, 30*time.Second)
	// Twice: the server keeps a map from its second request on.
	for range 2 {
		if r := get(probe, p.base+"map.svg?category=toys", false); r.status != 200 {
			t.Fatalf("warm-up: %d %v", r.status, r.err)
		}
	}

	var (
		n        atomic.Int64
		mu       sync.Mutex
		ok       []time.Duration
		shed     = map[string][]time.Duration{}
		retry    = map[string]int{}
		problems int
		wg       sync.WaitGroup
	)
	fail := func(format string, args ...any) {
		if problems++; problems <= 10 {
			t.Errorf(format, args...)
		}
	}
	client := newClient(clients, 2*time.Minute)
	end := time.Now().Add(duration)
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				u := fmt.Sprintf("%sexport.png?page=a4&dpi=96&title=overload+%d", p.base, n.Add(1))
				r := get(client, u, false)
				mu.Lock()
				switch {
				case r.err != nil:
					fail("%s: %v (after %v)", u, r.err, r.took.Round(time.Millisecond))
				case r.status == http.StatusOK:
					if !bytes.HasPrefix(r.body, []byte("\x89PNG\r\n\x1a\n")) {
						fail("%s: 200 without a PNG: %.100q", u, r.body)
					}
					if r.took > queueTimeout+5*time.Second {
						fail("%s: drawn after %v: the wait for a slot is not bounded by queue_timeout (%v)", u, r.took.Round(time.Millisecond), queueTimeout)
					}
					ok = append(ok, r.took)
				case r.status == http.StatusServiceUnavailable:
					ra := r.header.Get("Retry-After")
					retry[ra]++
					if s, err := strconv.Atoi(ra); err != nil || s < 1 {
						if _, err := http.ParseTime(ra); err != nil {
							fail("%s: 503 with Retry-After %q: want seconds or a date", u, ra)
						}
					}
					var body struct{ Reason, Error string }
					json.Unmarshal(r.body, &body)
					switch body.Reason {
					case "queue_full", "":
						if r.took > fast {
							fail("%s: 503 (%s) after %v: a full queue must refuse at once (within %v)", u, body.Reason, r.took.Round(time.Millisecond), fast)
						}
					default:
						if r.took > queueTimeout+time.Second {
							fail("%s: 503 (%s) after %v: later than queue_timeout (%v)", u, body.Reason, r.took.Round(time.Millisecond), queueTimeout)
						}
					}
					if r.header.Get("Content-Disposition") != "" || r.header.Get("ETag") != "" {
						fail("%s: 503 with the headers of a download: %v", u, r.header)
					}
					shed[body.Reason] = append(shed[body.Reason], r.took)
				default:
					fail("%s: status %d: %.200s", u, r.status, r.body)
				}
				mu.Unlock()
			}
		}()
	}
	// Meanwhile: what needs no render stays quick.
	var probes []time.Duration
	for i := 0; time.Now().Before(end); i++ {
		path := []string{"healthz", "map.svg?category=toys", "api/hubs?category=toys"}[i%3]
		r := get(probe, p.base+path, false)
		if r.err != nil || r.status != 200 {
			t.Errorf("during the overload, %s: %d %v", path, r.status, r.err)
		} else if r.took > normalBound {
			t.Errorf("during the overload, %s took %v (more than %v)", path, r.took.Round(time.Millisecond), normalBound)
		}
		probes = append(probes, r.took)
		time.Sleep(100 * time.Millisecond)
	}
	hwm := p.hwm()
	wg.Wait()
	slices.Sort(ok)
	slices.Sort(probes)
	refused := 0
	var reasons []string
	for reason, ds := range shed {
		slices.Sort(ds)
		refused += len(ds)
		reasons = append(reasons, fmt.Sprintf("%d %q (p50 %v, max %v)", len(ds), reason,
			percentile(ds, 50).Round(time.Millisecond), percentile(ds, 100).Round(time.Millisecond)))
	}
	slices.Sort(reasons)
	t.Logf("%d clients, %d renders asked for in %v: %d drawn (p50 %v, max %v); %d refused with 503: %v; Retry-After %v",
		clients, len(ok)+refused, duration, len(ok), percentile(ok, 50).Round(time.Millisecond), percentile(ok, 100).Round(time.Millisecond),
		refused, reasons, retry)
	t.Logf("cached map, API and /healthz during the overload: %d requests, p50 %v, max %v; server VmHWM %s",
		len(probes), percentile(probes, 50).Round(time.Microsecond), percentile(probes, 100).Round(time.Millisecond), mb(hwm))

	// Afterwards the server draws and answers as before.
	for _, path := range []string{"healthz", "export.png?page=a4&dpi=150&title=after", "map.svg?width=777"} {
		if r := get(probe, p.base+path, false); r.err != nil || r.status != 200 {
			t.Errorf("after the overload, %s: %d %v", path, r.status, r.err)
		}
	}
	if len(ok) == 0 {
		t.Error("no render succeeded")
	}
	if refused == 0 && !t.Failed() {
		t.Skipf("the server queued all %d renders (slowest %v) and refused none: no 503 with Retry-After under overload "+
			"(server.max_queue and server.queue_timeout not in config.yaml: %v); everything else held",
			len(ok), percentile(ok, 100).Round(time.Millisecond), !admits)
	}
	if refused == 0 {
		t.Error("no request was refused with 503")
	}
}
