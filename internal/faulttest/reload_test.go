package faulttest

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// dataVersion is the version hubatlas validate reports for a hubs file.
func dataVersion(t *testing.T, hubs, categories string) string {
	t.Helper()
	out, err := exec.Command(binary, "validate", "--hubs", hubs, "--categories", categories).CombinedOutput()
	if err != nil {
		t.Fatalf("validate %s: %v\n%s", hubs, err, out)
	}
	m := regexp.MustCompile(`data version ([0-9a-f]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no data version in %s", out)
	}
	return string(m[1])
}

// TestReloadUnderLoad extends cmd/hubatlas's TestLiveReload (the file
// watcher, in-process, a few rows, four clients) to the real process
// reloading by SIGHUP alone (data.watch off) a supplier list of 5,000
// rows and one of 2,500, eight times in turn and once broken, under a
// mixed load of eight clients. It asserts that no request fails, that
// every response comes from one whole data set (its ETag names the
// version of A or B, and a hub list's count agrees with its header), and
// that each reload is in service within 10 s.
func TestReloadUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("about 10 s; skipped with -short")
	}
	cats := filepath.Join(root, "examples", "categories.yaml")
	full, err := os.ReadFile(filepath.Join(root, "examples", "suppliers.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(full), "\n")
	half := strings.Join(lines[:2501], "")
	dir := t.TempDir()
	hubs := filepath.Join(dir, "suppliers.csv")
	write := func(data string) {
		if err := os.WriteFile(hubs+".tmp", []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(hubs+".tmp", hubs); err != nil {
			t.Fatal(err)
		}
	}
	write(half)
	vHalf := dataVersion(t, hubs, cats)
	write(string(full))
	vFull := dataVersion(t, hubs, cats)
	versions := map[string]int{vFull: 5000, vHalf: 2500}

	p := startServe(t, []string{"HUBATLAS_DATA_WATCH=false"}, "--hubs", hubs, "--categories", cats)
	ids := serverIDs(t, p)
	probe := newClient(1, 10*time.Second)
	health := func() (version, status string) {
		r := get(probe, p.base+"healthz", false)
		var h struct{ Version, Status string }
		if r.err != nil || json.Unmarshal(r.body, &h) != nil {
			t.Fatalf("healthz: %v %s", r.err, r.body)
		}
		return h.Version, h.Status
	}

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var requests, failed atomic.Int64
	var mu sync.Mutex
	seen := map[string]int{}
	client := newClient(8, 30*time.Second)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 3))
			for {
				select {
				case <-stop:
					return
				default:
				}
				u := mixedURL(r, ids)
				if strings.HasPrefix(u, "api/hubs?") {
					u += "&limit=50"
				}
				res := get(client, p.base+u, r.IntN(2) == 0)
				requests.Add(1)
				bad := ""
				switch {
				case res.err != nil || res.status != 200:
					bad = "status " + strconv.Itoa(res.status)
					if res.err != nil {
						bad += ": " + res.err.Error()
					}
				case res.header.Get("ETag") != "":
					v, _, _ := strings.Cut(strings.Trim(res.header.Get("ETag"), `"`), "-")
					if _, ok := versions[v]; !ok {
						bad = "ETag of an unknown data version: " + res.header.Get("ETag")
					}
					mu.Lock()
					seen[v]++
					mu.Unlock()
				}
				if bad == "" && strings.HasPrefix(u, "api/hubs?") && res.header.Get("Content-Encoding") == "" {
					var fc struct {
						Total    int
						Features []json.RawMessage
					}
					if err := json.Unmarshal(res.body, &fc); err != nil || strconv.Itoa(fc.Total) != res.header.Get("X-Total-Count") || len(fc.Features) != min(fc.Total, 50) {
						bad = "a hub list that disagrees with itself: " + res.header.Get("X-Total-Count") + " " + strconv.Itoa(fc.Total) + " " + strconv.Itoa(len(fc.Features))
					}
				}
				if bad != "" {
					if failed.Add(1) <= 10 {
						t.Errorf("%s: %s", u, bad)
					}
				}
			}
		}()
	}

	reload := func(data, want, status string) time.Duration {
		start := time.Now()
		if data != "" {
			write(data)
		}
		p.cmd.Process.Signal(syscall.SIGHUP)
		for {
			v, s := health()
			if v == want && s == status {
				return time.Since(start)
			}
			if time.Since(start) > 10*time.Second {
				t.Fatalf("after SIGHUP: version %s status %s, want %s %s", v, s, want, status)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	var took []time.Duration
	time.Sleep(500 * time.Millisecond)
	for i := range 8 {
		if i%2 == 0 {
			took = append(took, reload(half, vHalf, "ok"))
		} else {
			took = append(took, reload(string(full), vFull, "ok"))
		}
		time.Sleep(300 * time.Millisecond)
	}
	// A broken file: the 5,000 rows stay in service, reported as degraded.
	took = append(took, reload(strings.Replace(string(full), "CN-GD,", "CN-XX,", 1), vFull, "degraded"))
	time.Sleep(300 * time.Millisecond)
	took = append(took, reload(half, vHalf, "ok"))
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	t.Logf("%d requests during 10 reloads, %d failed; responses by data version %v (%s: 5,000 rows, %s: 2,500); reload to in service %v",
		requests.Load(), failed.Load(), seen, vFull, vHalf, took)
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed", failed.Load(), requests.Load())
	}
	if seen[vFull] == 0 || seen[vHalf] == 0 {
		t.Errorf("responses by version %v: both data sets should have been served", seen)
	}
}
