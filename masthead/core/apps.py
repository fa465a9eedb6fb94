"""Templates, template tags and the few utilities every app shares (the kernel: imports no app)."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"

    def ready(self) -> None:
        from django.urls import register_converter

        from .numbers import IdConverter

        # <id:page_id> in every app's URLs: an id past 64 bits is a 404, not an overflow.
        register_converter(IdConverter, "id")
