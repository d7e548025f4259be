"""simplejwt set otherwise: HS512, an audience and an issuer, rotation without a blacklist,
the token in an X-Token header; and no confirmation mail after activation."""
from cases_lib import *  # noqa: F401,F403

REFERENCE_EDITS = [
    ("config/settings.py", '''    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,''', '''    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": False,
    "ALGORITHM": "HS512",
    "AUDIENCE": "store-api",
    "ISSUER": "store",
    "AUTH_HEADER_NAME": "HTTP_X_TOKEN",'''),
    ("config/settings.py", '''    "SEND_CONFIRMATION_EMAIL": True,''', '''    "SEND_CONFIRMATION_EMAIL": False,'''),
]
SPEC_EDITS = [
    ("""    algorithm: HS256""", """    algorithm: HS512"""),
    ("""    rotate_refresh_tokens: true
    blacklist_after_rotation: true""", """    rotate_refresh_tokens: true
    blacklist_after_rotation: false
    audience: store-api
    issuer: store
    header_name: X-Token"""),
    ("  send_confirmation_email: true", "  send_confirmation_email: false"),
]


def xtoken(key):
    return {"X-Token": "Bearer {%s}" % key}


def xlogin(name):
    """register, activate (no confirmation mail here), log in."""
    from harness.engine import default_password
    pw = default_password(name)
    return [
        creds(name),
        POST("/auth/users/", body={"username": name, "email": f"{name}@example.com", "password": pw},
             capture={f"{name}.id": "id"}, name=f"register {name}"),
        mail(name, link="activation", capture={f"{name}.uid": "uid", f"{name}.act": "token"}),
        POST("/auth/users/activation/", body={"uid": "{%s.uid}" % name, "token": "{%s.act}" % name}, name=f"activate {name}"),
        mail(name, name=f"no confirmation mail to {name}"),
        login(name),
    ]


SCENARIOS = [
    scenario("jwt_settings.flows", "hidden", "jwt", [
        *xlogin("alice"),
        GET("/auth/users/me/", "alice", name="Authorization header is not read here"),
        GET("/auth/users/me/", headers=xtoken("alice.access"), name="X-Token header"),
        GET("/auth/users/me/", headers={"X-Token": "JWT {alice.access}"}, name="X-Token with JWT"),
        GET("/auth/users/me/", headers={"X-Token": "garbage"}, name="X-Token garbage"),
        POST("/auth/jwt/verify/", body={"token": "{alice.access}"}, name="verify"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, capture={"alice.refresh2": "refresh"}, name="rotate"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="old refresh still works (no blacklist)"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh2}"}, name="new refresh"),
        POST("/auth/jwt/blacklist/", body={"refresh": "{alice.refresh2}"}, name="blacklist"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh2}"}, name="blacklisted refresh"),
        forge("wrong_key", "{alice.access}", "t.wrongkey"),
        GET("/auth/users/me/", headers=xtoken("t.wrongkey"), name="wrong key"),
        GET("/store/products/", headers=xtoken("alice.access"), name="store route with X-Token"),
        GET("/store/products/", name="store route anonymous (challenge)"),
    ]),
]
