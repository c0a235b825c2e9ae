package render

import (
	"math"
	"slices"
	"strconv"

	"github.com/hubatlas/hubatlas/geo"
)

// shade is how provinces are filled: a value per division and classes
// over them, each class a colour of the palette.
type shade struct {
	mode   string    // ShadeCount, ShadeValue or ShadeNone
	values []float64 // per division
	breaks []float64 // lower bound of each class, rising; len(breaks) classes
	fills  []string  // colour of each class
	zero   string    // colour of divisions without a value
	// only is the division a province filter keeps, -1 for none: the
	// others are filled outsideFill, not as "none" (a view of Guangdong's
	// hubs had shown Fujian, with 3, as having none).
	only int
}

// shading puts the divisions' counts (or summed values) into classes.
// Small counts (up to three times the palette's length) get a class
// each, the last open (1, 2, 3, 4+); larger ranges get quantile classes rounded to
// 1-2-5 numbers, so the legend reads "10–49", not "13.7–48.2". Only
// classes some division falls in are kept. In a view closer than all of
// China, inView (nil for all) says which divisions it shows, and
// quantile classes are those of its divisions alone: a focus on Zhejiang
// had shown it and all its neighbours in the one top class of China's.
func shading(a *geo.Atlas, sel *selection, opt Options, inView []bool, only int) *shade {
	sh := &shade{mode: opt.Shade, values: make([]float64, len(a.Divisions)), zero: opt.Palette.Zero, only: only}
	if sh.mode == ShadeNone {
		sh.only = -1 // nothing shaded: every division in the one fill
	}
	if sh.mode == ShadeValue && !sel.valued {
		sh.mode = ShadeCount // nothing to sum: the legend says counts
	}
	for i := range sh.values {
		switch sh.mode {
		case ShadeCount:
			sh.values[i] = float64(sel.counts[i])
		case ShadeValue:
			sh.values[i] = sel.values[i]
		}
	}
	if sh.mode == ShadeNone {
		return sh
	}
	var nz, nzView []float64
	for i, v := range sh.values {
		if v > 0 {
			nz = append(nz, v)
			if inView == nil || inView[i] {
				nzView = append(nzView, v)
			}
		}
	}
	if len(nz) == 0 {
		return sh
	}
	slices.Sort(nz)
	n := len(opt.Palette.Classes)
	top := nz[len(nz)-1]
	small := sh.mode == ShadeCount && top <= float64(3*n)
	if !small && len(nzView) > 0 {
		slices.Sort(nzView)
		nz, top = nzView, nzView[len(nzView)-1]
	}
	if small {
		for k := 1; k <= n; k++ {
			sh.breaks = append(sh.breaks, float64(k))
		}
	} else {
		sh.breaks = []float64{nz[0]}
		if sh.mode == ShadeCount {
			sh.breaks[0] = 1
		}
		for k := 1; k < n; k++ {
			q := nice(nz[k*len(nz)/n])
			if q > sh.breaks[len(sh.breaks)-1] && q <= top {
				sh.breaks = append(sh.breaks, q)
			}
		}
	}
	sh.fills = slices.Clone(opt.Palette.Classes[:len(sh.breaks)])
	if len(sh.breaks) < n {
		// Fewer classes than colours: spread them over the ramp so that
		// they stay distinct, darkest last.
		for k := range sh.fills {
			sh.fills[k] = opt.Palette.Classes[k*(n-1)/max(1, len(sh.breaks)-1)]
		}
		if len(sh.breaks) == 1 {
			sh.fills[0] = opt.Palette.Classes[n/2]
		}
	}
	// Keep only the classes in use.
	used := make([]bool, len(sh.breaks))
	for _, v := range sh.values {
		if c := sh.class(v); c >= 0 {
			used[c] = true
		}
	}
	var breaks []float64
	var fills []string
	for k, u := range used {
		if u {
			breaks, fills = append(breaks, sh.breaks[k]), append(fills, sh.fills[k])
		}
	}
	sh.breaks, sh.fills = breaks, fills
	return sh
}

// class returns the class of v, or -1 for none.
func (sh *shade) class(v float64) int {
	if v <= 0 || len(sh.breaks) == 0 {
		return -1
	}
	c := -1
	for k, b := range sh.breaks {
		if v >= b {
			c = k
		}
	}
	return max(c, 0)
}

// fill returns division i's colour.
func (sh *shade) fill(i int) string {
	if sh.only >= 0 && i != sh.only {
		return outsideFill
	}
	if c := sh.class(sh.values[i]); c >= 0 {
		return sh.fills[c]
	}
	return sh.zero
}

// labels words each class: "1", "2", "4+", "10–49", "1,000+".
func (sh *shade) labels() []string {
	out := make([]string, len(sh.breaks))
	for k, b := range sh.breaks {
		lo := formatNumber(b)
		switch {
		case k == len(sh.breaks)-1:
			if k == 0 && sh.mode == ShadeCount && b == 1 && len(sh.breaks) == 1 {
				out[k] = "1+"
			} else {
				out[k] = lo + "+"
			}
		case sh.mode == ShadeCount && sh.breaks[k+1] == b+1:
			out[k] = lo
		default:
			hi := sh.breaks[k+1]
			if sh.mode == ShadeCount {
				hi--
			}
			out[k] = lo + "–" + formatNumber(hi)
		}
	}
	return out
}

// nice rounds a class break down to a round number: the whole number
// below 10, else 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten
// (a coarser 1-2-5 series put 14 of 32 provinces of a 5,000-row list in
// the top class, "50+").
func nice(v float64) float64 {
	switch {
	case v < 1:
		return v
	case v < 10:
		return math.Floor(v)
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{8, 6, 5, 4, 3, 2.5, 2, 1.5} {
		if m*p <= v {
			return m * p
		}
	}
	return p
}

// formatNumber writes a number with thousands separators and at most
// two significant decimals below 10.
func formatNumber(v float64) string {
	if v != math.Trunc(v) && v < 10 {
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
