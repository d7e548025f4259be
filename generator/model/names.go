package model

import (
	"go/token"
	"regexp"
	"strings"
	"unicode"
)

var (
	// snakeName is a field, endpoint, action or codename: lower snake_case, no double or
	// trailing underscores (Django forbids "__" in field names; it is its lookup separator).
	snakeName = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	// typeName is a model or permission class: an exported Go identifier without underscores.
	typeName = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	// appName is a Go package name that is also a Django app label.
	appName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// maxIdentLen is PostgreSQL's identifier limit (NAMEDATALEN-1); longer names are truncated
// silently by PostgreSQL, so two long names could become one.
const maxIdentLen = 63

// initialisms are written in upper case in Go names (golint's list).
var initialisms = map[string]bool{
	"acl": true, "api": true, "ascii": true, "cpu": true, "css": true, "dns": true, "eof": true,
	"guid": true, "html": true, "http": true, "https": true, "id": true, "ip": true, "json": true,
	"lhs": true, "qps": true, "ram": true, "rhs": true, "rpc": true, "sla": true, "smtp": true,
	"sql": true, "ssh": true, "tcp": true, "tls": true, "ttl": true, "udp": true, "ui": true,
	"uid": true, "uuid": true, "uri": true, "url": true, "utf8": true, "vm": true, "xml": true,
	"xmpp": true, "xsrf": true, "xss": true,
}

// goName converts snake_case to an exported Go name with Go's initialisms:
// "image_url" → "ImageURL", "products" → "Products".
func goName(snake string) string {
	var b strings.Builder
	for _, part := range strings.Split(snake, "_") {
		if part == "" {
			continue
		}
		if initialisms[part] {
			b.WriteString(strings.ToUpper(part))
			continue
		}
		r := []rune(part)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// verboseName is Django's default verbose_name: camel_case_to_spaces(object_name), which puts
// a space before an upper-case letter that follows a lower-case one or starts a new word, and
// lower-cases everything: "OrderItem" → "order item", "HTTPLog" → "http log".
func verboseName(camel string) string {
	r := []rune(camel)
	var b strings.Builder
	for i, c := range r {
		if unicode.IsUpper(c) && i > 0 {
			prevLower := unicode.IsLower(r[i-1])
			nextLower := i+1 < len(r) && !unicode.IsUpper(r[i+1])
			if prevLower || nextLower {
				b.WriteByte(' ')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return strings.TrimSpace(b.String())
}

// isGoKeyword reports a Go keyword, which cannot name a package.
func isGoKeyword(s string) bool { return token.IsKeyword(s) }

// reservedApps are the Django app labels whose tables and permissions authgen already uses.
var reservedApps = map[string]bool{
	"auth": true, "contenttypes": true, "authtoken": true, "token_blacklist": true,
	"django": true, "authgen": true, "sessions": true, "admin": true,
}

// sqlReserved are words that cannot be a column name without quoting in PostgreSQL or SQLite
// (PostgreSQL's reserved key words, which include SQLite's troublesome ones).
var sqlReserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`all analyse analyze and any array as asc asymmetric both case
		cast check collate column constraint create current_catalog current_date current_role
		current_time current_timestamp current_user default deferrable desc distinct do else end
		except false fetch for foreign from grant group having in initially intersect into lateral
		leading limit localtime localtimestamp not null offset on only or order placing primary
		references returning select session_user some symmetric system_user table then to
		trailing true union unique user using variadic when where window with authorization
		binary concurrently cross freeze full ilike inner is isnull join left like natural notnull
		outer overlaps right similar tablesample verbose abort autoincrement escape glob index
		indexnull regexp rowid oid`) {
		sqlReserved[w] = true
	}
}
