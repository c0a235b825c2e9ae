package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/geo"
)

// dataConfig names the data files and says how to read them: config.yaml's
// data section, overridden by flags.
type dataConfig struct {
	Boundaries string `mapstructure:"boundaries"`
	Hubs       string `mapstructure:"hubs"`
	Categories string `mapstructure:"categories"`

	// How to read a CSV or XLSX hubs file, and what it cannot say itself.
	Sheet       string `mapstructure:"sheet"`
	Encoding    string `mapstructure:"encoding"`
	Delimiter   string `mapstructure:"delimiter"`
	HubsTitle   string `mapstructure:"hubs_title"`
	HubsSource  string `mapstructure:"hubs_source"`
	HubsURL     string `mapstructure:"hubs_url"`
	HubsDate    string `mapstructure:"hubs_date"`
	HubsLicense string `mapstructure:"hubs_license"`
	// The same in Chinese, which maps in Chinese cite instead.
	HubsTitleZH   string `mapstructure:"hubs_title_zh"`
	HubsSourceZH  string `mapstructure:"hubs_source_zh"`
	HubsDateZH    string `mapstructure:"hubs_date_zh"`
	HubsLicenseZH string `mapstructure:"hubs_license_zh"`
	// What the file lists, for titles and legends ("suppliers", 供应商).
	HubsNoun   string `mapstructure:"hubs_noun"`
	HubsNounZH string `mapstructure:"hubs_noun_zh"`

	// The properties of a boundary file of a shape hubatlas does not detect.
	BoundaryCode   string `mapstructure:"boundary_code_property"`
	BoundaryName   string `mapstructure:"boundary_name_property"`
	BoundaryNameZH string `mapstructure:"boundary_name_zh_property"`

	// LeaveOutBadRows loads a hubs file with problems in some of its rows
	// without those rows, saying which in notes (geo.NewAtlasLeavingOut).
	LeaveOutBadRows bool `mapstructure:"leave_out_bad_rows"`

	MaxFileMB   int           `mapstructure:"max_file_mb"`
	LoadTimeout time.Duration `mapstructure:"load_timeout"`
	Watch       bool          `mapstructure:"watch"`
}

// dataFlags are the flags every command shares to name the data files;
// a flag that is given overrides its config key.
type dataFlags struct {
	boundaries, hubs, categories, sheet, encoding, delimiter string
	leaveOut                                                 bool
	fs                                                       *flag.FlagSet
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.hubs, "hubs", "", "hubs file: .csv, .xlsx, .yaml or .geojson (data.hubs; default: the embedded hubs)")
	fs.StringVar(&d.categories, "categories", "", "categories file, YAML (data.categories; default: the hubs file's own, else the embedded ones, else made from the data)")
	fs.StringVar(&d.boundaries, "boundaries", "", "boundary GeoJSON (data.boundaries; default: the embedded DCW-GMT provinces)")
	fs.StringVar(&d.sheet, "sheet", "", "XLSX sheet to read (data.sheet; default: the first)")
	fs.StringVar(&d.encoding, "encoding", "", "CSV encoding: auto, utf-8, gb18030 (gbk) or utf-16 (data.encoding)")
	fs.StringVar(&d.delimiter, "delimiter", "", `CSV delimiter: auto, ",", ";" or tab (data.delimiter)`)
	fs.BoolVar(&d.leaveOut, "leave-out-bad-rows", false, "load the hubs file without its rows that have problems, naming them in notes, when they are at most half (data.leave_out_bad_rows)")
	d.fs = fs
}

// overrides returns the config keys the given flags set.
func (d *dataFlags) overrides(into map[string]any) map[string]any {
	if into == nil {
		into = map[string]any{}
	}
	for k, v := range map[string]string{
		"data.boundaries": d.boundaries, "data.hubs": d.hubs, "data.categories": d.categories,
		"data.sheet": d.sheet, "data.encoding": d.encoding, "data.delimiter": d.delimiter,
	} {
		if v != "" {
			into[k] = v
		}
	}
	// A bool flag overrides its key only when given: --leave-out-bad-rows=false
	// turns off what config.yaml turns on.
	if d.fs != nil {
		d.fs.Visit(func(f *flag.Flag) {
			if f.Name == "leave-out-bad-rows" {
				into["data.leave_out_bad_rows"] = d.leaveOut
			}
		})
	}
	return into
}

// embeddedCatalog is the default categories file, parsed once.
var embeddedCatalog = sync.OnceValues(func() (*geo.Catalog, error) {
	b, err := fs.ReadFile(assets.FS, assets.Categories)
	if err != nil {
		return nil, err
	}
	return geo.ParseCatalog("embedded "+filepath.Base(assets.Categories), b, geo.Limits{})
})

// embeddedContext is the countries around China and the South China Sea,
// parsed once.
var embeddedContext = sync.OnceValues(func() (*geo.Context, error) {
	return geo.LoadContext(assets.FS, assets.Context, assets.SouthChinaSea)
})

// loader loads the data files of a dataConfig into an atlas. It keeps the
// last boundaries it built, so that a reload of the hubs alone does not
// rebuild the topology. A loader is safe for use by one goroutine at a
// time (serve's reloads are serialised).
type loader struct {
	cfg  dataConfig
	last *geo.Boundaries // reused while the file's bytes are the same
}

