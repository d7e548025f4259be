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
// # Denials
//
// Deny turns a failed check into DRF's answer: 401 with the authenticator's challenge when the
// request carried no valid credentials, 403 with the failing class's message otherwise.
package authz
