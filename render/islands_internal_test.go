package render

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestIslandHomes: a hub's island is its division's. A mainland hub a
// couple of pixels off an island's coast (Xuwen, on the Leizhou
// peninsula, beside Hainan at 640×480) does not own that island; a hub
// of no known division owns the island whose land holds it.
func TestIslandHomes(t *testing.T) {
	sq := [][]orb.Point{{{100, 100}, {140, 100}, {140, 140}, {100, 140}, {100, 100}}}
	hainan := newIslandLand(7, sq, orb.Bound{Min: orb.Point{100, 100}, Max: orb.Point{140, 140}})
	hubs := []HubMark{
		{ID: "xuwen", At: orb.Point{120, 98}, True: orb.Point{120, 98}, R: 4, div: 3 + 1},
		{ID: "sanya", At: orb.Point{120, 138}, True: orb.Point{120, 138}, R: 4, div: 7 + 1},
		{ID: "unknown", At: orb.Point{110, 110}, True: orb.Point{110, 110}, R: 4},
		{ID: "offshore", At: orb.Point{98, 120}, True: orb.Point{98, 120}, R: 4},
	}
	p := newPlacer(orb.Bound{Max: orb.Point{400, 300}}, styleFor(400, 300, nil), hubs, nil, []islandLand{hainan})
	defer p.free()
	for i, want := range []int{-1, 0, 0, -1} {
		if p.home[i] != want {
			t.Errorf("%s: home %d, want %d", hubs[i].ID, p.home[i], want)
		}
	}
	// The island's land, from its table of sums.
	if got := hainan.landIn(orb.Bound{Min: orb.Point{90, 90}, Max: orb.Point{150, 150}}); got != 1600 {
		t.Errorf("land in a box around the island: %v px², want 1600", got)
	}
	if got := hainan.landIn(orb.Bound{Min: orb.Point{130, 130}, Max: orb.Point{150, 150}}); got != 100 {
		t.Errorf("land in a box over its corner: %v px², want 100", got)
	}
}

// TestOffFrame: a ring the frame cut loses its edges along the frame;
// one inside it stays whole and closed.
func TestOffFrame(t *testing.T) {
	frame := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{100, 100}}
	cut := []orb.Point{{0, 20}, {50, 10}, {60, 60}, {0, 80}, {0, 20}} // its edge x=0 is the frame's
	inside := []orb.Point{{20, 20}, {30, 20}, {30, 30}, {20, 20}}
	got := offFrame([][]orb.Point{cut, inside}, frame)
	want := [][]orb.Point{{{0, 20}, {50, 10}, {60, 60}, {0, 80}}, {{20, 20}, {30, 20}, {30, 30}, {20, 20}}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if !orb.LineString(got[i]).Equal(orb.LineString(want[i])) {
			t.Errorf("line %d: %v, want %v", i, got[i], want[i])
		}
	}
}
