"""Orders guarded by DjangoObjectPermissions, over django-guardian's per-object grants and its
ObjectPermissionsFilter (djangorestframework-guardian's, written out: Debian has no package)."""
from cases_lib import *  # noqa: F401,F403
from _common import HEAD, OPTIONS  # noqa: F401

REFERENCE_EDITS = [
    ("config/settings.py", '''    "djoser",
    "store",
]''', '''    "djoser",
    "guardian",
    "store",
]
AUTHENTICATION_BACKENDS = (
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
)
ANONYMOUS_USER_NAME = None'''),
    ("store/views.py", "from rest_framework import viewsets\n", '''from rest_framework import filters, viewsets
from rest_framework.permissions import DjangoObjectPermissions


class ObjectPermissionsFilter(filters.BaseFilterBackend):
    perm_format = "%(app_label)s.view_%(model_name)s"

    def filter_queryset(self, request, queryset, view):
        from guardian.shortcuts import get_objects_for_user
        permission = self.perm_format % {
            "app_label": queryset.model._meta.app_label,
            "model_name": queryset.model._meta.model_name,
        }
        return get_objects_for_user(request.user, permission, queryset, accept_global_perms=False)
'''),
    ("store/views.py", '''class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer
    permission_classes = [DjangoModelPermissions]''', '''class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()
    serializer_class = OrderSerializer
    permission_classes = [DjangoObjectPermissions]
    filter_backends = [ObjectPermissionsFilter]'''),
    ("store/management/commands/perms.py", '''        grant.add_argument("perm", nargs="+")
''', '''        grant.add_argument("perm", nargs="+")
        obj = sub.add_parser("grant-object")
        obj.add_argument("username")
        obj.add_argument("perm")
        obj.add_argument("model")
        obj.add_argument("id")
'''),
    ("store/management/commands/perms.py", '''        for dotted in opts["perm"]:''', '''        if opts["sub"] == "grant-object":
            from django.apps import apps
            from guardian.shortcuts import assign_perm
            app_label, codename = opts["perm"].split(".")
            obj = apps.get_model(app_label, opts["model"]).objects.get(pk=opts["id"])
            assign_perm(codename, user, obj)
            return
        for dotted in opts["perm"]:'''),
]
SPEC_EDITS = [("""  orders:
    model: Order
    permission: DjangoModelPermissions""", """  orders:
    model: Order
    permission: DjangoObjectPermissions""")]


def ogrant(user, perm, id_key):
    """A per-object grant of perm on the order whose id is in the context under id_key."""
    return {"setup": "grant_object_perm",
            "args": {"username": user, "perm": perm, "model": "Order", "id": "{%s}" % id_key}}


ORDER_PERMS = ["store.add_order", "store.change_order", "store.delete_order", "store.view_order"]

SCENARIOS = [
    scenario("objperms.orders", "hidden", "orders", [
        admin("root"),
        user("buyer"), user("alice"), user("carol"),
        group("Buyers", ORDER_PERMS), member("Buyers", "buyer"),
        product_setup("root"),
        POST("/store/orders/", "alice", {"product": "{p1}", "quantity": 1}, name="alice creates without add perm"),
        POST("/store/orders/", "buyer", {"product": "{p1}", "quantity": 1}, capture={"o1": "id"}, name="buyer creates o1"),
        POST("/store/orders/", "buyer", {"product": "{p1}", "quantity": 2}, capture={"o2": "id"}, name="buyer creates o2"),
        GET("/store/orders/", name="anon list"),
        GET("/store/orders/", "buyer", name="buyer list without object grants"),
        GET("/store/orders/{o1}/", "buyer", name="buyer reads own order without grant"),
        PATCH("/store/orders/{o1}/", "buyer", {"quantity": 5}, name="buyer patches without object grant"),
        DELETE("/store/orders/{o1}/", "buyer", name="buyer deletes without object grant"),
        ogrant("buyer", "store.view_order", "o1"),
        GET("/store/orders/", "buyer", name="buyer list with view on o1"),
        GET("/store/orders/{o1}/", "buyer", name="buyer reads o1"),
        PATCH("/store/orders/{o1}/", "buyer", {"quantity": 5}, name="buyer patches o1 with view only"),
        OPTIONS("/store/orders/{o1}/", "buyer", name="buyer options o1 (view only)"),
        ogrant("buyer", "store.change_order", "o1"),
        PATCH("/store/orders/{o1}/", "buyer", {"quantity": 5}, name="buyer patches o1 with change grant"),
        OPTIONS("/store/orders/{o1}/", "buyer", name="buyer options o1 (change)"),
        PUT("/store/orders/{o1}/", "buyer", {"product": "{p1}", "quantity": 6}, name="buyer puts o1"),
        DELETE("/store/orders/{o1}/", "buyer", name="buyer deletes o1 without delete grant"),
        ogrant("carol", "store.view_order", "o2"),
        GET("/store/orders/", "carol", name="carol lists (view grant on o2)"),
        GET("/store/orders/{o2}/", "carol", name="carol reads o2"),
        PATCH("/store/orders/{o2}/", "carol", {"quantity": 9}, name="carol patches o2 without global change"),
        GET("/store/orders/{o1}/", "carol", name="carol reads o1 (no grant)"),
        DELETE("/store/orders/{o1}/", "alice", name="alice deletes o1 (no global perm)"),
        PATCH("/store/orders/{o1}/", "alice", {"quantity": 1}, name="alice patches o1 (no global perm)"),
        GET("/store/orders/", "alice", name="alice lists"),
        GET("/store/orders/", "root", name="root lists all"),
        GET("/store/orders/{o2}/", "root", name="root reads o2"),
        OPTIONS("/store/orders/", "carol", name="carol options list"),
        OPTIONS("/store/orders/", "buyer", name="buyer options list"),
        ogrant("buyer", "store.delete_order", "o1"),
        DELETE("/store/orders/{o1}/", "buyer", name="buyer deletes o1 with grant"),
        GET("/store/orders/", "buyer", name="buyer list after delete"),
        DELETE("/store/orders/{o2}/", "root", name="root deletes o2"),
    ]),
]
