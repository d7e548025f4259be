// Package throttle is DRF's throttling: AnonRateThrottle, UserRateThrottle and
// ScopedRateThrottle with DRF's rates ("100/day"), checked after the permissions as DRF's
// APIView.initial() does, and answered as DRF answers: 429 {"detail": "Request was
// throttled. Expected available in N seconds."} with Retry-After: N.
//
// # Counting
//
// Each throttle keeps DRF's sliding window: the times of the requests it allowed in the
// last period, per key ("throttle_<scope>_<ident>"). A request is refused when the window
// is full, and the wait is how long until its oldest entry leaves the window. The windows
// live in a Store: Memory for one instance, Redis (CACHE_URL) for several instances that
// share one limit.
//
// # Who asks
//
// An authenticated request is its user; another is its client address: the connection's,
// or, behind NumProxies proxies that append to X-Forwarded-For, the address the outermost
// of them saw (DRF's NUM_PROXIES). Unlike DRF's default, X-Forwarded-For is never read
// without NumProxies, since any client can write it.
package throttle

import (
	"context"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/authgen/authgen/runtime/httpx"
)

// Settings are an app's throttles: DRF's DEFAULT_THROTTLE_CLASSES and DEFAULT_THROTTLE_RATES.
type Settings struct {
	// Anon is AnonRateThrottle's rate for every view: requests without credentials, per
	// address. Zero: off.
	Anon Rate
	// User is UserRateThrottle's rate for every view: per user, or per address without
	// credentials. Zero: off.
	User Rate
	// Rates are ScopedRateThrottle's rates by scope: a view with a throttle scope is
	// throttled at its scope's rate, per user or address, apart from the other scopes.
	Rates map[string]Rate
	// Routes are the throttle scopes of the app's routes, by ServeMux pattern
	// ("/store/products/{id}/publish/{$}"): DRF's throttle_scope of each view.
	Routes map[string]string
	// NumProxies is DRF's NUM_PROXIES: 0 identifies clients by the connection's address.
	NumProxies int
}

// IsZero reports whether s throttles nothing.
func (s Settings) IsZero() bool {
	return s.Anon.IsZero() && s.User.IsZero() && len(s.Rates) == 0
}

// Throttler checks requests against Settings, counting in a Store. A nil *Throttler allows
// everything.
type Throttler struct {
	s     Settings
	store Store
}

// New returns the throttler of s over store.
func New(s Settings, store Store) *Throttler {
	return &Throttler{s: s, store: store}
}

// Store is where the throttler counts, shared with log-in protection.
func (t *Throttler) Store() Store { return t.store }

// RouteScope is the throttle scope of the route r was matched to ("" for none).
func (t *Throttler) RouteScope(r *http.Request) string {
	if t == nil {
		return ""
	}
	return t.s.Routes[r.Pattern]
}

// Check is APIView.check_throttles for a request by userID (0: anonymous) to a view with
// scope ("": none): every throttle is asked, and the longest wait of those that refuse
// is returned with ok false.
func (t *Throttler) Check(ctx context.Context, r *http.Request, userID int64, scope string) (ok bool, wait time.Duration, err error) {
	if t == nil {
		return true, 0, nil
	}
	ident := t.Ident(r)
	who := ident
	if userID != 0 {
		who = strconv.FormatInt(userID, 10)
	}
	ok = true
	ask := func(name string, rate Rate, key string) error {
		if rate.IsZero() {
			return nil
		}
		allowed, w, err := t.store.Hit(ctx, "throttle_"+name+"_"+key, rate.Requests, rate.Period, true)
		if err != nil {
			return err
		}
		if !allowed {
			ok = false
			wait = max(wait, w)
		}
		return nil
	}
	if userID == 0 {
		if err := ask("anon", t.s.Anon, ident); err != nil {
			return false, 0, err
		}
	}
	if err := ask("user", t.s.User, who); err != nil {
		return false, 0, err
	}
	if scope != "" {
		if err := ask(scope, t.s.Rates[scope], who); err != nil {
			return false, 0, err
		}
	}
	return ok, wait, nil
}

// Ident is DRF's get_ident: the client's address.
func (t *Throttler) Ident(r *http.Request) string {
	if t == nil {
		return ClientAddr(r, 0)
	}
	return ClientAddr(r, t.s.NumProxies)
}

// ClientAddr is the address of r's client: the connection's, or behind numProxies proxies
// that append to X-Forwarded-For, the one the outermost of them saw.
func ClientAddr(r *http.Request, numProxies int) string {
	if numProxies > 0 {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			addrs := strings.Split(xff, ",")
			return strings.TrimSpace(addrs[len(addrs)-min(numProxies, len(addrs))])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Deny answers DRF's Throttled: 429 with the wait in whole seconds, rounded up, in the
// detail and in Retry-After.
func Deny(w http.ResponseWriter, wait time.Duration) {
	secs := int(math.Ceil(wait.Seconds()))
	detail := "Request was throttled."
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		unit := "seconds"
		if secs == 1 {
			unit = "second"
		}
		detail += " Expected available in " + strconv.Itoa(secs) + " " + unit + "."
	}
	httpx.JSON(w, http.StatusTooManyRequests, map[string]string{"detail": detail})
}
