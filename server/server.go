// Package server is hubatlas over HTTP: the dashboard page, SVG maps and
// exports, and the JSON/GeoJSON API. It is the only package that imports
// chi. Every route takes the same query parameters.
package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zlib"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// Options configure a Server; cmd/hubatlas fills them from config.yaml.
type Options struct {
	Width, Height int             // default map size, px
	Lang          string          // default label language
	Edition       string          // default edition: render.EditionIntl or EditionCN
	Approval      string          // map approval number printed on cn-edition maps
	Palette       *render.Palette // nil for the default shading
	CacheEntries  int             // rendered maps kept in memory; 0 disables the cache
	CacheBytes    int             // and at most this many bytes of them (an SVG map counts its gzip form); 0 means 3 MiB
	MaxAge        int             // Cache-Control max-age, seconds
	Log           *slog.Logger
	// Catalog is the default categories for previews that bring none
	// when the data served has no catalog; previews otherwise default to
	// the categories served.
	Catalog *geo.Catalog
	// EmbedOrigins may frame /embed (server.embed_origins), origins such
	// as https://example.com (see CheckEmbedOrigin); every other route,
	// and /embed when this is empty, refuses to be framed.
	EmbedOrigins []string
	// Renders is how many maps are drawn at once; 0 means one per CPU
	// (GOMAXPROCS): drawing is CPU-bound.
	Renders int
	// MaxQueue is how many renders may wait for a drawing slot
	// (server.max_queue); a request that would be one more gets 503 with
	// Retry-After at once. 0 means DefaultMaxQueue.
	MaxQueue int
	// QueueTimeout is the longest a render waits for a slot
	// (server.queue_timeout) before its request gets 503 with
	// Retry-After; 0 means DefaultQueueTimeout.
	QueueTimeout time.Duration
}

// Server serves one atlas at a time; Swap replaces it atomically, so a
// reload never leaves requests without data.
type Server struct {
	opt Options
	// build fingerprints what shapes responses besides data and query:
	// defaults, palette, page template, script and style. It goes into
	// every ETag, so a new release or config never answers 304 with an
	// old body.
	build string
	web   fs.FS
	page  *template.Template
	state atomic.Pointer[state]
	// failure is the last data reload that failed since the data now
	// served was loaded, or nil: /healthz says "degraded" and the page
	// shows a notice while it is set.
	failure atomic.Pointer[loadFailure]
	// drawing admits as many renders at once as there are CPUs: drawing is
	// CPU-bound, so more would only hold more memory (about 1 MB each)
	// without drawing any faster.
	drawing chan struct{}
	// waiting counts the renders waiting for a slot, at most MaxQueue.
	waiting atomic.Int64
	// previews are visitors' own files, by token (see handlePreview).
	previews *previewStore
	// routes lists the routes for the 404's message.
	routes string
	// files sends kept maps' bodies with sendfile.
	files *bodyFiles
}

// state is an atlas with the cache of maps drawn from it.
type state struct {
	atlas  *geo.Atlas
	cache  *mapCache
	parsed parsedQueries
	draws  draws
}

// New returns a Server for atlas a; web holds the page template, script
// and style (assets/web).
func New(a *geo.Atlas, web fs.FS, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Width == 0 {
		opt.Width, opt.Height = render.DefaultWidth, render.DefaultHeight
	}
	if opt.Lang == "" {
		opt.Lang = "en"
	}
	if opt.CacheBytes == 0 {
		opt.CacheBytes = 3 << 20
	}
	if opt.Renders == 0 {
		opt.Renders = runtime.GOMAXPROCS(0)
	}
	if opt.MaxQueue == 0 {
		opt.MaxQueue = DefaultMaxQueue
	}
	if opt.QueueTimeout == 0 {
		opt.QueueTimeout = DefaultQueueTimeout
	}
	for _, o := range opt.EmbedOrigins {
		if err := CheckEmbedOrigin(o); err != nil {
			return nil, fmt.Errorf("server.embed_origins: %w", err)
		}
	}
	page, err := template.New("index.html").Funcs(pageFuncs).ParseFS(web, "index.html")
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, web: web, page: page, drawing: make(chan struct{}, opt.Renders), previews: newPreviewStore(), files: newBodyFiles()}
	if s.build, err = fingerprint(opt, web); err != nil {
		return nil, err
	}
	s.Swap(a)
	return s, nil
}

