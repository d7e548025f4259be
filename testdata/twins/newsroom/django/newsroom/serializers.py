from djoser.serializers import UserCreateSerializer, UserSerializer
from rest_framework import serializers

from .models import Article, Comment, Section, Tip


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "name", "description"]


class ArticleSerializer(serializers.ModelSerializer):
    author = serializers.ReadOnlyField(source="author.username")

    class Meta:
        model = Article
        fields = [
            "id", "title", "body", "section", "author", "status", "created", "published_at",
            "embargo_until",
        ]
        read_only_fields = ["status"]


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.ReadOnlyField(source="author.username")

    class Meta:
        model = Comment
        fields = ["id", "article", "author", "body", "created"]


class TipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tip
        fields = ["id", "summary", "contact", "urgency", "received"]


class NewsroomUserCreateSerializer(UserCreateSerializer):
    """Registration takes the reader's name too."""

    class Meta(UserCreateSerializer.Meta):
        fields = tuple(UserCreateSerializer.Meta.fields) + ("first_name", "last_name")


class NewsroomUserSerializer(UserSerializer):
    class Meta(UserSerializer.Meta):
        fields = tuple(UserSerializer.Meta.fields) + ("first_name", "last_name")
