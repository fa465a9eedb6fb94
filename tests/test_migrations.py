"""Every model change has its migration (a missing one would fail on a real site's upgrade)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"missing migrations:\n{out.getvalue()}" if exit_.code else "")


@pytest.mark.django_db(transaction=True)
def test_topics_and_authors_of_an_existing_site_join_the_default_language():
    """A site made before topics and authors were translatable keeps them, each in the default
    language with a translation key of its own (newsroom 0003–0005)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("newsroom", "0002_alter_articlepage_body")],
        [("newsroom", "0005_topic_author_translatable")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    for n in (1, 2):
        old.get_model("newsroom", "Topic").objects.create(name=f"Topic {n}", slug=f"topic-{n}")
        old.get_model("newsroom", "Author").objects.create(name=f"Author {n}", slug=f"author-{n}")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    new = executor.loader.project_state(after).apps
    for model in ("Topic", "Author"):
        rows = list(new.get_model("newsroom", model).objects.select_related("locale"))
        assert [r.locale.language_code for r in rows] == ["en", "en"]
        assert len({r.translation_key for r in rows}) == 2 and None not in {r.translation_key for r in rows}
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
