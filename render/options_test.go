package render_test

import (
	"testing"

	"github.com/hubatlas/hubatlas/render"
)

// TestBBoxSpans: a window is refused or taken by its size in degrees as
// written, whatever floating point makes of the difference: 0.05° wide
// had passed at 113.1,113.15 and been refused at 113,113.05.
func TestBBoxSpans(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"113.0,23.0,113.05,23.06", true},
		{"113.1,23.1,113.15,23.16", true},
		{"113.0,23.0,113.0499,23.06", false},
		{"60,0,150,60", true},
		{"60,0,150.0001,60", false},
		{"100,20,100.5,20.04", false},
	} {
		_, err := render.ParseBBox(c.s)
		if (err == nil) != c.ok {
			t.Errorf("ParseBBox(%q): %v, want ok %v", c.s, err, c.ok)
		}
	}
}
