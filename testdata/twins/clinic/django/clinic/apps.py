from django.apps import AppConfig


class ClinicConfig(AppConfig):
    default_auto_field = "django.db.models.AutoField"
    name = "clinic"
