"""Other URL prefixes: djoser under /api/auth/, the store's router under /api/v1/, simplejwt's
TokenBlacklistView at /api/logout/ (mount.jwt_blacklist)."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password

REFERENCE_EDITS = [
    ("config/urls.py", '''urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/", include("djoser.urls.authtoken")),
    path("auth/jwt/blacklist/", TokenBlacklistView.as_view(), name="jwt-blacklist"),
    path("store/", include(router.urls)),
]''', '''urlpatterns = [
    path("api/auth/", include("djoser.urls")),
    path("api/auth/", include("djoser.urls.jwt")),
    path("api/auth/", include("djoser.urls.authtoken")),
    path("api/logout/", TokenBlacklistView.as_view(), name="jwt-blacklist"),
    path("api/v1/", include(router.urls)),
]'''),
]
SPEC_EDITS = [("""mount:
  auth: /auth/
  api: /store/""", """mount:
  auth: /api/auth/
  api: /api/v1/"""), ("""  jwt_blacklist: /auth/jwt/blacklist/""", """  jwt_blacklist: /api/logout/""")]


def muser(name):
    pw = default_password(name)
    return [
        creds(name),
        POST("/api/auth/users/", body={"username": name, "email": f"{name}@example.com", "password": pw},
             capture={f"{name}.id": "id"}, name=f"register {name}"),
        mail(name, link="activation", capture={f"{name}.uid": "uid", f"{name}.act": "token"}),
        POST("/api/auth/users/activation/", body={"uid": "{%s.uid}" % name, "token": "{%s.act}" % name}, name=f"activate {name}"),
        mail(name, name=f"confirmation to {name}"),
        POST("/api/auth/jwt/create/", body={"username": name, "password": pw},
             capture={f"{name}.access": "access", f"{name}.refresh": "refresh"}, name=f"login {name}"),
    ]


SCENARIOS = [
    scenario("mounts.paths", "hidden", "protocol", [
        *muser("alice"),
        GET("/api/auth/users/me/", "alice", name="me"),
        GET("/api/auth/users/me", "alice", name="me without slash"),
        GET("/auth/users/me/", "alice", name="old prefix"),
        GET("/api/v1/", name="API root"),
        GET("/api/v1", name="API root without slash"),
        GET("/api/v1/products/", "alice", name="products"),
        GET("/api/v1/products", "alice", name="products without slash"),
        GET("/api/v1/customers/me/", "alice", name="customers me"),
        GET("/api/v1/products/1/", "alice", name="unknown product"),
        GET("/api/", name="above both prefixes"),
        GET("/api/auth/", name="auth root"),
        POST("/api/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="refresh",
             capture={"alice.refresh": "refresh"}),
        POST("/api/auth/jwt/blacklist/", body={"refresh": "{alice.refresh}"}, name="no blacklist beside djoser's jwt routes"),
        POST("/auth/jwt/blacklist/", body={"refresh": "{alice.refresh}"}, name="nor at the old prefix"),
        POST("/api/logout", body={"refresh": "{alice.refresh}"}, name="log-out without slash"),
        POST("/api/logout/", body={"refresh": "{alice.refresh}"}, name="log-out where urls.py mounts it"),
        POST("/api/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="refresh after log-out"),
        POST("/api/auth/token/login/", body={"username": "alice", "password": default_password("alice")}, name="token login"),
        GET("/store/", name="old api prefix"),
    ]),
]
