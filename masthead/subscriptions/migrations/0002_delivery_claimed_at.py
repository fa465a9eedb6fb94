"""Delivery.claimed_at, and a partial index of the rows "sending" for the sweep of stale claims.

Cheap on a big table: a nullable column without a default is a catalogue change on PostgreSQL
(no rewrite), and the index is built CONCURRENTLY there (writes go on meanwhile; hence not atomic).
Both are undone by migrating back to 0001.
"""

from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(migrations.AddIndex):
    """AddIndex that does not block writes on PostgreSQL; other engines build it as usual."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._index_change(schema_editor, to_state.apps.get_model(app_label, self.model_name), "add_index")

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        self._index_change(schema_editor, model, "remove_index")

    def _index_change(self, schema_editor, model, method: str):
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            postgres = schema_editor.connection.vendor == "postgresql"
            getattr(schema_editor, method)(model, self.index, **({"concurrently": True} if postgres else {}))


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("comments", "0002_home_panel_indexes"),
        ("subscriptions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="delivery",
            name="claimed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="delivery",
            index=models.Index(
                condition=models.Q(("status", "sending")), fields=["claimed_at"], name="delivery_claimed"
            ),
        ),
    ]