// Swap makes a the atlas served from now on, with an empty map cache,
// and clears a reported load failure. Requests in flight finish with the
// atlas they started with.
func (s *Server) Swap(a *geo.Atlas) {
	s.state.Store(&state{atlas: a, cache: newMapCache(s.opt.CacheEntries, s.opt.CacheBytes)})
	s.failure.Store(nil)
}

// loadFailure is a reload that failed: the data keeps being served.
type loadFailure struct {
	Error    string    `json:"error"`
	Problems []string  `json:"problems,omitempty"`
	Since    time.Time `json:"since"`
}

// maxReportedProblems bounds what /healthz lists of a failed reload.
const maxReportedProblems = 10

// ReportLoadFailure records that reloading the data failed with err while
// the previous data stays in service: /healthz answers "degraded" with
// the first problems, and the page shows a discreet notice, until the
// next Swap.
func (s *Server) ReportLoadFailure(err error) {
	f := &loadFailure{Error: err.Error(), Since: time.Now().UTC()}
	var ps geo.Problems
	if errors.As(err, &ps) {
		f.Error = fmt.Sprintf("%d problems in the data", len(ps))
		if len(ps) == 1 {
			f.Error = "a problem in the data"
		}
		for i, p := range ps {
			if i == maxReportedProblems {
				break
			}
			f.Problems = append(f.Problems, p.String())
		}
	}
	s.failure.Store(f)
}

// Atlas returns the atlas being served.
func (s *Server) Atlas() *geo.Atlas { return s.state.Load().atlas }

// Handler returns the routes with their middleware.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Use(requestLog(s.opt.Log)) // outside Recoverer, so that a panic is logged as the 500 it became
	r.Use(middleware.Recoverer)
	r.Use(middleware.GetHead)
	r.Use(negotiateCoding)
	r.Use(securityHeaders)
	// Explicit types: chi's defaults lack application/geo+json.
	compressor := middleware.NewCompressor(5, "text/html", "text/css", "text/javascript", "application/javascript",
		"application/json", "application/geo+json", "image/svg+xml")
	// klauspost/compress encoders, gzip set last so that it stays first in
	// chi's order of precedence.
	// HTTP's deflate is the zlib format (RFC 9110 8.4.1.2), as chi's own
	// encoder and a raw flate writer do not send it: Python's zlib, for
	// one, refused the body ("unknown compression method").
	compressor.SetEncoder("deflate", func(w io.Writer, level int) io.Writer {
		zw, _ := zlib.NewWriterLevel(w, level)
		return zw
	})
	compressor.SetEncoder("gzip", func(w io.Writer, level int) io.Writer {
		zw, _ := gzip.NewWriterLevel(w, level)
		return zw
	})
	r.Use(compressExcept(compressor.Handler, selfCoded))
	r.NotFound(s.handleNotFound)
	r.MethodNotAllowed(s.handleMethodNotAllowed)

	// GET /?category=footwear&q=bag the dashboard, map inline, works without JS
	r.Get("/", s.handlePage)
	// GET /map.svg?category=footwear the map for the query
	r.Get(mapRoute, s.handleMapSVG)
	// GET /export.svg?category=footwear the same map as a download for reports
	r.Get(exportSVGRoute, s.handleExportSVG)
	// GET /export.png?page=slide&dpi=150, /export.pdf?page=a4 the map as PNG or PDF
	r.Get("/export.png", s.handleExportPNG)
	r.Get("/export.pdf", s.handleExportPDF)
	// GET /api/hubs?category=footwear matching hubs as GeoJSON points
	r.Get("/api/hubs", s.handleHubs)
	// GET /api/categories?industry=transport categories with counts for the query
	r.Get("/api/categories", s.handleCategories)
	// GET /api/provinces?category=toys provinces with hub counts for the query
	r.Get("/api/provinces", s.handleProvinces)
	// GET /api/view?bbox=112,21,118,26&width=960&height=720 the map's frame, projection and counts for the page
	r.Get("/api/view", s.handleView)
	// GET /embed?category=toys the map and its legend for an iframe on server.embed_origins
	r.Get("/embed", s.handleEmbed)
	// GET /download.csv?category=toys the hubs of the query as CSV (also .xlsx, .geojson)
	r.Get("/download.{format}", s.handleDownload)
	// POST /api/preview a visitor's own hubs file, checked and kept in memory as ?preview=TOKEN
	r.Post("/api/preview", s.handlePreview)
	// GET /healthz liveness and the data version
	r.Get("/healthz", s.handleHealth)
	// GET /static/app.js, /static/app.css the page's script and style
	r.Get("/static/{file}", s.handleStatic)

	// The 404 lists the routes above.
	var routes []string
	chi.Walk(r, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if method != http.MethodGet {
			route = method + " " + route
		}
		if method == http.MethodGet || method == http.MethodPost {
			routes = append(routes, route)
		}
		return nil
	})
	slices.Sort(routes)
	s.routes = strings.Join(slices.Compact(routes), ", ")
	return r
}

