package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestFiltersAreDistinctSets: every URL of a round names four different
// categories in order, and no two URLs of a round are the same.
func TestFiltersAreDistinctSets(t *testing.T) {
	categoryIDs = nil
	for i := range 27 {
		categoryIDs = append(categoryIDs, fmt.Sprintf("c%02d", i))
	}
	g := filters(0)
	seen := map[string]bool{}
	const round = 27 * 26 * 25 * 24 / 24
	for range round {
		u := g.next()
		parts := strings.Split(strings.TrimPrefix(u, "map.svg?"), "&")
		if len(parts) != 4 {
			t.Fatalf("%s: want 4 categories", u)
		}
		for i := 1; i < 4; i++ {
			if parts[i-1] >= parts[i] {
				t.Fatalf("%s: categories not distinct and in order", u)
			}
		}
		if seen[u] {
			t.Fatalf("%s twice in a round", u)
		}
		seen[u] = true
	}
	if u := g.next(); !seen[u] || u != "map.svg?category=c00&category=c01&category=c02&category=c03" {
		t.Errorf("after a round: %s, want the first set again", u)
	}
}
