package render

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/render/internal/glyphs"
)

// WritePDF writes s as a one-page PDF: a page preset's paper size, or
// the px map at 96 px to the inch. Shapes are vectors; text is in Type 3
// fonts made of the embedded glyphs, only those used, each with a
// ToUnicode map so that the text can be searched, selected and copied in
// both languages; halos are the same glyphs stroked. No dates and no
// document ID: the same scene gives the same bytes. It stops early, with
// ctx's error, when ctx is done.
func WritePDF(ctx context.Context, w io.Writer, s *Scene) error {
	faces, err := loadFaces()
	if err != nil {
		return err
	}
	d := newPDFDoc(faces)
	pageW, pageH := s.Width*pxToPt, s.Height*pxToPt
	if s.Page != nil {
		pageW, pageH = s.Page.Width*mmToPt, s.Page.Height*mmToPt
	}
	c := &d.content
	// Scene px, y down, to PDF points, y up.
	c.num(pageW/s.Width, 6).num(0, 0).num(0, 0).num(-pageH/s.Height, 6).num(0, 0).num(pageH, 3).op("cm")
	c.op("1 j 1 J") // round joins and caps, as the SVG
	pc := &pdfCanvas{d: d, c: c}
	drawScene(pc, s)
	if err := ctx.Err(); err != nil {
		return err
	}
	title := strings.Join(s.Title, " ")
	lang := "en"
	if hasCJK(title) {
		lang = "zh-Hans"
	}
	return d.write(w, pageW, pageH, title, s.Desc, lang)
}

const (
	pxToPt = 72.0 / 96
	mmToPt = 72 / 25.4
)

// pdfCanvas writes drawScene's calls into the page's content stream.
type pdfCanvas struct {
	d         *pdfDoc
	c         *pdfBuf
	p         outline
	run       []placedGlyph
	curFill   string // current fill colour, "" unknown
	curStroke string
	lw        float64
	gs        string // current ExtGState, "" for opaque
}

func (pc *pdfCanvas) group(name, value string) {}
func (pc *pdfCanvas) endGroup()                {}

func (pc *pdfCanvas) setFill(col string, opacity float64) {
	if col = color(col); col != pc.curFill {
		pc.curFill = col
		pc.c.rgb(col).op("rg")
	}
	gs := ""
	if opacity < 1 {
		gs = pc.d.alpha(opacity)
	}
	if gs != pc.gs {
		pc.gs = gs
		if gs == "" {
			gs = pc.d.alpha(1)
		}
		pc.c.op("/" + gs + " gs")
	}
}

func (pc *pdfCanvas) setStroke(col string, width float64) {
	if col = color(col); col != pc.curStroke {
		pc.curStroke = col
		pc.c.rgb(col).op("RG")
	}
	if width != pc.lw {
		pc.lw = width
		pc.c.num(width, 2).op("w")
	}
}

// path writes an outline's operators.
func (pc *pdfCanvas) path(p *outline) {
	i := 0
	for _, op := range p.ops {
		switch op {
		case 'M':
			pc.c.pt(p.pts[i]).op("m")
			i++
		case 'L':
			pc.c.pt(p.pts[i]).op("l")
			i++
		case 'C':
			pc.c.pt(p.pts[i]).pt(p.pts[i+1]).pt(p.pts[i+2]).op("c")
			i += 3
		case 'Z':
			pc.c.op("h")
		}
	}
}

func (pc *pdfCanvas) fill(rings [][]orb.Point, _ []byte, col string, opacity float64, _ dataAttr) {
	pc.p.reset()
	pc.p.rings(rings)
	if pc.p.empty() {
		return
	}
	pc.setFill(col, opacity)
	pc.path(&pc.p)
	pc.c.op("f")
}

func (pc *pdfCanvas) stroke(lines [][]orb.Point, _ []byte, col string, width float64) {
	if width <= 0 {
		return
	}
	wrote := false
	for _, l := range lines {
		if len(l) < 2 {
			continue
		}
		if !wrote {
			pc.setStroke(col, width)
			wrote = true
		}
		pc.c.pt(l[0]).op("m")
		for _, q := range l[1:] {
			pc.c.pt(q).op("l")
		}
	}
	if wrote {
		pc.c.op("S")
	}
}

func (pc *pdfCanvas) circle(ctr orb.Point, r float64, fill string, fillOpacity float64, stroke string, width float64) {
	pc.p.reset()
	pc.p.circle(ctr, r, false)
	pc.paint(fill, fillOpacity, stroke, width)
}

