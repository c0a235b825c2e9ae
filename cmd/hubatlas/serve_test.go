package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestShippedConfigIsTheDefaults(t *testing.T) {
	shipped, err := loadConfig("../../config.yaml", true, nil)
	if err != nil {
		t.Fatal(err)
	}
	none, err := loadConfig("", false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%+v", shipped) != fmt.Sprintf("%+v", none) {
		t.Errorf("config.yaml and the built-in defaults differ:\n%+v\n%+v", shipped, none)
	}
}

func TestConfigErrorsNameTheKey(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"server:\n  adr: :9000\n", "unknown key server.adr"},
		{"sever:\n  addr: :9000\n", "unknown key sever.addr"},
		{"server:\n  addr: nope\n", `server.addr "nope": want host:port`},
		{"server:\n  read_timeout: soon\n", "read_timeout"},
		{"map:\n  lang: fr\n", `map.lang "fr": valid values are en, zh, both`},
		{"map:\n  width: 10\n", `map.width "10": out of range: want a whole number of px from 320 to 4000`},
		{"cache:\n  entries: -1\n", `cache.entries "-1": out of range`},
		{"log:\n  level: loud\n", `log.level "loud": valid values are debug, info, warn, error`},
		{"palette:\n  zero: red\n", `palette.zero "red": want a colour like #3a76ad`},
		{"server: [\n", "config.yaml"},
		{"server:\n  embed_origins: [\"https://ok.example\", \"https://bad.example/path\"]\n", `server.embed_origins[1]: embed origin "https://bad.example/path" is not an origin`},
		{"map:\n  edition: mainland\n", `map.edition "mainland": valid values are intl, cn`},
	} {
		_, err := loadConfig(writeConfig(t, c.body), true, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to say %q", c.body, err, c.want)
		}
	}
	if _, err := loadConfig(filepath.Join(t.TempDir(), "missing.yaml"), true, nil); err == nil {
		t.Error("an explicit --config that does not exist must fail")
	}
}

func TestConfigPrecedence(t *testing.T) {
	path := writeConfig(t, "server:\n  addr: 127.0.0.1:7001\nmap:\n  lang: zh\n")
	t.Setenv("HUBATLAS_SERVER_ADDR", "127.0.0.1:7002")
	t.Setenv("HUBATLAS_CACHE_ENTRIES", "9") // a key the file leaves out
	c, err := loadConfig(path, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Server.Addr != "127.0.0.1:7002" || c.Cache.Entries != 9 || c.Map.Lang != "zh" {
		t.Errorf("env over file: addr %s, entries %d, lang %s", c.Server.Addr, c.Cache.Entries, c.Map.Lang)
	}
	c, err = loadConfig(path, true, map[string]any{"server.addr": "127.0.0.1:7003"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Server.Addr != "127.0.0.1:7003" {
		t.Errorf("flag over env: addr %s", c.Server.Addr)
	}
	t.Setenv("HUBATLAS_SERVER_EMBED_ORIGINS", "https://a.example,https://b.example:8443")
	if c, err = loadConfig(path, true, nil); err != nil || len(c.Server.EmbedOrigins) != 2 || c.Server.EmbedOrigins[1] != "https://b.example:8443" {
		t.Errorf("embed origins from the environment: %q %v", c.Server.EmbedOrigins, err)
	}
	t.Setenv("HUBATLAS_MAP_WIDTH", "wide")
	if _, err := loadConfig(path, true, nil); err == nil || !strings.Contains(err.Error(), "width") {
		t.Errorf("bad env value: %v", err)
	}
}

// TestServeAndShutdown runs the real command on a free loopback port,
// cancels it (as SIGINT does) while requests are in flight, and checks
// that each of them still completes and the command returns.
func TestServeAndShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		var errOut strings.Builder
		err := runServe(ctx, []string{"--config", writeConfig(t, "log:\n  level: warn\n"), "--addr", "127.0.0.1:0"}, pw, &errOut)
		pw.Close()
		done <- err
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	base := regexp.MustCompile(`http://[^/]+/`).FindString(line)
	if base == "" {
		t.Fatalf("no URL in %q", line)
	}
	res, err := http.Get(base + "healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()

	// Requests keep arriving while the signal comes. Any response that has
	// begun must arrive whole; after the signal, new connections may be
	// refused, but nothing is cut off half way.
	var wg sync.WaitGroup
	var mu sync.Mutex
	completed, refused := 0, 0
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 400; i++ {
				res, err := client.Get(fmt.Sprintf("%smap.svg?width=%d", base, 400+w*400+i))
				if err != nil {
					mu.Lock()
					refused++
					mu.Unlock()
					return // the server has stopped accepting
				}
				n, err := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if err != nil || res.StatusCode != http.StatusOK || res.ContentLength > 0 && n != res.ContentLength {
					t.Errorf("response cut off during shutdown: status %d, %d of %d bytes, %v", res.StatusCode, n, res.ContentLength, err)
					return
				}
				mu.Lock()
				completed++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	cancel()
	wg.Wait()
	t.Logf("%d responses complete, %d requests refused after the signal", completed, refused)
	if completed == 0 {
		t.Error("no request completed")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not return after cancellation")
	}
}
