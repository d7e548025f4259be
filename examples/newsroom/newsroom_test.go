package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/examples/newsroom/newsroom"
	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/app"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// The newsroom's test drives the app over real HTTP on SQLite and PostgreSQL: model
// permissions granted through a group, the custom permission of the publish action, the
// per-method map of the sections and of the tips, the articles' filters (hooks.go), page
// numbers with ?page_size=, and rotated refresh tokens that are blacklisted. The same app is
// compared with its Django original by testdata/twins/newsroom.

type caller struct {
	t     *testing.T
	base  string
	token string
}

// want sends a request and requires its status, returning the JSON object answered.
func (c caller) want(status int, method, path string, body any) map[string]any {
	c.t.Helper()
	var in io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		require.NoError(c.t, err)
		in = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.base+path, in)
	require.NoError(c.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	require.Equal(c.t, status, resp.StatusCode, "%s %s: %s", method, path, raw)
	var out map[string]any
	if len(raw) > 0 {
		require.NoError(c.t, json.Unmarshal(raw, &out), "%s %s: %s", method, path, raw)
	}
	return out
}

// titles are the titles of a page of articles.
func titles(page map[string]any) []string {
	var out []string
	for _, r := range page["results"].([]any) {
		out = append(out, r.(map[string]any)["title"].(string))
	}
	return out
}

