package server

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// memFile returns a sealed memory file holding body and a path that opens
// new descriptions of it (/proc/self/fd/N, while the file is open).
func memFile(body []byte) (*os.File, string, error) {
	fd, err := unix.MemfdCreate("hubatlas-map", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return nil, "", err
	}
	f := os.NewFile(uintptr(fd), "hubatlas-map")
	if _, err := f.Write(body); err != nil {
		f.Close()
		return nil, "", err
	}
	// Sealed: nothing can change or cut the bytes a request is sending.
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_ADD_SEALS, unix.F_SEAL_SEAL|unix.F_SEAL_SHRINK|unix.F_SEAL_GROW|unix.F_SEAL_WRITE); err != nil {
		f.Close()
		return nil, "", err
	}
	return f, "/proc/self/fd/" + strconv.Itoa(fd), nil
}
