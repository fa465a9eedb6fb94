"""Topics and authors become translatable (2 of 3): existing rows join the default language,
each with a translation key of its own."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0003_topic_author_locale_fields")]

    operations = [
        BootstrapTranslatableModel("newsroom.Topic"),
        BootstrapTranslatableModel("newsroom.Author"),
    ]
