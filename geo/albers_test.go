package geo

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

// TestAlbersMatchesPROJ compares Forward and Inverse with values printed by
// PROJ's cs2cs (see the header of testdata/proj-aea.txt) at points across
// China, from Kashgar to the Spratlys and the Amur.
func TestAlbersMatchesPROJ(t *testing.T) {
	f, err := os.Open("testdata/proj-aea.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		var v [4]float64
		for i, s := range strings.Fields(line) {
			if v[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
		}
		ll, want := orb.Point{v[0], v[1]}, orb.Point{v[2], v[3]}
		got := China.Forward(ll)
		if d := math.Hypot(got[0]-want[0], got[1]-want[1]); d > 0.01 {
			t.Errorf("Forward(%v) = %.6f, PROJ %.6f: off by %.4f m", ll, got, want, d)
		}
		back := China.Inverse(want)
		// 1 cm is about 1e-7 degrees of latitude.
		if math.Abs(back[0]-ll[0]) > 1e-7 || math.Abs(back[1]-ll[1]) > 1e-7 {
			t.Errorf("Inverse(%.6f) = %.9f, want %v", want, back, ll)
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d reference points", n)
	}
}

func TestFit(t *testing.T) {
	b := orb.Bound{Min: orb.Point{-1000, -500}, Max: orb.Point{1000, 500}}
	tr := Fit(b, 1200, 900, 20)
	if got, want := tr.Scale, (1200.0-40)/2000; math.Abs(got-want) > 1e-12 {
		t.Fatalf("scale %v, want %v", got, want)
	}
	for _, c := range []struct{ in, want orb.Point }{
		{orb.Point{-1000, 500}, orb.Point{20, 450 - 500*0.58}},
		{orb.Point{1000, -500}, orb.Point{1180, 450 + 500*0.58}},
		{orb.Point{0, 0}, orb.Point{600, 450}},
	} {
		got := tr.Apply(c.in)
		if math.Abs(got[0]-c.want[0]) > 1e-9 || math.Abs(got[1]-c.want[1]) > 1e-9 {
			t.Errorf("Apply(%v) = %v, want %v", c.in, got, c.want)
		}
		if back := tr.Invert(got); math.Abs(back[0]-c.in[0]) > 1e-9 || math.Abs(back[1]-c.in[1]) > 1e-9 {
			t.Errorf("Invert(Apply(%v)) = %v", c.in, back)
		}
	}
}
