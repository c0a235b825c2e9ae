package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

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
		MaxConnections    int           `mapstructure:"max_connections"`
		MaxQueue          int           `mapstructure:"max_queue"`
		QueueTimeout      time.Duration `mapstructure:"queue_timeout"`
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
	"server.max_connections":         512,
	"server.max_queue":               server.DefaultMaxQueue,
	"server.queue_timeout":           server.DefaultQueueTimeout.String(),
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
	"data.hubs_title_zh":             "",
	"data.hubs_source_zh":            "",
	"data.hubs_date_zh":              "",
	"data.hubs_license_zh":           "",
	"data.hubs_noun":                 "",
	"data.hubs_noun_zh":              "",
	"data.boundary_code_property":    "",
	"data.boundary_name_property":    "",
	"data.boundary_name_zh_property": "",
	"data.leave_out_bad_rows":        false,
	"data.max_file_mb":               64,
	"data.load_timeout":              "60s",
	"data.watch":                     true,
	"map.width":                      1200,
	"map.height":                     900,
	"map.lang":                       "en",
	"map.edition":                    render.EditionIntl,
	"map.approval_number":            "",
	"cache.entries":                  512,
	"cache.max_mb":                   3,
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
	if err := checkEnv(os.Environ()); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	name := "defaults"
	if path != "" {
		if _, err := os.Stat(path); err == nil || explicit {
			// Read like a data file: a FIFO or /dev/zero as --config must
			// meet a limit, not block or fill memory.
			data, err := readDataFile(context.Background(), path, maxConfigBytes, "the most a config file may hold")
			if err != nil {
				return nil, fmt.Errorf("config: %w", err)
			}
			m, err := yamlLiterals(data)
			if err != nil {
				return nil, fmt.Errorf("config: %s: %w", path, err)
			}
			if err := v.MergeConfigMap(m); err != nil {
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
	// A message names where its value came from: the flag, the
	// variable or the file. HUBATLAS_MAP_WIDTH=abc had been blamed on the
	// config file, which said 800, and --encoding latin1 on "defaults".
	// The key a message is about is the one it starts with (it may name
	// another after: "want less than server.write_timeout").
	source := func(msg string) string {
		k, _, _ := strings.Cut(msg, " ")
		if _, ok := defaults[k]; !ok {
			return name
		}
		if _, ok := overrides[k]; ok {
			// The flags that set keys are named as the key's last part:
			// --addr, --hubs, --encoding.
			return "--" + k[strings.LastIndex(k, ".")+1:]
		}
		if env := envName(k); os.Getenv(env) != "" {
			return env
		}
		return name
	}
	var c Config
	if err := v.UnmarshalExact(&c, viper.DecodeHook(strictValues)); err != nil {
		msgs := decodeProblems(err)
		for i, m := range msgs {
			msgs[i] = source(m) + ": " + m
		}
		return nil, fmt.Errorf("config: %s", strings.Join(msgs, "; "))
	}
	// Messages quote values as given: "120m", not 2h0m0s.
	given := func(key string) string { return fmt.Sprint(v.Get(key)) }
	if err := c.check(given); err != nil {
		return nil, fmt.Errorf("config: %s: %w", source(err.Error()), err)
	}
	return &c, nil
}

// envName is the environment variable of key: HUBATLAS_SERVER_ADDR for
// server.addr.
func envName(key string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// envPrefix starts the name of every environment variable of a key:
// HUBATLAS_SERVER_ADDR is server.addr.
const envPrefix = "HUBATLAS_"

// notConfig are the HUBATLAS_ variables that are not config keys, which
// checkEnv lets pass.
var notConfig = []string{
	"HUBATLAS_UPDATE_DOCS",          // server's browser test retakes the screenshots in docs/
	"HUBATLAS_BENCH_FILESERVER_DIR", // bench/load runs itself as the plain file server
}

// checkEnv refuses HUBATLAS_ variables that name no key, as unknown keys
// in the file are refused: a misspelled HUBATLAS_SERVER_ADRR would
// otherwise be ignored without a word. environ is os.Environ(); other
// variables are none of hubatlas's business.
func checkEnv(environ []string) error {
	valid := make([]string, 0, len(defaults))
	for k := range defaults {
		valid = append(valid, envName(k))
	}
	slices.Sort(valid)
	var unknown []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, envPrefix) || slices.Contains(valid, name) || slices.Contains(notConfig, name) {
			continue
		}
		if near := closest(name, valid); near != "" {
			name += " (did you mean " + near + "?)"
		}
		unknown = append(unknown, name)
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	what := "variable"
	if len(unknown) > 1 {
		what = "variables"
	}
	return fmt.Errorf("unknown environment %s %s; valid names: %s", what, strings.Join(unknown, ", "), strings.Join(valid, ", "))
}

// closest returns the name of names nearest to s by edit distance, when
// it is near enough to be a misspelling of it (a third of its length);
// else "".
func closest(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two ASCII names.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// yamlLiterals reads a config file with every scalar as the text it is
// written as: viper would hand 99999999999999999999 on as a float,
// 1200.7 to an int and 30 to a duration, and the messages could not
// quote what the file says. Scalars become strings, as environment
// variables are; strictValues then parses each for its key's type.
func yamlLiterals(data []byte) (map[string]any, error) {
	// Decoding into a map reports syntax errors and repeated keys.
	var plain map[string]any
	if err := yaml.Unmarshal(data, &plain); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	m, ok := literal(doc.Content[0]).(map[string]any)
	if !ok {
		return nil, errors.New("want sections of keys, e.g. \"server:\" with \"  addr: :8080\" below it")
	}
	return m, nil
}

// literal is a YAML node with its scalars as written; null is nil.
func literal(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = literal(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, len(n.Content))
		for i, c := range n.Content {
			l[i] = literal(c)
		}
		return l
	case yaml.AliasNode:
		return literal(n.Alias)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return n.Value
	}
	return nil
}

var durationType = reflect.TypeFor[time.Duration]()

// badValue is a config value strictValues cannot take for its key's
// type; decodeProblems puts the key in front.
type badValue struct {
	given      string
	outOfRange bool
}

func (e *badValue) Error() string { return fmt.Sprintf("%q", e.given) }

// strictValues replaces viper's decode hook, which reads a bare number
// as nanoseconds and, being weakly typed, truncates 1200.7 to 1200 and
// wraps 99999999999999999999 round. Values arrive as text (the file
// through yamlLiterals, the environment as it is) or as the defaults'
// own types; text is parsed for the field's type or refused:
// durations need a unit, whole numbers are decimal and in range,
// booleans are true or false, lists are comma-separated.
func strictValues(from, to reflect.Value) (any, error) {
	in := from.Interface()
	s, isText := in.(string)
	show := func() string {
		if isText {
			return s
		}
		return fmt.Sprint(in)
	}
	switch {
	case to.Type() == durationType:
		if d, ok := in.(time.Duration); ok {
			return d, nil
		}
		if !isText || !strings.ContainsFunc(s, unicode.IsLetter) {
			return nil, &badValue{given: show()} // 30 is not 30ns, nor 30s
		}
		d, err := time.ParseDuration(strings.TrimSpace(s))
		if err != nil {
			return nil, &badValue{given: s}
		}
		return d, nil
	case to.Kind() == reflect.Int:
		if n, ok := in.(int); ok {
			return n, nil
		}
		if !isText {
			return nil, &badValue{given: show()}
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 0)
		if err != nil {
			return nil, &badValue{given: s, outOfRange: errors.Is(err, strconv.ErrRange)}
		}
		return int(n), nil
	case to.Kind() == reflect.Bool:
		if b, ok := in.(bool); ok {
			return b, nil
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, &badValue{given: show()}
	case to.Kind() == reflect.String:
		if !isText {
			return nil, &badValue{given: show()}
		}
		return s, nil
	case to.Kind() == reflect.Slice && isText:
		// A list from the environment: HUBATLAS_SERVER_EMBED_ORIGINS=https://a,https://b.
		var l []string
		for part := range strings.SplitSeq(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				l = append(l, part)
			}
		}
		return l, nil
	}
	return in, nil
}

// decodeProblems turns the decoder's errors into one message each, naming
// the key, the value given and what the key wants.
func decodeProblems(err error) []string {
	var msgs []string
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *mapstructure.DecodeError:
			if bv, ok := e.Unwrap().(*badValue); ok {
				msgs = append(msgs, invalidValue(e.Name(), bv.given, bv.outOfRange).Error())
			} else {
				msgs = append(msgs, strings.ReplaceAll(e.Error(), "\n", " "))
			}
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }: // "decoding failed due to the following error(s)"
			walk(e.Unwrap())
		default:
			msgs = append(msgs, strings.ReplaceAll(err.Error(), "\n", " "))
		}
	}
	walk(err)
	return msgs
}

