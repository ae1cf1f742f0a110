from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "porth.core"
    label = "core"
