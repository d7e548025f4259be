"""A user model with extra fields of six types, in djoser's user_create, user and current_user
serializers (a store generated from scratch: its migrations start with these columns)."""
from cases_lib import *  # noqa: F401,F403
from _common import users_app

REFERENCE_FILES, INSTALL_USERS = users_app('''from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    display_name = models.CharField(max_length=50, blank=True)
    birthday = models.DateField(null=True)
    newsletter = models.BooleanField(default=False)
    stars = models.IntegerField(default=0)
    rate = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    team = models.CharField(max_length=10, choices=[("red", "red"), ("blue", "blue")], default="red")

    REQUIRED_FIELDS = ["email"]

    class Meta:
        db_table = "auth_user"
''')
REFERENCE_FILES["store/extra_serializers.py"] = """from djoser import serializers as djoser_serializers


class ExtraUserCreateSerializer(djoser_serializers.UserCreateSerializer):
    class Meta(djoser_serializers.UserCreateSerializer.Meta):
        fields = djoser_serializers.UserCreateSerializer.Meta.fields + (
            "display_name", "first_name", "stars", "team")


class ExtraCurrentUserSerializer(djoser_serializers.UserSerializer):
    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = djoser_serializers.UserSerializer.Meta.fields + (
            "display_name", "birthday", "newsletter", "stars", "rate", "team")


class ExtraUserSerializer(djoser_serializers.UserSerializer):
    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = djoser_serializers.UserSerializer.Meta.fields + ("display_name",)
"""
REFERENCE_EDITS = [
    INSTALL_USERS,
    ("config/settings.py", '''    "SERIALIZERS": {
        "user_create": "store.serializers.UserCreateSerializer",
        "current_user": "store.serializers.UserSerializer",
    },''', '''    "SERIALIZERS": {
        "user_create": "store.extra_serializers.ExtraUserCreateSerializer",
        "current_user": "store.extra_serializers.ExtraCurrentUserSerializer",
        "user": "store.extra_serializers.ExtraUserSerializer",
    },'''),
]
MAKEMIGRATIONS = ["users"]
FRESH = True
SPEC_EDITS = [
    ("  login_field: username\n", """  login_field: username
  user:
    fields:
      display_name: {type: string, max_length: 50, blank: true}
      birthday: {type: date, null: true}
      newsletter: {type: bool, default: false}
      stars: {type: int, default: 0}
      rate: {type: decimal, max_digits: 5, decimal_places: 2, null: true}
      team: {type: string, max_length: 10, choices: [red, blue], default: red}
"""),
    ("""serializers:
  user_create: {extra_fields: [first_name, last_name]}
  current_user: {extra_fields: [first_name, last_name]}""", """serializers:
  user_create: {extra_fields: [display_name, first_name, stars, team]}
  current_user: {extra_fields: [display_name, birthday, newsletter, stars, rate, team]}
  user: {extra_fields: [display_name]}"""),
]


SCENARIOS = [
    scenario("g.extra_user_fields", "hidden", "accounts", [
        admin("root"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99",
                                   "display_name": "Z" * 51}, name="display_name too long"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99",
                                   "stars": "many", "team": "green"}, name="bad stars and team"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99",
                                   "stars": None, "team": None, "display_name": None}, name="nulls"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99",
                                   "birthday": "2000-01-01", "newsletter": True}, name="fields not in user_create are ignored"),
        user("alice", extra={"display_name": "Al", "first_name": "Alice", "stars": 3, "team": "blue"}),
        GET("/auth/users/me/", "alice", name="current_user shows extra fields"),
        GET("/auth/users/{alice.id}/", "alice", name="user serializer shows display_name"),
        PATCH("/auth/users/me/", "alice", {"birthday": "1999-02-30"}, name="bad date"),
        PATCH("/auth/users/me/", "alice", {"birthday": "1999-02-03", "newsletter": "yes", "rate": "12.345"}, name="bad decimal"),
        PATCH("/auth/users/me/", "alice", {"birthday": "1999-02-03", "newsletter": "yes", "rate": "12.34"}, name="good patch"),
        mail("alice", name="mail after patch", lenient="activation"),
        PATCH("/auth/users/me/", "alice", {"birthday": None, "rate": None, "newsletter": "off"}, name="nulls and false"),
        mail("alice", name="mail after patch 2", lenient="activation"),
        PATCH("/auth/users/me/", "alice", {"rate": 1000, "stars": 2147483648}, name="rate too large, stars beyond int32"),
        PUT("/auth/users/me/", "alice", {"email": "alice@example.com"}, name="put with only email"),
        mail("alice", name="mail after put", lenient="activation"),
        GET("/auth/users/me/", "alice", name="me after put"),
        PATCH("/auth/users/me/", "alice", {"team": "red", "display_name": ""}, name="blank display name"),
        mail("alice", name="mail after patch 3", lenient="activation"),
        GET("/auth/users/", "root", name="root lists users (user serializer)"),
        PATCH("/auth/users/{alice.id}/", "root", {"display_name": "Root set"}, name="root patches alice"),
        mail("alice", name="mail after root patch", lenient="activation"),
    ]),
]
