"""Other password validators and options (similarity to username and e-mail at 0.5, a
12-character minimum, nothing else), and PBKDF2 as the only hasher."""
from cases_lib import *  # noqa: F401,F403

REFERENCE_EDITS = [("config/settings.py", '''AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]''', '''AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
     "OPTIONS": {"user_attributes": ["username", "email"], "max_similarity": 0.5}},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]''')]
SPEC_EDITS = [("""  password:
    hasher: argon2id
    validators:
      - user_attribute_similarity
      - minimum_length: {min_length: 8}
      - common_password
      - numeric_password
""", """  password:
    hasher: pbkdf2_sha256
    validators:
      - user_attribute_similarity: {attributes: [username, email], max_similarity: 0.5}
      - minimum_length: {min_length: 12}
""")]

def reg(username, email, password, name):
    return POST("/auth/users/", body={"username": username, "email": email, "password": password}, name=name)


SCENARIOS = [
    scenario("v.validators", "hidden", "registration", [
        reg("tom", "tom@example.com", "password123", "common is fine now, but short"),
        reg("tom", "tom@example.com", "password1234", "common, long enough"),
        reg("tom", "tom@example.com", "123456789012", "numeric, long enough"),
        reg("tom", "tom@example.com", "short", "too short"),
        reg("margaretthatcher", "mt@example.com", "margaretthatcher1", "similar to username"),
        reg("bob", "robert.smith@example.com", "robertsmith12", "similar to email local part"),
        reg("alicia", "al@example.com", "Alicia-Keys-999", "a bit similar to username"),
        reg("zed", "zed@example.com", "Zebra-Crossing-1", "unrelated"),
        mail("zed@example.com", link="activation", capture={"zed.uid": "uid", "zed.act": "token"}),
        POST("/auth/users/activation/", body={"uid": "{zed.uid}", "token": "{zed.act}"}, name="activate zed"),
        creds("zed", password="Zebra-Crossing-1"),
        login("zed"),
        POST("/auth/users/set_password/", "zed", {"current_password": "Zebra-Crossing-1", "new_password": "zedzedzedzed1"}, name="new password similar to username"),
        POST("/auth/users/set_password/", "zed", {"current_password": "Zebra-Crossing-1", "new_password": "short1"}, name="new password short"),
        POST("/auth/users/set_password/", "zed", {"current_password": "Zebra-Crossing-1", "new_password": "Entirely-Different-2"}, name="new password ok"),
    ]),
]
