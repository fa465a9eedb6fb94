from django.apps import AppConfig


class InlineConfig(AppConfig):
    name = "masthead.inline"
    label = "inline"
