from rest_framework.permissions import BasePermission


class CanPublishArticle(BasePermission):
    message = "You may not publish articles."

    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("newsroom.can_publish_article"))


class IsAuthorOrReadOnly(BasePermission):
    def has_object_permission(self, request, view, obj):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return obj.author == request.user


class TipPermission(BasePermission):
    """The tips inbox: each method needs its own permission; visitors get nothing."""

    perms = {
        "GET": "newsroom.view_tip",
        "HEAD": "newsroom.view_tip",
        "OPTIONS": "newsroom.view_tip",
        "POST": "newsroom.add_tip",
        "DELETE": "newsroom.delete_tip",
    }

    def has_permission(self, request, view):
        perm = self.perms.get(request.method)
        return bool(
            perm and request.user and request.user.is_authenticated and request.user.has_perm(perm)
        )
