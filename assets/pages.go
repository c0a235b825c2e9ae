package assets

import _ "embed"

// The two large data files again, as strings, so that ReleasePages can
// find their bytes. The linker keeps one copy of a file's bytes, which FS
// and these share: the binary grows by a few kilobytes, not by 2.7 MB.
var (
	//go:embed data/china-provinces.geojson
	boundariesData string
	//go:embed data/context.geojson
	contextData string
)

// ReleasePages tells the kernel that the memory holding the embedded
// boundary and context files (2.7 MB) is not needed for now: they are
// read when data is loaded and not again until a reload, but the pages
// read stay counted in the process's resident memory. The pages stay
// mapped, and a later read brings them back from the binary on disk. It
// does nothing on systems other than Linux.
func ReleasePages() {
	for _, s := range []string{boundariesData, contextData} {
		releasePages(s)
	}
}
