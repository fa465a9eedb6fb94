"""Settings glue, the command line, the runner and the few utilities every app shares."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
