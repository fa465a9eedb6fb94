from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MigrationConfig(AppConfig):
    """Moving in and out: importers (WordPress, Disqus, Isso, Stripe) and the mapping they keep."""

    name = "masthead.migration"
    label = "migration"
    verbose_name = _("Moving in and out")
    default_auto_field = "django.db.models.BigAutoField"
