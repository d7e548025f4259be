package authz

// List is a permission_classes list compiled once, where the generated code declares it:
// its classes in evaluation order, each with what its two questions need. A decision is
// asked on every request (twice on a detail route, more often for OPTIONS); compiled, it is
// a few bit tests and direct calls instead of a call through an interface for every class
// and operand.
//
// What is compiled is only what this package knows by exact type: the builtins, Requires,
// MethodPerms, Owner, DRF's model classes, And, Or, Not and Class. Any other checker (a
// class the application writes in Go, Indirect, ObjectPerms, a type embedding a builtin) is
// asked through its methods, as Check would. A List decides exactly as Check and CheckObject
// over its classes (TestCompositionsDecideAsDRF holds both to a plain evaluation of DRF's
// operators).
//
// The nil *List allows everything, as an empty list does.
type List struct {
	checks []Checker
	// view and object are the entries each question asks, in order: an entry whose answer
	// to that question is always Allowed is left out.
	view, object []entry
}

// entry is a compiled class of the list and its position (which Outcome.Class names).
type entry struct {
	n *node
	i int
}

// NewList compiles the permission_classes list checks.
func NewList(checks ...Checker) *List {
	l := &List{checks: checks}
	for i, c := range checks {
		n := compile(c)
		if !(n.view == viewMask && n.mask == allBits) {
			l.view = append(l.view, entry{n, i})
		}
		if n.object != objectAllow {
			l.object = append(l.object, entry{n, i})
		}
	}
	return l
}

// Checkers returns the list's classes, in order.
func (l *List) Checkers() []Checker {
	if l == nil {
		return nil
	}
	return l.checks
}

// Check is Check over the list's classes: the decision of the first whose view-level check
// does not allow, naming it, or the zero Outcome.
func (l *List) Check(r *Request) Outcome {
	if l == nil || len(l.view) == 0 {
		return Outcome{}
	}
	bit := r.tableBit()
	for _, e := range l.view {
		if e.n.view == viewMask { // the most common entry, asked without a call
			if e.n.mask&bit == 0 {
				return Outcome{Decision: Denied, Class: l.checks[e.i]}
			}
			continue
		}
		if d := e.n.hasPermission(r, bit); !d.Allowed() {
			return Outcome{Decision: d, Class: l.checks[e.i]}
		}
	}
	return Outcome{}
}

// CheckObject is CheckObject over the list's classes: the decision of the first whose
// object-level check does not allow, naming it, or the zero Outcome.
func (l *List) CheckObject(r *Request, obj Object) Outcome {
	if l == nil || len(l.object) == 0 {
		return Outcome{}
	}
	bit := r.tableBit()
	for _, e := range l.object {
		if d := e.n.obj.hasObjectPermission(r, obj, bit); !d.Allowed() {
			return Outcome{Decision: d, Class: l.checks[e.i]}
		}
	}
	return Outcome{}
}

// The view-level answers that depend only on the request's method and on whether the subject
// is authenticated and staff are a table of 32 bits: bit method<<2 | authenticated<<1 | staff,
// with the method numbered as methodIndex numbers it (0 for any other).
const (
	authBit  = 2
	staffBit = 1
	allBits  = ^uint32(0)
	authBits = 0xcccccccc // the requests of authenticated subjects
)

// tableBit is the request's bit in that table, worked out once per request: the method and
// the subject's flags do not change while its checks run.
func (r *Request) tableBit() uint32 {
	if r.bit == 0 {
		r.bit = r.workOutBit()
	}
	return r.bit
}

func (r *Request) workOutBit() uint32 {
	i := uint32(r.methodIndex()) << 2
	if s := r.Subject; s.IsAuthenticated() {
		i |= authBit
		if s.IsStaff {
			i |= staffBit
		}
	}
	return 1 << i
}

// maskOf is the table of the requests where f allows.
func maskOf(f func(method uint8, auth, staff bool) bool) uint32 {
	var m uint32
	for i := range uint32(32) {
		if f(uint8(i>>2), i&authBit != 0, i&staffBit != 0) {
			m |= 1 << i
		}
	}
	return m
}

// How a node answers HasPermission.
type viewKind uint8

const (
	viewAsk      viewKind = iota // through the checker's interface
	viewMask                     // a bit of mask: the answer depends on nothing else
	viewRequires                 // requires.HasPermission
	viewMethods                  // (*methodPerms).HasPermission
	viewModel                    // (*ModelPerms).HasPermission
	viewAnd
	viewOr
	viewNot
)

// How a node answers HasObjectPermission.
type objectKind uint8

const (
	objectAsk   objectKind = iota // through the checker's interface
	objectAllow                   // always Allowed
	objectOwner                   // Owner.HasObjectPermission
	objectAnd
	objectOr
	objectNot
)

// node is a checker compiled: how each of its questions is answered, and what that needs.
type node struct {
	view   viewKind
	object objectKind
	mask   uint32 // viewMask: the requests allowed

	c       Checker // viewAsk, objectAsk
	a, b    *node   // the operands of &, | and ~ (a only)
	perm    requires
	methods *methodPerms
	model   *ModelPerms
	owner   *Owner
	// obj is the node whose object-level answer is this one's: itself, or the operand of an
	// & whose other operand always allows objects (IsAuthenticatedOrReadOnly & Owner).
	obj *node
}

