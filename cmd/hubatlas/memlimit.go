package main

import (
	"log/slog"
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// memoryLimit keeps Go's soft memory limit (GOMEMLIMIT) fit for the data
// being served. server.memory_limit_mb is measured for the embedded data
// (bench/README.md); data whose live heap needs more gets more (see
// memoryLimitFor), for a limit under the live heap makes the collector
// run without pause and take up to half the CPU: a server of 50,000
// suppliers (54 MB live after loading) ran 279 collections while loading
// and one for every map or two at the 44 MiB default. The zero value, or
// a configured 0, sets no limit.
type memoryLimit struct {
	configuredMB int
	log          *slog.Logger
}

// memoryLimitFor is the limit for data whose live heap after loading is
// live bytes: the configured limit, or twice the live heap plus 8 MiB when
// that is more — where the collector's own goal (GOGC=100) puts the heap,
// and room for the maps being drawn.
func memoryLimitFor(configuredMB int, live uint64) int64 {
	if configuredMB <= 0 {
		return math.MaxInt64
	}
	return max(int64(configuredMB)<<20, 2*int64(min(live, math.MaxInt64/4))+8<<20)
}

// lift removes the limit while data is loaded: parsing a large file under
// a limit fit for smaller data would collect without pause.
func (m *memoryLimit) lift() {
	if m != nil && m.configuredMB > 0 {
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// fit sets the limit for the data now served. It collects first
// (debug.FreeOSMemory), which also hands the load's garbage back to the
// OS, and measures the live heap that leaves.
func (m *memoryLimit) fit() {
	debug.FreeOSMemory()
	if m == nil || m.configuredMB <= 0 {
		return
	}
	live := liveHeap()
	limit := memoryLimitFor(m.configuredMB, live)
	debug.SetMemoryLimit(limit)
	if m.log != nil && limit > int64(m.configuredMB)<<20 {
		m.log.Info("memory limit raised for the data", "configured_mb", m.configuredMB, "live_heap_mb", live>>20, "limit_mb", limit>>20)
	}
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
