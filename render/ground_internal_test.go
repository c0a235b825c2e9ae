package render

import "testing"

// TestLabelsKeepToOneGround: a label beside its marker takes the free
// place most on one ground — dark fills, or light ones and the sea;
// across a dark and a light fill (the coast of a province shaded dark)
// it reads on neither, its ink made for one. Over the whole-China maps
// and the focus views of the coastal provinces, at three sizes in three
// languages, 98 of 400 such labels lay across both when the first free
// place was taken (right of the marker before left); 64 did at 6989985
// and 60 of 394 do at ecfea01, where every free place does. At most a
// fifth may.
func TestLabelsKeepToOneGround(t *testing.T) {
	var views []Options
	for _, focus := range []string{"", "CN-LN", "CN-SD", "CN-JS", "CN-ZJ", "CN-FJ", "CN-GD", "CN-HI"} {
		views = append(views, Options{Focus: focus})
	}
	across, labels := 0, 0
	eachMap(t, views, [][2]int{{1200, 900}, {960, 720}, {800, 600}}, func(_ mapCase, s *Scene) {
		for _, h := range s.Hubs {
			if h.Inset >= 0 || h.OnMarker || len(h.Leader) > 0 || len(h.Label.Lines) == 0 {
				continue
			}
			labels++
			if !newGround(&s.Panel).uniform(h.Label.Box) {
				across++
			}
		}
	})
	t.Logf("%d of %d labels beside their marker lie across two grounds", across, labels)
	if labels == 0 || 5*across > labels {
		t.Errorf("%d of %d labels beside their marker lie across two grounds", across, labels)
	}
}
