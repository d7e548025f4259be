package authz

// A List's decision specialised by kind of request. The answer of most classes depends on the
// request's method and on whether its subject is authenticated and staff, and then on at most
// one more fact: a permission the subject holds, or the object's owner. Those three facts are
// the request's index in the table of view-level answers (Request.tableIndex), 32 kinds of
// request in all, so NewList works out, for each kind and each question, what is left to ask:
// the classes that always allow that kind are left out, a class that always denies it ends
// the plan, and of the others only the one open fact is asked (a bit test of the loaded
// permissions, the owner's id). What cannot be reduced that far (a class written in Go, an
// `|` of two open questions) is asked as before, through its compiled node, so a plan decides
// exactly as the node it was made from (TestCompositionsDecideAsDRF).

// step is one class of a plan: what is left of its question for one kind of request.
type step struct {
	kind  stepKind
	entry int    // the class's position in the list, which a denial names
	perm  perm   // stepHolds
	owner *Owner // stepOwns
	n     *node  // stepView, stepObject, stepBoth
}

type stepKind uint8

const (
	stepAllow  stepKind = iota // always Allowed: never left in a plan
	stepDeny                   // always Denied
	stepHolds                  // the subject must hold perm (authenticated already known)
	stepOwns                   // the object's owner must be the subject (authenticated already known)
	stepView                   // n.hasPermission
	stepObject                 // n.hasObjectPermission
	stepBoth                   // n.both: DRF 3.14's operand of | on objects
)

var (
	allowStep = step{kind: stepAllow}
	denyStep  = step{kind: stepDeny}
)

func answer(ok bool) step {
	if ok {
		return allowStep
	}
	return denyStep
}

// ask answers the step for a request of kind t.
func (s *step) ask(r *Request, obj Object, t uint8) Decision {
	switch s.kind {
	case stepAllow:
		return Allowed
	case stepDeny:
		return Denied
	case stepHolds:
		return decide(r.Subject.has(r.Ctx, s.perm))
	case stepOwns:
		return s.owner.owns(r, obj)
	case stepView:
		return s.n.hasPermission(r, 1<<t)
	case stepObject:
		return s.n.hasObjectPermission(r, obj, 1<<t)
	}
	return s.n.both(r, obj, 1<<t)
}

// planView is what is left of the view-level question of a list's classes for requests of
// kind t.
func planView(nodes []*node, t uint8) []step {
	return planOf(nodes, func(n *node) step { return n.viewAt(t) })
}

// planObject is planView for the object-level question.
func planObject(nodes []*node, t uint8) []step {
	return planOf(nodes, func(n *node) step { return n.obj.objectAt(t) })
}

// planOf is what is left of one question of a list's classes (left says what of each), in
// order, up to the first that always denies.
func planOf(nodes []*node, left func(*node) step) []step {
	var plan []step
	for i, n := range nodes {
		s := left(n)
		if s.kind == stepAllow {
			continue
		}
		s.entry = i
		plan = append(plan, s)
		if s.kind == stepDeny {
			break
		}
	}
	return plan
}

// viewAt is what is left of n.hasPermission for requests of kind t.
func (n *node) viewAt(t uint8) step {
	method, auth := t>>2, t&authBit != 0
	open := step{kind: stepView, n: n}
	switch n.view {
	case viewMask:
		return answer(n.mask&(1<<t) != 0)
	case viewRequires:
		return holdsStep(auth, n.perm.perm)
	case viewMethods:
		e := &n.methods.table[method]
		return holdsStep(e.ok && auth, e.perm)
	case viewModel:
		if !auth {
			return answer(n.model.anonReadOnly && safe(method))
		}
		p, needs, _ := n.model.perms.of(method)
		if !needs {
			return allowStep
		}
		return holdsStep(true, p)
	case viewAnd:
		return andStep(n.a.viewAt(t), n.b.viewAt(t), open)
	case viewOr:
		return orStep(n.a.viewAt(t), n.b.viewAt(t), open)
	case viewNot:
		return notStep(n.a.viewAt(t), open)
	}
	return open
}

// objectAt is what is left of n.hasObjectPermission for requests of kind t.
func (n *node) objectAt(t uint8) step {
	method, auth := t>>2, t&authBit != 0
	open := step{kind: stepObject, n: n}
	switch n.object {
	case objectAllow:
		return allowStep
	case objectOwner:
		if n.owner.SafeMethods && safe(method) {
			return allowStep
		}
		if !auth {
			return denyStep
		}
		return step{kind: stepOwns, owner: n.owner}
	case objectAnd:
		return andStep(n.a.obj.objectAt(t), n.b.obj.objectAt(t), open)
	case objectOr:
		return orStep(n.a.bothAt(t), n.b.bothAt(t), open)
	case objectNot:
		return notStep(n.a.obj.objectAt(t), open)
	}
	return open
}

// bothAt is what is left of n.both for requests of kind t: its view-level question, then its
// object-level one, as an &.
func (n *node) bothAt(t uint8) step {
	return andStep(n.viewAt(t), n.obj.objectAt(t), step{kind: stepBoth, n: n})
}

// holdsStep is the step of a class that needs the subject to hold p where the request's kind
// leaves it possible (possible false: the kind alone denies, an anonymous subject or a
// method the class does not map).
func holdsStep(possible bool, p perm) step {
	if !possible {
		return denyStep
	}
	return step{kind: stepHolds, perm: p}
}

// andStep is what is left of a & b, given what is left of each operand; open asks the
// composition itself when neither answer is known.
func andStep(a, b, open step) step {
	switch {
	case a.kind == stepDeny, b.kind == stepAllow:
		return a
	case a.kind == stepAllow:
		return b
	}
	return open
}

// orStep is andStep for |, which answers the first operand's decision unless it denies, and
// then the second's: an operand that always denies leaves the other's answer.
func orStep(a, b, open step) step {
	switch {
	case a.kind == stepAllow, b.kind == stepDeny:
		return a
	case a.kind == stepDeny:
		return b
	}
	return open
}

// notStep is andStep for ~.
func notStep(a, open step) step {
	if a.kind == stepAllow || a.kind == stepDeny {
		return answer(a.kind == stepDeny)
	}
	return open
}
