// Package view is what every generated endpoint does the same way, written once: DRF's
// APIView.initial (authenticate, then the view's permission checks), GenericAPIView's
// get_object with its object-level checks, a serializer's reading of the request body field
// by field (Input), and the answers to what fails on the way (401 or 403, 404, 400, 409,
// 500). A generated API embeds Base; its handlers call these.
package view

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/authgen/authgen/runtime/authn"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/collect"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/httpx"
)

// Base is what a generated API stands on: the database its queries run on, the
// authentication of its requests, the log of its failures.
type Base struct {
	DB    *db.DB
	Authn *authn.Authenticator
	Log   *slog.Logger
}

// Begin is DRF's initial(): it authenticates r, then runs the view's permission checks,
// then the throttles (the route's scope from Authn.Throttler). On bad credentials, a
// failed check or a full throttle it has answered (401, 403 or 429) and returns false.
func (b *Base) Begin(w http.ResponseWriter, r *http.Request, perms *authz.List) (*authz.Request, bool) {
	subject, ok := b.Authn.Authenticate(w, r)
	if !ok {
		return nil, false
	}
	req := authz.NewRequest(r, subject)
	if d := perms.Check(req); !d.Allowed() {
		b.Deny(w, req, d)
		return nil, false
	}
	if !b.Authn.CheckThrottles(w, r, subject, b.Authn.Throttler.RouteScope(r)) {
		return nil, false
	}
	return req, true
}

// Deny answers a decision that did not allow as DRF does (401 without credentials, 403 with
// them, 404 for a hidden object, 500 for a failed permission load) and logs it.
func (b *Base) Deny(w http.ResponseWriter, req *authz.Request, d authz.Outcome) {
	authz.Respond(w, req, d, b.Authn.Challenge(), b.Log)
}

// Fail logs an unexpected error and answers 500 without its details.
func (b *Base) Fail(w http.ResponseWriter, r *http.Request, err error) {
	b.Log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "error", err)
	httpx.ServerError(w)
}

// Valid reports whether a request body passed validation; otherwise it has answered: 400
// with the field errors, or 500 when validating failed (a query of a check).
func (b *Base) Valid(w http.ResponseWriter, r *http.Request, errs httpx.FieldErrors, err error) bool {
	if err != nil {
		b.Fail(w, r, err)
		return false
	}
	if len(errs) > 0 {
		httpx.BadRequest(w, errs)
		return false
	}
	return true
}

// WriteFailed answers a failed insert or update of a model (its verbose name): 400 for a
// unique or foreign-key violation the validation did not catch (DRF answers those with an
// IntegrityError's 500; a relation the body cannot set, left empty, is one), else 500.
func (b *Base) WriteFailed(w http.ResponseWriter, r *http.Request, err error, model string) {
	switch {
	case db.IsUniqueViolation(err):
		httpx.BadRequest(w, httpx.FieldErrors{httpx.NonField: {model + " with these values already exists."}})
	case db.IsForeignKeyViolation(err):
		httpx.BadRequest(w, httpx.FieldErrors{httpx.NonField: {"A related object does not exist."}})
	default:
		b.Fail(w, r, err)
	}
}

// DeleteFailed answers a failed delete: 409 when other rows still refer to the row
// (on_delete: protect or restrict), else 500.
func (b *Base) DeleteFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, collect.ErrProtected) || errors.Is(err, collect.ErrRestricted) || db.IsForeignKeyViolation(err) {
		httpx.Detail(w, http.StatusConflict, "Cannot delete this object: other objects refer to it.")
		return
	}
	b.Fail(w, r, err)
}

// ColumnBound is a bound Django takes from an integer column's range: on PostgreSQL only, as
// Django's SQLite backend has none (its integer_field_range is (None, None)).
func (b *Base) ColumnBound(v int64) *int64 {
	if b.DB.Dialect == db.SQLite {
		return nil
	}
	return &v
}

