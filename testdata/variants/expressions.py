"""DRF's &, | and ~ in permission_classes, on list and detail routes (NOT and OR on objects
included)."""
from cases_lib import *  # noqa: F401,F403
from _common import HEAD, OPTIONS  # noqa: F401

REFERENCE_EDITS = [
    ("store/views.py", '''    serializer_class = CategorySerializer
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]''', '''    serializer_class = CategorySerializer
    permission_classes = [IsAuthenticated & ~IsAdminUser]'''),
    ("store/views.py", '''    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]''', '''    serializer_class = ReviewSerializer
    permission_classes = [IsAuthenticatedOrReadOnly & (IsOwnerOrReadOnly | IsAdminUser)]'''),
    ("store/views.py", '''    serializer_class = AnnouncementSerializer
    permission_classes = [IsAdminOrReadOnly]''', '''    serializer_class = AnnouncementSerializer
    permission_classes = [~IsAuthenticated | IsAdminUser]'''),
    ("store/views.py", '''    serializer_class = OrderSerializer
    permission_classes = [DjangoModelPermissions]''', '''    serializer_class = OrderSerializer
    permission_classes = [IsAuthenticated & (DjangoModelPermissions | ~IsOwnerOrReadOnly)]'''),
]
SPEC_EDITS = [
    ("""    model: Category
    permission: DjangoModelPermissionsOrAnonReadOnly""", """    model: Category
    permission: IsAuthenticated & ~IsAdminUser"""),
    ("    permission: IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly",
     "    permission: IsAuthenticatedOrReadOnly & (IsOwnerOrReadOnly | IsAdminUser)"),
    ("""    model: Announcement
    permission: IsAdminOrReadOnly""", """    model: Announcement
    permission: ~IsAuthenticated | IsAdminUser"""),
    ("""    model: Order
    permission: DjangoModelPermissions""", """    model: Order
    permission: IsAuthenticated & (DjangoModelPermissions | ~IsOwnerOrReadOnly)"""),
]

ORDER_PERMS = ["store.add_order", "store.change_order", "store.delete_order", "store.view_order"]


SCENARIOS = [
    scenario("p.expressions", "hidden", "permissions", [
        admin("root"),
        user("alice"), user("bob"), user("buyer"),
        group("Buyers", ORDER_PERMS), member("Buyers", "buyer"),
        product_setup("root"),
        # categories: IsAuthenticated & ~IsAdminUser
        GET("/store/categories/", name="anon categories"),
        GET("/store/categories/", "alice", name="alice categories"),
        GET("/store/categories/", "root", name="root categories"),
        POST("/store/categories/", "alice", {"name": "Tools"}, capture={"c1": "id"}, name="alice creates category"),
        GET("/store/categories/{c1}/", "alice", name="alice reads category (NOT on object)"),
        PATCH("/store/categories/{c1}/", "alice", {"name": "T"}, name="alice patches category"),
        GET("/store/categories/{c1}/", "root", name="root reads category"),
        OPTIONS("/store/categories/", "alice", name="alice options categories"),
        OPTIONS("/store/categories/{c1}/", "alice", name="alice options category"),
        # announcements: ~IsAuthenticated | IsAdminUser
        GET("/store/announcements/", name="anon announcements"),
        GET("/store/announcements/", "alice", name="alice announcements"),
        POST("/store/announcements/", body={"title": "t", "body": "b"}, capture={"a1": "id"}, name="anon posts announcement"),
        POST("/store/announcements/", "root", {"title": "t2", "body": "b"}, capture={"a2": "id"}, name="root posts announcement"),
        GET("/store/announcements/{a2}/", name="anon reads announcement"),
        GET("/store/announcements/{a2}/", "alice", name="alice reads announcement"),
        GET("/store/announcements/{a2}/", "root", name="root reads announcement"),
        DELETE("/store/announcements/{a2}/", name="anon deletes announcement"),
        OPTIONS("/store/announcements/", name="anon options announcements"),
        # reviews: IsAuthenticatedOrReadOnly & (IsOwnerOrReadOnly | IsAdminUser)
        POST("/store/reviews/", "alice", {"product": "{p1}", "rating": 5}, capture={"r1": "id"}, name="alice reviews"),
        PATCH("/store/reviews/{r1}/", "bob", {"rating": 1}, name="bob patches alice's review"),
        PATCH("/store/reviews/{r1}/", "root", {"rating": 2}, name="root patches alice's review"),
        PATCH("/store/reviews/{r1}/", "alice", {"rating": 3}, name="alice patches her review"),
        DELETE("/store/reviews/{r1}/", name="anon deletes review"),
        GET("/store/reviews/{r1}/", name="anon reads review"),
        OPTIONS("/store/reviews/{r1}/", "bob", name="bob options review"),
        OPTIONS("/store/reviews/{r1}/", "root", name="root options review"),
        # orders: IsAuthenticated & (DjangoModelPermissions | ~IsOwnerOrReadOnly)
        POST("/store/orders/", "alice", {"product": "{p1}", "quantity": 1}, name="alice creates order"),
        POST("/store/orders/", "buyer", {"product": "{p1}", "quantity": 1}, capture={"o1": "id"}, name="buyer creates order"),
        GET("/store/orders/", "alice", name="alice lists orders"),
        GET("/store/orders/{o1}/", "alice", name="alice reads buyer's order"),
        GET("/store/orders/{o1}/", "buyer", name="buyer reads own order"),
        PATCH("/store/orders/{o1}/", "buyer", {"quantity": 2}, name="buyer patches own order"),
        PATCH("/store/orders/{o1}/", "alice", {"quantity": 2}, name="alice patches buyer's order"),
        DELETE("/store/orders/{o1}/", "alice", name="alice deletes buyer's order"),
        OPTIONS("/store/orders/{o1}/", "buyer", name="buyer options order"),
        OPTIONS("/store/orders/{o1}/", "alice", name="alice options order"),
        DELETE("/store/orders/{o1}/", "buyer", name="buyer deletes own order"),
    ]),
]
