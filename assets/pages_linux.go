package assets

import (
	"bufio"
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// releasePages drops the whole pages within s from the process's memory
// (madvise MADV_DONTNEED) when they are read-only pages of a file, as the
// binary's data are: a later read of a dropped page maps it again from
// the file, with the same bytes. Anonymous memory would read back as
// zeros (a binary unpacked into memory by a packer such as UPX), so it is
// left alone, as is anything /proc/self/maps cannot vouch for.
func releasePages(s string) {
	b := wholePages(s)
	if len(b) > 0 && readOnlyFile(b) && fromFile(b) {
		syscall.Madvise(b, syscall.MADV_DONTNEED)
	}
}

// fromFile reports whether every page of b in memory is a page of the
// file, not a private copy (bit 61 of its /proc/self/pagemap entry), and
// none is swapped out (bit 62: only a private copy can be): a mapping
// written to before it was made read-only holds copies, which would read
// back from the file changed.
func fromFile(b []byte) bool {
	entries, ok := pageEntries(b)
	if !ok {
		return false
	}
	for _, e := range entries {
		if e>>62&1 == 1 || e>>63&1 == 1 && e>>61&1 == 0 {
			return false
		}
	}
	return true
}

// pageEntries are the /proc/self/pagemap entries of b's whole pages: bit
// 63 says the page is in memory, bit 61 that it is a file's page.
func pageEntries(b []byte) ([]uint64, bool) {
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return nil, false
	}
	defer f.Close()
	page := uintptr(os.Getpagesize())
	first := uintptr(unsafe.Pointer(unsafe.SliceData(b))) / page
	raw := make([]byte, 8*(uintptr(len(b))/page))
	if _, err := f.ReadAt(raw, int64(first*8)); err != nil {
		return nil, false
	}
	entries := make([]uint64, len(raw)/8)
	for i := range entries {
		entries[i] = binary.LittleEndian.Uint64(raw[8*i:])
	}
	return entries, true
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

// readOnlyFile reports whether b lies within one mapping of a file that
// is neither writable nor shared, by /proc/self/maps ("start-end perms
// offset dev inode path").
func readOnlyFile(b []byte) bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	lo := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	hi := lo + uint64(len(b))
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		start, end, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		s, err1 := strconv.ParseUint(start, 16, 64)
		e, err2 := strconv.ParseUint(end, 16, 64)
		if err1 != nil || err2 != nil || lo < s || hi > e {
			continue
		}
		perms, inode := fields[1], fields[4]
		return strings.HasPrefix(perms, "r-") && strings.HasSuffix(perms, "p") && inode != "0"
	}
	return false
}