func TestNewsroom(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		url := dbtest.URL(t, dialect)
		h, err := app.NewHandler(ctx, newsroom.Definition(), app.Options{
			DatabaseURL: url, SecretKey: []byte("a newsroom test key of more than 32 bytes"),
			Migrate: true, Logger: slog.New(slog.DiscardHandler), MailOutput: io.Discard,
		})
		require.NoError(t, err)
		srv := httptest.NewServer(h)
		t.Cleanup(func() { srv.Close(); h.Close() })
		d, err := db.Open(url)
		require.NoError(t, err)
		t.Cleanup(func() { d.Close() })
		store, err := users.NewStore(d, nil)
		require.NoError(t, err)

		anon := caller{t: t, base: srv.URL}
		signUp := func(name string) (caller, int64, string) {
			password := "correct horse " + name
			u := anon.want(http.StatusCreated, "POST", "/auth/users/", map[string]any{"username": name, "password": password})
			tokens := anon.want(http.StatusOK, "POST", "/auth/jwt/create/", map[string]any{"username": name, "password": password})
			return caller{t: t, base: srv.URL, token: tokens["access"].(string)}, int64(u["id"].(float64)), tokens["refresh"].(string)
		}
		alice, _, aliceRefresh := signUp("alice")
		bob, bobID, _ := signUp("bob")
		carol, carolID, _ := signUp("carol")
		root, rootID, _ := signUp("root")
		u, err := store.Get(ctx, rootID)
		require.NoError(t, err)
		u.IsStaff = true
		require.NoError(t, store.Update(ctx, u, "is_staff"))
		// bob writes through the editors' group; carol publishes.
		_, err = store.CreateGroup(ctx, "editors", []string{"newsroom.add_article", "newsroom.change_article", "newsroom.add_section"})
		require.NoError(t, err)
		require.NoError(t, store.AddUserToGroup(ctx, bobID, "editors"))
		require.NoError(t, store.GrantPerm(ctx, carolID, "newsroom.can_publish_article"))

		// Sections: anyone reads, DjangoModelPermissions writes, only staff delete.
		anon.want(http.StatusUnauthorized, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		alice.want(http.StatusForbidden, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		politics := bob.want(http.StatusCreated, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		sport := bob.want(http.StatusCreated, "POST", "/api/sections/", map[string]any{"name": "Sport"})
		require.EqualValues(t, 2, anon.want(http.StatusOK, "GET", "/api/sections/", nil)["count"])
		bob.want(http.StatusForbidden, "DELETE", fmt.Sprintf("/api/sections/%v/", sport["id"]), nil)

		// Articles: anonymous reads, model permissions for writes, the author from the caller.
		anon.want(http.StatusUnauthorized, "POST", "/api/articles/", map[string]any{"title": "x", "body": "x", "section": politics["id"]})
		alice.want(http.StatusForbidden, "POST", "/api/articles/", map[string]any{"title": "x", "body": "x", "section": politics["id"]})
		var ids []any
		for _, title := range []string{"Budget passes", "Cup final", "Budget reactions", "Derby report"} {
			a := bob.want(http.StatusCreated, "POST", "/api/articles/",
				map[string]any{"title": title, "body": "...", "section": politics["id"], "status": "published"})
			require.Equal(t, "bob", a["author"])
			require.Equal(t, "draft", a["status"])
			ids = append(ids, a["id"])
		}
		page := anon.want(http.StatusOK, "GET", "/api/articles/", nil)
		require.EqualValues(t, 4, page["count"])
		require.Len(t, page["results"], 3)
		require.Equal(t, "http://"+srv.Listener.Addr().String()+"/api/articles/?page=2", page["next"])
		require.Len(t, anon.want(http.StatusOK, "GET", "/api/articles/?page_size=100", nil)["results"], 4)
		require.Len(t, anon.want(http.StatusOK, "GET", "/api/articles/?page_size=2&page=2", nil)["results"], 2)
		anon.want(http.StatusNotFound, "GET", "/api/articles/?page=3", nil)

		// The publish action: its own permission, not the endpoint's.
		publish := fmt.Sprintf("/api/articles/%v/publish/", ids[0])
		anon.want(http.StatusUnauthorized, "POST", publish, nil)
		require.Equal(t, map[string]any{"detail": "You may not publish articles."}, bob.want(http.StatusForbidden, "POST", publish, nil))
		require.Equal(t, "published", carol.want(http.StatusOK, "POST", publish, nil)["status"])
		carol.want(http.StatusForbidden, "PATCH", fmt.Sprintf("/api/articles/%v/", ids[0]), map[string]any{"title": "Mine"})

		// The filters of hooks.go narrow lists and detail lookups.
		require.Equal(t, []string{"Budget passes"}, titles(anon.want(http.StatusOK, "GET", "/api/articles/?status=published", nil)))
		require.Equal(t, []string{"Budget passes", "Budget reactions"}, titles(anon.want(http.StatusOK, "GET", "/api/articles/?search=BUDGET", nil)))
		anon.want(http.StatusNotFound, "GET", fmt.Sprintf("/api/articles/%v/?status=published", ids[1]), nil)

		// A section with articles is protected.
		root.want(http.StatusConflict, "DELETE", fmt.Sprintf("/api/sections/%v/", politics["id"]), nil)
		root.want(http.StatusNoContent, "DELETE", fmt.Sprintf("/api/sections/%v/", sport["id"]), nil)

		// Comments: anyone signed in comments; only the author edits.
		c := alice.want(http.StatusCreated, "POST", "/api/comments/", map[string]any{"article": ids[0], "body": "First!"})
		require.Equal(t, "alice", c["author"])
		bob.want(http.StatusForbidden, "PATCH", fmt.Sprintf("/api/comments/%v/", c["id"]), map[string]any{"body": "bob's"})
		alice.want(http.StatusOK, "PATCH", fmt.Sprintf("/api/comments/%v/", c["id"]), map[string]any{"body": "edited"})

		// Tips: the per-method map; a method outside it is denied (superusers too) before it
		// would be refused as not allowed.
		anon.want(http.StatusUnauthorized, "GET", "/api/tips/", nil)
		alice.want(http.StatusForbidden, "GET", "/api/tips/", nil)
		require.NoError(t, store.GrantPerm(ctx, carolID, "newsroom.view_tip"))
		require.NoError(t, store.GrantPerm(ctx, carolID, "newsroom.add_tip"))
		tip := carol.want(http.StatusCreated, "POST", "/api/tips/", map[string]any{"summary": "The mayor resigns"})
		require.EqualValues(t, 1, tip["urgency"])
		carol.want(http.StatusBadRequest, "POST", "/api/tips/", map[string]any{"summary": "x", "urgency": 6})
		carol.want(http.StatusForbidden, "DELETE", fmt.Sprintf("/api/tips/%v/", tip["id"]), nil)
		carol.want(http.StatusForbidden, "PUT", fmt.Sprintf("/api/tips/%v/", tip["id"]), map[string]any{"summary": "y"})
		root.want(http.StatusForbidden, "PUT", fmt.Sprintf("/api/tips/%v/", tip["id"]), map[string]any{"summary": "y"})

		// Rotation: the old refresh token is blacklisted; the blacklist route logs out.
		rotated := anon.want(http.StatusOK, "POST", "/auth/jwt/refresh/", map[string]any{"refresh": aliceRefresh})
		require.NotEqual(t, aliceRefresh, rotated["refresh"])
		anon.want(http.StatusOK, "POST", "/auth/jwt/blacklist/", map[string]any{"refresh": rotated["refresh"]})
		require.Equal(t, "Token is blacklisted",
			anon.want(http.StatusUnauthorized, "POST", "/auth/jwt/refresh/", map[string]any{"refresh": rotated["refresh"]})["detail"])
	})
}
