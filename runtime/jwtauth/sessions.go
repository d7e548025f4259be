package jwtauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Session claims, set in refresh tokens under Config.Sessions. "sid" is copied into the
// access tokens made from them, so a request knows its session; the client's address and
// user agent stay in the refresh token, where listing the sessions reads them back.
const (
	SessionClaim   = "sid"
	clientIPClaim  = "ip"
	userAgentClaim = "ua"
	maxUserAgent   = 256
)

// Client is who logs in: recorded with the session a log-in starts.
type Client struct {
	Addr      string // the connection's address, without port
	UserAgent string // the User-Agent header, cut to 256 bytes
}

type clientKey struct{}

// WithClient returns ctx carrying the client of a log-in, for ObtainPairFor.
func WithClient(ctx context.Context, c Client) context.Context {
	return context.WithValue(ctx, clientKey{}, c)
}

func clientOf(ctx context.Context) Client {
	c, _ := ctx.Value(clientKey{}).(Client)
	if len(c.UserAgent) > maxUserAgent {
		c.UserAgent = strings.ToValidUTF8(c.UserAgent[:maxUserAgent], "")
	}
	return c
}

// HasSessions reports whether log-ins are sessions (Config.Sessions).
func (t *Tokens) HasSessions() bool { return t.cfg.Sessions }

// Session is one log-in: the refresh tokens descended from it by rotation.
type Session struct {
	ID        string    // the family's id, the "sid" claim of its tokens
	Created   time.Time // the log-in
	LastUsed  time.Time // its last refresh under rotation, else the log-in
	Addr      string    // the client's address at log-in
	UserAgent string    // the client's user agent at log-in
}

// Sessions lists the user's sessions that can still refresh (a refresh token neither
// expired nor blacklisted), the most recently used first. It reads simplejwt's outstanding
// tokens, so sessions need no table of their own.
func (t *Tokens) Sessions(ctx context.Context, userID int64) ([]Session, error) {
	rows, err := t.db.QueryContext(ctx,
		`SELECT o.jti, o.token, o.created_at, EXISTS (SELECT 1 FROM token_blacklist_blacklistedtoken b WHERE b.token_id = o.id)
		FROM token_blacklist_outstandingtoken o WHERE o.user_id = $1 AND o.expires_at > $2 ORDER BY o.id`,
		userID, dbTime(t.cfg.Now()))
	if err != nil {
		return nil, fmt.Errorf("jwtauth: list sessions: %w", err)
	}
	defer rows.Close()
	byID := map[string]*Session{}
	live := map[string]bool{}
	for rows.Next() {
		var jti, token string
		var created *time.Time
		var blacklisted bool
		if err := rows.Scan(&jti, &token, &created, &blacklisted); err != nil {
			return nil, fmt.Errorf("jwtauth: list sessions: %w", err)
		}
		fam := familyOf(jti)
		if fam == "" || created == nil {
			continue // issued before sessions, or by simplejwt
		}
		s, ok := byID[fam]
		if !ok {
			s = &Session{ID: fam, Created: created.UTC()}
			s.Addr, s.UserAgent = clientClaims(token)
			byID[fam] = s
		}
		if created.After(s.LastUsed) {
			s.LastUsed = created.UTC()
		}
		live[fam] = live[fam] || !blacklisted
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("jwtauth: list sessions: %w", err)
	}
	var out []Session
	for id, s := range byID {
		if live[id] {
			out = append(out, *s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].LastUsed.Equal(out[j].LastUsed) {
			return out[i].LastUsed.After(out[j].LastUsed)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// clientClaims reads the client claims of a refresh token the database holds: written by
// this package, so its payload is read without checking the signature again.
func clientClaims(token string) (addr, userAgent string) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", ""
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", ""
	}
	var c struct {
		IP string `json:"ip"`
		UA string `json:"ua"`
	}
	_ = json.Unmarshal(raw, &c) // a payload that does not read names no client
	return c.IP, c.UA
}

// RevokeSession blacklists every refresh token of the user's session id, and reports
// whether the user had such a session that could still refresh.
func (t *Tokens) RevokeSession(ctx context.Context, userID int64, id string) (bool, error) {
	if len(id) != familyLen || familyOf(id+newJTI()) == "" {
		return false, nil
	}
	n, err := t.blacklistWhere(ctx, `o.user_id = $2 AND o.jti >= $3 AND o.jti < $4`, userID, id, id+"g")
	return n > 0, err
}

// RevokeSessions blacklists every refresh token of the user but those of session except
// ("" for none: every session), and returns how many sessions it revoked.
func (t *Tokens) RevokeSessions(ctx context.Context, userID int64, except string) (int, error) {
	list, err := t.Sessions(ctx, userID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range list {
		if s.ID != except {
			n++
		}
	}
	if except == "" {
		_, err = t.blacklistWhere(ctx, `o.user_id = $2`, userID)
	} else {
		_, err = t.blacklistWhere(ctx, `o.user_id = $2 AND NOT (o.jti >= $3 AND o.jti < $4)`, userID, except, except+"g")
	}
	return n, err
}

// blacklistWhere blacklists the outstanding tokens matching cond (over o, parameters from
// $2) that are not blacklisted yet, and returns how many.
func (t *Tokens) blacklistWhere(ctx context.Context, cond string, args ...any) (int64, error) {
	res, err := t.db.ExecContext(ctx,
		`INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id)
		SELECT $1, o.id FROM token_blacklist_outstandingtoken o
		WHERE `+cond+`
		AND NOT EXISTS (SELECT 1 FROM token_blacklist_blacklistedtoken b WHERE b.token_id = o.id)
		ON CONFLICT (token_id) DO NOTHING`,
		append([]any{dbTime(t.cfg.Now())}, args...)...)
	if err != nil {
		return 0, fmt.Errorf("jwtauth: revoke sessions: %w", err)
	}
	return res.RowsAffected()
}
