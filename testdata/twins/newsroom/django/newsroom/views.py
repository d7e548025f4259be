from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import (
    AllowAny,
    DjangoModelPermissions,
    DjangoModelPermissionsOrAnonReadOnly,
    IsAdminUser,
    IsAuthenticatedOrReadOnly,
)
from rest_framework.response import Response

from .models import Article, Comment, Section, Tip
from .permissions import CanPublishArticle, IsAuthorOrReadOnly, TipPermission
from .serializers import ArticleSerializer, CommentSerializer, SectionSerializer, TipSerializer


class SectionViewSet(viewsets.ModelViewSet):
    """The paper's sections: anyone reads them, editors manage them, admins delete them."""

    queryset = Section.objects.order_by("id")
    serializer_class = SectionSerializer

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        if self.action == "destroy":
            return [IsAdminUser()]
        return [DjangoModelPermissions()]


class ArticleViewSet(viewsets.ModelViewSet):
    """Articles: anyone reads them; ?status= and ?search= narrow the list."""

    serializer_class = ArticleSerializer
    permission_classes = [DjangoModelPermissionsOrAnonReadOnly]

    def get_queryset(self):
        articles = Article.objects.select_related("author").order_by("id")
        status = self.request.query_params.get("status")
        if status:
            articles = articles.filter(status=status)
        search = self.request.query_params.get("search")
        if search:
            articles = articles.filter(title__icontains=search)
        return articles

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)

    @action(detail=True, methods=["post"], permission_classes=[CanPublishArticle])
    def publish(self, request, pk=None):
        """Publish the article."""
        article = self.get_object()
        article.status = "published"
        article.save()
        return Response(self.get_serializer(article).data)


class CommentViewSet(viewsets.ModelViewSet):
    queryset = Comment.objects.select_related("author").order_by("id")
    serializer_class = CommentSerializer
    permission_classes = [IsAuthenticatedOrReadOnly & IsAuthorOrReadOnly]

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)


class TipViewSet(viewsets.ModelViewSet):
    queryset = Tip.objects.order_by("id")
    serializer_class = TipSerializer
    permission_classes = [TipPermission]
    http_method_names = ["get", "post", "delete", "head", "options"]
