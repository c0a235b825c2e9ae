package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/viper"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
	"github.com/hubatlas/hubatlas/server"
)

// Config is config.yaml. Every key has a default below, so that
// environment variables work for keys the file leaves out.
type Config struct {
	Server struct {
		Addr              string        `mapstructure:"addr"`
		ReadHeaderTimeout time.Duration `mapstructure:"read_header_timeout"`
		ReadTimeout       time.Duration `mapstructure:"read_timeout"`
		WriteTimeout      time.Duration `mapstructure:"write_timeout"`
		IdleTimeout       time.Duration `mapstructure:"idle_timeout"`
		ShutdownTimeout   time.Duration `mapstructure:"shutdown_timeout"`
		MaxHeaderBytes    int           `mapstructure:"max_header_bytes"`
		MemoryLimitMB     int           `mapstructure:"memory_limit_mb"`
		EmbedOrigins      []string      `mapstructure:"embed_origins"`
	} `mapstructure:"server"`
	Data dataConfig `mapstructure:"data"`
	Map  struct {
		Width          int    `mapstructure:"width"`
		Height         int    `mapstructure:"height"`
		Lang           string `mapstructure:"lang"`
		Edition        string `mapstructure:"edition"`
		ApprovalNumber string `mapstructure:"approval_number"`
	} `mapstructure:"map"`
	Cache struct {
		Entries int           `mapstructure:"entries"`
		MaxMB   int           `mapstructure:"max_mb"`
		MaxAge  time.Duration `mapstructure:"max_age"`
	} `mapstructure:"cache"`
	Log struct {
		Level  string `mapstructure:"level"`
		Format string `mapstructure:"format"`
	} `mapstructure:"log"`
	Palette struct {
		Zero    string   `mapstructure:"zero"`
		Classes []string `mapstructure:"classes"`
	} `mapstructure:"palette"`
}

var defaults = map[string]any{
	"server.addr":                    "127.0.0.1:8080",
	"server.read_header_timeout":     "5s",
	"server.read_timeout":            "10s",
	"server.write_timeout":           "30s",
	"server.idle_timeout":            "120s",
	"server.shutdown_timeout":        "15s",
	"server.max_header_bytes":        16384,
	"server.memory_limit_mb":         44,
	"server.embed_origins":           []string{},
	"data.boundaries":                "",
	"data.hubs":                      "",
	"data.categories":                "",
	"data.sheet":                     "",
	"data.encoding":                  "auto",
	"data.delimiter":                 "auto",
	"data.hubs_title":                "",
	"data.hubs_source":               "",
	"data.hubs_url":                  "",
	"data.hubs_date":                 "",
	"data.hubs_license":              "",
	"data.boundary_code_property":    "",
	"data.boundary_name_property":    "",
	"data.boundary_name_zh_property": "",
	"data.max_file_mb":               64,
	"data.load_timeout":              "60s",
	"data.watch":                     true,
	"map.width":                      1200,
	"map.height":                     900,
	"map.lang":                       "en",
	"map.edition":                    render.EditionIntl,
	"map.approval_number":            "",
	"cache.entries":                  512,
	"cache.max_mb":                   8,
	"cache.max_age":                  "5m",
	"log.level":                      "info",
	"log.format":                     "text",
	"palette.zero":                   render.DefaultPalette.Zero,
	"palette.classes":                render.DefaultPalette.Classes,
}

// maxConfigBytes bounds config.yaml: the shipped one is 3 KB.
const maxConfigBytes = 1 << 20

// loadConfig reads the config file (path, or ./config.yaml when it exists),
// the HUBATLAS_* environment and the flag overrides, in rising priority.
func loadConfig(path string, explicit bool, overrides map[string]any) (*Config, error) {
	v := viper.New()
	for k, d := range defaults {
		v.SetDefault(k, d)
	}
	v.SetEnvPrefix("HUBATLAS")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	name := "defaults"
	if path != "" {
		if _, err := os.Stat(path); err == nil || explicit {
			// Read like a data file: a FIFO or /dev/zero as --config must
			// meet a limit, not block or fill memory.
			data, err := readDataFile(context.Background(), path, maxConfigBytes, "the most a config file may hold")
			if err != nil {
				return nil, fmt.Errorf("config: %w", err)
			}
			v.SetConfigType("yaml")
			if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
				return nil, fmt.Errorf("config: %s: %w", path, err)
			}
			name = path
		}
	}
	var unknown []string
	for _, k := range v.AllKeys() {
		if _, ok := defaults[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		known := make([]string, 0, len(defaults))
		for k := range defaults {
			known = append(known, k)
		}
		slices.Sort(known)
		return nil, fmt.Errorf("config: %s: unknown key %s (valid keys: %s)", name, strings.Join(unknown, ", "), strings.Join(known, ", "))
	}
	for k, val := range overrides {
		v.Set(k, val)
	}
	var c Config
	if err := v.UnmarshalExact(&c); err != nil {
		return nil, fmt.Errorf("config: %s: %v", name, strings.ReplaceAll(err.Error(), "\n", " "))
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("config: %s: %w", name, err)
	}
	return &c, nil
}

