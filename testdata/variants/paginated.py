"""DRF's DEFAULT_PAGINATION_CLASS (PageNumberPagination, PAGE_SIZE 2) as defaults.pagination:
the store's lists and djoser's user list."""
from cases_lib import *  # noqa: F401,F403

REFERENCE_EDITS = [("config/settings.py", '''        "rest_framework.renderers.JSONRenderer",
    ],
}''', '''        "rest_framework.renderers.JSONRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 2,
}''')]
SPEC_EDITS = [("""defaults:
  permission: IsAuthenticated
""", """defaults:
  permission: IsAuthenticated
  pagination: {style: page_number, page_size: 2}
""")]

SCENARIOS = [
    scenario("paginated.users", "hidden", "users", [
        admin("root"),
        user("alice"), user("bob"), user("carol"),
        GET("/auth/users/", "root", name="page 1"),
        GET("/auth/users/?page=2", "root", name="page 2"),
        GET("/auth/users/?page=3", "root", name="page 3 (out of range)"),
        GET("/auth/users/?page=last", "root", name="last page"),
        GET("/auth/users/?page=abc", "root", name="bad page"),
        GET("/auth/users/?page=0", "root", name="page 0"),
        GET("/auth/users/?page_size=10", "root", name="page_size ignored"),
        GET("/auth/users/", "alice", name="hidden users list"),
        GET("/auth/users/?page=2", "alice", name="hidden users page 2"),
        GET("/auth/users/?page=1&x=y", "root", name="extra query kept"),
    ]),
    scenario("paginated.store", "hidden", "products", [
        admin("root"),
        user("alice"),
        product_setup("root", key="p1", name="A"),
        product_setup("root", key="p2", name="B"),
        product_setup("root", key="p3", name="C"),
        GET("/store/products/", "root", name="products page 1"),
        GET("/store/products/?page=2", "root", name="products page 2"),
        GET("/store/products/?page=9", "root", name="products page 9"),
        GET("/store/categories/", name="empty categories page"),
        GET("/store/categories/?page=2", name="empty categories page 2"),
        GET("/store/profiles/", "alice", name="profiles page"),
        GET("/store/reviews/", name="reviews page"),
        GET("/store/", name="root not paginated"),
    ]),
]
