"""Settings of the newsroom: the Django original of examples/newsroom (Django 3.2, DRF 3.14,
djoser 2.1, simplejwt 5.2, all from Debian), written from the app's description as a Django
developer would.

The twin driver (internal/twin) sets SECRET_KEY and the database: TWIN_DB (an SQLite file),
or TWIN_PG_NAME, _HOST, _PORT, _USER, _PASSWORD and _SCHEMA (PostgreSQL, a fresh schema).
EMAIL_HOST and EMAIL_PORT are the SMTP server the e-mails go to (the driver's, which the
twin's mail steps read).
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "newsroom-insecure-development-key")
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "djoser",
    "newsroom",
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

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = "desk@newsroom.local"
# What djoser's e-mails (django-templated-mail) name the site and put in their links.
DOMAIN = "newsroom.local"
SITE_NAME = "Newsroom"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
    ],
    "DEFAULT_PAGINATION_CLASS": "newsroom.pagination.PageNumberPagination",
    "PAGE_SIZE": 3,
}

SIMPLE_JWT = {
    "AUTH_HEADER_TYPES": ("Bearer",),
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=10),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
}

DJOSER = {
    # JWT only: no DRF tokens for djoser to delete when a user logs out or is deleted.
    "TOKEN_MODEL": None,
    "PASSWORD_RESET_CONFIRM_URL": "reset/{uid}/{token}",
    "SERIALIZERS": {
        "user_create": "newsroom.serializers.NewsroomUserCreateSerializer",
        "user": "newsroom.serializers.NewsroomUserSerializer",
        "current_user": "newsroom.serializers.NewsroomUserSerializer",
    },
}

# Server errors' tracebacks on the console (gunicorn's output).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
