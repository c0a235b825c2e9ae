package server

import "github.com/hubatlas/hubatlas/render"

// sortColumn is the table's column and direction (its aria-sort) for the
// sort parameter.
func sortColumn(order string) (column, dir string) {
	column, desc := render.ParseSort(order)
	if desc {
		return column, "descending"
	}
	return column, "ascending"
}

// nextSort is the order a click on column col gives a table in order:
// col ascending, or reversed when the table is in col's order already
// ("" for rank ascending, the default).
func nextSort(order, col string) string {
	column, desc := render.ParseSort(order)
	switch {
	case column == col && !desc:
		return "-" + col
	case col == "rank":
		return ""
	}
	return col
}

// serverSorted says whether the dashboard's table takes its order from
// the server, as the script's hubsQuery asks for it: every order but rank
// ascending (the data's own), so that the table, its link and its
// downloads have one order, of all the hubs and not only those the page
// loads; textSorted, whether the order depends on the language.
func serverSorted(order string) bool { return order != "" }

func textSorted(order string) bool {
	column, _ := render.ParseSort(order)
	return column != "rank"
}
