// Package authz is the permission model of generated apps: Django REST framework's, kept tiny.
//
// # Two questions
//
// A Checker answers DRF's two questions about a request: may this Subject use the view at all
// (HasPermission, asked before anything is loaded), and may it act on this object
// (HasObjectPermission, asked after the object is loaded, never on lists). Checkers compose
// with And, Or and Not exactly as DRF's &, | and ~ do. We keep DRF's model rather than an
// ordered allow/deny policy because the people who write the specs already think in it, and
// because its surprises (object checks skipped on lists, DjangoModelPermissions not guarding
// GET) must be reproduced, not corrected, for an API moved off Django to behave the same.
//
// # Subjects
//
// A Subject is who asks: anonymous, or an authenticated user with flags. Its permission set
// ("app_label.codename" strings, own and through groups) is loaded on first use and at most
// once per request; a superuser has every permission and an inactive user none, without a
// query.
//
// # Decisions
//
// Every answer is a Decision, a value: Allowed, Denied, Hidden (DRF's Http404 raised by a
// permission, DjangoObjectPermissions on an object the caller may not read) or Failed with
// the error that stopped the check (a permission load that failed). And, Or and Not hand
// them on as DRF's &, | and ~ evaluate, with the same short-circuits; a 404 or a failure ends
// the evaluation, as DRF's exception would. Check and CheckObject (and a List's methods of
// those names) return the Outcome of a permission_classes list: the decision of its first entry that did not allow, and that
// entry, so a denial names the class that denied and answers with its message. No check
// leaves its answer on the side for someone to find later (the subject remembers a failed
// load only to answer every later question with it).
//
// # Built-in classes
//
// AllowAny, IsAuthenticated, IsAdminUser, IsAuthenticatedOrReadOnly and ReadOnly are DRF's,
// as types (authz.IsAuthenticated{}), so no one can reassign them. DjangoModelPermissions,
// DjangoModelPermissionsOrAnonReadOnly and DjangoObjectPermissions (over per-object grants)
// are DRF's for one model. Requires, MethodPerms and Owner are the spec's custom classes;
// Class gives any checker the spec's name, message and code.
//
// # Answers
//
// Respond writes DRF's answer to an Outcome that did not allow: 500 for a failure, logged
// as an error with its cause; 404 for a hidden object; 401 with the authenticator's
// challenge when the request carried no valid credentials; 403 with the class's message
// otherwise. Denials are logged at debug level, naming the class.
//
// # Cost
//
// A check asks no database query of its own: the subject's permission set is one query,
// made on first need and kept for the request; superusers and inactive users need none.
// Permissions a checker asks for are numbered when it is built, and the loaded set keeps
// them as bits. A List is a permission_classes list compiled once where generated code
// declares it: for each of the 32 kinds of request (method, authenticated, staff) it knows
// what is left to ask of each question, most often nothing or one permission or one owner,
// so a decision on loaded permissions is a bit test or a comparison and allocates nothing
// (BenchmarkComposedCheck/authz/decision). Per-object grants are one query per
// (permission, object) asked.
package authz
