from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework_simplejwt.views import TokenBlacklistView

from newsroom import views

router = DefaultRouter()
router.register("sections", views.SectionViewSet)
router.register("articles", views.ArticleViewSet, basename="article")
router.register("comments", views.CommentViewSet)
router.register("tips", views.TipViewSet)

urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/jwt/blacklist/", TokenBlacklistView.as_view(), name="jwt-blacklist"),
    path("api/", include(router.urls)),
]
