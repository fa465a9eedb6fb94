"""The scheduler's lock: two schedulers (two nodes) never run the same job at once."""

from datetime import timedelta

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from masthead.newsroom.services import article_publish, author_create, home_ensure, topic_create
from masthead.site import scheduler


def _scheduled_story():
    home, _ = home_ensure(title="The Riverside Ledger")
    article = article_publish(
        home=home,
        title="Ferry timetable changes",
        slug="ferry-timetable",
        standfirst="From Monday.",
        body=[("paragraph", "<p>The ferry leaves earlier.</p>")],
        authors=[author_create(name="Ana Ruiz", slug="ana-ruiz")],
        topics=[topic_create(name="City", slug="city")],
    )
    article.unpublish()
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    return article


@pytest.mark.django_db
def test_a_round_runs_every_job(client):
    _scheduled_story()
    assert scheduler.scheduler_round() is True
    assert client.get("/ferry-timetable/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_round_is_skipped_while_another_node_holds_the_lock(client):
    _scheduled_story()
    settings_dict = connection.settings_dict
    other_node = psycopg.connect(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"],
        dbname=settings_dict["NAME"],
        autocommit=True,
    )
    try:
        other_node.execute("SELECT pg_advisory_lock(%s)", [scheduler.LOCK_ID])
        assert scheduler.scheduler_round() is False
        assert client.get("/ferry-timetable/").status_code == 404
        other_node.execute("SELECT pg_advisory_unlock(%s)", [scheduler.LOCK_ID])
        assert scheduler.scheduler_round() is True
        assert client.get("/ferry-timetable/").status_code == 200
    finally:
        other_node.close()
