"""What several variants share: step builders the harness's cases_lib lacks, and a Django
app with a user model of the variant's own."""
from cases_lib import req


def OPTIONS(path, actor="anon", **kw):
    return req("OPTIONS", path, actor, **kw)


def HEAD(path, actor="anon", **kw):
    return req("HEAD", path, actor, **kw)


def users_app(models_py):
    """The files of a "users" app whose models.py is models_py (AUTH_USER_MODEL "users.User"),
    and the settings edit that installs it."""
    files = {
        "users/__init__.py": "",
        "users/migrations/__init__.py": "",
        "users/apps.py": '''from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"
    default_auto_field = "django.db.models.AutoField"
''',
        "users/models.py": models_py,
    }
    install = ("config/settings.py", '''    "djoser",
    "store",
]''', '''    "djoser",
    "users",
    "store",
]
AUTH_USER_MODEL = "users.User"''')
    return files, install
