"""manage.py groups list | create NAME [--perm app.codename]... | add-user NAME USER |
remove-user NAME USER"""
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from ._operator import get_permission, get_user


class Command(BaseCommand):
    help = "List and create groups, and manage their members."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("list")
        create = sub.add_parser("create")
        create.add_argument("name")
        create.add_argument("--perm", action="append", default=[])
        for name in ("add-user", "remove-user"):
            members = sub.add_parser(name)
            members.add_argument("name")
            members.add_argument("user")

    def handle(self, *args, **opts):
        if opts["sub"] == "list":
            for group in Group.objects.order_by("name"):
                self.stdout.write(group.name)
            return
        if opts["sub"] == "create":
            group, _ = Group.objects.get_or_create(name=opts["name"])
            group.permissions.add(*[get_permission(p) for p in opts["perm"]])
            self.stdout.write(f"group {group.name}: {len(opts['perm'])} permission(s)")
            return
        try:
            group = Group.objects.get(name=opts["name"])
        except Group.DoesNotExist:
            raise CommandError(f"unknown group: {opts['name']}")
        user = get_user(opts["user"])
        if opts["sub"] == "add-user":
            user.groups.add(group)
        else:
            user.groups.remove(group)
        self.stdout.write(f"{opts['sub']}: {user} {group.name}")
