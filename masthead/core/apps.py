"""Templates, template tags and the few utilities every app shares (the kernel: imports no app)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
