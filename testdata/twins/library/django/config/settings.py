"""Settings of the library: the Django original of examples/library (Django 3.2, DRF 3.14,
djoser 2.1, simplejwt 5.2, django-guardian 2.4, all from Debian).

The twin driver (internal/twin) sets SECRET_KEY and the database: TWIN_DB (the SQLite file),
or TWIN_PG_NAME, _HOST, _PORT, _USER, _PASSWORD and _SCHEMA (PostgreSQL, a fresh schema).
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "library-insecure-development-key")
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "djoser",
    "guardian",
    "library",
    "twin_operator",  # the Go CLI's groups and perms commands (testdata/twins/python)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    }
]

if os.environ.get("TWIN_PG_NAME"):
    # PostgreSQL: the twin driver's fresh schema, apart from every other test's tables.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["TWIN_PG_NAME"],
            "HOST": os.environ.get("TWIN_PG_HOST", "127.0.0.1"),
            "PORT": os.environ.get("TWIN_PG_PORT", "5432"),
            "USER": os.environ.get("TWIN_PG_USER", "postgres"),
            "PASSWORD": os.environ.get("TWIN_PG_PASSWORD", ""),
            "OPTIONS": {"options": "-c search_path=" + os.environ["TWIN_PG_SCHEMA"]},
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("TWIN_DB", str(BASE_DIR / "db.sqlite3")),
        }
    }

AUTH_USER_MODEL = "library.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No grants to anonymous visitors: guardian need not create its AnonymousUser row.
ANONYMOUS_USER_NAME = None

# The twin compares answers, never hashes (the Go app hashes with argon2id), so Django hashes
# with its cheapest hasher, as Django's documentation advises for tests: PBKDF2's 260,000
# rounds for every log-in, registration and password change were two fifths of the Python
# CPU of a run.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_L10N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# The twin driver's SMTP server, which its mail steps read.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
    ],
    "DEFAULT_PAGINATION_CLASS": "library.pagination.PageNumberPagination",
    "PAGE_SIZE": 10,
}

SIMPLE_JWT = {
    "AUTH_HEADER_TYPES": ("Bearer",),
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
}

DJOSER = {
    # JWT only: no DRF tokens for djoser to delete when a user logs out or is deleted.
    "TOKEN_MODEL": None,
    "LOGIN_FIELD": "email",
    "SEND_ACTIVATION_EMAIL": False,
    "USER_CREATE_PASSWORD_RETYPE": True,
    "SET_PASSWORD_RETYPE": True,
    # The front end's pages the e-mailed links lead to.
    "ACTIVATION_URL": "#/activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "#/password/reset/confirm/{uid}/{token}",
    "USERNAME_RESET_CONFIRM_URL": "#/username/reset/confirm/{uid}/{token}",
}

# Server errors' tracebacks on the console (gunicorn's output).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
