"""djoser's retype flags, logout on password change, unknown e-mails shown, users not hidden;
simplejwt without rotation and with a user id claim of its own; LimitOffsetPagination."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password

REFERENCE_EDITS = [
    ("config/settings.py", '''        "rest_framework.renderers.JSONRenderer",
    ],
}''', '''        "rest_framework.renderers.JSONRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 2,
}'''),
    ("config/settings.py", '''    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,''', '''    "ROTATE_REFRESH_TOKENS": False,
    "BLACKLIST_AFTER_ROTATION": False,
    "UPDATE_LAST_LOGIN": False,
    "USER_ID_CLAIM": "uid",'''),
    ("config/settings.py", '''    "USER_CREATE_PASSWORD_RETYPE": False,''', '''    "USER_CREATE_PASSWORD_RETYPE": True,
    "SET_PASSWORD_RETYPE": True,
    "SET_USERNAME_RETYPE": True,
    "PASSWORD_RESET_CONFIRM_RETYPE": True,
    "USERNAME_RESET_CONFIRM_RETYPE": True,
    "LOGOUT_ON_PASSWORD_CHANGE": True,
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": True,
    "USERNAME_RESET_SHOW_EMAIL_NOT_FOUND": True,'''),
    ("config/settings.py", '''    "HIDE_USERS": True,''', '''    "HIDE_USERS": False,'''),
]
SPEC_EDITS = [
    ("""defaults:
  permission: IsAuthenticated
""", """defaults:
  permission: IsAuthenticated
  pagination: {style: limit_offset, page_size: 2}
"""),
    ("""    rotate_refresh_tokens: true
    blacklist_after_rotation: true
    update_last_login: true""", """    rotate_refresh_tokens: false
    blacklist_after_rotation: false
    update_last_login: false
    user_id_claim: uid"""),
    ("""  user_create_password_retype: false
  hide_users: true""", """  user_create_password_retype: true
  set_password_retype: true
  set_username_retype: true
  password_reset_confirm_retype: true
  username_reset_confirm_retype: true
  logout_on_password_change: true
  password_reset_show_email_not_found: true
  username_reset_show_email_not_found: true
  hide_users: false"""),
]



def u(name):
    return user(name, extra={"re_password": default_password(name)})


SCENARIOS = [
    scenario("b.registration", "hidden", "registration", [
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99"}, name="missing re_password"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "Quite-Good-99", "re_password": "other"}, name="mismatch"),
        POST("/auth/users/", body={"username": "zed", "email": "zed@example.com", "password": "123", "re_password": "123"}, name="weak and retyped"),
        u("alice"),
        GET("/auth/users/me/", "alice", name="me"),
    ]),
    scenario("b.jwt_no_rotation", "hidden", "jwt", [
        u("alice"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="refresh without rotation"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="refresh again"),
        POST("/auth/jwt/blacklist/", body={"refresh": "{alice.refresh}"}, name="blacklist"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, name="refresh after blacklist"),
        POST("/auth/jwt/verify/", body={"token": "{alice.access}"}, name="verify"),
        forge("no_user_claim", "{alice.access}", "t.nouser"),
        GET("/auth/users/me/", headers=bearer("t.nouser"), name="token without uid claim"),
        forge("unknown_user", "{alice.access}", "t.unknown"),
        GET("/auth/users/me/", headers=bearer("t.unknown"), name="token for an unknown user"),
    ]),
    scenario("b.passwords_and_usernames", "hidden", "password", [
        u("dave"),
        token_login("dave"),
        POST("/auth/users/set_password/", "dave", {"current_password": "{dave.password}", "new_password": "Brand-New-Pass-1"}, name="set_password missing re_new"),
        POST("/auth/users/set_password/", "dave", {"current_password": "{dave.password}", "new_password": "Brand-New-Pass-1", "re_new_password": "x"}, name="set_password mismatch"),
        POST("/auth/users/set_password/", "dave", {"current_password": "{dave.password}", "new_password": "Brand-New-Pass-1", "re_new_password": "Brand-New-Pass-1"}, name="set_password"),
        mail("dave", name="password changed mail"),
        GET("/auth/users/me/", "dave:token", name="token logged out on password change"),
        setctx(**{"dave.password": "Brand-New-Pass-1"}),
        login("dave"),
        POST("/auth/users/set_username/", "dave", {"current_password": "{dave.password}", "new_username": "davey"}, name="set_username missing retype"),
        POST("/auth/users/set_username/", "dave", {"current_password": "{dave.password}", "new_username": "davey", "re_new_username": "davey"}, name="set_username"),
        mail("dave", name="username changed mail"),
        POST("/auth/users/reset_password/", body={"email": "nobody@example.com"}, name="reset unknown email shown"),
        POST("/auth/users/reset_username/", body={"email": "nobody@example.com"}, name="reset username unknown email shown"),
        POST("/auth/users/resend_activation/", body={"email": "nobody@example.com"}, name="resend unknown email"),
        POST("/auth/users/reset_password/", body={"email": "dave@example.com"}, name="reset request"),
        mail("dave", link="password_reset", capture={"dave.ruid": "uid", "dave.rtok": "token"}),
        POST("/auth/users/reset_password_confirm/", body={"uid": "{dave.ruid}", "token": "{dave.rtok}", "new_password": "Reset-Pass-999"}, name="confirm missing retype"),
        POST("/auth/users/reset_password_confirm/", body={"uid": "{dave.ruid}", "token": "{dave.rtok}", "new_password": "Reset-Pass-999", "re_new_password": "Reset-Pass-998"}, name="confirm mismatch"),
        POST("/auth/users/reset_password_confirm/", body={"uid": "{dave.ruid}", "token": "{dave.rtok}", "new_password": "Reset-Pass-999", "re_new_password": "Reset-Pass-999"}, name="confirm"),
        mail("dave", name="password changed mail 2"),
        POST("/auth/users/reset_username/", body={"email": "dave@example.com"}, name="reset username request"),
        mail("dave", link="username_reset", capture={"dave.uuid": "uid", "dave.utok": "token"}),
        POST("/auth/users/reset_username_confirm/", body={"uid": "{dave.uuid}", "token": "{dave.utok}", "new_username": "dd"}, name="username confirm missing retype"),
        POST("/auth/users/reset_username_confirm/", body={"uid": "{dave.uuid}", "token": "{dave.utok}", "new_username": "dd", "re_new_username": "dd"}, name="username confirm"),
        mail("dave", name="username changed mail 2"),
    ]),
    scenario("b.users_visible_and_paginated", "hidden", "users", [
        admin("root"),
        u("alice"), u("bob"), u("carol"),
        GET("/auth/users/", "alice", name="plain user lists (admin only)"),
        GET("/auth/users/", "root", name="root page"),
        GET("/auth/users/?limit=1&offset=2", "root", name="limit/offset"),
        GET("/auth/users/?offset=3", "root", name="offset 3"),
        GET("/auth/users/{bob.id}/", "alice", name="other user's record, not hidden"),
        PATCH("/auth/users/{bob.id}/", "alice", {"first_name": "x"}, name="patch another user"),
        GET("/auth/users/99999/", "alice", name="unknown user"),
        product_setup("root", key="p1", name="A"),
        product_setup("root", key="p2", name="B"),
        product_setup("root", key="p3", name="C"),
        GET("/store/products/", "root", name="products page"),
        GET("/store/products/?limit=2&offset=2", "root", name="products last page"),
        GET("/store/products/?limit=0", "root", name="limit 0"),
        GET("/store/products/?offset=-5", "root", name="negative offset"),
    ]),
]
