package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestFiltersAreDistinctSets: every URL of a round names five different
// categories in order, no two URLs of a round are the same, and the
// second phase's first half round asks for none the first phase's does.
func TestFiltersAreDistinctSets(t *testing.T) {
	categoryIDs = nil
	for i := range 27 {
		categoryIDs = append(categoryIDs, fmt.Sprintf("c%02d", i))
	}
	g := filters(0)
	seen := map[string]bool{}
	const round = 27 * 26 * 25 * 24 * 23 / 120
	for range round {
		u := g.next()
		parts := strings.Split(strings.TrimPrefix(u, "map.svg?"), "&")
		if len(parts) != 5 {
			t.Fatalf("%s: want 5 categories", u)
		}
		for i := 1; i < 5; i++ {
			if parts[i-1] >= parts[i] {
				t.Fatalf("%s: categories not distinct and in order", u)
			}
		}
		if seen[u] {
			t.Fatalf("%s twice in a round", u)
		}
		seen[u] = true
	}
	if u := g.next(); !seen[u] || u != "map.svg?category=c00&category=c01&category=c02&category=c03&category=c04" {
		t.Errorf("after a round: %s, want the first set again", u)
	}
	first, second := filters(0), filters(1)
	asked := map[string]bool{}
	for range round / 2 {
		asked[first.next()] = true
	}
	for range round / 2 {
		if u := second.next(); asked[u] {
			t.Fatalf("%s asked for by both phases in their first half rounds", u)
		}
	}
}
