"""Inline feedback: comments anchored to passages of an article, kept attached through edits."""

from django.apps import AppConfig


class InlineConfig(AppConfig):
    name = "masthead.inline"
    label = "inline"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()  # re-anchoring on publish, counts on approval
