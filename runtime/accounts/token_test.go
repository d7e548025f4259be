package accounts_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/users"
)

// The vectors come from Django 3.2's PasswordResetTokenGenerator with
// SECRET_KEY="test-secret-key", at datetime(2026, 11, 28, 12, 0, 0).
func TestTokenGeneratorMatchesDjango(t *testing.T) {
	at := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	g := accounts.TokenGenerator{Secret: []byte("test-secret-key"), Timeout: 72 * time.Hour, Now: func() time.Time { return at }}
	login := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
	u := &users.User{ID: 42, Password: "pbkdf2_sha256$260000$abc$def", LastLogin: &login, Email: "alice@example.com"}
	require.Equal(t, "dir5c0-16c138e55c8d4c6b17c5ee6e796d2dde", g.Make(u))
	never := &users.User{ID: 42, Password: "pbkdf2_sha256$260000$abc$def"}
	require.Equal(t, "dir5c0-b170d42f01ca3f02d0b0e0e542579391", g.Make(never))

	token := g.Make(u)
	require.True(t, g.Check(u, token))
	for name, edit := range map[string]func(*users.User){
		"password":   func(u *users.User) { u.Password += "x" },
		"last login": func(u *users.User) { l := u.LastLogin.Add(time.Second); u.LastLogin = &l },
		"email":      func(u *users.User) { u.Email = "other@example.com" },
		"id":         func(u *users.User) { u.ID = 43 },
	} {
		changed := *u
		edit(&changed)
		require.False(t, g.Check(&changed, token), name)
	}
	sameSecond := *u
	l := u.LastLogin.Add(500 * time.Millisecond)
	sameSecond.LastLogin = &l
	require.True(t, g.Check(&sameSecond, token), "last login counts to the second, as in Django")

	for _, bad := range []string{"", "dir5c0", "dir5c0-", "-16c138e55c8d4c6b17c5ee6e796d2dde", "dir5c0-16c138e55c8d4c6b17c5ee6e796d2ddf",
		"dir5c1-16c138e55c8d4c6b17c5ee6e796d2dde", "zzzzzzzzzzzzzz-16c1", "a-b-c", "dir5c0-16c138e55c8d4c6b17c5ee6e796d2dde "} {
		require.False(t, g.Check(u, bad), bad)
	}
	require.False(t, g.Check(nil, token))

	late := g
	late.Now = func() time.Time { return at.Add(72*time.Hour + time.Second) }
	require.False(t, late.Check(u, token), "expired")
	edge := g
	edge.Now = func() time.Time { return at.Add(72 * time.Hour) }
	require.True(t, edge.Check(u, token), "valid for the whole timeout")
}

func TestUID(t *testing.T) {
	require.Equal(t, "NDI", accounts.EncodeUID(42))
	require.Equal(t, "MTIzNDU2", accounts.EncodeUID(123456))
	for uid, want := range map[string]int64{"NDI": 42, "NDI=": 42, "MQ": 1, "MTIzNDU2": 123456} {
		id, ok := accounts.DecodeUID(uid)
		require.True(t, ok, uid)
		require.Equal(t, want, id)
	}
	for _, uid := range []string{"", "!!", "Zm9v", "LTE", "MA", "OTk5OTk5OTk5OTk5OTk5OTk5OTk5"} { // foo, -1, 0, too big
		_, ok := accounts.DecodeUID(uid)
		require.False(t, ok, uid)
	}
}
