// Package twin measures how closely a generated app matches the Django app a Django
// developer would write from the same feature description: the app written twice (an authgen
// spec built into a Go binary, and a Django project with djoser, simplejwt, DRF and
// django-guardian), one step file played against both on fresh databases, and every answer
// compared (status, content type, JSON body with volatile values masked, the Allow header;
// success of the operator commands).
//
// # Layout
//
// Each directory under testdata/twins is one twin: steps.yaml (what to run and the steps),
// allow.yaml (accepted mismatches, each with its reason) and django/ (the Django project,
// manage.py at its root). The format is written down in testdata/twins/README.md.
//
// # Running
//
// TestTwin runs every twin; -v prints its match figure and each mismatch with a diff:
//
//	go test ./internal/twin -run TestTwin/library -v
//
// The Django side runs on Debian's packages with /usr/bin/python3. Without them the test
// skips, unless AUTHGEN_REQUIRE_DJANGO=1 (set by .ci/run, which installs them), where it
// fails. The Go side runs on SQLite and, when reachable, on PostgreSQL (required with
// AUTHGEN_REQUIRE_POSTGRES=1); both are compared with the same Django run.
package twin
