"""DjangoObjectPermissions on products, whose publish action has a permission of its own:
guardian's filter still decides which products the action can find."""
from cases_lib import *  # noqa: F401,F403
from object_permissions import REFERENCE_EDITS as GUARDIAN_EDITS

REFERENCE_EDITS = GUARDIAN_EDITS + [
    ("store/views.py", '''class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    permission_classes = [ViewProductPermission]''', '''class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    permission_classes = [DjangoObjectPermissions]
    filter_backends = [ObjectPermissionsFilter]'''),
]
SPEC_EDITS = [
    ("    permission: ViewProductPermission\n", "    permission: DjangoObjectPermissions\n"),
    ("""  orders:
    model: Order
    permission: DjangoModelPermissions""", """  orders:
    model: Order
    permission: DjangoObjectPermissions"""),
]


def pgrant(user, perm, id_key):
    return {"setup": "grant_object_perm",
            "args": {"username": user, "perm": perm, "model": "Product", "id": "{%s}" % id_key}}


SCENARIOS = [
    scenario("objperms.products_publish", "hidden", "products", [
        admin("root"),
        user("pm"), user("publisher"),
        group("PM", PRODUCT_PERMS), member("PM", "pm"),
        grant("publisher", "store.can_publish_product"),
        product_setup("pm", key="p1"),
        product_setup("pm", key="p2", name="Other"),
        GET("/store/products/", "pm", name="pm lists without object grants"),
        POST("/store/products/{p1}/publish/", "publisher", name="publisher publishes a product he cannot see"),
        pgrant("publisher", "store.view_product", "p1"),
        POST("/store/products/{p1}/publish/", "publisher", name="publisher publishes a product he sees"),
        GET("/store/products/", "publisher", name="publisher lists"),
        GET("/store/products/{p1}/", "publisher", name="publisher reads p1"),
        POST("/store/products/{p2}/publish/", "root", name="root publishes p2"),
        pgrant("pm", "store.change_product", "p2"),
        PATCH("/store/products/{p2}/", "pm", {"price": "1.00"}, name="pm patches p2 without view grant"),
        pgrant("pm", "store.view_product", "p2"),
        PATCH("/store/products/{p2}/", "pm", {"price": "1.00"}, name="pm patches p2"),
        POST("/store/products/{p2}/publish/", "pm", name="pm publishes p2 without the permission"),
    ]),
]
