"""Log in by e-mail: a custom user model with USERNAME_FIELD = "email", djoser's LOGIN_FIELD
"email"; the spec's login_field: email."""
from cases_lib import *  # noqa: F401,F403
from harness.engine import default_password
from _common import users_app

REFERENCE_FILES, INSTALL_USERS = users_app('''from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        db_table = "auth_user"
''')
REFERENCE_EDITS = [
    INSTALL_USERS,
    ("config/settings.py", '''    "LOGIN_FIELD": "username",''', '''    "LOGIN_FIELD": "email",'''),
]
MAKEMIGRATIONS = ["users"]
SPEC_EDITS = [("  login_field: username", "  login_field: email")]



def elogin(name):
    return POST("/auth/jwt/create/", body={"email": "{%s.email}" % name, "password": "{%s.password}" % name},
                capture={f"{name}.access": "access", f"{name}.refresh": "refresh"}, name=f"jwt login {name}")


def euser(name, **extra):
    body = {"email": f"{name}@example.com", "username": name, "password": default_password(name)}
    body.update(extra)
    return [
        creds(name),
        POST("/auth/users/", body=body, capture={f"{name}.id": "id"}, name=f"register {name}"),
        mail(name, link="activation", capture={f"{name}.uid": "uid", f"{name}.act": "token"}),
        POST("/auth/users/activation/", body={"uid": "{%s.uid}" % name, "token": "{%s.act}" % name}, name=f"activate {name}"),
        mail(name, name=f"confirmation to {name}"),
        elogin(name),
    ]


def eadmin(name="root"):
    return [
        creds(name),
        {"setup": "create_superuser", "args": {"username": name, "email": f"{name}@example.com", "password": default_password(name)}},
        elogin(name),
        GET("/auth/users/me/", name, capture={f"{name}.id": "id"}, name=f"{name} me"),
    ]


SCENARIOS = [
    scenario("email.accounts", "hidden", "accounts", [
        POST("/auth/users/", body={"email": "x@example.com", "password": "Quite-Good-99"}, name="register without username"),
        POST("/auth/users/", body={"username": "x", "password": "Quite-Good-99"}, name="register without email"),
        POST("/auth/users/", body={"username": "x", "email": "bad", "password": "Quite-Good-99"}, name="register bad email"),
        *euser("alice"),
        POST("/auth/users/", body={"username": "alice2", "email": "alice@example.com", "password": "Quite-Good-99"}, name="duplicate email"),
        POST("/auth/users/", body={"username": "alice", "email": "other@example.com", "password": "Quite-Good-99"}, name="duplicate username"),
        POST("/auth/jwt/create/", body={"username": "alice", "password": "{alice.password}"}, name="jwt by username"),
        POST("/auth/jwt/create/", body={"email": "alice@example.com", "password": "wrong"}, name="jwt wrong password"),
        POST("/auth/jwt/create/", body={"email": "ALICE@example.com", "password": "{alice.password}"}, name="jwt other case"),
        POST("/auth/token/login/", body={"email": "alice@example.com", "password": "{alice.password}"}, capture={"alice.auth_token": "auth_token"}, name="token login by email"),
        POST("/auth/token/login/", body={"username": "alice", "password": "{alice.password}"}, name="token login by username"),
        GET("/auth/users/me/", "alice", name="me"),
        GET("/auth/users/me/", "alice:token", name="me by token"),
        PATCH("/auth/users/me/", "alice", {"email": "new@example.com"}, name="patch email (read-only?)"),
        mail("alice", name="mail after patch", lenient="activation"),
        POST("/auth/users/set_username/", "alice", {"current_password": "{alice.password}", "new_username": "al"}, name="set_username route"),
        POST("/auth/users/set_email/", "alice", {"current_password": "{alice.password}", "new_email": "bad"}, name="set_email bad"),
        POST("/auth/users/set_email/", "alice", {"current_password": "{alice.password}", "new_email": "alice.new@example.com"}, name="set_email"),
        mail("alice.new@example.com", name="email changed mail"),
        setctx(**{"alice.email": "alice.new@example.com"}),
        elogin("alice"),
        GET("/auth/users/me/", "alice", name="me after set_email"),
        POST("/auth/users/reset_email/", body={"email": "alice.new@example.com"}, name="reset_email"),
        mail("alice.new@example.com", link="username_reset", capture={"alice.ruid": "uid", "alice.rtok": "token"}),
        POST("/auth/users/reset_email_confirm/", body={"uid": "{alice.ruid}", "token": "{alice.rtok}", "new_email": "alice3@example.com"}, name="reset_email_confirm"),
        mail("alice3@example.com", name="email changed mail 2"),
        POST("/auth/users/reset_password/", body={"email": "alice3@example.com"}, name="reset password"),
        mail("alice3@example.com", link="password_reset"),
        POST("/auth/users/resend_activation/", body={"email": "alice3@example.com"}, name="resend for active"),
    ]),
    scenario("email.store_and_admin", "hidden", "store", [
        *eadmin("root"),
        *euser("bob"),
        GET("/auth/users/", "root", name="root lists users"),
        product_setup("root"),
        POST("/store/reviews/", "bob", {"product": "{p1}", "rating": 4}, capture={"r1": "id"}, name="bob reviews"),
        GET("/store/reviews/{r1}/", name="review shows owner username"),
        GET("/store/customers/me/", "bob", name="bob customer"),
        GET("/store/customers/", "root", name="customers"),
        {"setup": "grant_perm", "args": {"username": "bob", "perm": "store.view_product"}},
        GET("/store/products/", "bob", name="bob lists products after grant"),
        DELETE("/auth/users/me/", "bob", {"current_password": "{bob.password}"}, name="bob deletes himself"),
    ]),
]
