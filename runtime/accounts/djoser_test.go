package accounts_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/runtime/accounts"
	"github.com/authgen/authgen/runtime/authz"
	"github.com/authgen/authgen/runtime/djoser"
)

// TestDjoserTable holds runtime/djoser, which the generator reads, to Settings: every
// setting names a field of the right type, every permission key its constant.
func TestDjoserTable(t *testing.T) {
	settings := reflect.TypeOf(accounts.Settings{})
	field := func(name string) reflect.Type {
		f, ok := settings.FieldByName(name)
		require.True(t, ok, "accounts.Settings has no field %s", name)
		return f.Type
	}
	for _, f := range djoser.Flags {
		require.Equal(t, reflect.TypeFor[bool](), field(f.Field), f.Key)
	}
	for _, s := range djoser.Texts {
		require.Equal(t, reflect.TypeFor[string](), field(s.Field), s.Key)
	}
	require.Equal(t, reflect.TypeFor[time.Duration](), field(djoser.TokenTimeoutField))

	consts := map[string]string{
		"PermActivation": accounts.PermActivation, "PermPasswordReset": accounts.PermPasswordReset,
		"PermPasswordResetConfirm": accounts.PermPasswordResetConfirm, "PermSetPassword": accounts.PermSetPassword,
		"PermUsernameReset": accounts.PermUsernameReset, "PermUsernameResetConfirm": accounts.PermUsernameResetConfirm,
		"PermSetUsername": accounts.PermSetUsername, "PermUserCreate": accounts.PermUserCreate,
		"PermUserDelete": accounts.PermUserDelete, "PermUser": accounts.PermUser, "PermUserList": accounts.PermUserList,
		"PermTokenCreate": accounts.PermTokenCreate, "PermTokenDestroy": accounts.PermTokenDestroy,
	}
	require.Len(t, djoser.Permissions, len(consts))
	defaults := accounts.DefaultPermissions()
	for _, p := range djoser.Permissions {
		require.Equal(t, p.Key, consts[p.Const], "%s names %q", p.Const, p.Key)
		require.NotNil(t, defaults[p.Key], "no class for %s's default %s", p.Key, p.Default)
		require.Equal(t, p.Default, authz.Name(defaults[p.Key]))
	}
}
