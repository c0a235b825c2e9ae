package assets

import (
	"os"
	"syscall"
	"unsafe"
)

// releasePages drops the whole pages within s from the process's memory
// (madvise MADV_DONTNEED). s is read-only data of the binary, a private
// file mapping never written to: a later read of a dropped page maps it
// again from the file, with the same bytes.
func releasePages(s string) {
	b := wholePages(s)
	if len(b) > 0 {
		syscall.Madvise(b, syscall.MADV_DONTNEED)
	}
}

// wholePages is the part of s that fills whole memory pages.
func wholePages(s string) []byte {
	page := uintptr(os.Getpagesize())
	p := unsafe.StringData(s)
	skip := (page - uintptr(unsafe.Pointer(p))%page) % page
	if uintptr(len(s)) < skip+page {
		return nil
	}
	n := (uintptr(len(s)) - skip) &^ (page - 1)
	return unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(p), skip)), n)
}