func (pc *pdfCanvas) wedge(ctr orb.Point, r, a0, a1 float64, fill string) {
	pc.p.reset()
	pc.p.wedge(ctr, r, a0, a1)
	pc.paint(fill, 1, "", 0)
}

func (pc *pdfCanvas) rect(b orb.Bound, fill string, fillOpacity float64, stroke string, width float64) {
	pc.p.reset()
	pc.p.rect(b, false)
	pc.paint(fill, fillOpacity, stroke, width)
}

// paint fills and strokes the outline built. A translucent fill is
// painted on its own so that the stroke stays opaque.
func (pc *pdfCanvas) paint(fill string, opacity float64, stroke string, width float64) {
	doFill, doStroke := fill != "" && opacity > 0, stroke != "" && width > 0
	switch {
	case doFill && doStroke && opacity >= 1:
		pc.setFill(fill, 1)
		pc.setStroke(stroke, width)
		pc.path(&pc.p)
		pc.c.op("B")
	case doFill:
		pc.setFill(fill, opacity)
		pc.path(&pc.p)
		pc.c.op("f")
		if doStroke {
			pc.setFill(fill, 1)
			pc.setStroke(stroke, width)
			pc.path(&pc.p)
			pc.c.op("S")
		}
	case doStroke:
		pc.setStroke(stroke, width)
		pc.path(&pc.p)
		pc.c.op("S")
	}
}

// text writes a run's halo (each glyph's outline stroked, as a form
// XObject) and then the run as text.
func (pc *pdfCanvas) text(t textRun) {
	if t.S == "" {
		return
	}
	var x0 float64
	pc.run, x0 = pc.d.faces.layout(pc.run[:0], t)
	refs := make([]glyphRef, len(pc.run))
	for i, g := range pc.run {
		refs[i] = pc.d.glyph(g)
	}
	c := pc.c
	if t.Halo > 0 {
		pc.setStroke(t.haloFill(), pc.lw)
		for i, g := range pc.run {
			if refs[i].halo == "" {
				continue
			}
			k := t.Size / refs[i].upm
			c.op("q").num(k, 5).num(0, 0).num(0, 0).num(-k, 5).num(x0+g.x, 2).num(t.Y, 2).op("cm")
			c.num(t.Halo/k, 1).op("w /" + refs[i].halo + " Do Q")
		}
	}
	pc.setFill(t.Fill, 1)
	c.op("BT")
	font := ""
	pen := math.NaN()
	var codes []byte
	flush := func() {
		if len(codes) > 0 {
			fmt.Fprintf(c, "<%X> Tj\n", codes)
			codes = codes[:0]
		}
	}
	for i, g := range pc.run {
		ref := refs[i]
		if ref.font.res != font {
			flush()
			font = ref.font.res
			c.op("/"+font).num(t.Size, 2).op("Tf")
			pen = math.NaN()
		}
		if math.IsNaN(pen) || math.Abs(g.x-pen) > 1e-6 {
			flush()
			c.num(1, 0).num(0, 0).num(0, 0).num(-1, 0).num(x0+g.x, 2).num(t.Y, 2).op("Tm")
		}
		codes = append(codes, ref.code)
		pen = g.x + g.adv
	}
	flush()
	c.op("ET")
}

// pdfBuf is a content stream or object being written.
type pdfBuf struct{ bytes.Buffer }

// num writes v with at most the given decimals, trailing zeros dropped.
func (b *pdfBuf) num(v float64, decimals int) *pdfBuf {
	if v != v || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Max(-maxCoord, math.Min(maxCoord, v))
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], v, 'f', decimals, 64)
	if decimals > 0 {
		s = bytes.TrimRight(s, "0")
		s = bytes.TrimSuffix(s, []byte("."))
	}
	if string(s) == "-0" {
		s = s[1:]
	}
	b.Write(s)
	b.WriteByte(' ')
	return b
}

// pt writes a point in px with one decimal (0.075 pt).
func (b *pdfBuf) pt(p orb.Point) *pdfBuf { return b.num(p[0], 1).num(p[1], 1) }

func (b *pdfBuf) rgb(col string) *pdfBuf {
	v, _ := strconv.ParseUint(col[1:], 16, 32)
	for _, sh := range []int{16, 8, 0} {
		b.num(float64(v>>sh&0xff)/255, 3)
	}
	return b
}

func (b *pdfBuf) op(s string) *pdfBuf {
	b.WriteString(s)
	b.WriteByte('\n')
	return b
}

