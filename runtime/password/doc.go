// Package password hashes and validates passwords exactly as Django 3.2 does, so that a
// generated app and a Django app can share one auth_user table.
//
// # Hashing
//
// A [Hasher] writes one of Django's encoded formats into auth_user.password:
//
//	argon2$argon2id$v=19$m=102400,t=2,p=8$<salt>$<key>   Argon2, the default
//	pbkdf2_sha256$260000$<salt>$<key>                     PBKDF2, Django's default
//
// [Hashers] is the PASSWORD_HASHERS setting: [Hashers.Make] hashes with the preferred
// hasher and [Hashers.Check] dispatches on the algorithm before the first "$". The costs of
// [Argon2] and [PBKDF2] are fields; their zero values are Django 3.2's.
//
// # Logging in
//
// A login does, in this order:
//
//	user, found := lookup(username)
//	if !found {
//		hashers.CheckDummy(password) // as slow as a wrong password
//		return errInvalid
//	}
//	if !hashers.Check(password, user.Password) {
//		return errInvalid
//	}
//	if hashers.NeedsRehash(user.Password) {
//		user.Password, err = hashers.Make(password) // and save it
//	}
//
// so that the answer time tells an unknown user from a wrong password no better than
// Django's does, and hashes of an older hasher or cost are replaced as users log in.
//
// # Unusable passwords
//
// [MakeUnusable] returns Django's "!"-prefixed marker of a user who cannot log in with a
// password; no password ever matches it, and [IsUsable] tells it apart.
//
// # Validation
//
// A [Validator] is one entry of AUTH_PASSWORD_VALIDATORS. [DefaultValidators] returns
// Django's four: [UserAttributeSimilarity], [MinimumLength], [CommonPassword] and
// [NumericPassword], and [Validate] collects their messages in order:
//
//	Validate("1234", nil, DefaultValidators()...)
//	// "This password is too short. It must contain at least 8 characters."
//	// "This password is too common."
//	// "This password is entirely numeric."
//
// # Contract
//
// Django 3.2's argon2 and pbkdf2_sha256 encodings verify here, and those made here verify in
// Django (so do the Argon2i version 19 hashes of older Django; Argon2d, Argon2 1.0, bcrypt,
// SHA-1 and MD5 encodings do not). Comparisons of keys are constant-time. Validators give
// Django's English messages, in Django's order, and judge a password by Python's rules:
// lengths count code points, lowercasing and digits follow Python's str methods, and
// similarity is difflib's SequenceMatcher.quick_ratio. Every exported value is safe for
// concurrent use.
package password
