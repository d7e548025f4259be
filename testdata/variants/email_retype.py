"""Log in by e-mail with every retype flag, and JWTs that carry the e-mail (USER_ID_FIELD)."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password
import email_login
from email_login import REFERENCE_EDITS as EMAIL_EDITS, REFERENCE_FILES, MAKEMIGRATIONS, elogin  # noqa: F401

REFERENCE_EDITS = EMAIL_EDITS + [
    ("config/settings.py", '''    "USER_CREATE_PASSWORD_RETYPE": False,''', '''    "USER_CREATE_PASSWORD_RETYPE": True,
    "SET_PASSWORD_RETYPE": True,
    "SET_USERNAME_RETYPE": True,
    "PASSWORD_RESET_CONFIRM_RETYPE": True,
    "USERNAME_RESET_CONFIRM_RETYPE": True,'''),
    ("config/settings.py", '''    "UPDATE_LAST_LOGIN": True,''', '''    "UPDATE_LAST_LOGIN": True,
    "USER_ID_FIELD": "email",'''),
]
SPEC_EDITS = [
    ("  login_field: username", "  login_field: email"),
    ("    update_last_login: true", "    update_last_login: true\n    user_id_field: email"),
    ("  user_create_password_retype: false", """  user_create_password_retype: true
  set_password_retype: true
  set_username_retype: true
  password_reset_confirm_retype: true
  username_reset_confirm_retype: true"""),
]



def euser(name):
    """A user registered with the password retyped, activated and logged in by e-mail."""
    return email_login.euser(name, re_password=default_password(name))


SCENARIOS = [
    scenario("c2.email_retype", "hidden", "accounts", [
        POST("/auth/users/", body={"email": "z@example.com", "username": "z", "password": "Quite-Good-99"}, name="register without re_password"),
        *euser("alice"),
        GET("/auth/users/me/", "alice", name="me with e-mail claim"),
        POST("/auth/jwt/refresh/", body={"refresh": "{alice.refresh}"}, capture={"alice.access": "access"}, name="refresh"),
        GET("/auth/users/me/", "alice", name="me with refreshed token"),
        POST("/auth/users/set_email/", "alice", {"current_password": "{alice.password}", "new_email": "a2@example.com"}, name="set_email without retype"),
        POST("/auth/users/set_email/", "alice", {"current_password": "{alice.password}", "new_email": "a2@example.com", "re_new_email": "a3@example.com"}, name="set_email mismatch"),
        POST("/auth/users/set_email/", "alice", {"current_password": "{alice.password}", "new_email": "a2@example.com", "re_new_email": "a2@example.com"}, name="set_email"),
        mail("a2@example.com", name="email changed mail"),
        GET("/auth/users/me/", "alice", name="old token after the e-mail changed"),
        setctx(**{"alice.email": "a2@example.com"}),
        elogin("alice"),
        GET("/auth/users/me/", "alice", name="new token"),
        POST("/auth/users/reset_email/", body={"email": "a2@example.com"}, name="reset_email"),
        mail("a2@example.com", link="username_reset", capture={"alice.ruid": "uid", "alice.rtok": "token"}),
        POST("/auth/users/reset_email_confirm/", body={"uid": "{alice.ruid}", "token": "{alice.rtok}", "new_email": "a4@example.com"}, name="reset_email_confirm without retype"),
        POST("/auth/users/reset_email_confirm/", body={"uid": "{alice.ruid}", "token": "{alice.rtok}", "new_email": "a4@example.com", "re_new_email": "a4@example.com"}, name="reset_email_confirm"),
        mail("a4@example.com", name="email changed mail 2"),
        POST("/auth/users/set_password/", "alice", {"current_password": "{alice.password}", "new_password": "Brand-New-Pass-1", "re_new_password": "Brand-New-Pass-1"}, name="set_password with stale e-mail token"),
    ]),
]
