"""Pagination per endpoint: products by page numbers with a page_size a client may raise to a
cap (page_size_query_param, max_page_size), orders by limit and offset with a capped limit."""
from cases_lib import *  # noqa: F401,F403

REFERENCE_EDITS = [
    ("store/views.py", '''class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.all()''', '''from rest_framework.pagination import LimitOffsetPagination, PageNumberPagination  # noqa: E402


class SmallPages(PageNumberPagination):
    page_size = 2
    page_size_query_param = "page_size"
    max_page_size = 3


class CappedLimits(LimitOffsetPagination):
    default_limit = 1
    max_limit = 2


class ProductViewSet(viewsets.ModelViewSet):
    pagination_class = SmallPages
    queryset = Product.objects.all()'''),
    ("store/views.py", '''class OrderViewSet(viewsets.ModelViewSet):
    queryset = Order.objects.all()''', '''class OrderViewSet(viewsets.ModelViewSet):
    pagination_class = CappedLimits
    queryset = Order.objects.all()'''),
]
SPEC_EDITS = [
    ("    permission: ViewProductPermission\n",
     "    permission: ViewProductPermission\n    pagination: {style: page_number, page_size: 2, max_page_size: 3}\n"),
    ("""    model: Order
    permission: DjangoModelPermissions""", """    model: Order
    permission: DjangoModelPermissions
    pagination: {style: limit_offset, page_size: 1, max_page_size: 2}"""),
]

SCENARIOS = [
    scenario("page_sizes.lists", "hidden", "products", [
        admin("root"),
        product_setup("root", key="p1", name="A"),
        product_setup("root", key="p2", name="B"),
        product_setup("root", key="p3", name="C"),
        product_setup("root", key="p4", name="D"),
        GET("/store/products/", "root", name="default size"),
        GET("/store/products/?page_size=3", "root", name="size 3"),
        GET("/store/products/?page_size=10", "root", name="size capped at 3"),
        GET("/store/products/?page_size=3&page=2", "root", name="size 3 page 2"),
        GET("/store/products/?page_size=0", "root", name="size 0"),
        GET("/store/products/?page_size=x", "root", name="size x"),
        GET("/store/products/?page=2&page_size=2", "root", name="page 2 size 2"),
        POST("/store/orders/", "root", {"product": "{p1}", "quantity": 1}),
        POST("/store/orders/", "root", {"product": "{p2}", "quantity": 1}),
        POST("/store/orders/", "root", {"product": "{p3}", "quantity": 1}),
        GET("/store/orders/", "root", name="default limit 1"),
        GET("/store/orders/?limit=5", "root", name="limit capped at 2"),
        GET("/store/orders/?limit=2&offset=2", "root", name="last window"),
        GET("/store/orders/?offset=1", "root", name="offset only"),
        GET("/store/categories/", name="categories not paginated"),
    ]),
]