// ColumnLimit is ColumnBound as OPTIONS shows it: left out ("") on SQLite.
func (b *Base) ColumnLimit(v int64) json.Number {
	if b.DB.Dialect == db.SQLite {
		return ""
	}
	return json.Number(strconv.FormatInt(v, 10))
}

// Getter is an endpoint's query of get_object: the row of id in the route's scope (which
// may depend on who asks), or sql.ErrNoRows.
type Getter[M authz.Object] func(ctx context.Context, req *authz.Request, id int64) (M, error)

// GetObject is DRF's get_object: the row get finds for the {id} of r's path, or 404; then
// the object-level checks of perms. It has answered when it returns false.
func GetObject[M authz.Object](b *Base, w http.ResponseWriter, r *http.Request, req *authz.Request, perms *authz.List, get Getter[M]) (M, bool) {
	var none M
	id, ok := httpx.PathID(r)
	if !ok {
		httpx.NotFound(w)
		return none, false
	}
	v, err := get(r.Context(), req, id)
	if errors.Is(err, sql.ErrNoRows) {
		httpx.NotFound(w)
		return none, false
	}
	if err != nil {
		if !Answered(w, err) { // a get_queryset hook's answer
			b.Fail(w, r, err)
		}
		return none, false
	}
	if d := perms.CheckObject(req, v); !d.Allowed() {
		b.Deny(w, req, d)
		return none, false
	}
	return v, true
}

// ObjectByID is get_object for the application's code: the row of id that get finds, after
// the view-level and object-level checks of perms. The error is what the code returns to
// answer: ErrAnswered after a denial (answered as Deny does), a 404 Error, or a failure.
func ObjectByID[M authz.Object](b *Base, w http.ResponseWriter, req *authz.Request, perms *authz.List, get Getter[M], id int64) (M, error) {
	var none M
	if d := perms.Check(req); !d.Allowed() {
		b.Deny(w, req, d)
		return none, ErrAnswered
	}
	v, err := get(req.Ctx, req, id)
	if errors.Is(err, sql.ErrNoRows) {
		return none, Refuse(http.StatusNotFound, httpx.MsgNotFound)
	}
	if err != nil {
		return none, err
	}
	if d := perms.CheckObject(req, v); !d.Allowed() {
		b.Deny(w, req, d)
		return none, ErrAnswered
	}
	return v, nil
}

// ObjectAllows reports whether get_object would hand req the object of r's path: it exists
// in the route's scope and passes the object-level checks of perms. It answers nothing: DRF's
// OPTIONS describes PUT only when this holds.
func ObjectAllows[M authz.Object](r *http.Request, req *authz.Request, perms *authz.List, get Getter[M]) bool {
	id, ok := httpx.PathID(r)
	if !ok {
		return false
	}
	v, err := get(r.Context(), req, id)
	return err == nil && perms.CheckObject(req, v).Allowed()
}

// List renders rows as an endpoint shows them: no rows is an empty list, [] in JSON.
func List[M, J any](rows []M, render func(M) J) Items[J] {
	out := make(Items[J], len(rows))
	for i, v := range rows {
		out[i] = render(v)
	}
	return out
}

// Items are a list's rows as the endpoint shows them. A []J in every other respect (each is
// assignable to the other), they write their own JSON when J does.
type Items[J any] []J

// TryAppendJSON appends the list as json.Marshal writes it when J is an httpx.JSONAppender
// (the generated serializers of plain fields are), for httpx.JSON; false otherwise.
func (s Items[J]) TryAppendJSON(b []byte) ([]byte, bool) {
	if s == nil {
		return append(b, "null"...), true
	}
	b = append(b, '[')
	for i := range s {
		a, ok := any(&s[i]).(httpx.JSONAppender)
		if !ok {
			return nil, false
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = a.AppendJSON(b)
	}
	return append(b, ']'), true
}