// rendered is one map, drawn once; its gzip form is made on the first
// request that accepts gzip and kept. A map drawn for a gzip request and
// not kept in the cache has only its gzip form.
type rendered struct {
	// svg is the SVG of a map not kept, sent from buf; a kept map holds
	// its SVG as gzip only (gz), and plain unpacks it.
	svg   []byte
	file  []byte // the PNG or PDF, when this is one
	etag  string // without quotes or coding suffix
	title string

	gzOnce sync.Once
	gz     []byte

	// plainLen is the SVG's length where svg is not held (a response's
	// Content-Length), and head a kept map's first bytes, sent before its
	// memory file (bodyFiles): neither needs unpacking.
	plainLen int
	head     []byte

	// buf holds what a map not kept in the cache is sent as, svg or
	// (drawn for gzip) gz; release gives it back.
	buf *bytes.Buffer
	// kept is set when the cache took the map: only such a map is sent
	// from a memory file (bodyFiles), for a map drawn for one request is
	// not asked for again.
	kept bool
}

// size is the length of the map's SVG, or of its PNG or PDF.
func (r *rendered) size() int {
	switch {
	case r.file != nil:
		return len(r.file)
	case r.svg != nil:
		return len(r.svg)
	}
	return r.plainLen
}

// plain returns the map's SVG and a function to call once it is written:
// a kept map's is unpacked from its gzip form into a buffer of its own.
// That takes 0.37-0.47 ms for the 125 KB map of China
// (BenchmarkKeptMapUnpack): about what drawing it again costs on a view
// whose geometry is cached, a tenth of a new view's, where holding the
// SVG too cost the collector room for every map kept. Browsers and a
// cache in front ask for gzip; and once a map is sent often enough to
// have a memory file, serveMap sends that with no unpacking.
func (r *rendered) plain() ([]byte, func(), error) {
	if r.svg != nil || r.gz == nil {
		return r.svg, func() {}, nil
	}
	b := getBuffer()
	b.Grow(r.plainLen)
	if err := gunzipInto(b, r.gz); err != nil || b.Len() != r.plainLen {
		putBuffer(b)
		return nil, nil, fmt.Errorf("a kept map's gzip form unpacks to %d bytes, not %d: %v", b.Len(), r.plainLen, err)
	}
	return b.Bytes(), func() { putBuffer(b) }, nil
}

// clearReleased makes release clear the buffer it gives back, so that a
// response written after it shows; the tests set it.
var clearReleased = false

// release gives back the buffer a map not kept was sent from (its SVG,
// or its gzip form), once its response is written; it does nothing for
// any other map.
func (r *rendered) release() {
	if r.buf != nil {
		if clearReleased {
			clear(r.buf.Bytes())
		}
		r.svg, r.gz = nil, nil
		putBuffer(r.buf)
		r.buf = nil
	}
}

