"""djoser's user serializers with Django's status fields, as apps write them: users/me/ shows
is_staff, is_superuser, date_joined and last_login read-only (read_only_fields), users/{id}/
shows is_active writable and is_staff read-only, registration shows is_staff read-only."""
from cases_lib import *  # noqa: F401,F403
from _common import OPTIONS

REFERENCE_FILES = {"store/status_serializers.py": """from djoser import serializers as djoser_serializers


class StatusUserCreateSerializer(djoser_serializers.UserCreateSerializer):
    class Meta(djoser_serializers.UserCreateSerializer.Meta):
        fields = djoser_serializers.UserCreateSerializer.Meta.fields + ("first_name", "last_name", "is_staff")
        read_only_fields = ("is_staff",)


class StatusCurrentUserSerializer(djoser_serializers.UserSerializer):
    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = djoser_serializers.UserSerializer.Meta.fields + (
            "first_name", "is_staff", "is_superuser", "date_joined", "last_login")
        read_only_fields = djoser_serializers.UserSerializer.Meta.read_only_fields + (
            "is_staff", "is_superuser", "date_joined", "last_login")


class StatusUserSerializer(djoser_serializers.UserSerializer):
    class Meta(djoser_serializers.UserSerializer.Meta):
        fields = djoser_serializers.UserSerializer.Meta.fields + ("is_active", "is_staff")
        read_only_fields = djoser_serializers.UserSerializer.Meta.read_only_fields + ("is_staff",)
"""}
REFERENCE_EDITS = [
    ("config/settings.py", '''    "SERIALIZERS": {
        "user_create": "store.serializers.UserCreateSerializer",
        "current_user": "store.serializers.UserSerializer",
    },''', '''    "SERIALIZERS": {
        "user_create": "store.status_serializers.StatusUserCreateSerializer",
        "current_user": "store.status_serializers.StatusCurrentUserSerializer",
        "user": "store.status_serializers.StatusUserSerializer",
    },'''),
]
SPEC_EDITS = [
    ("""serializers:
  user_create: {extra_fields: [first_name, last_name]}
  current_user: {extra_fields: [first_name, last_name]}""", """serializers:
  user_create: {extra_fields: [first_name, last_name, is_staff]}
  current_user: {extra_fields: [first_name, is_staff, is_superuser, date_joined, last_login]}
  user: {extra_fields: [is_active, is_staff], writable_status_fields: [is_active]}"""),
]

SCENARIOS = [
    scenario("s.status_fields", "hidden", "me", [
        admin("root"),
        creds("mallory"),
        POST("/auth/users/", body={"username": "mallory", "email": "mallory@example.com", "password": "Quite-Good-99",
                                   "is_staff": True}, name="register as staff (read-only)"),
        mail("mallory", link="activation", capture={"mallory.uid": "uid", "mallory.tok": "token"}),
        POST("/auth/users/activation/", body={"uid": "{mallory.uid}", "token": "{mallory.tok}"}, name="activate mallory"),
        mail("mallory", name="confirmation to mallory"),
        user("alice"),
        GET("/auth/users/me/", "alice", name="me shows the status fields"),
        PATCH("/auth/users/me/", "alice", {"is_staff": True, "is_superuser": True, "first_name": "Al"}, name="make oneself staff"),
        PUT("/auth/users/me/", "alice", {"email": "alice@example.com", "is_staff": True, "date_joined": "2001-01-01T00:00:00Z"},
            name="put status fields"),
        POST("/store/announcements/", "alice", {"title": "t", "body": "b"}, name="still not staff"),
        OPTIONS("/auth/users/me/", "alice", name="options me"),
        GET("/auth/users/{alice.id}/", "root", name="root reads alice"),
        PATCH("/auth/users/{alice.id}/", "root", {"is_active": "maybe"}, name="is_active not a boolean"),
        PATCH("/auth/users/{alice.id}/", "root", {"is_staff": True}, name="is_staff read-only in user"),
        PATCH("/auth/users/{alice.id}/", "root", {"is_active": False}, name="root deactivates alice"),
        GET("/auth/users/me/", "alice", name="alice inactive"),
        OPTIONS("/auth/users/{alice.id}/", "root", name="options user"),
    ]),
]

