"""Inline feedback: comments anchored to passages of an article, kept attached through edits."""

from django.apps import AppConfig


class InlineConfig(AppConfig):
    name = "masthead.inline"
    label = "inline"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (re-anchoring on publish, counts on approval)
