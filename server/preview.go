package server

import (
	"container/list"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/hubatlas/hubatlas/geo"
)

// A preview is a visitor's own hubs file, checked against the data served
// and drawn without a restart. It lives in memory only, under a random
// token that only the visitor who uploaded it holds: a preview never
// shows in another visitor's maps. Previews are bounded in size, number
// and age.
const (
	previewParam    = "preview"
	previewTTL      = 30 * time.Minute
	maxPreviewBytes = 10 << 20
	maxPreviewRows  = 50_000
	// maxPreviewCategoryBytes bounds a categories file sent with a
	// preview (the embedded one, 27 categories, is 9 KB).
	maxPreviewCategoryBytes = 1 << 20
	maxPreviews             = 16
	// maxPreviewRowsKept bounds the rows of all previews kept together
	// (six 50,000-row previews took a server to 489 MB RSS): the oldest
	// go first when more would be kept, the newest always stays.
	maxPreviewRowsKept = 100_000
	// previewWait is how long an upload waits for the one preview
	// being checked before it is told to come back.
	previewWait = 10 * time.Second
)

// previewStore keeps the newest previews by token; safe for concurrent use.
type previewStore struct {
	mu    sync.Mutex
	ll    *list.List // of *previewEntry, newest first
	items map[string]*list.Element
	rows  int // of every preview kept
	now   func() time.Time
	// checking lets one upload at a time be parsed and checked: each
	// can take tens of MB while it is.
	checking chan struct{}
}

type previewEntry struct {
	token   string
	atlas   *geo.Atlas
	expires time.Time
}

func newPreviewStore() *previewStore {
	return &previewStore{ll: list.New(), items: map[string]*list.Element{}, now: time.Now, checking: make(chan struct{}, 1)}
}

func (p *previewStore) put(a *geo.Atlas) string {
	b := make([]byte, 16)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.items[tok] = p.ll.PushFront(&previewEntry{tok, a, p.now().Add(previewTTL)})
	p.rows += len(a.Hubs)
	for p.ll.Len() > 1 && (p.ll.Len() > maxPreviews || p.rows > maxPreviewRowsKept) {
		p.remove(p.ll.Back())
	}
	return tok
}

func (p *previewStore) remove(e *list.Element) {
	pe := e.Value.(*previewEntry)
	p.ll.Remove(e)
	delete(p.items, pe.token)
	p.rows -= len(pe.atlas.Hubs)
}

func (p *previewStore) get(tok string) (*geo.Atlas, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.items[tok]
	if !ok {
		return nil, false
	}
	pe := e.Value.(*previewEntry)
	if p.now().After(pe.expires) {
		p.remove(e)
		return nil, false
	}
	return pe.atlas, true
}

func (p *previewStore) len() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.ll.Len()
}

// previewResult answers an upload.
type previewResult struct {
	Token    string   `json:"token,omitempty"`
	File     string   `json:"file"`
	Hubs     int      `json:"hubs"`
	Problems []string `json:"problems,omitempty"`
	// Notes say what loading changed in a file that loaded: hubs placed
	// in the division whose land lies just beside them.
	Notes []string `json:"notes,omitempty"`
	Error string   `json:"error,omitempty"`
	// LeaveOut, on a refusal whose problems are all of at most half the
	// rows, offers to load the file without them: sent again with
	// ?leave_out=1, it loads (geo.NewAtlasLeavingOut).
	LeaveOut *leaveOutOffer `json:"leave_out,omitempty"`
	Sources  geo.Sources    `json:"sources"`
	Expires  string         `json:"expires,omitempty"`
}

