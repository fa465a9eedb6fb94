"""Articles, topics, authors and their images: the publishing half of Masthead."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (cache invalidation on publish)
