"""djoser's PERMISSIONS set otherwise (registration by staff only, resets for signed-in users,
usernames changed by staff, users readable by anyone signed in), and simplejwt's claims
renamed (USER_ID_FIELD username, TOKEN_TYPE_CLAIM, JTI_CLAIM)."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password

REFERENCE_EDITS = [
    ("config/settings.py", '''        "user_list": ["rest_framework.permissions.IsAdminUser"],''', '''        "user_list": ["rest_framework.permissions.IsAdminUser"],
        "user_create": ["rest_framework.permissions.IsAdminUser"],
        "password_reset": ["rest_framework.permissions.IsAuthenticated"],
        "set_username": ["rest_framework.permissions.IsAdminUser"],
        "user": ["djoser.permissions.CurrentUserOrAdminOrReadOnly"],
        "token_destroy": ["rest_framework.permissions.AllowAny"],'''),
    ("config/settings.py", '''    "UPDATE_LAST_LOGIN": True,''', '''    "UPDATE_LAST_LOGIN": True,
    "USER_ID_FIELD": "username",
    "USER_ID_CLAIM": "sub",
    "TOKEN_TYPE_CLAIM": "typ",
    "JTI_CLAIM": "tid",'''),
]
SPEC_EDITS = [
    ("""  permissions:
    user_list: IsAdminUser""", """  permissions:
    user_list: IsAdminUser
    user_create: IsAdminUser
    password_reset: IsAuthenticated
    set_username: IsAdminUser
    user: CurrentUserOrAdminOrReadOnly
    token_destroy: AllowAny"""),
    ("    update_last_login: true", """    update_last_login: true
    user_id_field: username
    user_id_claim: sub
    token_type_claim: typ
    jti_claim: tid"""),
]


def staff_registers(name):
    """root registers name (registration is staff-only here); name activates and logs in."""
    pw = default_password(name)
    return [
        creds(name),
        POST("/auth/users/", "root", {"username": name, "email": f"{name}@example.com", "password": pw},
             capture={f"{name}.id": "id"}, name=f"root registers {name}"),
        mail(name, link="activation", capture={f"{name}.uid": "uid", f"{name}.act": "token"}),
        POST("/auth/users/activation/", body={"uid": "{%s.uid}" % name, "token": "{%s.act}" % name}, name=f"activate {name}"),
        mail(name, name=f"confirmation to {name}"),
        login(name),
    ]


SCENARIOS = [
    scenario("account_permissions.flows", "hidden", "accounts", [
        admin("root"),
        POST("/auth/users/", body={"username": "x", "email": "x@example.com", "password": "Quite-Good-99"}, name="anonymous registration"),
        *staff_registers("alice"),
        *staff_registers("bob"),
        POST("/auth/users/", "alice", {"username": "y", "email": "y@example.com", "password": "Quite-Good-99"}, name="plain user registers someone"),
        GET("/auth/users/me/", "alice", name="me with renamed claims"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, capture={"alice.access": "access", "alice.refresh": "refresh"}, name="refresh"),
        POST("/auth/jwt/verify/", body={"token": "{alice.access}"}, name="verify"),
        GET("/auth/users/me/", "alice:refresh", name="refresh token as access"),
        GET("/auth/users/{bob.id}/", "alice", name="alice reads bob"),
        PATCH("/auth/users/{bob.id}/", "alice", {"email": "b@example.com"}, name="alice patches bob"),
        POST("/auth/users/reset_password/", body={"email": "alice@example.com"}, name="anonymous reset"),
        POST("/auth/users/reset_password/", "alice", {"email": "alice@example.com"}, name="signed-in reset"),
        mail("alice", link="password_reset"),
        POST("/auth/users/set_username/", "alice", {"current_password": "{alice.password}", "new_username": "al"}, name="alice sets her username"),
        POST("/auth/users/set_username/", "root", {"current_password": "{root.password}", "new_username": "admin"}, name="root sets his username"),
        mail("root", name="username changed mail"),
        setctx(**{"root.username": "admin"}),
        login("root"),
        GET("/auth/users/me/", "root", name="root after rename"),
        token_login("bob"),
        POST("/auth/token/logout/", name="anonymous token logout"),
        POST("/auth/token/logout/", "bob:token", name="bob token logout"),
        GET("/auth/users/", "root", name="root lists"),
    ]),
]