// gzipLevel is klauspost/compress's level 1: on the 110 KB map of China
// it takes 0.26 ms for 35.0 KB and a writer holds 0.8 MB, where level 3
// takes 0.31 ms for 33.7 KB and holds 1.2 MB (measured here; the
// standard library's default level took 8.8 ms, its fastest 0.85 ms).
// Compression would otherwise cost more than drawing the map, and under
// the memory limit every megabyte held makes the collector run more.
const gzipLevel = 1

// gzipWriters keeps writers between uses, as many as there are CPUs,
// across garbage collections: a new writer allocates about a megabyte of
// tables and clearing them costs as much as compressing a map, and a
// sync.Pool drops what it holds at every collection, which under the
// memory limit come often while maps are drawn.
var gzipWriters = make(chan *gzip.Writer, runtime.GOMAXPROCS(0))

func getGzipWriter() *gzip.Writer {
	select {
	case zw := <-gzipWriters:
		return zw
	default:
		zw, _ := gzip.NewWriterLevel(io.Discard, gzipLevel)
		return zw
	}
}

func putGzipWriter(zw *gzip.Writer) {
	select {
	case gzipWriters <- zw:
	default:
	}
}

// buffers hold SVG and gzip output while it is made, and a map not kept
// while it is sent; what is kept is copied out at its exact size. Kept
// like gzipWriters, across collections: a map's buffer grows to about
// 256 KB through doublings. Two a CPU: a map and its gzip form are made
// while a drawing slot is held.
var buffers = make(chan *bytes.Buffer, 2*runtime.GOMAXPROCS(0))

// maxKeptBuffer is the largest buffer kept for reuse: a print-size PNG's
// is let go.
const maxKeptBuffer = 1 << 20

// bufferHint is the capacity a new buffer starts with: the size of the
// last SVG map drawn, so that a buffer made while the pool is empty (all
// of its buffers held by maps being sent to slow clients) is one
// allocation, not a series of doublings.
var bufferHint atomic.Int64

func getBuffer() *bytes.Buffer {
	select {
	case b := <-buffers:
		b.Reset()
		return b
	default:
		return bytes.NewBuffer(make([]byte, 0, bufferHint.Load()))
	}
}

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxKeptBuffer {
		return
	}
	select {
	case buffers <- b:
	default:
	}
}

// gzipped returns the map's gzip form, made on first use.
func (r *rendered) gzipped() []byte {
	r.gzOnce.Do(func() { r.gz = gzipOf(r.svg) })
	return r.gz
}

// gzipOf compresses p at gzipLevel into a slice of its own.
func gzipOf(p []byte) []byte {
	b := getBuffer()
	defer putBuffer(b)
	gzipInto(b, p)
	return bytes.Clone(b.Bytes())
}

// gzipInto appends p compressed at gzipLevel to b.
func gzipInto(b *bytes.Buffer, p []byte) {
	zw := getGzipWriter()
	zw.Reset(b)
	zw.Write(p)
	zw.Close()
	zw.Reset(io.Discard) // let go of b
	putGzipWriter(zw)
}

// gunzipReaders keeps readers between uses, as gzipWriters does.
var gunzipReaders = make(chan *gzip.Reader, runtime.GOMAXPROCS(0))

// gunzipInto appends to b what p, made by gzipOf, unpacks to.
func gunzipInto(b *bytes.Buffer, p []byte) error {
	var zr *gzip.Reader
	select {
	case zr = <-gunzipReaders:
		if err := zr.Reset(bytes.NewReader(p)); err != nil {
			return err
		}
	default:
		var err error
		if zr, err = gzip.NewReader(bytes.NewReader(p)); err != nil {
			return err
		}
	}
	_, err := b.ReadFrom(zr)
	if err == nil {
		err = zr.Close()
	}
	// A pooled reader holds no map: it would keep one the cache let go.
	zr.Reset(bytes.NewReader(nil))
	select {
	case gunzipReaders <- zr:
	default:
	}
	return err
}

// renderMap returns the map for q from the cache or draws it, as render
// with gz false (the caller releases it). A request whose client has gone
// stops waiting for its turn to draw.
func (s *Server) renderMap(ctx context.Context, st *state, q query) (*rendered, error) {
	return s.render(ctx, st, q, q.mapKey(), svgFormat, false)
}

