from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "masthead.subscriptions"
    label = "subscriptions"

    def ready(self) -> None:
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()  # notifications on approval and on holding
