package authn

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/authgen/authgen/runtime/authcache"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/httpx"
	"github.com/authgen/authgen/runtime/jwtauth"
	"github.com/authgen/authgen/runtime/throttle"
	"github.com/authgen/authgen/runtime/users"
)

// Authenticator authenticates requests by JWT and, when TokenAuth is set, by opaque token.
// It is safe for concurrent use once built; the zero value with Users authenticates nobody.
type Authenticator struct {
	// Tokens checks JWT access tokens; nil turns JWT authentication off.
	Tokens *jwtauth.Tokens
	// TokenAuth turns DRF's TokenAuthentication on, after JWT.
	TokenAuth bool
	// Opaque holds the opaque tokens; nil means those of Users' database.
	Opaque *jwtauth.Opaque
	// Users loads the authenticated user and its permissions.
	Users *users.Store
	// Cache keeps users and permission sets between requests, current with every change
	// (see runtime/authcache); nil loads them for every request.
	Cache *authcache.Cache
	// Logger reports failures of the database; nil means slog.Default().
	Logger *slog.Logger
	// Throttler holds the app's throttles, which every view runs after its permissions
	// (DRF's initial()); it lives here because every view holds the Authenticator. Nil
	// throttles nothing.
	Throttler *throttle.Throttler
}

// Result is an authenticated request: the subject, and for an authenticated one the user
// row and the scheme that recognised it.
type Result struct {
	Subject *authz.Subject
	User    *users.User // nil when anonymous
	Scheme  Scheme
	// Session is the JWT's session (jwtauth.Config.Sessions), "" without one.
	Session string
}

// Scheme names the authentication class that recognised a request.
type Scheme string

// Schemes.
const (
	Anonymous Scheme = ""
	JWT       Scheme = "jwt"
	Token     Scheme = "token"
)

// Challenge is the WWW-Authenticate value of a 401: that of the first authentication class,
// `Bearer realm="api"` with JWT (the first header type), "Token" with opaque tokens only,
// and "" with neither (DRF then answers 403 instead of 401).
func (a *Authenticator) Challenge() string {
	switch {
	case a.Tokens != nil:
		return a.Tokens.AuthenticateHeader()
	case a.TokenAuth:
		return "Token" // TokenAuthentication.keyword
	}
	return ""
}

// Authenticate returns the subject of the request. A request without credentials of our
// schemes is anonymous (authz.Anonymous()). With bad credentials Authenticate writes the
// 401 answer, or a 500 when the database failed, and returns false.
func (a *Authenticator) Authenticate(w http.ResponseWriter, r *http.Request) (*authz.Subject, bool) {
	res, ok := a.AuthenticateUser(w, r)
	return res.Subject, ok
}

// AuthenticateUser is Authenticate, returning the user row with the subject for handlers
// that need it (the account endpoints).
func (a *Authenticator) AuthenticateUser(w http.ResponseWriter, r *http.Request) (Result, bool) {
	res, err := a.Identify(r)
	if err != nil {
		a.WriteError(w, r, err)
		return Result{}, false
	}
	return res, true
}

// Identify authenticates without answering: a refusal is a *jwtauth.Error (the client's
// fault, see WriteError), any other error a failure of the database.
func (a *Authenticator) Identify(r *http.Request) (Result, error) {
	if a.Tokens != nil {
		key, ok, err := a.Tokens.Authenticate(r)
		if err != nil {
			return Result{}, err
		}
		if ok {
			// A token issued before its user's credentials changed is refused, checked
			// against the row loaded anyway: no query of its own.
			stamp := func(u *users.User) error {
				return a.Tokens.CheckStamp(key, jwtauth.Credentials{Password: u.Password, Username: u.Username, Email: u.Email})
			}
			cached := a.Cache.Sync(r.Context())
			get := a.userGetter(cached, authcache.Key{Field: key.Field, ID: key.ID, Value: key.Value},
				func(ctx context.Context) (*users.User, error) { return a.byKey(ctx, key) })
			res, err := a.load(r.Context(), get, cached, JWT, jwtauth.UserNotFound, jwtauth.UserInactive, stamp)
			if err == nil {
				res.Session = key.Session
			}
			return res, err
		}
	}
	if a.TokenAuth {
		id, ok, err := a.opaque().Authenticate(r)
		if err != nil {
			return Result{}, err
		}
		if ok {
			// The key's row goes with its user, so a missing user is a race with a delete:
			// DRF's message covers both.
			cached := a.Cache.Sync(r.Context())
			get := a.userGetter(cached, authcache.Key{ID: id},
				func(ctx context.Context) (*users.User, error) { return a.Users.Get(ctx, id) })
			return a.load(r.Context(), get, cached, Token, jwtauth.OpaqueUserInactive, jwtauth.OpaqueUserInactive, nil)
		}
	}
	return Result{Subject: authz.Anonymous()}, nil
}

// userGetter is load's get for the user that fetch reads: through the cache, under k, when
// the cache is current (cached), else fetch itself.
func (a *Authenticator) userGetter(cached bool, k authcache.Key, fetch func(context.Context) (*users.User, error)) func(context.Context) (*users.User, error) {
	if !cached {
		return fetch
	}
	return func(ctx context.Context) (*users.User, error) { return a.Cache.User(ctx, k, fetch) }
}

