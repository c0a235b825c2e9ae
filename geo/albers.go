package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid: semi-major axis in metres and flattening.
const (
	wgs84A = 6378137.0
	wgs84F = 1 / 298.257223563
)

// Albers is the Albers equal-area conic projection on the WGS84 ellipsoid
// (Snyder, Map Projections: A Working Manual, pp. 98–103), with latitude of
// origin 0° as in PROJ's +proj=aea default. Forward takes lon/lat in degrees
// and returns easting/northing in metres; Inverse undoes it. An Albers value
// is immutable and safe for concurrent use.
type Albers struct {
	lon0       float64 // central meridian, radians
	e, e2      float64
	n, c, rho0 float64
}

// China is the projection hubatlas draws with: standard parallels 25°N and
// 47°N, central meridian 105°E.
var China = NewAlbers(25, 47, 105)

// NewAlbers returns the projection with standard parallels lat1 and lat2 and
// central meridian lon0, all in degrees.
func NewAlbers(lat1, lat2, lon0 float64) Albers {
	e2 := wgs84F * (2 - wgs84F)
	p := Albers{lon0: rad(lon0), e: math.Sqrt(e2), e2: e2}
	phi1, phi2 := rad(lat1), rad(lat2)
	m1, m2 := p.m(phi1), p.m(phi2)
	q1, q2 := p.q(phi1), p.q(phi2)
	if math.Abs(phi1-phi2) < 1e-10 {
		p.n = math.Sin(phi1)
	} else {
		p.n = (m1*m1 - m2*m2) / (q2 - q1)
	}
	p.c = m1*m1 + p.n*q1
	p.rho0 = wgs84A * math.Sqrt(p.c-p.n*p.q(0)) / p.n
	return p
}

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }

func (p Albers) m(phi float64) float64 {
	s := math.Sin(phi)
	return math.Cos(phi) / math.Sqrt(1-p.e2*s*s)
}

func (p Albers) q(phi float64) float64 {
	s := math.Sin(phi)
	es := p.e * s
	return (1 - p.e2) * (s/(1-es*es) - math.Log((1-es)/(1+es))/(2*p.e))
}

// Forward projects a lon/lat point in degrees to metres.
func (p Albers) Forward(pt orb.Point) orb.Point {
	rho := wgs84A * math.Sqrt(p.c-p.n*p.q(rad(pt[1]))) / p.n
	theta := p.n * (rad(pt[0]) - p.lon0)
	return orb.Point{rho * math.Sin(theta), p.rho0 - rho*math.Cos(theta)}
}

// Inverse returns the lon/lat in degrees of a projected point in metres.
// Latitude is found by Newton iteration to better than 1e-12 radians.
func (p Albers) Inverse(xy orb.Point) orb.Point {
	x, y := xy[0], p.rho0-xy[1]
	rho := math.Hypot(x, y)
	if p.n < 0 {
		rho, x, y = -rho, -x, -y
	}
	theta := math.Atan2(x, y)
	q := (p.c - rho*rho*p.n*p.n/(wgs84A*wgs84A)) / p.n
	phi := math.Asin(math.Max(-1, math.Min(1, q/2)))
	for range 15 {
		s := math.Sin(phi)
		es := p.e * s
		one := 1 - es*es
		d := one * one / (2 * math.Cos(phi)) *
			(q/(1-p.e2) - s/one + math.Log((1-es)/(1+es))/(2*p.e))
		phi += d
		if math.Abs(d) < 1e-12 {
			break
		}
	}
	return orb.Point{deg(p.lon0 + theta/p.n), deg(phi)}
}

// Transform maps projected metres to pixels: x grows right, y grows down.
// The zero value is not useful; build one with Fit.
type Transform struct {
	Scale  float64 // px per metre
	X0, Y0 float64 // px position of the projected origin
}

// Apply returns the pixel position of a projected point.
func (t Transform) Apply(p orb.Point) orb.Point {
	return orb.Point{t.X0 + p[0]*t.Scale, t.Y0 - p[1]*t.Scale}
}

// Invert returns the projected point at a pixel position.
func (t Transform) Invert(px orb.Point) orb.Point {
	return orb.Point{(px[0] - t.X0) / t.Scale, (t.Y0 - px[1]) / t.Scale}
}

// Fit returns the transform that fits the projected bound b into a
// width×height px viewport with padding px on every side, centred, keeping
// the aspect ratio (d3-geo's fitExtent).
func Fit(b orb.Bound, width, height, padding float64) Transform {
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	aw, ah := math.Max(width-2*padding, 1), math.Max(height-2*padding, 1)
	s := math.Min(aw/math.Max(w, 1e-9), ah/math.Max(h, 1e-9))
	cx, cy := (b.Min[0]+b.Max[0])/2, (b.Min[1]+b.Max[1])/2
	return Transform{Scale: s, X0: width/2 - cx*s, Y0: height/2 + cy*s}
}

// ForwardMulti projects every ring of a lon/lat multipolygon into a new
// one, in metres; mp is not modified.
func (p Albers) ForwardMulti(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for pi, poly := range mp {
		out[pi] = make(orb.Polygon, len(poly))
		for ri, r := range poly {
			pr := make(orb.Ring, len(r))
			for k, pt := range r {
				pr[k] = p.Forward(pt)
			}
			out[pi][ri] = pr
		}
	}
	return out
}
