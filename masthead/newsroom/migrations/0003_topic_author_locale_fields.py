"""Topics and authors become translatable (1 of 3): nullable locale and translation key.

Wagtail's documented path for models that become translatable (BootstrapTranslatableMixin);
three migrations, so PostgreSQL never alters a table with row updates pending in the same
transaction.
"""

from django.db import migrations
from wagtail.models import BootstrapLocaleField, BootstrapTranslationKeyField

MODELS = ("newsroom.Topic", "newsroom.Author")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_alter_articlepage_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        op for model in MODELS
        for op in (BootstrapTranslationKeyField(model), BootstrapLocaleField(model))
    ]
