package main

import (
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// memoryLimit keeps Go's soft memory limit (GOMEMLIMIT) fit for the data
// being served. server.memory_limit_mb is measured for the embedded data
// (bench/README.md); data whose live heap needs more gets more (see
// memoryLimitFor), for a limit under the live heap makes the collector
// run without pause and take up to half the CPU: a server of 50,000
// suppliers (54 MB live after loading) ran 279 collections while loading
// and one for every map or two at the 44 MiB default. The zero value, or
// a configured 0, sets no limit (a GOMEMLIMIT in the environment then
// applies).
type memoryLimit struct {
	configuredMB int
	// ceiling is the most the limit is raised to, bytes: the container's
	// memory (cgroup memory.max) less room for the binary and stacks; 0
	// for none.
	ceiling int64
	log     *slog.Logger
}

// ceilingRoom is what the raised limit leaves of the container's memory
// for what the limit does not count: the binary's pages (15 MB, measured)
// and stacks.
const ceilingRoom = 32 << 20

// memoryLimitFor is the limit for data whose live heap after loading is
// live bytes: the configured limit, or twice the live heap plus 8 MiB when
// that is more — where the collector's own goal (GOGC=100) puts the heap,
// and room for the maps being drawn — but not above ceiling (when it is
// not 0) unless the configured limit is.
func memoryLimitFor(configuredMB int, live uint64, ceiling int64) int64 {
	if configuredMB <= 0 {
		return math.MaxInt64
	}
	configured := int64(configuredMB) << 20
	want := 2*int64(min(live, math.MaxInt64/4)) + 8<<20
	if ceiling > 0 {
		want = min(want, ceiling)
	}
	return max(configured, want)
}

// cgroupCeiling is the memory of the cgroup (v2) the process runs in less
// ceilingRoom, or 0 when there is no such limit or it cannot be read.
func cgroupCeiling() int64 {
	b, err := os.ReadFile("/sys/fs/cgroup/memory.max")
	if err != nil {
		return 0
	}
	return ceilingOf(string(b))
}

// ceilingOf reads a memory.max file's content.
func ceilingOf(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= ceilingRoom { // "max", or too small to matter
		return 0
	}
	return n - ceilingRoom
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
// OS, and measures the live heap that leaves. Right after a reload that
// heap may still hold the previous data, for requests in flight: the
// reloader fits again later (see reloader.run).
func (m *memoryLimit) fit() {
	debug.FreeOSMemory()
	if m == nil || m.configuredMB <= 0 {
		return
	}
	live := liveHeap()
	limit := memoryLimitFor(m.configuredMB, live, m.ceiling)
	if prev := debug.SetMemoryLimit(limit); m.log != nil && limit > int64(m.configuredMB)<<20 && limit != prev {
		// Warn: the operator's budget grew.
		m.log.Warn("memory limit raised for the data", "configured_mb", m.configuredMB, "live_heap_mb", live>>20, "limit_mb", limit>>20, "ceiling_mb", m.ceiling>>20)
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
