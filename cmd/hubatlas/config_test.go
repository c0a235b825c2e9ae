package main

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestConfigDurationsNeedAUnit: a bare number is not a duration (viper
// would read 30 as 30 ns), and every duration has bounds; the message
// names the key, the value as given and the form wanted.
func TestConfigDurationsNeedAUnit(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"server:\n  write_timeout: 30\n", `server.write_timeout "30": want a duration with a unit, e.g. 30s (1ms to 1h)`},
		{"server:\n  read_timeout: 0\n", `server.read_timeout "0": want a duration with a unit, e.g. 10s (1ms to 1h)`},
		{"server:\n  idle_timeout: 2h\n", `server.idle_timeout "2h": out of range: want a duration with a unit, e.g. 120s (1ms to 1h)`},
		{"server:\n  shutdown_timeout: -1s\n", `server.shutdown_timeout "-1s": out of range`},
		{"server:\n  read_header_timeout: 1ns\n", `server.read_header_timeout "1ns": out of range: want a duration with a unit, e.g. 5s (1ms to 1h)`},
		{"data:\n  load_timeout: 60\n", `data.load_timeout "60": want a duration with a unit, e.g. 60s (1s to 1h)`},
		{"cache:\n  max_age: 300\n", `cache.max_age "300": want a duration with a unit, e.g. 5m (0s to 8760h)`},
		{"cache:\n  max_age: 1.5\n", `cache.max_age "1.5": want a duration with a unit`},
		{"server:\n  write_timeout: [30s]\n", `server.write_timeout "[30s]": want a duration with a unit`},
		{"server:\n  queue_timeout: 5\n", `server.queue_timeout "5": want a duration with a unit, e.g. 5s (1ms to 10m)`},
		{"server:\n  queue_timeout: 30s\n", `server.queue_timeout "30s": want less than server.write_timeout (30s)`},
	} {
		_, err := loadConfig(writeConfig(t, c.body), true, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to say %q", c.body, err, c.want)
		}
	}
	for _, c := range []struct{ env, value, want string }{
		{"HUBATLAS_SERVER_READ_HEADER_TIMEOUT", "1ns", `server.read_header_timeout "1ns": out of range: want a duration with a unit, e.g. 5s (1ms to 1h)`},
		{"HUBATLAS_SERVER_READ_HEADER_TIMEOUT", "30", `server.read_header_timeout "30": want a duration with a unit, e.g. 5s (1ms to 1h)`},
		{"HUBATLAS_CACHE_MAX_AGE", "0", `cache.max_age "0": want a duration with a unit`},
	} {
		t.Run(c.env+"="+c.value, func(t *testing.T) {
			t.Setenv(c.env, c.value)
			_, err := loadConfig("", false, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to say %q", err, c.want)
			}
		})
	}
	// What is valid stays valid.
	c, err := loadConfig(writeConfig(t, "server:\n  write_timeout: 1m30s\ncache:\n  max_age: 0s\n"), true, nil)
	if err != nil || c.Server.WriteTimeout != 90*time.Second || c.Cache.MaxAge != 0 {
		t.Errorf("1m30s and 0s: %+v %v", c, err)
	}
}

// TestConfigNumbersAreStrict: whole numbers only, never truncated or
// wrapped round; the message names the key, the value as given and the
// range.
func TestConfigNumbersAreStrict(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"map:\n  width: 1200.7\n", `map.width "1200.7": want a whole number of px from 320 to 4000`},
		{"map:\n  height: 12abc\n", `map.height "12abc": want a whole number of px from 320 to 4000`},
		{"map:\n  width: 1e3\n", `map.width "1e3": want a whole number`},
		{"server:\n  max_header_bytes: 99999999999999999999\n", `server.max_header_bytes "99999999999999999999": out of range: want a whole number of bytes from 1024 to 1048576`},
		{"server:\n  max_header_bytes: -99999999999999999999\n", `server.max_header_bytes "-99999999999999999999": out of range`},
		{"cache:\n  entries: true\n", `cache.entries "true": want a whole number from 0 to 100000`},
		{"server:\n  memory_limit_mb: 16\n", `server.memory_limit_mb "16": out of range: want 0 (no limit) or a whole number of MiB from 32 to 1048576`},
		{"data:\n  watch: maybe\n", `data.watch "maybe": want true or false`},
		{"server:\n  max_queue: 0\n", `server.max_queue "0": out of range: want a whole number from 1 to 100000`},
		{"server:\n  max_connections: 8\n", `server.max_connections "8": out of range: want a whole number from 16 to 1048576`},
		{"map:\n  lang: [en]\n", `map.lang "[en]": want text`},
	} {
		_, err := loadConfig(writeConfig(t, c.body), true, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to say %q", c.body, err, c.want)
		}
	}
	for _, c := range []struct{ env, value, want string }{
		{"HUBATLAS_MAP_WIDTH", "12abc", `map.width "12abc": want a whole number of px from 320 to 4000`},
		{"HUBATLAS_MAP_WIDTH", "1200.7", `map.width "1200.7": want a whole number`},
		{"HUBATLAS_SERVER_MAX_HEADER_BYTES", "99999999999999999999", `server.max_header_bytes "99999999999999999999": out of range`},
	} {
		t.Run(c.env+"="+c.value, func(t *testing.T) {
			t.Setenv(c.env, c.value)
			_, err := loadConfig("", false, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want it to say %q", err, c.want)
			}
		})
	}
	t.Setenv("HUBATLAS_MAP_WIDTH", " 1000 ")
	if c, err := loadConfig("", false, nil); err != nil || c.Map.Width != 1000 {
		t.Errorf("HUBATLAS_MAP_WIDTH=' 1000 ': %v", err)
	}
}

