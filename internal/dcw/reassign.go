package dcw

import "github.com/paulmach/orb"

// Reassignment moves the rings DCW-GMT files under the wrong division:
// every ring of From that lies wholly inside Box (lon/lat degrees) goes
// to To.
type Reassignment struct {
	From, To string
	Box      orb.Bound
	Why      string
}

// Reassignments are the corrections Clean makes, checked against the
// divisions' own accounts of their territory.
var Reassignments = []Reassignment{{
	From: "CN-SH", To: "CN-ZJ",
	// East of Shanghai's coast and south of the Yangtze mouth's islands
	// (Jiuduansha is at 31.1°N, Sheshan at 31.4°N); Dajinshan (121.4°E),
	// Shanghai's, stays west of it.
	Box: orb.Bound{Min: orb.Point{121.9, 30.4}, Max: orb.Point{123.2, 30.95}},
	Why: "Shengsi County (Sijiao, Huaniao, Shengshan, Dayangshan and Xiaoyangshan) belongs to Zhoushan, Zhejiang; DCW-GMT files its 80-odd islands under Shanghai",
}}

// Reassign returns raw with the rings of each reassignment moved from
// its From division to the end of its To division's, and how many rings
// it moved. raw is not modified.
func Reassign(raw map[string][]orb.Ring, rs []Reassignment) (map[string][]orb.Ring, int) {
	out := make(map[string][]orb.Ring, len(raw))
	for k, v := range raw {
		out[k] = v
	}
	moved := 0
	for _, re := range rs {
		var keep []orb.Ring
		for _, r := range out[re.From] {
			if b := r.Bound(); len(r) > 0 && re.Box.Contains(b.Min) && re.Box.Contains(b.Max) {
				out[re.To] = append(out[re.To][:len(out[re.To]):len(out[re.To])], r)
				moved++
				continue
			}
			keep = append(keep, r)
		}
		out[re.From] = keep
	}
	return out, moved
}