// intLimit bounds a whole-number key: min to max, or 0 when zero says
// what 0 means.
type intLimit struct {
	min, max   int
	unit, zero string
}

// intLimits are the bounds of every whole-number key, read by check and
// the messages alike (TestEveryNumberHasBounds keeps the list whole).
var intLimits = map[string]intLimit{
	"server.max_header_bytes": {min: 1024, max: 1 << 20, unit: "bytes"},
	"server.memory_limit_mb":  {min: 32, max: 1 << 20, unit: "MiB", zero: "0 (no limit)"},
	"server.max_connections":  {min: 16, max: 1 << 20},
	"server.max_queue":        {min: 1, max: 100000},
	"data.max_file_mb":        {min: 1, max: 1024, unit: "MB"},
	"map.width":               {min: 320, max: 4000, unit: "px"},
	"map.height":              {min: 320, max: 4000, unit: "px"},
	"cache.entries":           {min: 0, max: 100000},
	"cache.max_mb":            {min: 1, max: 1 << 14, unit: "MiB"},
}

// durationLimits are the bounds of every duration key, as written in
// messages.
var durationLimits = map[string]struct{ min, max string }{
	"server.read_header_timeout": {"1ms", "1h"},
	"server.read_timeout":        {"1ms", "1h"},
	"server.write_timeout":       {"1ms", "1h"},
	"server.idle_timeout":        {"1ms", "1h"},
	"server.shutdown_timeout":    {"1ms", "1h"},
	"server.queue_timeout":       {"1ms", "10m"},
	"data.load_timeout":          {"1s", "1h"},
	"cache.max_age":              {"0s", "8760h"},
}

