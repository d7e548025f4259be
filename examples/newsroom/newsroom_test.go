package main

import (
	"context"
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
	"github.com/authgen/authgen/runtime/apptest"
	"github.com/authgen/authgen/runtime/db"
	"github.com/authgen/authgen/runtime/users"
)

// The newsroom's test drives the app over real HTTP on SQLite and PostgreSQL: model
// permissions granted through a group, the custom permission of the publish action, the
// per-method map of the sections and of the tips, the articles' filters (hooks.go), page
// numbers with ?page_size=, and rotated refresh tokens that are blacklisted. The same app is
// compared with its Django original by testdata/twins/newsroom.

// caller is a client of the app, anonymous or with a token.
type caller = apptest.Client

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

		anon := caller{T: t, Base: srv.URL}
		signUp := func(name string) (caller, int64, string) {
			password := "correct horse " + name
			u := anon.Want(http.StatusCreated, "POST", "/auth/users/", map[string]any{"username": name, "password": password})
			tokens := anon.Want(http.StatusOK, "POST", "/auth/jwt/create/", map[string]any{"username": name, "password": password})
			return caller{T: t, Base: srv.URL, Token: tokens["access"].(string)}, int64(u["id"].(float64)), tokens["refresh"].(string)
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
		anon.Want(http.StatusUnauthorized, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		alice.Want(http.StatusForbidden, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		politics := bob.Want(http.StatusCreated, "POST", "/api/sections/", map[string]any{"name": "Politics"})
		sport := bob.Want(http.StatusCreated, "POST", "/api/sections/", map[string]any{"name": "Sport"})
		require.EqualValues(t, 2, anon.Want(http.StatusOK, "GET", "/api/sections/", nil)["count"])
		bob.Want(http.StatusForbidden, "DELETE", fmt.Sprintf("/api/sections/%v/", sport["id"]), nil)

		// Articles: anonymous reads, model permissions for writes, the author from the caller.
		anon.Want(http.StatusUnauthorized, "POST", "/api/articles/", map[string]any{"title": "x", "body": "x", "section": politics["id"]})
		alice.Want(http.StatusForbidden, "POST", "/api/articles/", map[string]any{"title": "x", "body": "x", "section": politics["id"]})
		var ids []any
		for _, title := range []string{"Budget passes", "Cup final", "Budget reactions", "Derby report"} {
			a := bob.Want(http.StatusCreated, "POST", "/api/articles/",
				map[string]any{"title": title, "body": "...", "section": politics["id"], "status": "published"})
			require.Equal(t, "bob", a["author"])
			require.Equal(t, "draft", a["status"])
			ids = append(ids, a["id"])
		}
		page := anon.Want(http.StatusOK, "GET", "/api/articles/", nil)
		require.EqualValues(t, 4, page["count"])
		require.Len(t, page["results"], 3)
		require.Equal(t, "http://"+srv.Listener.Addr().String()+"/api/articles/?page=2", page["next"])
		require.Len(t, anon.Want(http.StatusOK, "GET", "/api/articles/?page_size=100", nil)["results"], 4)
		require.Len(t, anon.Want(http.StatusOK, "GET", "/api/articles/?page_size=2&page=2", nil)["results"], 2)
		anon.Want(http.StatusNotFound, "GET", "/api/articles/?page=3", nil)

		// The publish action: its own permission, not the endpoint's.
		publish := fmt.Sprintf("/api/articles/%v/publish/", ids[0])
		anon.Want(http.StatusUnauthorized, "POST", publish, nil)
		require.Equal(t, map[string]any{"detail": "You may not publish articles."}, bob.Want(http.StatusForbidden, "POST", publish, nil))
		require.Equal(t, "published", carol.Want(http.StatusOK, "POST", publish, nil)["status"])
		carol.Want(http.StatusForbidden, "PATCH", fmt.Sprintf("/api/articles/%v/", ids[0]), map[string]any{"title": "Mine"})

		// The filters of hooks.go narrow lists and detail lookups.
		require.Equal(t, []string{"Budget passes"}, titles(anon.Want(http.StatusOK, "GET", "/api/articles/?status=published", nil)))
		require.Equal(t, []string{"Budget passes", "Budget reactions"}, titles(anon.Want(http.StatusOK, "GET", "/api/articles/?search=BUDGET", nil)))
		anon.Want(http.StatusNotFound, "GET", fmt.Sprintf("/api/articles/%v/?status=published", ids[1]), nil)

		// A section with articles is protected.
		root.Want(http.StatusConflict, "DELETE", fmt.Sprintf("/api/sections/%v/", politics["id"]), nil)
		root.Want(http.StatusNoContent, "DELETE", fmt.Sprintf("/api/sections/%v/", sport["id"]), nil)

		// Comments: anyone signed in comments; only the author edits.
		c := alice.Want(http.StatusCreated, "POST", "/api/comments/", map[string]any{"article": ids[0], "body": "First!"})
		require.Equal(t, "alice", c["author"])
		bob.Want(http.StatusForbidden, "PATCH", fmt.Sprintf("/api/comments/%v/", c["id"]), map[string]any{"body": "bob's"})
		alice.Want(http.StatusOK, "PATCH", fmt.Sprintf("/api/comments/%v/", c["id"]), map[string]any{"body": "edited"})

		// Tips: the per-method map; a method outside it is denied (superusers too) before it
		// would be refused as not allowed.
		anon.Want(http.StatusUnauthorized, "GET", "/api/tips/", nil)
		alice.Want(http.StatusForbidden, "GET", "/api/tips/", nil)
		require.NoError(t, store.GrantPerm(ctx, carolID, "newsroom.view_tip"))
		require.NoError(t, store.GrantPerm(ctx, carolID, "newsroom.add_tip"))
		tip := carol.Want(http.StatusCreated, "POST", "/api/tips/", map[string]any{"summary": "The mayor resigns"})
		require.EqualValues(t, 1, tip["urgency"])
		carol.Want(http.StatusBadRequest, "POST", "/api/tips/", map[string]any{"summary": "x", "urgency": 6})
		carol.Want(http.StatusForbidden, "DELETE", fmt.Sprintf("/api/tips/%v/", tip["id"]), nil)
		carol.Want(http.StatusForbidden, "PUT", fmt.Sprintf("/api/tips/%v/", tip["id"]), map[string]any{"summary": "y"})
		root.Want(http.StatusForbidden, "PUT", fmt.Sprintf("/api/tips/%v/", tip["id"]), map[string]any{"summary": "y"})

		// Rotation: the old refresh token is blacklisted; the blacklist route logs out.
		rotated := anon.Want(http.StatusOK, "POST", "/auth/jwt/refresh/", map[string]any{"refresh": aliceRefresh})
		require.NotEqual(t, aliceRefresh, rotated["refresh"])
		anon.Want(http.StatusOK, "POST", "/auth/jwt/blacklist/", map[string]any{"refresh": rotated["refresh"]})
		require.Equal(t, "Token is blacklisted",
			anon.Want(http.StatusUnauthorized, "POST", "/auth/jwt/refresh/", map[string]any{"refresh": rotated["refresh"]})["detail"])
	})
}
