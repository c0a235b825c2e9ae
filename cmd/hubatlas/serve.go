package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/hubatlas/hubatlas/assets"
	"github.com/hubatlas/hubatlas/render"
	"github.com/hubatlas/hubatlas/server"
)

// runServe serves the dashboard until ctx ends (SIGINT, SIGTERM), then
// lets in-flight requests finish. SIGHUP reloads the data files; a bad
// reload is logged and the previous data stays in service.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	cfgPath := flags.String("config", "config.yaml", "config file (default ./config.yaml when it exists)")
	addr := flags.String("addr", "", "listen address host:port (overrides server.addr)")
	boundaries := flags.String("boundaries", "", "boundary GeoJSON (overrides data.boundaries)")
	hubs := flags.String("hubs", "", "hubs YAML (overrides data.hubs)")
	if err := flags.Parse(args); err != nil {
		return errUsage
	}
	explicit := false
	flags.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "config" })
	overrides := map[string]any{}
	if *addr != "" {
		overrides["server.addr"] = *addr
	}
	if *boundaries != "" {
		overrides["data.boundaries"] = *boundaries
	}
	if *hubs != "" {
		overrides["data.hubs"] = *hubs
	}
	cfg, err := loadConfig(*cfgPath, explicit, overrides)
	if err != nil {
		return err
	}
	level, _ := logLevel(cfg.Log.Level)
	var h slog.Handler = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})
	}
	log := slog.New(h)

	if cfg.Server.MemoryLimitMB > 0 {
		debug.SetMemoryLimit(int64(cfg.Server.MemoryLimitMB) << 20)
	}
	a, err := loadAtlas(cfg.Data.Boundaries, cfg.Data.Hubs)
	if err != nil {
		return err
	}
	debug.FreeOSMemory() // the parse's garbage goes back to the OS before serving
	web, err := fs.Sub(assets.FS, assets.Web)
	if err != nil {
		return err
	}
	classes := make([]string, len(cfg.Palette.Classes))
	for i, c := range cfg.Palette.Classes {
		classes[i] = strings.ToLower(c)
	}
	srv, err := server.New(a, web, server.Options{
		Width: cfg.Map.Width, Height: cfg.Map.Height, Lang: cfg.Map.Lang,
		Palette:      &render.Palette{Zero: strings.ToLower(cfg.Palette.Zero), Classes: classes},
		CacheEntries: cfg.Cache.Entries, CacheBytes: cfg.Cache.MaxMB << 20, MaxAge: int(cfg.Cache.MaxAge.Seconds()), Log: log,
	})
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: cfg.Server.ReadHeaderTimeout,
		ReadTimeout:       cfg.Server.ReadTimeout,
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       cfg.Server.IdleTimeout,
		MaxHeaderBytes:    cfg.Server.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s (server.addr): %w", cfg.Server.Addr, err)
	}
	fmt.Fprintf(stdout, "hubatlas: serving %d hubs on http://%s/\n", len(a.Hubs), displayAddr(ln.Addr()))
	log.Info("serving", "addr", ln.Addr().String(), "data", a.Version, "divisions", len(a.Divisions), "hubs", len(a.Hubs))

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-hup:
			case <-ctx.Done():
				return
			}
			next, err := loadAtlas(cfg.Data.Boundaries, cfg.Data.Hubs)
			if err != nil {
				log.Error("reload failed; still serving the previous data", "data", srv.Atlas().Version, "err", err)
				continue
			}
			srv.Swap(next)
			log.Info("reloaded", "data", next.Version, "hubs", len(next.Hubs))
		}
	}()

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
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
