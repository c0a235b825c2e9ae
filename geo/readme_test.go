package geo

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEListsColumns: the README's table of the headers a hubs file
// may use names every one the loader recognises, so that the two cannot
// drift apart.
func TestREADMEListsColumns(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, c := range columns {
		for _, name := range c.names {
			if !strings.Contains(readme, "`"+name+"`") {
				t.Errorf("README.md does not list the header %q (field %s)", name, c.field)
			}
		}
	}
}
