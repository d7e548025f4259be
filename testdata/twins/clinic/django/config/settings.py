"""Settings of the clinic project: the Django original of examples/clinic (Django 3.2,
DRF 3.14, djoser 2.1, simplejwt 5.2, all from Debian bookworm).

Written from the app's description as a Django developer would, not from what authgen
answers. Everything that differs between runs comes from the environment:
  SECRET_KEY   Django secret; also the HS256 signing key of the JWTs.
  TWIN_DB      path of the sqlite file (the twin driver sets it; default ./clinic.sqlite3).
  TWIN_PG_*    or PostgreSQL: TWIN_PG_NAME, _HOST, _PORT, _USER, _PASSWORD and _SCHEMA (the
               twin driver's fresh schema, when the Go app runs on PostgreSQL).
  EMAIL_HOST   SMTP host (default 127.0.0.1).
  EMAIL_PORT   SMTP port (default 25).
"""
import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "clinic-insecure-default-secret-key-change-me")
DEBUG = False
ALLOWED_HOSTS = ["*"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "djoser",
    "clinic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    }
]

WSGI_APPLICATION = "config.wsgi.application"

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
            "NAME": os.environ.get("TWIN_DB", str(Path.cwd() / "clinic.sqlite3")),
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
DEFAULT_FROM_EMAIL = "noreply@clinic.local"
DOMAIN = "clinic.local"
SITE_NAME = "Clinic"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 5,
}

SIMPLE_JWT = {
    "AUTH_HEADER_TYPES": ("Bearer",),
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
}

DJOSER = {
    "SEND_ACTIVATION_EMAIL": True,
    "SEND_CONFIRMATION_EMAIL": True,
    "ACTIVATION_URL": "#/activate/{uid}/{token}",
    "PASSWORD_RESET_CONFIRM_URL": "#/password/reset/confirm/{uid}/{token}",
    "USERNAME_RESET_CONFIRM_URL": "#/username/reset/confirm/{uid}/{token}",
    "DOMAIN": "clinic.local",
    "SITE_NAME": "Clinic",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
