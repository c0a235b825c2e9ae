package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// memFiles is the size of the process's open memory files (memfd) in MB:
// memory it holds that VmHWM does not count.
func memFiles(pid int) float64 {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	es, _ := os.ReadDir(dir)
	var n int64
	seen := map[uint64]bool{} // inodes: a file's descriptions are counted once
	for _, e := range es {
		p := filepath.Join(dir, e.Name())
		if l, err := os.Readlink(p); err == nil && strings.HasPrefix(l, "/memfd:") {
			if fi, err := os.Stat(p); err == nil {
				if st, ok := fi.Sys().(*syscall.Stat_t); ok && !seen[st.Ino] {
					seen[st.Ino] = true
					n += fi.Size()
				}
			}
		}
	}
	return float64(n) / (1 << 20)
}
