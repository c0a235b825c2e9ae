// Package glyphs holds the outlines of the faces hubatlas draws its PNG
// and PDF maps with — Noto Sans and Noto Sans CJK SC, regular and bold —
// for the characters labels use: Latin, punctuation, and the Chinese
// characters of GB 2312 and Big5's common set. They are embedded, so a
// PNG or PDF looks the same, byte for byte, on every machine, with no
// fonts installed. render/internal/fontgen writes the data files from
// Debian's fonts-noto-core and fonts-noto-cjk.
package glyphs

import (
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
)

//go:embed data/*.glyphs
var data embed.FS

// Magic starts every data file.
const Magic = "HUBATLAS-GLYPHS-1\n"

// Op is what an outline segment does.
type Op byte

const (
	MoveTo  Op = 'M' // start a contour at P[0]; the previous one closes
	LineTo  Op = 'L' // straight to P[0]
	QuadTo  Op = 'Q' // quadratic Bézier through control P[0] to P[1]
	CubeTo  Op = 'C' // cubic Bézier through P[0], P[1] to P[2]
	maxArgs    = 3
)

// Seg is one segment of an outline, in font units with y pointing down
// (as on the page: a glyph's ink is above its baseline at negative y).
type Seg struct {
	Op Op
	P  [maxArgs][2]float64
}

// args is how many points each op takes.
func (o Op) args() int {
	switch o {
	case MoveTo, LineTo:
		return 1
	case QuadTo:
		return 2
	case CubeTo:
		return 3
	}
	return 0
}

// Face is one face's glyphs.
type Face struct {
	Name  string // PostScript-style name, e.g. NotoSans-Bold
	UPM   int    // font units per em
	runes []rune // sorted
	adv   []uint16
	off   []uint32 // len(runes)+1 offsets into outl
	outl  []byte
}

// Faces are the embedded faces by file name (without .glyphs).
const (
	LatinRegular = "latin-regular"
	LatinBold    = "latin-bold"
	CJKRegular   = "cjk-regular"
	CJKBold      = "cjk-bold"
)

var faces = map[string]func() (*Face, error){}

func init() {
	for _, name := range []string{LatinRegular, LatinBold, CJKRegular, CJKBold} {
		faces[name] = sync.OnceValues(func() (*Face, error) {
			b, err := data.ReadFile("data/" + name + ".glyphs")
			if err != nil {
				return nil, err
			}
			f, err := Parse(b)
			if err != nil {
				return nil, fmt.Errorf("glyphs %s: %w", name, err)
			}
			return f, nil
		})
	}
}

// Load returns an embedded face, parsed on first use.
func Load(name string) (*Face, error) {
	f, ok := faces[name]
	if !ok {
		return nil, fmt.Errorf("glyphs: no face %q", name)
	}
	return f()
}

var errCorrupt = errors.New("corrupt glyph data")

// Parse reads a data file: the magic, the face's name, units per em and
// glyph count, then the characters (as deltas), advances, outline
// offsets and outlines.
func Parse(b []byte) (*Face, error) {
	if len(b) < len(Magic) || string(b[:len(Magic)]) != Magic {
		return nil, errCorrupt
	}
	r := reader{b: b[len(Magic):]}
	f := &Face{Name: string(r.bytes(r.uvarint()))}
	upm, count := r.uvarint(), r.uvarint()
	// Each glyph takes at least three bytes of the tables.
	if r.err || upm == 0 || upm > 1<<14 || count == 0 || count > uint64(len(r.b)/3) {
		return nil, errCorrupt
	}
	f.UPM = int(upm)
	n := int(count)
	f.runes = make([]rune, n)
	f.adv = make([]uint16, n)
	f.off = make([]uint32, n+1)
	prev := rune(-1)
	for i := range f.runes {
		d := r.uvarint()
		if d > 0x10FFFF || prev+rune(d)+1 > 0x10FFFF {
			return nil, errCorrupt
		}
		prev += rune(d) + 1
		f.runes[i] = prev
	}
	for i := range f.adv {
		f.adv[i] = uint16(r.uvarint())
	}
	total := uint64(0)
	for i := 1; i <= n; i++ {
		total += r.uvarint()
		if total > uint64(len(r.b)) {
			return nil, errCorrupt
		}
		f.off[i] = uint32(total)
	}
	f.outl = r.b
	if r.err || prev > 0x10FFFF || int(total) != len(f.outl) {
		return nil, errCorrupt
	}
	return f, nil
}

// Len is the number of glyphs.
func (f *Face) Len() int { return len(f.runes) }

// Rune is the character of glyph i.
func (f *Face) Rune(i int) rune { return f.runes[i] }

// Index is the glyph of r, or -1 when the face has none.
func (f *Face) Index(r rune) int {
	i, ok := slices.BinarySearch(f.runes, r)
	if !ok {
		return -1
	}
	return i
}

// Advance is glyph i's advance width in font units.
func (f *Face) Advance(i int) int { return int(f.adv[i]) }

// Outline appends glyph i's outline to dst.
func (f *Face) Outline(dst []Seg, i int) []Seg {
	r := reader{b: f.outl[f.off[i]:f.off[i+1]]}
	var x, y int64
	for len(r.b) > 0 && !r.err {
		s := Seg{Op: Op(r.byte())}
		for k := range s.Op.args() {
			x += r.varint()
			y += r.varint()
			s.P[k] = [2]float64{float64(x), float64(y)}
		}
		if s.Op.args() == 0 {
			break // data the generator never writes
		}
		dst = append(dst, s)
	}
	return dst
}

// reader reads varints, remembering a short read.
type reader struct {
	b   []byte
	err bool
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = true
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = true
		r.b = nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.err = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) bytes(n uint64) []byte {
	if n > uint64(len(r.b)) {
		r.err = true
		r.b = nil
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}
