"""Regenerates djoser_rendered.json: djoser 2.1's six account e-mails rendered by Django
(through the reference project's templated_mail), for templates_test.go to compare against.

    cd /work/shared/reference/djoser_store && /usr/bin/python3 \
        /work/main/runtime/mail/testdata/render_djoser.py > /work/main/runtime/mail/testdata/djoser_rendered.json
"""
import json
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("REF_DB", ":memory:")
import django  # noqa: E402

django.setup()
from templated_mail.mail import BaseEmailMessage  # noqa: E402


class User:
    pk = 1

    def get_username(self):
        return "alice"


URLS = {
    "activation": "#/activate/MQ/abc-123",
    "password_reset": "#/password/reset/confirm/MQ/abc-123",
    "username_reset": "#/username/reset/confirm/MQ/abc-123",
}
KINDS = ["activation", "confirmation", "password_reset", "password_changed_confirmation",
         "username_changed_confirmation", "username_reset"]

out = {}
for kind in KINDS:
    # djoser's own classes compute url from a real user's token; the base class renders the
    # same template with the url given.
    ctx = {"user": User()}
    if kind in URLS:
        ctx["url"] = URLS[kind]
    m = BaseEmailMessage(template_name=f"email/{kind}.html", context=ctx)
    m.render()
    out[kind] = {"subject": m.subject, "text": m.body, "html": m.html}
print(json.dumps(out, indent=1, sort_keys=True))
