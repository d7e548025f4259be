package spec

import "gopkg.in/yaml.v3"

func (d *decoder) auth(e entry) *Auth {
	a := &Auth{Pos: d.pos(e.keyNode)}
	d.object(e.val, "auth", []string{"login_field", "user", "password", "jwt", "token_auth", "revoke_on_credential_change"}, func(e entry) {
		switch e.key {
		case "login_field":
			a.LoginField = d.str("login_field", e.val)
		case "user":
			d.object(e.val, "auth.user", []string{"fields"}, func(e entry) {
				a.UserFields = d.fields("auth.user.fields", e.val)
			})
		case "password":
			a.Password = d.password(e)
		case "jwt":
			a.JWT = d.jwt(e.val)
		case "token_auth":
			a.TokenAuth = d.boolean("token_auth", e.val)
		case "revoke_on_credential_change":
			a.RevokeOnCredentialChange = d.boolean("revoke_on_credential_change", e.val)
		}
	})
	return a
}

func (d *decoder) password(e entry) *Password {
	p := &Password{Pos: d.pos(e.keyNode)}
	keys := []string{"hasher", "hashers", "argon2", "pbkdf2_iterations", "validators"}
	d.object(e.val, "auth.password", keys, func(e entry) {
		switch e.key {
		case "hasher":
			p.Hasher = d.str("hasher", e.val)
		case "hashers":
			p.Hashers, p.HashersPos = d.strList("hashers", e.val)
		case "argon2":
			a := &Argon2{}
			d.object(e.val, "auth.password.argon2", []string{"memory_kib", "iterations", "parallelism"}, func(e entry) {
				switch e.key {
				case "memory_kib":
					a.MemoryKiB = d.integer("memory_kib", e.val)
				case "iterations":
					a.Iterations = d.integer("iterations", e.val)
				case "parallelism":
					a.Parallelism = d.integer("parallelism", e.val)
				}
			})
			p.Argon2 = a
		case "pbkdf2_iterations":
			p.PBKDF2Iterations = d.integer("pbkdf2_iterations", e.val)
		case "validators":
			items, _ := d.seq("validators", e.val)
			p.Validators = []*Validator{}
			for _, it := range items {
				if v := d.validator(it); v != nil {
					p.Validators = append(p.Validators, v)
				}
			}
		}
	})
	return p
}

// validator reads `- name` or `- name: {options}`.
func (d *decoder) validator(n *yaml.Node) *Validator {
	if n = d.resolve(n); n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		s := d.str("validator", n)
		if s == nil {
			return nil
		}
		return &Validator{Kind: *s}
	}
	es := d.entries(n, "validator")
	if len(es) != 1 {
		if n.Kind == yaml.MappingNode {
			d.errorf(n, "validator: expected one name with its options, like `- minimum_length: {min_length: 8}`")
		}
		return nil
	}
	e := es[0]
	v := &Validator{Kind: e.keyValue}
	keys := []string{"min_length", "attributes", "max_similarity"}
	d.object(e.val, "validator "+quote(e.key), keys, func(e entry) {
		switch e.key {
		case "min_length":
			v.MinLength = d.integer("min_length", e.val)
		case "attributes":
			v.Attributes, _ = d.strList("attributes", e.val)
			v.AttributesSet = true
		case "max_similarity":
			v.MaxSimilarity = d.scalar("max_similarity", e.val)
		}
	})
	return v
}

// JWTKeys are the keys of auth.jwt.
var JWTKeys = []string{
	"algorithm", "signing_key_env", "signing_key_file", "verifying_key_file", "header_types",
	"header_name", "access_lifetime", "refresh_lifetime", "rotate_refresh_tokens",
	"blacklist_after_rotation", "update_last_login", "audience", "issuer", "leeway",
	"user_id_field", "user_id_claim", "token_type_claim", "jti_claim", "keys_file", "keys_env",
	"rotation_window", "reuse_detection", "sessions", "cookies", "cookie_access", "cookie_secure",
	"cookie_same_site", "cookie_domain",
}

func (d *decoder) jwt(n *yaml.Node) *JWT {
	j := &JWT{}
	strs := map[string]**Str{
		"algorithm": &j.Algorithm, "signing_key_env": &j.SigningKeyEnv,
		"signing_key_file": &j.SigningKeyFile, "verifying_key_file": &j.VerifyingKeyFile,
		"header_name": &j.HeaderName, "access_lifetime": &j.AccessLifetime,
		"refresh_lifetime": &j.RefreshLifetime, "leeway": &j.Leeway, "audience": &j.Audience,
		"issuer": &j.Issuer, "user_id_field": &j.UserIDField, "user_id_claim": &j.UserIDClaim,
		"token_type_claim": &j.TokenTypeClaim, "jti_claim": &j.JTIClaim,
		"keys_file": &j.KeysFile, "keys_env": &j.KeysEnv, "rotation_window": &j.RotationWindow,
		"cookie_same_site": &j.CookieSameSite, "cookie_domain": &j.CookieDomain,
	}
	bools := map[string]**Bool{
		"rotate_refresh_tokens":    &j.RotateRefreshTokens,
		"blacklist_after_rotation": &j.BlacklistAfterRotation,
		"update_last_login":        &j.UpdateLastLogin,
		"reuse_detection":          &j.ReuseDetection,
		"sessions":                 &j.Sessions,
		"cookies":                  &j.Cookies,
		"cookie_access":            &j.CookieAccess,
		"cookie_secure":            &j.CookieSecure,
	}
	d.object(n, "auth.jwt", JWTKeys, func(e entry) {
		if p, ok := strs[e.key]; ok {
			*p = d.str(e.key, e.val)
			return
		}
		if p, ok := bools[e.key]; ok {
			*p = d.boolean(e.key, e.val)
			return
		}
		// header_types: a list, or one string.
		if v := d.resolve(e.val); v != nil && v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" {
			j.HeaderTypes = []Str{d.strOf(v)}
		} else if v != nil {
			j.HeaderTypes, _ = d.strList("header_types", v)
		}
		p := d.pos(e.val)
		j.HeaderTypesPos = &p
	})
	return j
}
