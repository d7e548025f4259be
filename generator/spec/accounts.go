package spec

import (
	"slices"
	"strconv"
)

// AccountBoolKeys are the boolean keys of `accounts` (djoser's settings in lower case).
var AccountBoolKeys = []string{
	"send_activation_email", "send_confirmation_email", "password_changed_email_confirmation",
	"username_changed_email_confirmation", "user_create_password_retype", "set_password_retype",
	"set_username_retype", "password_reset_confirm_retype", "username_reset_confirm_retype",
	"logout_on_password_change", "password_reset_show_email_not_found",
	"username_reset_show_email_not_found", "hide_users",
}

// AccountStringKeys are the string keys of `accounts`.
var AccountStringKeys = []string{
	"activation_url", "password_reset_confirm_url", "username_reset_confirm_url", "domain",
	"site_name", "from_email",
}

// AccountPermissionKeys are djoser's PERMISSIONS keys, in djoser's order.
var AccountPermissionKeys = []string{
	"activation", "password_reset", "password_reset_confirm", "set_password", "username_reset",
	"username_reset_confirm", "set_username", "user_create", "user_delete", "user", "user_list",
	"token_create", "token_destroy",
}

func (d *decoder) accounts(e entry) *Accounts {
	a := &Accounts{}
	keys := slices.Concat(AccountBoolKeys, AccountStringKeys, []string{"token_timeout", "permissions"})
	d.object(e.val, "accounts", keys, func(e entry) {
		switch {
		case slices.Contains(AccountBoolKeys, e.key):
			if b := d.boolean(e.key, e.val); b != nil {
				a.Bools = append(a.Bools, NamedBool{Name: e.key, Value: *b})
			}
		case slices.Contains(AccountStringKeys, e.key):
			if s := d.str(e.key, e.val); s != nil {
				a.Strings = append(a.Strings, NamedStr{Name: e.key, Value: *s})
			}
		case e.key == "token_timeout":
			a.TokenTimeout = d.str("token_timeout", e.val)
		case e.key == "permissions":
			d.object(e.val, "accounts.permissions", AccountPermissionKeys, func(p entry) {
				if x := d.expr(p.key, p.val); x != nil {
					a.Permissions = append(a.Permissions, &NamedExpr{Name: p.key, NamePos: d.pos(p.keyNode), Expr: x})
				}
			})
		}
	})
	return a
}

func quote(s string) string { return strconv.Quote(s) }
