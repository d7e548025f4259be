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
	// view and object are, for each kind of request (the index of its bit in the table of
	// view-level answers: method, authenticated, staff), what is left to ask of each
	// question once that kind is known (see plan.go).
	view, object [tableSize][]step
}

// NewList compiles the permission_classes list checks.
func NewList(checks ...Checker) *List {
	l := &List{checks: checks}
	nodes := make([]*node, len(checks))
	for i, c := range checks {
		nodes[i] = compile(c)
	}
	for t := range uint8(tableSize) {
		l.view[t] = planView(nodes, t)
		l.object[t] = planObject(nodes, t)
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
	if l == nil {
		return Outcome{}
	}
	// The common plans answered here without a call (and so without saving registers):
	// nothing to ask, or one permission of the loaded set.
	if r.kind != 0 {
		switch steps := l.view[(r.kind-1)%tableSize]; len(steps) {
		case 0:
			return Outcome{}
		case 1:
			if s := &steps[0]; s.kind == stepHolds {
				if held, known := r.Subject.holds(s.perm); known {
					if held {
						return Outcome{}
					}
					return Outcome{Decision: Denied, Class: l.checks[s.entry]}
				}
			}
		}
	}
	return l.check(r)
}

// check is Check's general path: any plan, the request's kind worked out if need be.
func (l *List) check(r *Request) Outcome {
	t := r.tableIndex()
	return l.first(l.view[t%tableSize], r, nil, t) // t < tableSize: the remainder spares the bounds check
}

// CheckObject is CheckObject over the list's classes: the decision of the first whose
// object-level check does not allow, naming it, or the zero Outcome.
func (l *List) CheckObject(r *Request, obj Object) Outcome {
	if l == nil {
		return Outcome{}
	}
	if r.kind != 0 {
		switch steps := l.object[(r.kind-1)%tableSize]; len(steps) {
		case 0:
			return Outcome{}
		case 1:
			if s := &steps[0]; s.kind == stepOwns && s.owner.ownedBy(obj, r.Subject.UserID) {
				return Outcome{}
			}
		}
	}
	return l.checkObject(r, obj)
}

// checkObject is CheckObject's general path.
func (l *List) checkObject(r *Request, obj Object) Outcome {
	t := r.tableIndex()
	return l.first(l.object[t%tableSize], r, obj, t)
}

// first is the decision of the first step of plan, for a request of kind t, that does not
// allow, naming its class, or the zero Outcome.
func (l *List) first(plan []step, r *Request, obj Object, t uint8) Outcome {
	for i := range plan {
		s := &plan[i]
		if d := s.ask(r, obj, t); !d.Allowed() {
			return Outcome{Decision: d, Class: l.checks[s.entry]}
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

	tableSize = 32
)

// tableIndex is the index of the request's bit in that table, worked out once per request:
// the method and the subject's flags do not change while its checks run.
func (r *Request) tableIndex() uint8 {
	if r.kind == 0 {
		r.kind = r.workOutIndex() + 1
	}
	return r.kind - 1
}

func (r *Request) workOutIndex() uint8 {
	i := r.methodIndex() << 2
	if s := r.Subject; s.IsAuthenticated() {
		i |= authBit
		if s.IsStaff {
			i |= staffBit
		}
	}
	return i
}

// maskOf is the table of the requests where f allows.
func maskOf(f func(method uint8, auth, staff bool) bool) uint32 {
	var m uint32
	for i := range uint32(tableSize) {
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

// hasPermission answers the view-level question; bit is the request's in the table of
// view-level answers (1 << Request.tableIndex).
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
		// (*methodPerms).HasPermission, with what tableIndex has worked out.
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
