package server

import (
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// Content-Security-Policy values (docs/export-svg.md). The page loads
// its script and style from files only; an SVG opened on its own runs
// nothing.
const (
	pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
		"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
	svgCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox"
)

// securityHeaders sets the headers every response carries; handlers that
// serve SVG or the page replace the CSP with their own.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// requestLog writes one structured line per request. The client address
// is the connection's: X-Forwarded-For is spoofable and not trusted.
func requestLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			status := ww.Status()
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("query_bytes", len(r.URL.RawQuery)),
				slog.Int("status", status),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("duration", time.Since(start)),
				slog.String("remote", r.RemoteAddr),
			)
		})
	}
}

// codings are the content codings responses may have, in the order of
// preference between codings a client weighs alike; chi's Compress is
// given the same order.
var codings = []string{"gzip", "deflate"}

// coding returns the content coding of r's response: "gzip", "deflate",
// or "" for none. It is the one rule (RFC 9110 §12.5.3): negotiateCoding
// leaves its answer as the only Accept-Encoding chi's Compress sees, the
// map handler sends its cached gzip by it and validators tag ETags with
// it. A coding is acceptable when listed, or matched by "*", with a
// qvalue above 0 (the parameter name "q" in any case; a malformed
// qvalue refuses); x-gzip is gzip. The highest qvalue wins, ties in the
// order of codings and then identity, which is acceptable by default as
// the last choice unless refused by "identity;q=0" or by "*;q=0" without
// an entry of its own. When nothing is acceptable the response goes
// unencoded, as the RFC prefers to a 406. No Accept-Encoding header: no
// coding, as before.
func coding(r *http.Request) string {
	vals, ok := r.Header["Accept-Encoding"]
	if !ok {
		return ""
	}
	weights := map[string]float64{}
	for part := range strings.SplitSeq(strings.Join(vals, ","), ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			if k, v, _ := strings.Cut(p, "="); strings.EqualFold(strings.TrimSpace(k), "q") {
				q = qvalue(strings.TrimSpace(v))
			}
		}
		if old, seen := weights[name]; !seen || q < old {
			weights[name] = q // listed twice: the lower weight holds
		}
	}
	weight := func(c string) float64 {
		if q, ok := weights[c]; ok {
			return q
		}
		if q, ok := weights["*"]; ok {
			return q
		}
		if c == "identity" {
			return 0.0001 // acceptable, below any listed coding
		}
		return 0
	}
	best, bestQ := "", 0.0
	for _, c := range codings {
		if q := weight(c); q > bestQ {
			best, bestQ = c, q
		}
	}
	if weight("identity") > bestQ {
		return ""
	}
	return best
}

// qvalue parses a weight, "0" to "1" with at most three decimals; a
// malformed one is 0, so that a coding is never sent on a guess.
func qvalue(s string) float64 {
	if len(s) == 0 || len(s) > 5 || s[0] != '0' && s[0] != '1' || len(s) > 1 && s[1] != '.' ||
		len(s) > 2 && strings.Trim(s[2:], "0123456789") != "" {
		return 0
	}
	q, err := strconv.ParseFloat(s, 64)
	if err != nil || q > 1 {
		return 0
	}
	return q
}

// negotiateCoding settles the response's content coding by coding and
// leaves it as the request's only Accept-Encoding (none for no coding):
// chi's Compress matches coding names as substrings and ignores
// weights, so it would send gzip to "gzip;q=0".
func negotiateCoding(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := r.Header["Accept-Encoding"]; ok {
			if c := coding(r); c != "" {
				r.Header.Set("Accept-Encoding", c)
			} else {
				r.Header.Del("Accept-Encoding")
			}
		}
		next.ServeHTTP(w, r)
	})
}

// overloaded is the answer, 503 with Retry-After, to a request that
// would have waited too long to be drawn (see Server.slot). Reason is
// "queue_full" or "queue_timeout".
type overloaded struct {
	Msg    string `json:"error"`
	Reason string `json:"reason"`
}

func (e *overloaded) Error() string { return e.Msg }

// retryAfter is the Retry-After of a 503, in seconds: most renders take
// a few milliseconds, so a second later the queue has usually moved on.
const retryAfter = "1"

// The SVG map routes code their bodies themselves: a map's gzip form is
// made once and kept with it (rendered.gzipped).
const (
	mapRoute       = "/map.svg"
	exportSVGRoute = "/export.svg"
)

// selfCoded are the routes chi's Compress leaves alone unless the client
// takes deflate only, which they leave to it. Unwrapped, their writer
// keeps net/http's ReadFrom, which bodyFiles sends files through.
var selfCoded = []string{mapRoute, exportSVGRoute}

// compressExcept is compress for every request but those of the routes
// given whose coding is not deflate.
func compressExcept(compress func(http.Handler) http.Handler, routes []string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		compressed := compress(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if coding(r) != "deflate" && slices.Contains(routes, r.URL.Path) {
				next.ServeHTTP(w, r)
				return
			}
			compressed.ServeHTTP(w, r)
		})
	}
}
