from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Ten per page; clients may ask for up to fifty with ?page_size=."""

    page_size = 10
    page_size_query_param = "page_size"
    max_page_size = 50


class ShelfPagination(pagination.LimitOffsetPagination):
    default_limit = 5
