package render

import "slices"

// MissingGlyphs lists, in order of first use, the characters of s's
// text that neither embedded face has: the PNG and PDF writers draw them
// as boxes (an SVG viewer may find them in its own fonts).
func MissingGlyphs(s *Scene) ([]rune, error) {
	faces, err := loadFaces()
	if err != nil {
		return nil, err
	}
	var dl displayList
	drawScene(&dl, s)
	var out []rune
	var run []placedGlyph
	for _, op := range dl.ops {
		if op.kind != opText {
			continue
		}
		run, _ = faces.layout(run[:0], op.text)
		for _, g := range run {
			if g.face == nil && !slices.Contains(out, g.r) {
				out = append(out, g.r)
			}
		}
	}
	return out, nil
}