// fileFormat is a way of writing a map.
type fileFormat struct {
	ext, mime string
	write     func(context.Context, io.Writer, *render.Scene) error
}

var (
	svgFormat = fileFormat{"svg", "image/svg+xml", func(_ context.Context, w io.Writer, s *render.Scene) error { return render.WriteSVG(w, s) }}
	pngFormat = fileFormat{"png", "image/png", render.WritePNG}
	pdfFormat = fileFormat{"pdf", "application/pdf", render.WritePDF}
)

// render returns the map for q in a format, from the cache or drawn;
// qkey is q.mapKey(), which the caller has at hand already for the ETag (it
// costs a few microseconds, a good part of serving a cached map). gz
// makes the gzip form of a new SVG map; a map drawn with gz and not kept
// has no SVG form (svg is nil). The caller calls release on the map once
// its response is written, and keeps nothing of it after that: a map not
// kept is sent from the buffer it was drawn in.
func (s *Server) render(ctx context.Context, st *state, q query, qkey string, f fileFormat, gz bool) (*rendered, error) {
	key, kind := qkey, "map"
	if f.ext != "svg" {
		key += "\x00" + f.ext
		kind += "." + f.ext
	}
	// A drawing others waited for whose own request went away (its
	// client left or timed out) is drawn again for them, as one drawing;
	// any other failure (a full queue, a bad request) is theirs too.
	for {
		if r, ok := st.cache.get(key); ok {
			return r, nil
		}
		c, leader := st.draws.join(key)
		if leader {
			r, err := s.draw(ctx, st, q, qkey, key, kind, f, gz, c)
			return r, err
		}
		select {
		case <-c.done:
		case <-ctx.Done():
			st.draws.leave(key, c)
			return nil, ctx.Err()
		}
		if c.err == nil {
			return c.r, nil
		}
		if !errors.Is(c.err, context.Canceled) && !errors.Is(c.err, context.DeadlineExceeded) {
			return nil, c.err
		}
	}
}

// errDrawingFailed is what waiters for a drawing that panicked get.
var errDrawingFailed = errors.New("the drawing of this map failed")

// draw draws the map for render as the leader of drawing c, which it
// ends.
func (s *Server) draw(ctx context.Context, st *state, q query, qkey, key, kind string, f fileFormat, gz bool, c *drawCall) (r *rendered, err error) {
	defer func() {
		if !c.ended {
			// Failed, or panicked (Recoverer answers 500): the waiters
			// get its error rather than wait for ever; they draw again
			// only when its own request went away (render), each then
			// waiting its own queue_timeout for a slot.
			st.draws.shared(key, c)
			if err == nil {
				err = errDrawingFailed
			}
			c.end(nil, err)
		}
	}()
	release, err := s.slot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	scene, err := render.Build(ctx, q.atlas, q.req)
	if err != nil {
		return nil, err
	}
	buf := getBuffer()
	err = f.write(ctx, buf, scene)
	scene.Release()
	if err != nil {
		putBuffer(buf)
		return nil, err
	}
	// What is kept is copied out at its exact size: the buffer's spare
	// capacity would double what the cache holds.
	r = &rendered{etag: s.etag(q.atlas, kind, qkey), title: strings.Join(scene.Title, " ")}
	keep := st.cache.admits(key, f.ext != "svg")
	shared := st.draws.shared(key, c)
	keep = keep || shared
	switch {
	case f.ext != "svg":
		r.file = bytes.Clone(buf.Bytes())
	case gz || keep:
		// Compressed while the slot is held, like drawing: one writer a
		// CPU, never a new one (a megabyte) for a request that compresses
		// its map while others are drawn. A map not kept is sent as gzip
		// only: its SVG is not copied out at all. A kept map keeps its
		// gzip form only, a third of the SVG: the cache is most of the
		// live heap, and under the memory limit the collector runs as
		// often as the heap above it leaves room (see plain).
		r.plainLen = buf.Len()
		if keep {
			r.gzOnce.Do(func() { r.gz = gzipOf(buf.Bytes()) })
			r.head = bytes.Clone(buf.Bytes()[:min(sniffLen, buf.Len())])
			break
		}
		// Sent once and dropped: sent from the buffer it was compressed
		// into, given back with the SVG's (r.release), with no copy.
		zb := getBuffer()
		gzipInto(zb, buf.Bytes())
		r.gzOnce.Do(func() { r.gz = zb.Bytes() })
		r.buf = zb
	default:
		bufferHint.Store(int64(min(buf.Len()+buf.Len()/8, maxKeptBuffer)))
		// Sent once and dropped: sent from the buffer, which the caller
		// gives back (r.release) when the response is written. The copy
		// was two thirds of what a map drawn on a cached view allocates.
		r.svg, r.buf = buf.Bytes(), buf
		buf = nil
	}
	if buf != nil {
		putBuffer(buf)
	}
	if keep {
		// Set before the cache shows r to other requests.
		r.kept = st.cache.takes(r)
		st.cache.put(key, r)
	}
	c.end(r, nil)
	return r, nil
}

