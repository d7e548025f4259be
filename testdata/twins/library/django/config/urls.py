from django.urls import include, path
from rest_framework.routers import DefaultRouter

from library import views

router = DefaultRouter()
router.register("books", views.BookViewSet)
router.register("loans", views.LoanViewSet, basename="loan")
router.register("shelves", views.ShelfViewSet)

urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.jwt")),
    path("library/", include(router.urls)),
]
