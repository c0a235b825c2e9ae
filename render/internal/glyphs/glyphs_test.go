package glyphs

import (
	"testing"
)

func TestEmbeddedFaces(t *testing.T) {
	for _, c := range []struct {
		name    string
		min     int
		has     []rune
		lacks   []rune
		advance map[rune]int
	}{
		{LatinRegular, 700, []rune("Aaé–·°"), []rune("广"), map[rune]int{'A': 639, ' ': 260}},
		{LatinBold, 700, []rune("Aaé"), []rune("广"), nil},
		// GB 2312, Big5's traditional forms, and the CJK face's own Latin.
		{CJKRegular, 9000, []rune("广州廣東晋江义乌A，。"), []rune("𠀀"), map[rune]int{'广': 1000}},
		{CJKBold, 9000, []rune("广州廣東"), nil, nil},
	} {
		f, err := Load(c.name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Len() < c.min || f.UPM != 1000 {
			t.Errorf("%s: %d glyphs at %d units per em", c.name, f.Len(), f.UPM)
		}
		for _, r := range c.has {
			i := f.Index(r)
			if i < 0 {
				t.Errorf("%s lacks %q", c.name, r)
				continue
			}
			if f.Rune(i) != r {
				t.Errorf("%s: glyph %d is %q, want %q", c.name, i, f.Rune(i), r)
			}
			segs := f.Outline(nil, i)
			if len(segs) < 2 || segs[0].Op != MoveTo {
				t.Errorf("%s %q: outline %v", c.name, r, segs)
			}
			for _, s := range segs {
				for k := range s.Op.args() {
					x, y := s.P[k][0], s.P[k][1]
					if x < -200 || x > 1200 || y < -1100 || y > 400 {
						t.Errorf("%s %q: point %v outside the em", c.name, r, s.P[k])
					}
				}
			}
		}
		for _, r := range c.lacks {
			if f.Index(r) >= 0 {
				t.Errorf("%s has %q", c.name, r)
			}
		}
		for r, want := range c.advance {
			if got := f.Advance(f.Index(r)); got != want {
				t.Errorf("%s %q: advance %d, want %d", c.name, r, got, want)
			}
		}
	}
	if _, err := Load("comic-sans"); err == nil {
		t.Error("an unknown face loaded")
	}
}

// TestSpaceHasNoInk: a space advances without an outline.
func TestSpaceHasNoInk(t *testing.T) {
	f, _ := Load(LatinRegular)
	if segs := f.Outline(nil, f.Index(' ')); len(segs) != 0 {
		t.Errorf("space outline %v", segs)
	}
}

func FuzzParse(f *testing.F) {
	b, err := data.ReadFile("data/" + LatinRegular + ".glyphs")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b[:2000])
	f.Add([]byte(Magic))
	f.Add([]byte(Magic + "\x03abc\xe8\x07\x01\x41\x10\x05"))
	f.Fuzz(func(t *testing.T, b []byte) {
		face, err := Parse(b)
		if err != nil {
			return
		}
		for i := range face.Len() {
			face.Outline(nil, i)
			face.Advance(i)
		}
	})
}
