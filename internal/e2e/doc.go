// Package e2e tests generated apps as their users meet them: a spec under testdata/specs is
// generated into a temporary package inside the module, vetted, built into a binary with a
// three-line main (runtime/app.Main), migrated and served on SQLite and on PostgreSQL, then
// driven over real HTTP. The expected answers are those of the same models written with
// Django 3.2 and DRF 3.14, except where the reference answers 5xx (there the app answers the
// right 4xx, each case says so).
//
// It lives under runtime/ for internal/dbtest, which gives each run a fresh database.
package e2e