// TestEveryNumberHasBounds: each whole number and duration in Config has
// its limits in the table that check and the messages read, so a new key
// cannot go unchecked.
func TestEveryNumberHasBounds(t *testing.T) {
	n := 0
	eachKey(reflect.ValueOf(new(Config)).Elem(), "", func(key string, f reflect.Value) {
		switch {
		case f.Type() == durationType:
			if _, ok := durationLimits[key]; !ok {
				t.Errorf("%s: a duration without limits in durationLimits", key)
			}
		case f.Kind() == reflect.Int:
			if _, ok := intLimits[key]; !ok {
				t.Errorf("%s: a number without limits in intLimits", key)
			}
		}
		if _, ok := defaults[key]; !ok {
			t.Errorf("%s: no default", key)
		}
		n++
	})
	if n != len(defaults) {
		t.Errorf("%d keys in Config, %d defaults", n, len(defaults))
	}
}

// TestUnknownEnvironmentVariables: a misspelled HUBATLAS_ variable stops
// start-up as a misspelled key in the file does, naming the closest valid
// variable; variables without the prefix and the ones the tests and the
// load bench use are not config and pass.
func TestUnknownEnvironmentVariables(t *testing.T) {
	for _, c := range []struct{ env, want string }{
		{"HUBATLAS_SERVER_ADRR", "unknown environment variable HUBATLAS_SERVER_ADRR (did you mean HUBATLAS_SERVER_ADDR?"},
		{"HUBATLAS_MAP_WIDHT", "did you mean HUBATLAS_MAP_WIDTH?"},
		{"HUBATLAS_CACHE", "unknown environment variable HUBATLAS_CACHE; valid names: HUBATLAS_CACHE_ENTRIES, "},
		{"HUBATLAS_SERVER_ADDR_", "did you mean HUBATLAS_SERVER_ADDR?"},
	} {
		t.Run(c.env, func(t *testing.T) {
			t.Setenv(c.env, "1")
			_, err := loadConfig("", false, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "HUBATLAS_CACHE_MAX_AGE") {
				t.Errorf("error %v, want it to say %q and list the valid names", err, c.want)
			}
		})
	}
	t.Setenv("HUBATLAS_UPDATE_DOCS", "1")         // server's browser test
	t.Setenv("HUBATLAS_BENCH_FILESERVER_DIR", "") // bench/load
	t.Setenv("HUBATLASX_SERVER_ADRR", "1")
	t.Setenv("hubatlas_server_adrr", "1")
	t.Setenv("CI", "true")
	if _, err := loadConfig("", false, nil); err != nil {
		t.Errorf("variables that are not config: %v", err)
	}
}

// TestConfigErrorsNameTheSource: a bad value is blamed on where it came
// from: the variable, the flag or the file. HUBATLAS_MAP_WIDTH=abc had
// been blamed on a config file that said 800, --encoding latin1 on
// "defaults".
func TestConfigErrorsNameTheSource(t *testing.T) {
	file := writeConfig(t, "map:\n  width: 800\n  height: abc\n")
	t.Setenv("HUBATLAS_MAP_WIDTH", "abc")
	_, err := loadConfig(file, true, map[string]any{"data.encoding": "latin1"})
	if err == nil {
		t.Fatal("loaded")
	}
	for _, want := range []string{
		`HUBATLAS_MAP_WIDTH: map.width "abc"`,
		filepath.Base(file) + `: map.height "abc"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want it to say %q", err, want)
		}
	}
	t.Setenv("HUBATLAS_MAP_WIDTH", "")
	_, err = loadConfig("", false, map[string]any{"data.encoding": "latin1"})
	if want := `config: --encoding: data.encoding "latin1"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want it to say %q", err, want)
	}
}
