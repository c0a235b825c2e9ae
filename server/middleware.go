package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// Content-Security-Policy values (shared/EXPORT-SVG.md). The page loads
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

// refusedCodings drops the content codings a client refuses with q=0 from
// its Accept-Encoding, because chi's Compress reads the names only and
// would send gzip to "gzip;q=0".
func refusedCodings(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ae := r.Header.Get("Accept-Encoding"); strings.Contains(ae, "q=0") {
			var keep []string
			for _, part := range strings.Split(ae, ",") {
				_, params, _ := strings.Cut(part, ";")
				if !refused(params) {
					keep = append(keep, strings.TrimSpace(part))
				}
			}
			r.Header.Set("Accept-Encoding", strings.Join(keep, ", "))
		}
		next.ServeHTTP(w, r)
	})
}

// refused reports whether the parameters of an Accept-Encoding entry set
// its quality to zero.
func refused(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(k, "q") {
			q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return err == nil && q == 0
		}
	}
	return false
}
