package main

import (
	"flag"
	"net/url"
	"strings"

	"github.com/hubatlas/hubatlas/geo"
	"github.com/hubatlas/hubatlas/render"
)

// requestFlags registers a flag for every parameter of the given kinds
// in render.Params, so that commands take exactly what the query strings
// of the server take, under the same names.
type requestFlags struct {
	kinds  []render.ParamKind
	values map[string]*stringList
}

func (r *requestFlags) register(fs *flag.FlagSet, kinds ...render.ParamKind) {
	r.kinds = kinds
	r.values = map[string]*stringList{}
	for _, p := range render.Params {
		if !kindIn(p.Kind, kinds) {
			continue
		}
		v := new(stringList)
		r.values[p.Name] = v
		usage := p.Usage
		if p.Multi {
			usage += " (repeatable)"
		}
		fs.Var(v, p.Name, usage)
	}
}

func kindIn(k render.ParamKind, kinds []render.ParamKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// request returns the checked request the flags describe on top of def;
// errors name the flag and its valid values.
func (r *requestFlags) request(a *geo.Atlas, def render.Request) (render.Request, error) {
	vals := url.Values{}
	for name, v := range r.values {
		if len(*v) > 0 {
			vals[name] = *v
		}
	}
	req, err := render.ParseRequest(a, vals, def, r.kinds...)
	if err != nil {
		return req, flagError(err)
	}
	return req, nil
}

// flagWords are the flags' names as a user reads them in messages.
func flagWords(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "--" + n
	}
	return strings.Join(out, ", ")
}
