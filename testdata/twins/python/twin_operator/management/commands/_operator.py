"""What the groups and perms commands share: users by USERNAME_FIELD, permissions by
app_label.codename, objects by content type and id."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError


def get_user(login):
    User = get_user_model()
    try:
        return User.objects.get(**{User.USERNAME_FIELD: login})
    except User.DoesNotExist:
        raise CommandError(f"unknown user: {login}")


def get_permission(dotted):
    try:
        app_label, codename = dotted.split(".", 1)
    except ValueError:
        raise CommandError(f"permission must look like app_label.codename: {dotted!r}")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise CommandError(f"unknown permission: {dotted}")


def get_object(content_type, pk):
    """content_type is app_label.model (Django's natural key) or the model's name."""
    if "." in content_type:
        app_label, model = content_type.lower().split(".", 1)
        lookup = {"app_label": app_label, "model": model}
    else:
        lookup = {"model": content_type.lower()}
    try:
        ct = ContentType.objects.get(**lookup)
    except (ContentType.DoesNotExist, ContentType.MultipleObjectsReturned):
        raise CommandError(f"unknown content type: {content_type}")
    try:
        return ct.get_object_for_this_type(pk=pk)
    except ct.model_class().DoesNotExist:
        raise CommandError(f"no {ct.model} with id {pk}")
