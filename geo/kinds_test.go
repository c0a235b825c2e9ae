package geo_test

import (
	"testing"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/internal/atlastest"
)

// Every hub of a kind must get its kind's mask from every filter without
// a search; with a search KindMask declines.
func TestKindMaskIsEveryHubsMask(t *testing.T) {
	for _, a := range []*geo.Atlas{atlastest.Embedded(t), atlastest.Large(t)} {
		if a.Kinds() == 0 || a.Kinds() > len(a.Hubs) {
			t.Fatalf("%d kinds for %d hubs", a.Kinds(), len(a.Hubs))
		}
		filters := []geo.Filter{{}, {Province: "CN-GD"}, {Province: "CN-XX"}, {Industry: "electronics"}, {Industry: "consumer-goods", Province: "CN-ZJ"}}
		for _, c := range a.Categories {
			filters = append(filters, geo.Filter{Categories: []string{c.ID}})
		}
		for _, f := range filters {
			m := a.Compile(f)
			if m.Searches() {
				t.Fatalf("%+v searches", f)
			}
			n := make([]int, a.Kinds())
			for i := range a.Hubs {
				k := a.HubKind(i)
				n[k]++
				km, ok := m.KindMask(k)
				if !ok || km != m.Mask(i) {
					t.Fatalf("%+v: hub %s: mask %b, its kind's %b (%v)", f, a.Hubs[i].ID, m.Mask(i), km, ok)
				}
				div, city, ind := a.KindFacts(k, km)
				_, _, hdiv, hcity, hind := a.HubFacts(i, km)
				if km != 0 && (div != hdiv || city != hcity || ind != hind) {
					t.Fatalf("%+v: hub %s: facts %d %d %d, its kind's %d %d %d", f, a.Hubs[i].ID, hdiv, hcity, hind, div, city, ind)
				}
			}
			for k := range n {
				if hubs, _, _, _ := a.KindTotals(k); hubs != n[k] {
					t.Fatalf("kind %d: %d hubs, totals say %d", k, n[k], hubs)
				}
			}
		}
		if m := a.Compile(geo.Filter{Query: "shoes"}); !m.Searches() {
			t.Error("a search does not say so")
		} else if _, ok := m.KindMask(0); ok {
			t.Error("KindMask answers for a search")
		}
	}
}
