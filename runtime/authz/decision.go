package authz

import (
	"fmt"
	"reflect"
)

// Verdict is what a check decided.
type Verdict uint8

// Verdicts, in the order DRF reaches them: a check allows or denies; a check that raises
// Http404 (DjangoObjectPermissions on an object the caller may not read) hides the object;
// one whose permissions could not be loaded fails.
const (
	Allow Verdict = iota
	Deny
	Hide
	Fail
)

var verdictNames = [...]string{Allow: "allow", Deny: "deny", Hide: "hide", Fail: "fail"}

// String returns the verdict's name: "allow", "deny", "hide", "fail".
func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", uint8(v))
}

// Decision is the answer of one check, a value: Allowed (the zero Decision), Denied, Hidden,
// or Failed with the error that stopped it. It is one word, so that the checks of a
// composition hand it on for nothing.
type Decision struct{ why *reason }

type reason struct {
	verdict Verdict
	err     error
}

// The decisions of a check that allows, denies, or raises DRF's Http404.
var (
	Allowed = Decision{}
	Denied  = Decision{&reason{verdict: Deny}}
	Hidden  = Decision{&reason{verdict: Hide}}
)

// Failed is the decision of a check that could not decide because of err.
func Failed(err error) Decision { return Decision{&reason{verdict: Fail, err: err}} }

// Bool is the decision of a check that allows when ok and denies otherwise.
func Bool(ok bool) Decision {
	if ok {
		return Allowed
	}
	return Denied
}

// Allowed reports whether the decision allows.
func (d Decision) Allowed() bool { return d.why == nil }

// Verdict returns what was decided.
func (d Decision) Verdict() Verdict {
	if d.why == nil {
		return Allow
	}
	return d.why.verdict
}

// Err is why a check failed (wrapping ErrPermissionLoad), nil for any other decision.
func (d Decision) Err() error {
	if d.why == nil {
		return nil
	}
	return d.why.err
}

// Outcome is the decision of a permission_classes list (Check, CheckObject): the Decision of
// its first entry that did not allow, and that entry, which a denial names and whose message
// it answers with. The zero Outcome allows.
type Outcome struct {
	Decision
	// Class is the entry that denied, hid or failed; nil when the list allowed.
	Class Checker
}

// ClassName names the class that decided, as the spec (or DRF) names it: a named class's
// name, a builtin's DRF name, a composition written as in the spec ("ReadOnly | IsAdminUser");
// "" when none did.
func (o Outcome) ClassName() string {
	if o.Class == nil {
		return ""
	}
	return Name(o.Class)
}

// Message returns the denial message and code of the class that decided (DRF's `message`
// and `code`), "" for DRF's defaults.
func (o Outcome) Message() (message, code string) {
	switch c := o.Class.(type) {
	case Class:
		return c.Message, c.Code
	case Messenger:
		return c.Message()
	}
	return "", ""
}

// Name names a checker: its String when it has one (every checker of this package does), its
// Go type otherwise.
func Name(c Checker) string {
	if s, ok := c.(fmt.Stringer); ok {
		return s.String()
	}
	if c == nil {
		return "<nil>"
	}
	return reflect.TypeOf(c).String()
}
