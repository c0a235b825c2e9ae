package dcw_test

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/hubatlas/hubatlas/internal/dcw"
)

func TestParse(t *testing.T) {
	rings, err := dcw.Parse("test", strings.NewReader("> Macau Segment 0\n113.5\t22.1\n113.6\t22.1\n113.6\t22.2\n# comment\n\n> Segment 1\n114 22\n114.1 22\n114.1 22.1\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []orb.Ring{{{113.5, 22.1}, {113.6, 22.1}, {113.6, 22.2}}, {{114, 22}, {114.1, 22}, {114.1, 22.1}}}
	if len(rings) != 2 || !rings[0].Equal(want[0]) || !rings[1].Equal(want[1]) {
		t.Errorf("got %v, want %v", rings, want)
	}
	for _, bad := range []string{"113.5 22.1\n", "> x\n113.5\n", "> x\n113.5 north\n", "> x\n113.5 91\n"} {
		if _, err := dcw.Parse("bad", strings.NewReader(bad)); err == nil || !strings.HasPrefix(err.Error(), "dcw: bad:") {
			t.Errorf("%q: error %v, want one naming the file and line", bad, err)
		}
	}
}