// invalidValue says what is wrong with key's value, given as written.
func invalidValue(key, given string, outOfRange bool) error {
	msg := fmt.Sprintf("%s %q: ", key, given)
	if outOfRange {
		msg += "out of range: "
	}
	if l, ok := durationLimits[key]; ok {
		return fmt.Errorf("%swant a duration with a unit, e.g. %v (%s to %s)", msg, defaults[key], l.min, l.max)
	}
	if l, ok := intLimits[key]; ok {
		unit := ""
		if l.unit != "" {
			unit = " of " + l.unit
		}
		msg += "want "
		if l.zero != "" {
			msg += l.zero + " or "
		}
		return fmt.Errorf("%sa whole number%s from %d to %d", msg, unit, l.min, l.max)
	}
	switch reflect.TypeOf(defaults[key]).Kind() {
	case reflect.Bool:
		return errors.New(msg + "want true or false")
	case reflect.Slice:
		return errors.New(msg + "want a list")
	}
	return errors.New(msg + "want text")
}

// eachKey calls visit with every setting of the config struct v and its
// key, in the order of the struct.
func eachKey(v reflect.Value, prefix string, visit func(key string, f reflect.Value)) {
	for i := range v.NumField() {
		key := prefix + v.Type().Field(i).Tag.Get("mapstructure")
		if f := v.Field(i); f.Kind() == reflect.Struct {
			eachKey(f, key+".", visit)
		} else {
			visit(key, f)
		}
	}
}

// checkLimits names the first number or duration outside its bounds;
// given returns a key's value as written.
func (c *Config) checkLimits(given func(key string) string) error {
	var err error
	eachKey(reflect.ValueOf(c).Elem(), "", func(key string, f reflect.Value) {
		if err != nil {
			return
		}
		if f.Type() == durationType {
			l := durationLimits[key]
			lo, _ := time.ParseDuration(l.min)
			hi, _ := time.ParseDuration(l.max)
			if d := time.Duration(f.Int()); d < lo || d > hi {
				err = invalidValue(key, given(key), true)
			}
		} else if f.Kind() == reflect.Int {
			l := intLimits[key]
			if n := int(f.Int()); (n < l.min || n > l.max) && (n != 0 || l.zero == "") {
				err = invalidValue(key, given(key), true)
			}
		}
	})
	return err
}

// check names the first invalid value by its key; given returns a key's
// value as written, for the message.
func (c *Config) check(given func(key string) string) error {
	if _, port, err := net.SplitHostPort(c.Server.Addr); err != nil || port == "" {
		return fmt.Errorf("server.addr %q: want host:port, e.g. 127.0.0.1:8080 or :8080", c.Server.Addr)
	}
	if err := c.checkLimits(given); err != nil {
		return err
	}
	if c.Server.QueueTimeout >= c.Server.WriteTimeout {
		// The map would be drawn after its response could be written.
		return fmt.Errorf("server.queue_timeout %q: want less than server.write_timeout (%s)", given("server.queue_timeout"), given("server.write_timeout"))
	}
	for i, o := range c.Server.EmbedOrigins {
		if err := server.CheckEmbedOrigin(o); err != nil {
			return fmt.Errorf("server.embed_origins[%d]: %v", i, err)
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
	if !slices.Contains(geo.Encodings, strings.ToLower(c.Data.Encoding)) {
		return fmt.Errorf("data.encoding %q: valid values are %s", c.Data.Encoding, strings.Join(geo.Encodings, ", "))
	}
	if !slices.Contains(geo.Delimiters, c.Data.Delimiter) && c.Data.Delimiter != "tab" {
		return fmt.Errorf(`data.delimiter %q: valid values are auto, ",", ";", tab`, c.Data.Delimiter)
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
