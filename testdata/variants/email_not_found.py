"""One of djoser's two SHOW_EMAIL_NOT_FOUND flags: djoser 2.1's UserFunctionsMixin.get_user
reads them together, so PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND alone shows unknown addresses to
reset_password, reset_username and resend_activation alike."""
from cases_lib import *  # noqa: F401,F403

REFERENCE_EDITS = [
    ("config/settings.py", '''    "HIDE_USERS": True,''', '''    "HIDE_USERS": True,
    "PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND": True,'''),
]
SPEC_EDITS = [
    ("""  hide_users: true""", """  hide_users: true
  password_reset_show_email_not_found: true"""),
]

SCENARIOS = [
    scenario("b.email_not_found", "hidden", "password", [
        user("alice"),
        register("ivan"),
        POST("/auth/users/reset_password/", body={"email": "nobody@example.com"}, name="reset_password unknown"),
        POST("/auth/users/reset_password/", body={"email": "ivan@example.com"}, name="reset_password inactive"),
        POST("/auth/users/reset_password/", body={"email": "ALICE@example.com"}, name="reset_password other case"),
        POST("/auth/users/reset_password/", body={"email": "nope"}, name="reset_password invalid"),
        POST("/auth/users/reset_password/", body={"email": "alice@example.com"}, name="reset_password alice"),
        mail("alice", link="password_reset"),
        POST("/auth/users/reset_username/", body={"email": "nobody@example.com"}, name="reset_username unknown (the other flag)"),
        POST("/auth/users/reset_username/", body={"email": "ivan@example.com"}, name="reset_username inactive"),
        POST("/auth/users/reset_username/", body={"email": "alice@example.com"}, name="reset_username alice"),
        mail("alice", link="username_reset"),
        POST("/auth/users/resend_activation/", body={"email": "nobody@example.com"}, name="resend unknown"),
        POST("/auth/users/resend_activation/", body={"email": "alice@example.com"}, name="resend active"),
        POST("/auth/users/resend_activation/", body={"email": "ivan@example.com"}, name="resend inactive"),
        mail("ivan", link="activation"),
    ]),
]
