package server

import "strings"

// sortColumn is the table's column and direction (its aria-sort) for the
// sort parameter.
func sortColumn(order string) (key, dir string) {
	key, desc := strings.CutPrefix(order, "-")
	if key == "" {
		key = "rank"
	}
	if desc {
		return key, "descending"
	}
	return key, "ascending"
}

// nextSort is the order a click on column col gives a table in order:
// col ascending, or reversed when the table is in col's order already.
func nextSort(order, col string) string {
	key, desc := strings.CutPrefix(order, "-")
	if key == "" {
		key = "rank"
	}
	if key == col && !desc {
		return "-" + col
	}
	return col
}

// serverSorted says whether the dashboard's table takes the order from
// the server (the text columns, compared by x/text's collator, one order
// for the table, its link and its downloads, of all the hubs and not only
// those the page loads) or sorts itself (rank, a number).
func serverSorted(order string) bool {
	key, _ := strings.CutPrefix(order, "-")
	return key != "" && key != "rank"
}
