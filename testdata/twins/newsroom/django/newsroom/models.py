from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Section(models.Model):
    name = models.CharField(max_length=50, unique=True)
    description = models.TextField(blank=True)

    def __str__(self):
        return self.name


class Article(models.Model):
    STATUS_CHOICES = [("draft", "Draft"), ("published", "Published")]

    title = models.CharField(max_length=120)
    body = models.TextField()
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="draft")
    created = models.DateField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    embargo_until = models.DateField(null=True, blank=True)

    class Meta:
        permissions = [("can_publish_article", "Can publish article")]

    def __str__(self):
        return self.title


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    body = models.CharField(max_length=500)
    created = models.DateTimeField(auto_now_add=True)


class Tip(models.Model):
    summary = models.CharField(max_length=200)
    contact = models.EmailField(blank=True)
    urgency = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    received = models.DateTimeField(auto_now_add=True)
