"""Permissions by method (a get_permissions that switches on request.method, the spec's
method_permissions) and endpoints that serve fewer methods than a ModelViewSet."""
from cases_lib import *  # noqa: F401,F403
from _common import HEAD, OPTIONS  # noqa: F401

REFERENCE_EDITS = [
    ("store/views.py", '''class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    permission_classes = [ViewProductPermission]
''', '''class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    permission_classes = [ViewProductPermission]

    def get_permissions(self):
        from rest_framework.permissions import AllowAny
        if self.request.method in ("GET", "HEAD"):
            return [AllowAny()]
        if self.request.method == "DELETE":
            return [IsAdminUser()]
        return super().get_permissions()
'''),
    ("store/views.py", "class CategoryViewSet(viewsets.ModelViewSet):", "class CategoryViewSet(viewsets.ReadOnlyModelViewSet):"),
    ("store/views.py", "class AnnouncementViewSet(viewsets.ModelViewSet):",
     "class AnnouncementViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,\n"
     "                          viewsets.GenericViewSet):"),
    ("store/views.py", "class ReviewViewSet(viewsets.ModelViewSet):",
     "class ReviewViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,\n"
     "                    mixins.DestroyModelMixin, viewsets.GenericViewSet):"),
    ("store/views.py", "from rest_framework import viewsets", "from rest_framework import mixins, viewsets"),
]
SPEC_EDITS = [
    ("    permission: ViewProductPermission\n",
     "    permission: ViewProductPermission\n    method_permissions: {GET: AllowAny, DELETE: IsAdminUser}\n"),
    ("""    model: Category
    permission: DjangoModelPermissionsOrAnonReadOnly""", """    model: Category
    permission: DjangoModelPermissionsOrAnonReadOnly
    methods: [GET]"""),
    ("""    model: Announcement
    permission: IsAdminOrReadOnly""", """    model: Announcement
    permission: IsAdminOrReadOnly
    methods: [GET, POST]"""),
    ("    permission: IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly",
     "    permission: IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly\n    methods: [GET, POST, DELETE]"),
]

PM = "ProductManagers"


SCENARIOS = [
    scenario("m.method_permissions", "hidden", "products", [
        admin("root"),
        user("pm"), user("alice"), user("publisher"),
        group(PM, PRODUCT_PERMS), member(PM, "pm"),
        grant("publisher", "store.can_publish_product"),
        POST("/store/products/", "pm", product_body(), capture={"p1": "id"}, name="manager creates"),
        POST("/store/products/", "alice", product_body(), name="alice creates"),
        GET("/store/products/", name="anon lists (GET: AllowAny)"),
        HEAD("/store/products/", name="anon heads"),
        GET("/store/products/{p1}/", name="anon reads"),
        OPTIONS("/store/products/", name="anon options (keeps the class)"),
        OPTIONS("/store/products/", "alice", name="alice options"),
        OPTIONS("/store/products/", "pm", name="pm options"),
        OPTIONS("/store/products/{p1}/", "pm", name="pm options detail"),
        OPTIONS("/store/products/{p1}/", "root", name="root options detail"),
        PATCH("/store/products/{p1}/", "pm", {"price": "2.00"}, name="pm patches"),
        DELETE("/store/products/{p1}/", "pm", name="pm deletes (DELETE: IsAdminUser)"),
        POST("/store/products/{p1}/publish/", "publisher", name="publisher publishes"),
        POST("/store/products/{p1}/publish/", "pm", name="pm publishes"),
        DELETE("/store/products/{p1}/", "root", name="root deletes"),
    ]),
    scenario("m.fewer_methods", "hidden", "protocol", [
        admin("root"),
        user("alice"), user("catman"),
        group("CategoryManagers", ["store.add_category", "store.change_category", "store.delete_category"]),
        member("CategoryManagers", "catman"),
        POST("/store/categories/", "catman", {"name": "Tools"}, name="POST on read-only categories"),
        GET("/store/categories/", name="anon lists categories"),
        OPTIONS("/store/categories/", "catman", name="catman options categories"),
        POST("/store/announcements/", "root", {"title": "t", "body": "b"}, capture={"a1": "id"}, name="root posts"),
        PATCH("/store/announcements/{a1}/", "root", {"title": "x"}, name="PATCH announcement (not served)"),
        DELETE("/store/announcements/{a1}/", "root", name="DELETE announcement (not served)"),
        OPTIONS("/store/announcements/{a1}/", "root", name="root options announcement"),
        OPTIONS("/store/announcements/", "root", name="root options announcements"),
        PUT("/store/announcements/{a1}/", "alice", {"title": "x", "body": "y"}, name="alice PUT announcement"),
        POST("/store/reviews/", "alice", {"product": 1, "rating": 2}, name="review unknown product"),
        GET("/store/", name="API root"),
    ]),
]
