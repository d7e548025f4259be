from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """Three per page; clients may ask for up to ten with ?page_size=."""

    page_size = 3
    page_size_query_param = "page_size"
    max_page_size = 10