// check names the first invalid value by its key.
func (c *Config) check() error {
	if _, port, err := net.SplitHostPort(c.Server.Addr); err != nil || port == "" {
		return fmt.Errorf("server.addr %q: want host:port, e.g. 127.0.0.1:8080 or :8080", c.Server.Addr)
	}
	for k, d := range map[string]time.Duration{
		"server.read_header_timeout": c.Server.ReadHeaderTimeout, "server.read_timeout": c.Server.ReadTimeout,
		"server.write_timeout": c.Server.WriteTimeout, "server.idle_timeout": c.Server.IdleTimeout,
		"server.shutdown_timeout": c.Server.ShutdownTimeout,
	} {
		if d <= 0 || d > time.Hour {
			return fmt.Errorf("%s %v: want a duration from 1ms to 1h, e.g. 10s", k, d)
		}
	}
	for i, o := range c.Server.EmbedOrigins {
		if err := server.CheckEmbedOrigin(o); err != nil {
			return fmt.Errorf("server.embed_origins[%d]: %v", i, err)
		}
	}
	if n := c.Server.MaxHeaderBytes; n < 1024 || n > 1<<20 {
		return fmt.Errorf("server.max_header_bytes %d: want 1024 to 1048576", n)
	}
	for k, n := range map[string]int{"map.width": c.Map.Width, "map.height": c.Map.Height} {
		if n < 320 || n > 4000 {
			return fmt.Errorf("%s %d: want 320 to 4000 px", k, n)
		}
	}
	if !slices.Contains([]string{"en", "zh", "both"}, c.Map.Lang) {
		return fmt.Errorf("map.lang %q: valid values are en, zh, both", c.Map.Lang)
	}
	if !slices.Contains(render.Editions, c.Map.Edition) {
		return fmt.Errorf("map.edition %q: valid values are %s", c.Map.Edition, strings.Join(render.Editions, ", "))
	}
	if a := c.Map.ApprovalNumber; len(a) > 80 || geo.Clean(a) != a {
		return fmt.Errorf("map.approval_number %q: want at most 80 bytes of text on one line, e.g. GS(2024)1234号", a)
	}
	if n := c.Server.MemoryLimitMB; n != 0 && (n < 32 || n > 1<<20) {
		return fmt.Errorf("server.memory_limit_mb %d: want 0 (no limit) or 32 to 1048576", n)
	}
	if c.Cache.MaxMB < 1 || c.Cache.MaxMB > 1<<14 {
		return fmt.Errorf("cache.max_mb %d: want 1 to 16384", c.Cache.MaxMB)
	}
	if c.Cache.Entries < 0 || c.Cache.Entries > 100000 {
		return fmt.Errorf("cache.entries %d: want 0 to 100000", c.Cache.Entries)
	}
	if c.Cache.MaxAge < 0 || c.Cache.MaxAge > 365*24*time.Hour {
		return fmt.Errorf("cache.max_age %v: want 0s to 8760h", c.Cache.MaxAge)
	}
	if !slices.Contains(geo.Encodings, strings.ToLower(c.Data.Encoding)) {
		return fmt.Errorf("data.encoding %q: valid values are %s", c.Data.Encoding, strings.Join(geo.Encodings, ", "))
	}
	if !slices.Contains(geo.Delimiters, c.Data.Delimiter) && c.Data.Delimiter != "tab" {
		return fmt.Errorf(`data.delimiter %q: valid values are auto, ",", ";", tab`, c.Data.Delimiter)
	}
	if n := c.Data.MaxFileMB; n < 1 || n > 1024 {
		return fmt.Errorf("data.max_file_mb %d: want 1 to 1024", n)
	}
	if d := c.Data.LoadTimeout; d < time.Second || d > time.Hour {
		return fmt.Errorf("data.load_timeout %v: want a duration from 1s to 1h, e.g. 60s", d)
	}
	if _, err := logLevel(c.Log.Level); err != nil {
		return err
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		return fmt.Errorf("log.format %q: valid values are text, json", c.Log.Format)
	}
	for i, col := range append([]string{c.Palette.Zero}, c.Palette.Classes...) {
		key := "palette.zero"
		if i > 0 {
			key = fmt.Sprintf("palette.classes[%d]", i-1)
		}
		if !isColor(col) {
			return fmt.Errorf("%s %q: want a colour like #3a76ad", key, col)
		}
	}
	if n := len(c.Palette.Classes); n < 1 || n > 9 {
		return fmt.Errorf("palette.classes: %d colours, want 1 to 9", n)
	}
	return nil
}

func isColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	return strings.Trim(strings.ToLower(s[1:]), "0123456789abcdef") == ""
}

func logLevel(s string) (slog.Level, error) {
	switch s {
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("log.level %q: valid values are debug, info, warn, error", s)
}
