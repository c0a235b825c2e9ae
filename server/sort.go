package server

import (
	"context"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// sortSlotHubs is how many hubs a list sorted by a column of text may
// hold before its sort waits for a drawing slot, as a render does: the
// texts of a list of 50,000 take 20 to 35 ms to place, and a preview's
// are a visitor's.
const sortSlotHubs = 2000

// sortHubs sorts ms for q's list (render.SortMatches), a long list by a
// column of text in one of the drawing slots: under load it waits in
// their bounded queue, or is refused with 503 as a map is.
func (s *Server) sortHubs(ctx context.Context, a *geo.Atlas, ms []geo.Match, q query) error {
	if textSorted(q.req.Paging.Sort) && len(ms) > sortSlotHubs {
		release, err := s.slot(ctx)
		if err != nil {
			return err
		}
		defer release()
	}
	render.SortMatches(a, ms, q.req.Paging.Sort, q.req.Options.Lang)
	return nil
}

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
