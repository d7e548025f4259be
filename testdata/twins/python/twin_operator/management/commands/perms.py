"""manage.py perms grant USER PERM... | revoke USER PERM... | list [USER] |
grant-object USER PERM CONTENT_TYPE ID | revoke-object USER PERM CONTENT_TYPE ID

Object permissions are django-guardian's, imported only where a command needs them (an app
without guardian has no object permissions)."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ._operator import get_object, get_permission, get_user


class Command(BaseCommand):
    help = "Grant, revoke and list permissions, model-wide or on one object."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        for name in ("grant", "revoke"):
            p = sub.add_parser(name)
            p.add_argument("user")
            p.add_argument("perm", nargs="+")
        listing = sub.add_parser("list")
        listing.add_argument("user", nargs="?")
        for name in ("grant-object", "revoke-object"):
            p = sub.add_parser(name)
            p.add_argument("user")
            p.add_argument("perm")
            p.add_argument("content_type")
            p.add_argument("id")

    def handle(self, *args, **opts):
        sub = opts["sub"]
        if sub == "list":
            users = [get_user(opts["user"])] if opts["user"] else get_user_model().objects.all()
            for user in users:
                for perm in sorted(user.get_all_permissions()):
                    self.stdout.write(f"{user} {perm}")
            return
        user = get_user(opts["user"])
        if sub in ("grant", "revoke"):
            perms = [get_permission(p) for p in opts["perm"]]
            if sub == "grant":
                user.user_permissions.add(*perms)
            else:
                user.user_permissions.remove(*perms)
            self.stdout.write(f"{sub}: {user} {' '.join(opts['perm'])}")
            return
        from guardian.shortcuts import assign_perm, remove_perm

        get_permission(opts["perm"])
        obj = get_object(opts["content_type"], opts["id"])
        if sub == "grant-object":
            assign_perm(opts["perm"], user, obj)
        else:
            remove_perm(opts["perm"], user, obj)
        self.stdout.write(f"{sub}: {user} {opts['perm']} {opts['content_type']} {opts['id']}")