// compile is the node of c: by exact type, so that a checker of another package embedding
// one of these (and overriding a question) is asked its own way.
func compile(c Checker) *node {
	n := &node{c: c}
	n.obj = n
	switch c := c.(type) {
	case AllowAny:
		n.view, n.mask, n.object = viewMask, allBits, objectAllow
	case IsAuthenticated:
		n.view, n.object = viewMask, objectAllow
		n.mask = maskOf(func(_ uint8, auth, _ bool) bool { return auth })
	case IsAdminUser:
		n.view, n.object = viewMask, objectAllow
		n.mask = maskOf(func(_ uint8, auth, staff bool) bool { return auth && staff })
	case IsAuthenticatedOrReadOnly:
		n.view, n.object = viewMask, objectAllow
		n.mask = maskOf(func(m uint8, auth, _ bool) bool { return safe(m) || auth })
	case ReadOnly:
		n.view, n.object = viewMask, objectAllow
		n.mask = maskOf(func(m uint8, _, _ bool) bool { return safe(m) })
	case requires:
		n.view, n.object, n.perm = viewRequires, objectAllow, c
	case *methodPerms:
		n.view, n.object, n.methods = viewMethods, objectAllow, c
	case *ModelPerms:
		n.view, n.object, n.model = viewModel, objectAllow, c
	case Func:
		n.view, n.object = viewAsk, objectAllow
	case Owner:
		n.view, n.mask, n.object, n.owner = viewMask, allBits, objectOwner, &c
	case Class:
		return compile(c.Checker) // a name for denials, which the list keeps
	case *and:
		n.a, n.b = compile(c.a), compile(c.b)
		n.view, n.object = viewAnd, objectAnd
		if n.a.view == viewMask && n.b.view == viewMask {
			n.view, n.mask = viewMask, n.a.mask&n.b.mask
		}
		switch {
		case n.a.object == objectAllow && n.b.object == objectAllow:
			n.object = objectAllow
		case n.a.object == objectAllow:
			n.obj = n.b.obj
		case n.b.object == objectAllow:
			n.obj = n.a.obj
		}
	case *or:
		n.a, n.b = compile(c.a), compile(c.b)
		n.view, n.object = viewOr, objectOr
		if n.a.view == viewMask && n.b.view == viewMask {
			n.view, n.mask = viewMask, n.a.mask|n.b.mask
		}
		// On objects only a first operand that always allows both questions makes | allow
		// whatever the second would say (it ends the evaluation).
		if n.a.view == viewMask && n.a.mask == allBits && n.a.object == objectAllow {
			n.object = objectAllow
		}
	case *not:
		n.a = compile(c.c)
		n.view, n.object = viewNot, objectNot
		if n.a.view == viewMask {
			n.view, n.mask = viewMask, ^n.a.mask
		}
	}
	return n
}

// safe reports whether the numbered method only reads.
func safe(method uint8) bool { return method >= get && method <= options }

// hasPermission answers the view-level question; bit is the request's (Request.tableBit).
func (n *node) hasPermission(r *Request, bit uint32) Decision {
	switch n.view {
	case viewMask:
		if n.mask&bit != 0 {
			return Allowed
		}
		return Denied
	case viewRequires:
		return n.perm.HasPermission(r)
	case viewMethods:
		// (*methodPerms).HasPermission, with what tableBit has worked out.
		e := &n.methods.table[r.method-1]
		if !e.ok || bit&authBits == 0 {
			return Denied
		}
		if held, known := r.Subject.holds(e.perm); known {
			return Bool(held)
		}
		return decide(r.Subject.hasSlowly(r.Ctx, e.perm))
	case viewModel:
		return n.model.HasPermission(r)
	case viewAnd:
		if d := n.a.hasPermission(r, bit); !d.Allowed() {
			return d
		}
		return n.b.hasPermission(r, bit)
	case viewOr:
		if d := n.a.hasPermission(r, bit); d.Verdict() != Deny {
			return d
		}
		return n.b.hasPermission(r, bit)
	case viewNot:
		return invert(n.a.hasPermission(r, bit))
	}
	return n.c.HasPermission(r)
}

// hasObjectPermission answers the object-level question.
func (n *node) hasObjectPermission(r *Request, o Object, bit uint32) Decision {
	switch n.object {
	case objectAllow:
		return Allowed
	case objectOwner:
		return n.owner.allows(r, o)
	case objectAnd:
		if n.a.object != objectAllow {
			if d := n.a.obj.hasObjectPermission(r, o, bit); !d.Allowed() {
				return d
			}
		}
		if n.b.object == objectAllow {
			return Allowed
		}
		return n.b.obj.hasObjectPermission(r, o, bit)
	case objectOr:
		// DRF 3.14: an operand counts only where its view-level check allows too.
		if d := n.a.both(r, o, bit); d.Verdict() != Deny {
			return d
		}
		return n.b.both(r, o, bit)
	case objectNot:
		return invert(n.a.obj.hasObjectPermission(r, o, bit))
	}
	return n.c.HasObjectPermission(r, o)
}

// both is DRF 3.14's operand of | on objects: its view-level check, then its object one.
func (n *node) both(r *Request, o Object, bit uint32) Decision {
	if n.view == viewMask {
		if n.mask&bit == 0 {
			return Denied
		}
	} else if d := n.hasPermission(r, bit); !d.Allowed() {
		return d
	}
	if n.object == objectAllow {
		return Allowed
	}
	return n.obj.hasObjectPermission(r, o, bit)
}
