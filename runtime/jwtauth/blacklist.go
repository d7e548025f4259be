package jwtauth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// The blacklist lives in simplejwt's token_blacklist tables: every refresh token issued is
// an outstanding token (by jti), and a blacklisted token is a row pointing at it. The UNIQUE
// token_id of the blacklist is what makes a refresh token usable once under rotation.

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Blacklist is TokenBlacklistView: the refresh token is checked like any refresh, then
// blacklisted. A token already blacklisted is refused with "Token is blacklisted", also
// when two requests race to blacklist it.
func (t *Tokens) Blacklist(ctx context.Context, refresh string) error {
	now := t.cfg.Now()
	c, err := t.decodeRefresh(ctx, refresh, now)
	if err != nil {
		return err
	}
	return t.db.InTx(ctx, func(tx *sql.Tx) error {
		return t.blacklistTx(ctx, tx, refresh, c, now)
	})
}

// recordOutstanding is BlacklistMixin.for_user's OutstandingToken row.
func (t *Tokens) recordOutstanding(ctx context.Context, q querier, token string, c claims, userID int64, now time.Time) error {
	exp, _ := number(c["exp"])
	_, err := q.ExecContext(ctx,
		`INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) VALUES ($1, $2, $3, $4, $5)`,
		token, dbTime(now), dbTime(epoch(exp)), userID, jtiKey(c[t.cfg.JTIClaim]))
	if err != nil {
		return fmt.Errorf("jwtauth: record outstanding token: %w", err)
	}
	return nil
}

// recordRotated records a refresh token made by rotation. Its user comes from the token
// (by primary key, username or e-mail as UserIDField says) and is set only if it still
// exists: simplejwt 5.2 lets the refresh of a deleted user's token
// go through, and the row then has no user, as the foreign key's ON DELETE SET NULL would
// have left it.
func (t *Tokens) recordRotated(ctx context.Context, q querier, token string, c claims, now time.Time) error {
	var owner any // NULL unless the claim can name a user
	if k, ok := t.userKey(c[t.cfg.UserIDClaim]); ok {
		owner = k.Value
		if k.Field == UserIDFieldID {
			owner = k.ID
		}
	}
	exp, _ := number(c["exp"])
	_, err := q.ExecContext(ctx,
		`INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) VALUES ($1, $2, $3, `+t.ownerQuery()+`, $5)`,
		token, dbTime(now), dbTime(epoch(exp)), owner, jtiKey(c[t.cfg.JTIClaim]))
	if err != nil {
		return fmt.Errorf("jwtauth: record outstanding token: %w", err)
	}
	return nil
}

// blacklistTx is BlacklistMixin.blacklist in a transaction: get or create the outstanding
// row (a token issued before the blacklist existed has none), then insert the blacklist
// row. When that insert meets an existing row, another request blacklisted the token first.
func (t *Tokens) blacklistTx(ctx context.Context, tx *sql.Tx, token string, c claims, now time.Time) error {
	jti := jtiKey(c[t.cfg.JTIClaim])
	exp, _ := number(c["exp"])
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) VALUES ($1, NULL, $2, NULL, $3) ON CONFLICT (jti) DO NOTHING`,
		token, dbTime(epoch(exp)), jti); err != nil {
		return fmt.Errorf("jwtauth: blacklist: %w", err)
	}
	var outstandingID int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM token_blacklist_outstandingtoken WHERE jti = $1`, jti).Scan(&outstandingID); err != nil {
		return fmt.Errorf("jwtauth: blacklist: %w", err)
	}
	var id int64
	err := tx.QueryRowContext(ctx,
		`INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) VALUES ($1, $2) ON CONFLICT (token_id) DO NOTHING RETURNING id`,
		dbTime(now), outstandingID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return tokenError(msgBlacklisted, ErrBlacklisted)
	}
	if err != nil {
		return fmt.Errorf("jwtauth: blacklist: %w", err)
	}
	return nil
}

// Verdicts remembers which tokens are not blacklisted, kept current with the blacklist
// (runtime/authcache.Cache). Sync says whether it may answer for this request;
// Blacklisted answers from memory or asks load, remembering only a false.
type Verdicts interface {
	Sync(ctx context.Context) bool
	Blacklisted(ctx context.Context, jti string, load func(context.Context) (bool, error)) (bool, error)
}

// blacklistedNow is isBlacklisted outside a transaction, through Config.Verdicts when set.
func (t *Tokens) blacklistedNow(ctx context.Context, jti string) (bool, error) {
	v := t.cfg.Verdicts
	if v == nil || !v.Sync(ctx) {
		return t.isBlacklisted(ctx, t.db, jti)
	}
	return v.Blacklisted(ctx, jti, func(ctx context.Context) (bool, error) {
		return t.isBlacklisted(ctx, t.db, jti)
	})
}

// isBlacklisted is BlacklistedToken.objects.filter(token__jti=jti).exists(), jti as
// jtiKey gives it.
func (t *Tokens) isBlacklisted(ctx context.Context, q querier, jti string) (bool, error) {
	var one int
	err := q.QueryRowContext(ctx,
		`SELECT 1 FROM token_blacklist_blacklistedtoken b JOIN token_blacklist_outstandingtoken o ON o.id = b.token_id WHERE o.jti = $1`,
		jti).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("jwtauth: check blacklist: %w", err)
	}
	return true, nil
}

// FlushExpired is simplejwt's flushexpiredtokens command: it deletes the outstanding
// tokens whose expiry has passed, with their blacklist rows, and returns how many
// outstanding tokens went. An expired token is refused on its exp claim alone, so its rows
// serve nothing any more.
func (t *Tokens) FlushExpired(ctx context.Context) (int64, error) {
	now := dbTime(t.cfg.Now())
	var n int64
	err := t.db.InTx(ctx, func(tx *sql.Tx) error {
		// Explicitly, not by ON DELETE CASCADE: a database created by Django has no
		// cascading foreign keys.
		if _, err := tx.ExecContext(ctx,
			`DELETE FROM token_blacklist_blacklistedtoken WHERE token_id IN (SELECT id FROM token_blacklist_outstandingtoken WHERE expires_at <= $1)`, now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM token_blacklist_outstandingtoken WHERE expires_at <= $1`, now)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("jwtauth: flush expired tokens: %w", err)
	}
	return n, nil
}
