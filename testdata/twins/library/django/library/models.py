from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models


class User(AbstractUser):
    """Members log in with their e-mail address."""

    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)
    isbn = models.CharField(max_length=17, unique=True)
    copies = models.IntegerField(default=1, validators=[MinValueValidator(0)])
    reference = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        permissions = [("manage_library", "Can manage the library")]

    def __str__(self):
        return self.title


class Loan(models.Model):
    book = models.ForeignKey(Book, on_delete=models.PROTECT)
    borrower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    due = models.DateField()
    returned = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class Shelf(models.Model):
    """A reading list, shared with per-object grants."""

    name = models.CharField(max_length=100)
    books = models.ManyToManyField(Book, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name
