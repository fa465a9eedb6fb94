"""Articles, topics, authors and their images: the publishing half of Masthead."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()  # cache invalidation on publish