// glyphKey is one glyph of a face; face nil is the box drawn for a
// character no face has, one per character so that each copies as
// itself.
type glyphKey struct {
	face *glyphs.Face
	idx  int
	r    rune
}

// glyphRef says how to show a glyph: its font and code, and the form
// that strokes its outline for a halo ("" for a glyph without ink).
type glyphRef struct {
	font *type3Font
	code byte
	halo string
	upm  float64
}

// type3Font is one Type 3 font: up to 255 glyphs of one face, codes
// 1–255 in order of first use.
type type3Font struct {
	id, toUnicode int
	res           string
	face          *glyphs.Face
	glyphs        []glyphKey
}

type formXObject struct {
	id  int
	res string
	key glyphKey
}

// pdfDoc gathers a PDF's objects.
type pdfDoc struct {
	faces   *faceSet
	content pdfBuf
	fonts   []*type3Font
	open    map[*glyphs.Face]*type3Font
	missing *type3Font
	refs    map[glyphKey]glyphRef
	forms   []formXObject
	alphas  []float64
	segs    []glyphs.Seg
}

func newPDFDoc(faces *faceSet) *pdfDoc {
	return &pdfDoc{faces: faces, open: map[*glyphs.Face]*type3Font{}, refs: map[glyphKey]glyphRef{}}
}

// alpha names the graphics state of a fill opacity.
func (d *pdfDoc) alpha(a float64) string {
	a = math.Round(a*100) / 100
	for i, v := range d.alphas {
		if v == a {
			return "A" + strconv.Itoa(i+1)
		}
	}
	d.alphas = append(d.alphas, a)
	return "A" + strconv.Itoa(len(d.alphas))
}

func (d *pdfDoc) glyph(g placedGlyph) glyphRef {
	k := glyphKey{face: g.face, idx: g.idx, r: g.r}
	if g.face != nil {
		k.r = g.face.Rune(g.idx)
	} else {
		k.idx = -1
	}
	if ref, ok := d.refs[k]; ok {
		return ref
	}
	var f *type3Font
	if g.face == nil {
		f = d.missing
	} else {
		f = d.open[g.face]
	}
	if f == nil || len(f.glyphs) == 255 {
		f = &type3Font{res: "F" + strconv.Itoa(len(d.fonts)+1), face: g.face}
		d.fonts = append(d.fonts, f)
		if g.face == nil {
			d.missing = f
		} else {
			d.open[g.face] = f
		}
	}
	f.glyphs = append(f.glyphs, k)
	ref := glyphRef{font: f, code: byte(len(f.glyphs)), upm: 1000}
	if g.face != nil {
		ref.upm = float64(g.face.UPM)
	}
	if g.face == nil || len(g.face.Outline(d.segs[:0], g.idx)) > 0 {
		ref.halo = "H" + strconv.Itoa(len(d.forms)+1)
		d.forms = append(d.forms, formXObject{res: ref.halo, key: k})
	}
	d.refs[k] = ref
	return ref
}

