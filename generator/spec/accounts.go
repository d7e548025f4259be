package spec

import (
	"slices"
	"strconv"

	"github.com/authgen/authgen/runtime/djoser"
)

// The keys of `accounts`, djoser's settings in lower case, as runtime/djoser lists them.
var (
	accountBoolKeys       = keysOf(djoser.Flags, func(f djoser.Flag) string { return f.Key })
	accountStringKeys     = keysOf(djoser.Texts, func(t djoser.Text) string { return t.Key })
	accountPermissionKeys = keysOf(djoser.Permissions, func(p djoser.Permission) string { return p.Key })
)

func keysOf[T any](settings []T, key func(T) string) []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = key(s)
	}
	return out
}

func (d *decoder) accounts(e entry) *Accounts {
	a := &Accounts{}
	keys := slices.Concat(accountBoolKeys, accountStringKeys, []string{djoser.TokenTimeoutKey, "permissions"})
	d.object(e.val, "accounts", keys, func(e entry) {
		switch {
		case slices.Contains(accountBoolKeys, e.key):
			if b := d.boolean(e.key, e.val); b != nil {
				a.Bools = append(a.Bools, NamedBool{Name: e.key, Value: *b})
			}
		case slices.Contains(accountStringKeys, e.key):
			if s := d.str(e.key, e.val); s != nil {
				a.Strings = append(a.Strings, NamedStr{Name: e.key, Value: *s})
			}
		case e.key == djoser.TokenTimeoutKey:
			a.TokenTimeout = d.str(djoser.TokenTimeoutKey, e.val)
		case e.key == "permissions":
			d.object(e.val, "accounts.permissions", accountPermissionKeys, func(p entry) {
				if x := d.expr(p.key, p.val); x != nil {
					a.Permissions = append(a.Permissions, &NamedExpr{Name: p.key, NamePos: d.pos(p.keyNode), Expr: x})
				}
			})
		}
	})
	return a
}

func quote(s string) string { return strconv.Quote(s) }