// load reads the user of a valid credential with get and makes its subject, whose
// permissions come from the cache when cached; check, when not nil, may still refuse the
// credential for that user.
func (a *Authenticator) load(ctx context.Context, get func(context.Context) (*users.User, error), cached bool, scheme Scheme, notFound, inactive func() *jwtauth.Error, check func(*users.User) error) (Result, error) {
	u, err := get(ctx)
	if errors.Is(err, users.ErrNotFound) {
		return Result{}, notFound()
	}
	if err != nil {
		return Result{}, fmt.Errorf("authn: load user: %w", err)
	}
	if !u.IsActive {
		return Result{}, inactive()
	}
	if check != nil {
		if err := check(u); err != nil {
			return Result{}, err
		}
	}
	httpx.SetUser(ctx, u.ID)
	return Result{Subject: a.subject(u, cached), User: u, Scheme: scheme}, nil
}

// CheckThrottles is DRF's check_throttles for a request by subject to a view with the
// throttle scope ("": none): true to go on, false when it has answered 429. A store that
// cannot be reached (Redis down) lets the request through and logs why: throttling limits
// abuse, it must not take the service down with it.
func (a *Authenticator) CheckThrottles(w http.ResponseWriter, r *http.Request, subject *authz.Subject, scope string) bool {
	var userID int64
	if subject.IsAuthenticated() {
		userID = subject.UserID
	}
	ok, wait, err := a.Throttler.Check(r.Context(), r, userID, scope)
	if err != nil {
		a.logger().ErrorContext(r.Context(), "throttle store unavailable; request not throttled", "error", err)
		return true
	}
	if !ok {
		throttle.Deny(w, wait)
	}
	return ok
}

// RefreshRule is simplejwt 5.3's check of a refresh token's user for
// jwtauth.Tokens.RefreshChecked: a deleted or inactive user gets RefreshNoActiveAccount.
func (a *Authenticator) RefreshRule(ctx context.Context, k jwtauth.UserKey) error {
	u, err := a.byKey(ctx, k)
	if errors.Is(err, users.ErrNotFound) {
		return jwtauth.RefreshNoActiveAccount()
	}
	if err != nil {
		return fmt.Errorf("authn: load user: %w", err)
	}
	if !u.IsActive {
		return jwtauth.RefreshNoActiveAccount()
	}
	return nil
}

// byKey loads the user a JWT names, by the field its tokens identify users by
// (USER_ID_FIELD): Django's User.objects.get(**{USER_ID_FIELD: claim}).
func (a *Authenticator) byKey(ctx context.Context, k jwtauth.UserKey) (*users.User, error) {
	switch k.Field {
	case jwtauth.UserIDFieldUsername:
		return a.Users.GetByUsername(ctx, k.Value)
	case jwtauth.UserIDFieldEmail:
		// Addresses are unique under this setting; were two users to share one, GetByEmail
		// refuses to choose (ErrMultiple), which answers 500 as Django's get() would.
		return a.Users.GetByEmail(ctx, k.Value)
	}
	return a.Users.Get(ctx, k.ID)
}

// Subject returns the subject of an authenticated user, its permissions loaded from Users
// when first asked: the whole set once, each object answer once.
func (a *Authenticator) Subject(u *users.User) *authz.Subject { return a.subject(u, false) }

// subject is Subject, the permission set read through the cache when cached (the request's
// Sync said it may be).
func (a *Authenticator) subject(u *users.User, cached bool) *authz.Subject {
	l := &loaders{store: a.Users}
	if cached {
		l.cache = a.Cache
	}
	return authz.NewSubject(u.ID, u.Username, u.IsActive, u.IsStaff, u.IsSuperuser, l.perms, l.objectPerms)
}

// loaders load one subject's permissions, from the store or through the cache, and remember
// the object permissions asked during the request: one allocation with what they share, where
// a closure for each, the store's method value and the memo's variable were one each.
type loaders struct {
	store *users.Store
	cache *authcache.Cache // nil: the set is the store's every time
	seen  map[objectKey]bool
}

type objectKey struct{ perm, pk string }

func (l *loaders) perms(ctx context.Context, userID int64) (authz.PermSet, error) {
	if l.cache != nil {
		return l.cache.Perms(ctx, userID, l.store.Perms)
	}
	return l.store.Perms(ctx, userID)
}

func (l *loaders) objectPerms(ctx context.Context, userID int64, perm, pk string) (bool, error) {
	k := objectKey{perm, pk}
	if ok, done := l.seen[k]; done {
		return ok, nil
	}
	ok, err := l.store.HasObjectPerm(ctx, userID, perm, pk)
	if err != nil {
		return false, err
	}
	if l.seen == nil {
		l.seen = map[objectKey]bool{}
	}
	l.seen[k] = ok
	return ok, nil
}

// WriteError answers a failed authentication: the refusal's status and body with the
// Challenge on a 401, or 500 for any other error, which is logged.
func (a *Authenticator) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var refusal *jwtauth.Error
	if !errors.As(err, &refusal) {
		a.logger().ErrorContext(r.Context(), "authentication failed", "err", err, "path", r.URL.Path)
		httpx.ServerError(w)
		return
	}
	status := refusal.Status
	if status == http.StatusUnauthorized {
		if c := a.Challenge(); c != "" {
			w.Header().Set("WWW-Authenticate", c)
		} else {
			// DRF answers 403 when the first authentication class has no challenge.
			status = http.StatusForbidden
		}
	}
	httpx.JSON(w, status, refusal.Body())
}

func (a *Authenticator) opaque() *jwtauth.Opaque {
	if a.Opaque != nil {
		return a.Opaque
	}
	return jwtauth.NewOpaque(a.Users.DB())
}

func (a *Authenticator) logger() *slog.Logger {
	if a.Logger != nil {
		return a.Logger
	}
	return slog.Default()
}