// Defaults of Options.MaxQueue and QueueTimeout (server.max_queue and
// server.queue_timeout), measured on 2 cores. The queue is twice the
// 64 connections of the load test (bench/load), whose uncached phases
// fill it about halfway and get no 503 (p99 0.5 to 0.8 s); the timeout
// is twice the longest render, the largest PNG allowed (1000×1000 mm at
// 150 dpi, 2.2 to 2.7 s), so that a request behind such renders is still
// drawn. 64 clients asking for A4 PNGs at 300 dpi without end waited
// 20 s at p50 and 36 s at p99 before (past server.write_timeout); now
// the ones drawn take 4.6 s at p50 and the rest get 503 after 5 s.
const (
	DefaultMaxQueue     = 128
	DefaultQueueTimeout = 5 * time.Second
)

// slot waits for a drawing slot and returns the function that frees it.
// It waits at most QueueTimeout, and not at all when MaxQueue renders
// wait already: then it returns an *overloaded error (a 503), because a
// queue without end only makes every client wait longer, each holding
// its connection, until they give up. A request whose client has gone
// stops waiting with ctx's error.
func (s *Server) slot(ctx context.Context) (release func(), err error) {
	release = func() { <-s.drawing }
	select {
	case s.drawing <- struct{}{}:
		return release, nil
	default:
	}
	if n := s.waiting.Add(1); n > int64(s.opt.MaxQueue) {
		s.waiting.Add(-1)
		return nil, &overloaded{Reason: "queue_full", Msg: fmt.Sprintf(
			"the server is busy: %d maps are being drawn and %d wait (server.max_queue); try again in a second", cap(s.drawing), s.opt.MaxQueue)}
	}
	defer s.waiting.Add(-1)
	t := time.NewTimer(s.opt.QueueTimeout)
	defer t.Stop()
	select {
	case s.drawing <- struct{}{}:
		return release, nil
	case <-t.C:
		return nil, &overloaded{Reason: "queue_timeout", Msg: fmt.Sprintf(
			"the server is busy: no map could be drawn for this request within %v (server.queue_timeout); try again in a second", s.opt.QueueTimeout)}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// etag is a strong validator from the data version, the server's build
// fingerprint, the route kind and the normalised query.
func (s *Server) etag(a *geo.Atlas, kind, key string) string {
	h := sha256.Sum256([]byte(s.build + "\x00" + kind + "\x00" + key))
	return a.Version + "-" + hex.EncodeToString(h[:8])
}

// fingerprint hashes the options that change responses and every web
// file. The binary's own code is covered by the VCS revision Go stamps
// into builds, when there is one.
func fingerprint(opt Options, web fs.FS) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%d %d %s %v %q %q\n", opt.Width, opt.Height, opt.Lang, opt.Palette, opt.Edition, opt.Approval)
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, st := range bi.Settings {
			if st.Key == "vcs.revision" || st.Key == "vcs.modified" {
				fmt.Fprintf(h, "%s=%s\n", st.Key, st.Value)
			}
		}
	}
	err := fs.WalkDir(web, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web, path)
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)[:8]), err
}
