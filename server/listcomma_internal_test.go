package server

import "testing"

// TestListComma: in Chinese, 、 separates Chinese words only; a list of
// products without Chinese names keeps its commas.
func TestListComma(t *testing.T) {
	for _, c := range []struct {
		ui    string
		items []string
		want  string
	}{
		{"zh", []string{"运动鞋", "休闲鞋"}, "、"},
		{"zh", []string{"Electric fans", "Air fryers"}, ", "},
		{"zh", []string{"运动鞋", "Air fryers"}, ", "},
		{"en", []string{"运动鞋", "休闲鞋"}, ", "},
	} {
		if got := listComma(c.ui, c.items); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.ui, c.items, got, c.want)
		}
	}
}
