package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/server"
)

// runServe serves the dashboard until ctx ends (SIGINT, SIGTERM), then
// lets in-flight requests finish. SIGHUP reloads the data files; a bad
// reload is logged and the previous data stays in service.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c := newCommon("serve", stderr)
	addr := c.fs.String("addr", "", "listen address host:port (overrides server.addr)")
	if err := c.parse(args); err != nil {
		return err
	}
	if c.fs.NArg() > 0 {
		return fmt.Errorf("serve: unexpected argument %q", c.fs.Arg(0))
	}
	overrides := map[string]any{}
	if *addr != "" {
		overrides["server.addr"] = *addr
	}
	cfg, err := c.config(overrides)
	if err != nil {
		return err
	}
	level, _ := logLevel(cfg.Log.Level)
	var h slog.Handler = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})
	}
	log := slog.New(h)

	// The limit as it was comes back on return (tests run serve in process).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	mem := &memoryLimit{configuredMB: cfg.Server.MemoryLimitMB, ceiling: cgroupCeiling(), log: log}
	mem.lift()
	data := &loader{cfg: cfg.Data}
	a, err := data.load(ctx)
	if err != nil {
		return err
	}
	logNotes(log, a)
	mem.fit() // the parse's garbage goes back to the OS before serving
	web, err := fs.Sub(assets.FS, assets.Web)
	if err != nil {
		return err
	}
	catalog, err := embeddedCatalog()
	if err != nil {
		return err
	}
	srv, err := server.New(a, web, server.Options{
		Catalog: catalog,
		Width:   cfg.Map.Width, Height: cfg.Map.Height, Lang: cfg.Map.Lang,
		Edition: cfg.Map.Edition, Approval: cfg.Map.ApprovalNumber,
		EmbedOrigins: cfg.Server.EmbedOrigins,
		MaxQueue:     cfg.Server.MaxQueue, QueueTimeout: cfg.Server.QueueTimeout,
		Palette:      cfg.palette(),
		CacheEntries: cfg.Cache.Entries, CacheBytes: cfg.Cache.MaxMB << 20, MaxAge: int(cfg.Cache.MaxAge.Seconds()), Log: log,
	})
	if err != nil {
		return err
	}
	maxConns, why, err := connectionLimit(cfg.Server.MaxConnections)
	if err != nil {
		return err
	}
	if why != "" {
		log.Warn("fewer connections than server.max_connections", "max_connections", maxConns, "configured", cfg.Server.MaxConnections, "why", why)
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (server.addr): %w", cfg.Server.Addr, err)
	}
	limited := newConnLimit(ln, maxConns, log)
	hs := &http.Server{
		Handler:           srv.Handler(),
		ConnState:         limited.track,
		ReadHeaderTimeout: cfg.Server.ReadHeaderTimeout,
		ReadTimeout:       cfg.Server.ReadTimeout,
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       cfg.Server.IdleTimeout,
		MaxHeaderBytes:    cfg.Server.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "hubatlas: serving %d hubs on http://%s/\n", len(a.Hubs), displayAddr(ln.Addr()))
	log.Info("serving", "addr", ln.Addr().String(), "data", a.Version, "divisions", len(a.Divisions), "hubs", len(a.Hubs))

	rl := newReloader([]string{cfg.Data.Boundaries, cfg.Data.Hubs, cfg.Data.Categories}, log)
	rl.load, rl.swap, rl.fail, rl.mem, rl.settle = data.load, srv.Swap, srv.ReportLoadFailure, mem, cfg.Server.WriteTimeout
	go rl.run(ctx)
	if cfg.Data.Watch {
		if err := rl.watch(ctx); err != nil {
			log.Warn("not watching the data files; SIGHUP still reloads", "err", err)
		}
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-hup:
				rl.request("SIGHUP")
			case <-ctx.Done():
				return
			}
		}
	}()

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(limited) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.Server.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Server.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// displayAddr turns a wildcard listen address into one a browser opens.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
