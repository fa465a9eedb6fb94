from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "masthead.subscriptions"
    label = "subscriptions"

    def ready(self) -> None:
        from masthead.comments import signals

        from . import receivers

        signals.comment_approved.connect(receivers.on_comment_approved, dispatch_uid="subscriptions.approved")
        signals.comment_posted.connect(receivers.on_comment_posted, dispatch_uid="subscriptions.posted")
