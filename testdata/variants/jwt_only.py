"""JWT with the "JWT" header type only and no token auth, no activation mail, fewer mails,
AllowAny by default, the user list open to anyone and users readable by anyone, and no
TokenBlacklistView in urls.py (no mount.jwt_blacklist)."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password

REFERENCE_EDITS = [
    ("config/settings.py", '''        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ),''', '''        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ),'''),
    ("config/settings.py", '''        "rest_framework.permissions.IsAuthenticated",
    ],''', '''        "rest_framework.permissions.AllowAny",
    ],'''),
    ("config/settings.py", '''    "AUTH_HEADER_TYPES": ("Bearer", "JWT"),''', '''    "AUTH_HEADER_TYPES": ("JWT",),'''),
    ("config/settings.py", '''    "SEND_ACTIVATION_EMAIL": True,''', '''    "SEND_ACTIVATION_EMAIL": False,'''),
    ("config/settings.py", '''    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": True,
    "USERNAME_CHANGED_EMAIL_CONFIRMATION": True,''', '''    "PASSWORD_CHANGED_EMAIL_CONFIRMATION": False,
    "USERNAME_CHANGED_EMAIL_CONFIRMATION": False,'''),
    ("config/settings.py", '''        "user_list": ["rest_framework.permissions.IsAdminUser"],''', '''        "user_list": ["rest_framework.permissions.AllowAny"],
        "user": ["djoser.permissions.CurrentUserOrAdminOrReadOnly"],'''),
    ("config/urls.py", '''    path("auth/", include("djoser.urls.authtoken")),\n''', ""),
    ("config/urls.py", '''    path("auth/jwt/blacklist/", TokenBlacklistView.as_view(), name="jwt-blacklist"),\n''', ""),
]
SPEC_EDITS = [
    ("  jwt_blacklist: /auth/jwt/blacklist/\n", ""),
    ("    header_types: [Bearer, JWT]", "    header_types: [JWT]"),
    ("  token_auth: true", "  token_auth: false"),
    ("  send_activation_email: true", "  send_activation_email: false"),
    ("""  password_changed_email_confirmation: true
  username_changed_email_confirmation: true""", """  password_changed_email_confirmation: false
  username_changed_email_confirmation: false"""),
    ("""  permissions:
    user_list: IsAdminUser""", """  permissions:
    user_list: AllowAny
    user: CurrentUserOrAdminOrReadOnly"""),
    ("""defaults:
  permission: IsAuthenticated""", """defaults:
  permission: AllowAny"""),
]



def jlogin(name):
    return POST("/auth/jwt/create/", body={"username": "{%s.username}" % name, "password": "{%s.password}" % name},
                capture={f"{name}.access": "access", f"{name}.refresh": "refresh"}, name=f"jwt login {name}")


def auser(name):
    return [
        creds(name),
        POST("/auth/users/", body={"username": name, "email": f"{name}@example.com", "password": default_password(name)},
             capture={f"{name}.id": "id"}, name=f"register {name}"),
        mail(name, name=f"confirmation to {name}"),
        jlogin(name),
    ]


def aadmin(name="root"):
    return [
        creds(name),
        {"setup": "create_superuser", "args": {"username": name, "email": f"{name}@example.com", "password": default_password(name)}},
        jlogin(name),
        GET("/auth/users/me/", f"{name}:jwt", capture={f"{name}.id": "id"}, name=f"{name} me"),
    ]


SCENARIOS = [
    scenario("e.accounts", "hidden", "accounts", [
        *aadmin("root"),
        *auser("alice"),
        *auser("bob"),
        GET("/auth/users/me/", "alice", name="Bearer is not a header type here"),
        GET("/auth/users/me/", "alice:jwt", name="JWT header"),
        GET("/auth/users/", name="anon lists users (hidden: none)"),
        GET("/auth/users/", "alice:jwt", name="alice lists users"),
        GET("/auth/users/", "root:jwt", name="root lists users"),
        GET("/auth/users/{bob.id}/", "alice:jwt", name="alice reads bob (read-only allowed)"),
        GET("/auth/users/{bob.id}/", name="anon reads bob"),
        PATCH("/auth/users/{bob.id}/", "alice:jwt", {"first_name": "x"}, name="alice patches bob"),
        POST("/auth/token/login/", body={"username": "alice", "password": "{alice.password}"}, name="token login route absent"),
        POST("/auth/users/set_password/", "alice:jwt", {"current_password": "{alice.password}", "new_password": "Brand-New-Pass-1"}, name="set_password"),
        mail("alice", name="no password changed mail"),
        POST("/auth/users/set_username/", "alice:jwt", {"current_password": "Brand-New-Pass-1", "new_username": "alicia"}, name="set_username"),
        mail("alice", name="no username changed mail"),
        POST("/auth/users/resend_activation/", body={"email": "alice@example.com"}, name="resend activation when off"),
        POST("/auth/users/activation/", body={"uid": "x", "token": "y"}, name="activation when off"),
        GET("/auth/users/me/", headers={"Authorization": "Token abc"}, name="Token header without token auth"),
        POST("/auth/jwt/blacklist/", body={"refresh": "{alice.refresh}"}, name="blacklist route not mounted"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="the refresh token still works"),
    ]),
    scenario("e.store_allow_any", "hidden", "store", [
        *aadmin("root"),
        *auser("alice"),
        GET("/store/", name="anon root"),
        GET("/store/profiles/", name="anon profiles (AllowAny, scoped)"),
        POST("/store/profiles/", body={"bio": "x"}, name="anon creates a profile"),
        GET("/store/customers/me/", "alice:jwt", name="alice customer"),
        POST("/store/reviews/", "alice:jwt", {"product": 1, "rating": 3}, name="review unknown product"),
        GET("/store/orders/", name="anon orders (DjangoModelPermissions)"),
        GET("/store/products/", name="anon products"),
    ]),
]
