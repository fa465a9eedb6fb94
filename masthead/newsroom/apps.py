"""Articles, topics, authors and their images: the publishing half of Masthead."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "masthead.newsroom"
    label = "newsroom"

    def ready(self) -> None:
        from .page_parts import page_parts_register
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()  # cache invalidation on publish
        page_parts_register()  # the pages' views, feeds and selectors (no import cycle)
