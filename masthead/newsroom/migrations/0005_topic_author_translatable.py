"""Topics and authors become translatable (3 of 3): locale and key required, a key once per
language, and a slug unique per language (a translation may keep the original's)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def _final_fields(model_name: str, slug_length: int) -> list:
    return [
        migrations.AlterField(
            model_name=model_name, name="slug",
            field=models.SlugField(allow_unicode=True, max_length=slug_length, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name=model_name, name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name=model_name, name="locale",
            field=models.ForeignKey(
                editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="wagtailcore.locale", verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name=model_name, unique_together={("translation_key", "locale"), ("slug", "locale")},
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0004_topic_author_populate")]

    operations = [*_final_fields("topic", 80), *_final_fields("author", 120)]
