package faulttest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ids reads the category, industry and province ids the server offers.
type ids struct {
	categories, industries, provinces []string
}

func serverIDs(t testing.TB, p *proc) ids {
	t.Helper()
	c := newClient(1, 10*time.Second)
	var cats []struct{ ID, Industry string }
	var provs []struct{ Code string }
	for path, v := range map[string]any{"api/categories": &cats, "api/provinces": &provs} {
		r := get(c, p.base+path, false)
		if r.err != nil || r.status != 200 {
			t.Fatalf("%s: %d %v", path, r.status, r.err)
		}
		if err := json.Unmarshal(r.body, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	var out ids
	for _, c := range cats {
		out.categories = append(out.categories, c.ID)
		if !slices.Contains(out.industries, c.Industry) {
			out.industries = append(out.industries, c.Industry)
		}
	}
	for _, p := range provs {
		out.provinces = append(out.provinces, p.Code)
	}
	return out
}

// mixedURL draws one request of the mixed load: maps with filters, sizes,
// languages and zoom boxes (most of them new to the cache), the API, CSV
// downloads, small PNG exports, the page and /healthz.
func mixedURL(r *rand.Rand, ids ids) string {
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	filter := func() url.Values {
		v := url.Values{}
		switch r.IntN(5) {
		case 0:
			v.Add("category", pick(ids.categories))
		case 1:
			v.Set("industry", pick(ids.industries))
		case 2:
			v.Set("province", pick(ids.provinces))
		case 3:
			v.Set("q", pick([]string{"toy", "shoe", "鞋", "bag", "steel", "led", "ceramic"}))
		}
		return v
	}
	bbox := func(v url.Values) {
		w := 2 + r.Float64()*18
		h := w * (0.5 + r.Float64()*0.4)
		west, south := 73+r.Float64()*(62-w), 18+r.Float64()*(36-h)
		v.Set("bbox", fmt.Sprintf("%.2f,%.2f,%.2f,%.2f", west, south, west+w, south+h))
	}
	switch n := r.IntN(100); {
	case n < 40:
		v := filter()
		v.Set("width", fmt.Sprint(320+r.IntN(1280)))
		v.Set("height", fmt.Sprint(320+r.IntN(880)))
		v.Set("lang", pick([]string{"en", "zh", "both"}))
		if r.IntN(3) == 0 {
			v = url.Values{}
			bbox(v)
		}
		return "map.svg?" + v.Encode()
	case n < 50:
		return "api/hubs?" + filter().Encode()
	case n < 60:
		v := filter()
		bbox(v)
		v.Set("width", "960")
		v.Set("height", "720")
		return "api/view?" + v.Encode()
	case n < 70:
		return "download.csv?" + filter().Encode()
	case n < 80:
		v := filter()
		v.Set("width", fmt.Sprint(320+r.IntN(160)))
		v.Set("height", fmt.Sprint(320+r.IntN(160)))
		return "export.png?" + v.Encode()
	case n < 90:
		return "?" + filter().Encode()
	default:
		return "healthz"
	}
}

// TestSustainedLoad runs a mixed load for 60 s (after 5 s of warm-up) and
// asserts zero failed requests and flat memory: the server's mean RSS
// over the last 10 s is at most 1.25 times its mean over the first 10 s.
//
// Why 1.25: the cache is bounded (cache.max_mb 3) and the collector has a
// soft limit (server.memory_limit_mb 44), so once warm the server's RSS
// only swings with the garbage cycle and the scavenger: the two windows
// differ by 2 to 6 % here. A leak of 1 KB a request, at the 110 to 180
// requests a second of this test here, would add 7 to 11 MB over the
// minute, and one of 3 KB past 25 % of the resident set (80 to 115 MB
// here, PNG exports included).
func TestSustainedLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("60 s of load; skipped with -short")
	}
	const (
		warmup  = 5 * time.Second
		measure = 60 * time.Second
		window  = 10 * time.Second
		workers = 8
		limit   = 1.25
	)
	duration := measure
	if d, err := time.ParseDuration(os.Getenv("FAULTTEST_LOAD_DURATION")); err == nil && d >= 3*window {
		duration = d // a longer soak by hand
	}
	p := startServe(t, nil)
	ids := serverIDs(t, p)
	client := newClient(workers, 30*time.Second)

	type sample struct {
		at  time.Duration
		rss int64
	}
	var (
		samples  []sample
		requests atomic.Int64
		failed   atomic.Int64
		bytes    atomic.Int64
		mu       sync.Mutex
		lat      []time.Duration
		perRoute = map[string]int{}
	)
	start := time.Now()
	measureFrom := start.Add(warmup)
	end := measureFrom.Add(duration)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 42))
			for time.Now().Before(end) {
				u := mixedURL(r, ids)
				res := get(client, p.base+u, r.IntN(2) == 0)
				if time.Now().Before(measureFrom) {
					continue
				}
				requests.Add(1)
				bytes.Add(int64(len(res.body)))
				if res.err != nil || res.status != 200 {
					if failed.Add(1) <= 10 {
						t.Errorf("%s: status %d, %v: %.200s", u, res.status, res.err, res.body)
					}
					continue
				}
				route, _, _ := strings.Cut(u, "?")
				mu.Lock()
				lat = append(lat, res.took)
				perRoute[route]++
				mu.Unlock()
			}
		}()
	}
	// Sample RSS every 250 ms during the measured minute.
	for now := time.Now(); now.Before(end); now = time.Now() {
		if now.After(measureFrom) {
			samples = append(samples, sample{now.Sub(measureFrom), p.rss()})
		}
		time.Sleep(250 * time.Millisecond)
	}
	wg.Wait()

	mean := func(from, to time.Duration) (sum float64) {
		n := 0
		for _, s := range samples {
			if s.at >= from && s.at < to {
				sum += float64(s.rss)
				n++
			}
		}
		return sum / float64(max(n, 1))
	}
	first, last := mean(0, window), mean(duration-window, duration)
	slices.Sort(lat)
	n := requests.Load()
	t.Logf("%d requests in %v (%.0f req/s, %.1f MB/s), %d failed; latency p50 %v, p99 %v, max %v",
		n, duration, float64(n)/duration.Seconds(), float64(bytes.Load())/duration.Seconds()/1e6, failed.Load(),
		percentile(lat, 50).Round(time.Microsecond), percentile(lat, 99).Round(time.Microsecond), percentile(lat, 100).Round(time.Millisecond))
	t.Logf("requests by route: %v", perRoute)
	t.Logf("RSS: mean of the first 10 s %s, of the last 10 s %s (ratio %.3f, limit %.2f); peak (VmHWM) %s",
		mb(int64(first)), mb(int64(last)), last/first, limit, mb(p.hwm()))
	if failed.Load() > 0 {
		t.Errorf("%d of %d requests failed", failed.Load(), n)
	}
	if n < 1000 {
		t.Errorf("only %d requests in %v", n, duration)
	}
	if last > limit*first {
		t.Errorf("RSS grew from %s to %s over the run: more than %.2f×", mb(int64(first)), mb(int64(last)), limit)
	}
}