// handlePreview checks an uploaded hubs file (a multipart form field
// "file", or the request body with ?name=FILE naming its type), with
// its categories file when the form has one (field "categories"), else
// against the categories served, and the boundaries served, with the
// same messages as hubatlas validate, and keeps it as a preview when it
// is good. Nothing is written to disk.
func (s *Server) handlePreview(w http.ResponseWriter, r *http.Request) {
	leaveOut, bad := leaveOutParam(r.URL.Query())
	if bad != nil {
		writeJSON(w, http.StatusBadRequest, "application/json", bad)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPreviewBytes+maxPreviewCategoryBytes+64<<10)
	up, err := uploadedFiles(r)
	name, data := up.name, up.data
	if err != nil {
		var tooBig *http.MaxBytesError
		status := http.StatusBadRequest
		if errors.As(err, &tooBig) {
			status = http.StatusRequestEntityTooLarge
			err = fmt.Errorf("the file is larger than %d MB: previews take at most %d MB and %d rows; for more, serve the file with --hubs", maxPreviewBytes>>20, maxPreviewBytes>>20, maxPreviewRows)
		}
		writeJSON(w, status, "application/json", previewResult{File: name, Error: err.Error()})
		return
	}
	select {
	case s.previews.checking <- struct{}{}:
		defer func() { <-s.previews.checking }()
	case <-time.After(previewWait):
		w.Header().Set("Retry-After", "5")
		writeJSON(w, http.StatusServiceUnavailable, "application/json", previewResult{File: name, Error: "another file is being checked: try again in a few seconds"})
		return
	case <-r.Context().Done():
		return
	}
	st := s.state.Load()
	hf, perr := geo.ParseHubFile(name, data, geo.HubOptions{Limits: geo.Limits{MaxHubs: maxPreviewRows}})
	// A categories file of the list's own, as hubatlas --categories
	// takes: the examples' lists name categories the served file does
	// not know, and had been refused.
	var cat *geo.Catalog
	if up.catName != "" {
		var cerr error
		if cat, cerr = geo.ParseCatalog(up.catName, up.catData, geo.Limits{}); cerr != nil {
			perr = geo.JoinProblems(perr, cerr)
		}
	}
	var a *geo.Atlas
	if hf != nil && (up.catName == "" || cat != nil) {
		// The categories served are the default for a file that brings
		// none, so a preview of the same kind of list reads alike.
		def := st.atlas.Catalog
		if def == nil {
			def = s.opt.Catalog
		}
		if leaveOut {
			a, perr = geo.NewAtlasLeavingOut(st.atlas.Boundaries, st.atlas.Context, hf, perr, cat, def)
		} else {
			var aerr error
			a, aerr = geo.NewAtlasIn(st.atlas.Boundaries, st.atlas.Context, hf, cat, def)
			perr = geo.JoinProblems(perr, aerr)
		}
	}
	res := previewResult{File: name}
	if perr != nil && !leaveOut && (up.catName == "" || cat != nil) {
		// A refusal says when the rest would load, at no cost: a list
		// of 50,000 rows takes seconds to check.
		if left, kept := geo.CanLeaveOut(hf, perr); left > 0 {
			res.LeaveOut = &leaveOutOffer{Records: left, Hubs: kept}
		}
	}
	if perr != nil {
		var ps geo.Problems
		if errors.As(perr, &ps) {
			res.Error = fmt.Sprintf("%d problems in %s: nothing was kept", len(ps), name)
			if len(ps) == 1 {
				res.Error = "a problem in " + name + ": nothing was kept"
			}
			for _, p := range ps {
				res.Problems = append(res.Problems, p.String())
			}
		} else {
			res.Error = perr.Error()
		}
		writeJSON(w, http.StatusUnprocessableEntity, "application/json", res)
		return
	}
	res.Token, res.Hubs, res.Sources = s.previews.put(a), len(a.Hubs), a.Sources
	for _, n := range a.Notes {
		res.Notes = append(res.Notes, n.String())
	}
	res.Expires = time.Now().Add(previewTTL).UTC().Format(time.RFC3339)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, "application/json", res)
}

// leaveOutOffer says how many records a refused file would load without.
type leaveOutOffer struct {
	Records int `json:"records"` // left out for their problems
	Hubs    int `json:"hubs"`    // rows kept, each a hub unless checking them again finds more
}

// leaveOutParam reads a preview's ?leave_out: 1 (or true) loads a file
// without its bad rows when they are at most half.
func leaveOutParam(q url.Values) (bool, *badRequest) {
	switch v := q.Get("leave_out"); v {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	default:
		return false, &badRequest{Param: "leave_out", Msg: fmt.Sprintf("leave_out %q is not valid: valid values are 0, 1, false, true", truncate(v)),
			Valid: []string{"0", "1", "false", "true"}, value: v}
	}
}

// upload is what a preview's request sends: the hubs file and, from a
// form, a categories file (catName empty without one).
type upload struct {
	name, catName string
	data, catData []byte
}

// uploadedFiles returns the uploaded files' base names and bytes: the
// form's fields "file" and "categories", or the request's body as the
// hubs file named by ?name=.
func uploadedFiles(r *http.Request) (upload, error) {
	var up upload
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				if up.name == "" {
					return up, errors.New(`no "file" field in the form`)
				}
				return up, nil
			}
			if err != nil {
				return up, err
			}
			switch part.FormName() {
			case "file":
				up.name = cleanName(part.FileName())
				if up.data, err = io.ReadAll(io.LimitReader(part, maxPreviewBytes+1)); err != nil {
					return up, err
				}
				if len(up.data) > maxPreviewBytes {
					return up, &http.MaxBytesError{Limit: maxPreviewBytes}
				}
			case "categories":
				up.catName = cleanName(part.FileName())
				if up.catName == "" {
					up.catName = "categories.yaml"
				}
				if up.catData, err = io.ReadAll(io.LimitReader(part, maxPreviewCategoryBytes+1)); err != nil {
					return up, err
				}
				if len(up.catData) > maxPreviewCategoryBytes {
					return up, fmt.Errorf("the categories file %s is larger than %d MB", up.catName, maxPreviewCategoryBytes>>20)
				}
			}
		}
	}
	up.name = cleanName(r.URL.Query().Get("name"))
	if up.name == "" {
		return up, errors.New(`send the file as a multipart form field "file", or as the body with ?name=FILE.csv`)
	}
	var err error
	if up.data, err = io.ReadAll(io.LimitReader(r.Body, maxPreviewBytes+1)); err == nil && len(up.data) > maxPreviewBytes {
		err = &http.MaxBytesError{Limit: maxPreviewBytes}
	}
	return up, err
}

// cleanName keeps the base name of an uploaded file, for messages and to
// tell its format; it is never used as a path.
func cleanName(n string) string {
	n = path.Base(strings.ReplaceAll(geo.Clean(n), `\\`, "/"))
	if n == "." || n == "/" {
		return ""
	}
	if len(n) > 100 {
		n = n[len(n)-100:]
	}
	return n
}