// load reads, checks and assembles the data within cfg.LoadTimeout (and
// ctx): every problem of every file comes back at once as geo.Problems.
// Files are read as readDataFile says.
func (l *loader) load(ctx context.Context) (*geo.Atlas, error) {
	timeout := l.cfg.LoadTimeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		a   *geo.Atlas
		b   *geo.Boundaries
		err error
	}
	done := make(chan result, 1)
	last := l.last
	go func() {
		a, b, err := loadData(ctx, l.cfg, last)
		done <- result{a, b, err}
	}()
	select {
	case r := <-done:
		if r.b != nil {
			l.last = r.b
		}
		// The embedded files were read, and are not needed until the next
		// load: 2.4 MB less resident memory (measured after start).
		assets.ReleasePages()
		return r.a, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("loading the data took longer than %v (data.load_timeout): is a data file on a slow or blocked file system?", timeout)
		}
		return nil, ctx.Err()
	}
}

// loadData does the work of load; last, when its version matches the
// boundary file's bytes, is reused instead of building the topology again.
func loadData(ctx context.Context, cfg dataConfig, last *geo.Boundaries) (*geo.Atlas, *geo.Boundaries, error) {
	limit := int64(cfg.MaxFileMB) << 20
	if limit <= 0 {
		limit = 64 << 20
	}
	read := func(path, embedded string) (string, []byte, error) {
		if path == "" {
			if embedded == "" {
				return "", nil, nil
			}
			b, err := fs.ReadFile(assets.FS, embedded)
			return "embedded " + filepath.Base(embedded), b, err
		}
		b, err := readDataFile(ctx, path, limit, "data.max_file_mb")
		return path, b, err
	}
	bname, bdata, err := read(cfg.Boundaries, assets.Boundaries)
	if err != nil {
		return nil, nil, err
	}
	hname, hdata, err := read(cfg.Hubs, assets.Hubs)
	if err != nil {
		return nil, nil, err
	}
	cname, cdata, err := read(cfg.Categories, "")
	if err != nil {
		return nil, nil, err
	}
	var b *geo.Boundaries
	var berr error
	if last != nil && last.Version == geo.BoundaryVersion(bdata) {
		b = last
	} else {
		b, berr = geo.ParseBoundaries(bname, bdata, geo.BoundaryOptions{
			CodeProperty: cfg.BoundaryCode, NameProperty: cfg.BoundaryName, NameZHProperty: cfg.BoundaryNameZH,
		})
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var cat *geo.Catalog
	var cerr error
	if cdata != nil {
		cat, cerr = geo.ParseCatalog(cname, cdata, geo.Limits{})
	}
	hf, herr := geo.ParseHubFile(hname, hdata, geo.HubOptions{
		Sheet: cfg.Sheet, Encoding: cfg.Encoding, Delimiter: cfg.Delimiter,
		Meta: geo.Meta{Title: cfg.HubsTitle, Source: cfg.HubsSource, URL: cfg.HubsURL, Date: cfg.HubsDate, License: cfg.HubsLicense,
			TitleZH: cfg.HubsTitleZH, SourceZH: cfg.HubsSourceZH, DateZH: cfg.HubsDateZH, LicenseZH: cfg.HubsLicenseZH,
			Noun: cfg.HubsNoun, NounZH: cfg.HubsNounZH},
	})
	def, err := embeddedCatalog()
	if err != nil {
		return nil, nil, err
	}
	if b == nil || hf == nil || cerr != nil {
		err := geo.JoinProblems(berr, herr, cerr)
		if cfg.LeaveOutBadRows && hf != nil {
			err = geo.JoinProblems(err, notInRows(hname))
		}
		return nil, b, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	around, err := embeddedContext()
	if err != nil {
		return nil, b, err
	}
	var a *geo.Atlas
	if cfg.LeaveOutBadRows && berr == nil {
		a, err = geo.NewAtlasLeavingOut(b, around, hf, herr, cat, def)
	} else {
		a, err = geo.NewAtlasIn(b, around, hf, cat, def)
		err = geo.JoinProblems(berr, herr, err)
		if err != nil && cfg.LeaveOutBadRows {
			err = geo.JoinProblems(err, notInRows(hname))
		}
	}
	if err != nil {
		return nil, b, err
	}
	// What the first map needs of the boundaries, worked out once per
	// file and kept with it: here, rather than in the first request after
	// a load (28 ms for the islands of the embedded file, and the poles).
	b.Poles()
	b.Islands()
	return a, b, nil
}

// notInRows says why data.leave_out_bad_rows left nothing out when the
// problems are in the boundary or the categories file.
func notInRows(hubs string) geo.Problems {
	return geo.Problems{{File: hubs, Msg: geo.NothingLeftOut + "the problems are in another file, not in the hubs file's rows"}}
}

// readDataFile reads a data file named by the user: only a regular file
// (a FIFO, a device or a directory is refused before it can block or
// stream forever; the open does not block), at most limit bytes (read
// through a limit, so a file that grows meanwhile is refused too), and
// stopping when ctx ends. limitName says where the limit is set.
func readDataFile(ctx context.Context, path string, limit int64, limitName string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s): data files must be plain files", path, fileKind(fi.Mode()))
	}
	tooBig := fmt.Errorf("%s is larger than %d MB (%s)", path, limit>>20, limitName)
	if fi.Size() > limit {
		return nil, tooBig
	}
	buf := make([]byte, 0, min(fi.Size()+1, limit+1))
	r := io.LimitReader(f, limit+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) > limit {
		return nil, tooBig
	}
	return buf, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}
