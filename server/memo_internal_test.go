package server

import (
	"strconv"
	"strings"
	"testing"
)

// TestParsedQueriesBounded: at most memoQueries strings are remembered,
// none longer than memoQueryBytes and none for a preview.
func TestParsedQueriesBounded(t *testing.T) {
	var p parsedQueries
	for i := range 3 * memoQueries {
		p.put("q="+strconv.Itoa(i), parsedQuery{key: strconv.Itoa(i)})
	}
	n := 0
	p.m.Range(func(_, _ any) bool { n++; return true })
	if n > memoQueries || n == 0 {
		t.Errorf("%d strings remembered; want 1 to %d", n, memoQueries)
	}
	last := "q=" + strconv.Itoa(3*memoQueries-1)
	if pq, ok := p.get(last); !ok || pq.key != strconv.Itoa(3*memoQueries-1) {
		t.Errorf("the last string put is not remembered: %v %v", pq, ok)
	}
	long := "q=" + strings.Repeat("x", memoQueryBytes)
	p.put(long, parsedQuery{})
	if _, ok := p.get(long); ok {
		t.Errorf("a %d-byte query string was remembered", len(long))
	}
	p.put("preview=abc", parsedQuery{q: query{preview: "abc"}})
	if _, ok := p.get("preview=abc"); ok {
		t.Error("a preview's query was remembered")
	}
}