// glyphPath writes a glyph's outline in font units, y up, and returns
// its advance and ink box.
func (d *pdfDoc) glyphPath(b *pdfBuf, k glyphKey) (adv float64, box [4]float64) {
	if k.face == nil {
		a := missingAdvance(k.r)
		x0, y0, x1, y1, sw := missingBox(a)
		var p outline
		p.frame(orb.Bound{Min: orb.Point{x0 * 1000, -y1 * 1000}, Max: orb.Point{x1 * 1000, -y0 * 1000}}, sw*1000)
		i := 0
		for _, op := range p.ops {
			switch op {
			case 'M', 'L':
				b.num(p.pts[i][0], 0).num(p.pts[i][1], 0).op(map[byte]string{'M': "m", 'L': "l"}[op])
				i++
			case 'Z':
				b.op("h")
			}
		}
		return a * 1000, [4]float64{0, 0, a * 1000, 700}
	}
	d.segs = k.face.Outline(d.segs[:0], k.idx)
	box = [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	var cx, cy float64
	pt := func(p [2]float64) (float64, float64) {
		x, y := p[0], -p[1]
		box[0], box[1] = math.Min(box[0], x), math.Min(box[1], y)
		box[2], box[3] = math.Max(box[2], x), math.Max(box[3], y)
		return x, y
	}
	for i, s := range d.segs {
		switch s.Op {
		case glyphs.MoveTo:
			if i > 0 {
				b.op("h")
			}
			cx, cy = pt(s.P[0])
			b.num(cx, 0).num(cy, 0).op("m")
		case glyphs.LineTo:
			cx, cy = pt(s.P[0])
			b.num(cx, 0).num(cy, 0).op("l")
		case glyphs.QuadTo: // as a cubic
			qx, qy := pt(s.P[0])
			x, y := pt(s.P[1])
			b.num(cx+2.0/3*(qx-cx), 1).num(cy+2.0/3*(qy-cy), 1).num(x+2.0/3*(qx-x), 1).num(y+2.0/3*(qy-y), 1).num(x, 0).num(y, 0).op("c")
			cx, cy = x, y
		case glyphs.CubeTo:
			x1, y1 := pt(s.P[0])
			x2, y2 := pt(s.P[1])
			cx, cy = pt(s.P[2])
			b.num(x1, 0).num(y1, 0).num(x2, 0).num(y2, 0).num(cx, 0).num(cy, 0).op("c")
		}
	}
	if len(d.segs) > 0 {
		b.op("h")
	} else {
		box = [4]float64{}
	}
	return float64(k.face.Advance(k.idx)), box
}

// pdfFile writes numbered objects and the cross-reference table.
type pdfFile struct {
	out  bytes.Buffer
	offs []int
	zw   *zlib.Writer
	z    bytes.Buffer
}

func (f *pdfFile) alloc() int { f.offs = append(f.offs, 0); return len(f.offs) }

func (f *pdfFile) obj(id int, body string) {
	f.offs[id-1] = f.out.Len()
	fmt.Fprintf(&f.out, "%d 0 obj\n%s\nendobj\n", id, body)
}

// stream writes a compressed stream; dict is the dictionary's inside
// without Length and Filter.
func (f *pdfFile) stream(id int, dict string, data []byte) {
	f.z.Reset()
	if f.zw == nil {
		f.zw, _ = zlib.NewWriterLevel(&f.z, zlib.DefaultCompression)
	} else {
		f.zw.Reset(&f.z) // one compressor for the file: each new one costs about 1 MB
	}
	f.zw.Write(data)
	f.zw.Close()
	f.offs[id-1] = f.out.Len()
	fmt.Fprintf(&f.out, "%d 0 obj\n<<%s /Length %d /Filter /FlateDecode>>\nstream\n", id, dict, f.z.Len())
	f.out.Write(f.z.Bytes())
	f.out.WriteString("\nendstream\nendobj\n")
}

// write assembles the file: catalog, page, content, fonts, forms.
func (d *pdfDoc) write(w io.Writer, pageW, pageH float64, title, desc, lang string) error {
	var f pdfFile
	f.out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	catalog, pages, page, content, info := f.alloc(), f.alloc(), f.alloc(), f.alloc(), f.alloc()
	for _, ft := range d.fonts {
		ft.id, ft.toUnicode = f.alloc(), f.alloc()
	}
	for i := range d.forms {
		d.forms[i].id = f.alloc()
	}
	f.obj(catalog, fmt.Sprintf("<</Type /Catalog /Pages %d 0 R /Lang %s /ViewerPreferences <</DisplayDocTitle true>>>>", pages, pdfString(lang)))
	f.obj(pages, fmt.Sprintf("<</Type /Pages /Kids [%d 0 R] /Count 1>>", page))
	var res pdfBuf
	res.WriteString("<</Font <<")
	for _, ft := range d.fonts {
		fmt.Fprintf(&res, "/%s %d 0 R ", ft.res, ft.id)
	}
	res.WriteString(">> /XObject <<")
	for _, x := range d.forms {
		fmt.Fprintf(&res, "/%s %d 0 R ", x.res, x.id)
	}
	res.WriteString(">> /ExtGState <<")
	for i, a := range d.alphas {
		fmt.Fprintf(&res, "/A%d <</ca %s>> ", i+1, strconv.FormatFloat(a, 'f', -1, 64))
	}
	res.WriteString(">>>>")
	var box pdfBuf
	box.num(0, 0).num(0, 0).num(pageW, 2).num(pageH, 2)
	f.obj(page, fmt.Sprintf("<</Type /Page /Parent %d 0 R /MediaBox [%s] /Resources %s /Contents %d 0 R>>",
		pages, strings.TrimSpace(box.String()), res.String(), content))
	f.stream(content, "", d.content.Bytes())
	f.obj(info, fmt.Sprintf("<</Producer (hubatlas) /Title %s /Subject %s>>", pdfString(title), pdfString(desc)))

	var body pdfBuf
	for _, x := range d.forms {
		body.Reset()
		_, bx := d.glyphPath(&body, x.key)
		body.op("S")
		m := 500.0 // room for the widest halo, in font units
		var bb pdfBuf
		bb.num(bx[0]-m, 0).num(bx[1]-m, 0).num(bx[2]+m, 0).num(bx[3]+m, 0)
		f.stream(x.id, " /Type /XObject /Subtype /Form /BBox ["+strings.TrimSpace(bb.String())+"]", body.Bytes())
	}
	// Poppler sizes the boxes of Type 3 text from the width of a glyph
	// named m (else of the first glyph, which doubles the boxes of Chinese
	// text and splits its lines in pdftotext): code 0 of every font is a
	// blank m 0.6 em wide that nothing shows.
	var mProc int
	if len(d.fonts) > 0 {
		mProc = f.alloc()
		f.stream(mProc, "", []byte("0 0 0 0 0 0 d1\n"))
	}
	for _, ft := range d.fonts {
		upm := 1000.0
		if ft.face != nil {
			upm = float64(ft.face.UPM)
		}
		var procs, diffs, widths pdfBuf
		fmt.Fprintf(&procs, "/m %d 0 R ", mProc)
		diffs.WriteString("/m ")
		widths.num(0.6*upm, 0)
		fb := [4]float64{}
		uni := make([]rune, len(ft.glyphs))
		for i, k := range ft.glyphs {
			body.Reset()
			var path pdfBuf
			adv, bx := d.glyphPath(&path, k)
			body.num(adv, 0).num(0, 0).num(bx[0], 0).num(bx[1], 0).num(bx[2], 0).num(bx[3], 0).op("d1")
			if path.Len() > 0 {
				body.Write(path.Bytes())
				body.op("f")
			}
			id := f.alloc()
			f.stream(id, "", body.Bytes())
			name := glyphName(k.r, i+1)
			fmt.Fprintf(&procs, "/%s %d 0 R ", name, id)
			fmt.Fprintf(&diffs, "/%s ", name)
			widths.num(adv, 0)
			fb = [4]float64{math.Min(fb[0], bx[0]), math.Min(fb[1], bx[1]), math.Max(fb[2], bx[2]), math.Max(fb[3], bx[3])}
			uni[i] = k.r
		}
		name := "Missing"
		if ft.face != nil {
			name = ft.face.Name
		}
		u := strconv.FormatFloat(1/upm, 'g', -1, 64)
		var fbb pdfBuf
		fbb.num(fb[0], 0).num(fb[1], 0).num(fb[2], 0).num(fb[3], 0)
		f.obj(ft.id, fmt.Sprintf("<</Type /Font /Subtype /Type3 /Name /%s-%s /FontBBox [%s] /FontMatrix [%s 0 0 %s 0 0] /CharProcs <<%s>> /Encoding <</Type /Encoding /Differences [0 %s]>> /FirstChar 0 /LastChar %d /Widths [%s] /Resources <<>> /ToUnicode %d 0 R>>",
			name, ft.res, strings.TrimSpace(fbb.String()), u, u, procs.String(), diffs.String(), len(ft.glyphs), strings.TrimSpace(widths.String()), ft.toUnicode))
		f.stream(ft.toUnicode, "", toUnicodeCMap(uni))
	}
	xref := f.out.Len()
	fmt.Fprintf(&f.out, "xref\n0 %d\n0000000000 65535 f \n", len(f.offs)+1)
	for _, o := range f.offs {
		fmt.Fprintf(&f.out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&f.out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(f.offs)+1, catalog, info, xref)
	_, err := w.Write(f.out.Bytes())
	return err
}

// toUnicodeCMap maps codes 1..n to the characters they show.
func toUnicodeCMap(chars []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for i := 0; i < len(chars); i += 100 {
		j := min(i+100, len(chars))
		fmt.Fprintf(&b, "%d beginbfchar\n", j-i)
		for c := i; c < j; c++ {
			fmt.Fprintf(&b, "<%02X> <", c+1)
			for _, u := range utf16.Encode([]rune{chars[c]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// pdfString is a text string in UTF-16 with a byte order mark.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// glyphName is an Adobe Glyph List name (uniXXXX, uXXXXX), so that
// extractors without ToUnicode still get the text, made unique by the
// code; m is reserved for the blank of code 0.
func glyphName(r rune, code int) string {
	if r <= 0xFFFF {
		return fmt.Sprintf("uni%04X.%d", r, code)
	}
	return fmt.Sprintf("u%X.%d", r, code)
}
