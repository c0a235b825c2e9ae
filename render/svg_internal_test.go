package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

// The SVG writer appends its elements itself; these check its pieces
// against what svgo and encoding/xml wrote before, byte for byte.

var escapeCases = []string{
	"", "Quanzhou", "Xi'an", `a "b" <c> & d`, "tab\there", "new\nline", "cr\rx",
	"泉州", "Ünïcödé", "ctl\x01x", "bad \xff utf8", "\xe6\xb3", "end\x7f", "\uFFFD", "\U0001F600", "\uFFFE",
	"&amp;", "'Noto Sans',sans-serif",
}

func TestAppendEscaped(t *testing.T) {
	for _, s := range escapeCases {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if got := appendEscaped([]byte("x"), s); string(got) != "x"+want.String() {
			t.Errorf("appendEscaped(%q) = %q, want %q", s, got[1:], want.String())
		}
	}
}

func FuzzAppendEscaped(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		xml.EscapeText(&want, []byte(s))
		if got := appendEscaped(nil, s); string(got) != want.String() {
			t.Errorf("appendEscaped(%q) = %q, want %q", s, got, want.String())
		}
	})
}

func TestWhitelists(t *testing.T) {
	idRE := regexp.MustCompile(`^[a-z0-9-]{1,64}$`)
	codeRE := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$`)
	cases := []string{"", "a", "quanzhou", "cluster-12", "Quanzhou", "a b", "a_b", "CN-FJ", "CN.FJ", "-x", "_x", ".x",
		"x\n", "\nx", "abcdefghijklmnop", "abcdefghijklmnopq", "#12abef", "#12ABEF", "#12abe", "#12abeff", "12abeff",
		"#12abeg", "é", string(make([]byte, 64)), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
	for _, s := range cases {
		if got, want := id(s) == s, idRE.MatchString(s); got != want {
			t.Errorf("id(%q) passes: %v, regexp: %v", s, got, want)
		}
		if got, want := code(s) == s, codeRE.MatchString(s); got != want {
			t.Errorf("code(%q) passes: %v, regexp: %v", s, got, want)
		}
		if got, want := isColor(s), colorRE.MatchString(s); got != want {
			t.Errorf("isColor(%q) = %v, regexp: %v", s, got, want)
		}
	}
}

func TestAppendFixed1(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 0.05, 0.15, -0.05, 1.25, 12.345, -960, 1e7, 1e21, math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got, want := string(appendFixed1(nil, v)), fmt.Sprintf("%.1f", v); got != want {
			t.Errorf("appendFixed1(%v) = %q, want %q", v, got, want)
		}
	}
	// Ties and near-ties at every hundredth and twentieth, and random px.
	rng := rand.New(rand.NewPCG(5, 6))
	for i := -200000; i <= 200000; i++ {
		for _, v := range []float64{float64(i) / 20, float64(i) / 100, float64(i)/100 + 1e-12, rng.Float64()*4000 - 2000, rng.NormFloat64() * 1e7} {
			if got, want := string(appendFixed1(nil, v)), fmt.Sprintf("%.1f", v); got != want {
				t.Fatalf("appendFixed1(%v) = %q, want %q", v, got, want)
			}
		}
	}
}

func TestAppendTenths(t *testing.T) {
	for _, v := range []int64{0, 1, 5, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 123456, -1, -9, -10, -11, -999, -1000, -123456, 100000000, -100000000} {
		whole, frac := v/10, v%10
		sign := ""
		if v < 0 {
			sign, whole, frac = "-", -whole, -frac
		}
		want := sign + strconv.FormatInt(whole, 10)
		if whole == 0 && frac != 0 {
			want = sign
		}
		if frac != 0 {
			want += "." + strconv.FormatInt(frac, 10)
		}
		if got := string(appendTenths(nil, v)); got != want {
			t.Errorf("appendTenths(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestRoundHalfAway: the same as math.Round on halves, their neighbours,
// integers and random values over the range tenthsOf passes (±10⁸).
func TestRoundHalfAway(t *testing.T) {
	var xs []float64
	for k := -2000.0; k <= 2000; k++ {
		for _, x := range []float64{k, k + 0.5, k - 0.5} {
			xs = append(xs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)))
		}
	}
	for _, x := range []float64{0.49999999999999994, -0.49999999999999994, 1e8, -1e8, 1e8 - 0.5, 4503599627370495.5, 1 << 52, 1<<52 + 1} {
		xs = append(xs, x)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 1_000_000 {
		xs = append(xs, (rng.Float64()*2-1)*math.Pow(10, 8*rng.Float64()))
	}
	for _, x := range xs {
		if got, want := roundHalfAway(x), int64(math.Round(x)); got != want {
			t.Fatalf("roundHalfAway(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
}
