"""Reads of the import mapping and of the runs (selectors.py): which Masthead object a source
object became, which objects came from an import, the pages of an origin, and the last runs."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page

from masthead.migration.models import ImportRun
from masthead.migration.selectors import (
    import_runs_recent,
    imported_object_get,
    imported_page_ids,
    imported_refs,
    imported_target_ids,
    pages_of_origin,
)
from masthead.migration.services import imported_object_record
from masthead.newsroom.tests.factories import article_make

SITE = {"source": "wordpress", "source_site": "old.example.org"}
OTHER_SITE = {"source": "wordpress", "source_site": "x.example"}


@pytest.fixture
def groups(db) -> list[Group]:
    return [Group.objects.create(name=name) for name in ("a", "b", "c")]


def test_a_mapping_is_found_by_its_whole_key_only(groups):
    imported_object_record(**SITE, kind="posts", source_id="7", target=groups[0])
    assert imported_object_get(**SITE, kind="posts", source_id=7).target == groups[0]  # ids as numbers too
    assert imported_object_get(**SITE, kind="pages", source_id="7") is None
    assert imported_object_get(**OTHER_SITE, kind="posts", source_id="7") is None


def test_the_refs_of_one_kind_of_one_site_by_source_id(groups):
    imported_object_record(**SITE, kind="posts", source_id="1", target=groups[0], revision_id=3, digest="d")
    imported_object_record(**SITE, kind="pages", source_id="2", target=groups[1])
    imported_object_record(
        source="wordpress", source_site="x.example", kind="posts", source_id="3", target=groups[2]
    )
    assert imported_refs(**SITE, kind="posts") == {"1": (groups[0].pk, 3, "d")}
    assert imported_refs(**SITE, kind="attachments") == {}


def test_the_imported_objects_of_a_model_and_of_a_source(groups, home):
    imported_object_record(**SITE, kind="users", source_id="1", target=groups[0])
    imported_object_record(source="disqus", source_site="d", kind="threads", source_id="1", target=groups[1])
    imported_object_record(**SITE, kind="pages", source_id="9", target=home)
    assert {row["object_id"] for row in imported_target_ids(model=Group)} == {groups[0].pk, groups[1].pk}
    assert [row["object_id"] for row in imported_target_ids(model=Group, source="disqus")] == [groups[1].pk]


def test_the_imported_pages_are_stories_and_plain_pages_only(groups, home):
    imported_object_record(**SITE, kind="posts", source_id="1", target=home)
    imported_object_record(**SITE, kind="attachments", source_id="2", target=groups[0])
    assert [row["object_id"] for row in imported_page_ids()] == [home.pk]
    assert [row["object_id"] for row in imported_page_ids(source="wordpress")] == [home.pk]
    assert list(imported_page_ids(source="disqus")) == []


def test_the_last_runs_newest_first(db, django_assert_num_queries):
    start = datetime(2025, 8, 1, tzinfo=UTC)
    for day in (3, 1, 2):
        moment = start + timedelta(days=day)
        ImportRun.objects.create(source="wordpress", started_at=moment, finished_at=moment, files=[str(day)])
    with django_assert_num_queries(1):
        runs = import_runs_recent(limit=2)
    assert [run.files for run in runs] == [["3"], ["2"]]
    assert import_runs_recent() == runs + [ImportRun.objects.get(files=["1"])]


def test_pages_of_origin_splits_imported_from_written_pages(home):
    from_wordpress, from_disqus, typed = (article_make(home=home) for _ in range(3))
    imported_object_record(**SITE, kind="posts", source_id="1", target=from_wordpress)
    imported_object_record(
        source="disqus", source_site="x.example", kind="posts", source_id="2", target=from_disqus
    )
    stories = Page.objects.filter(pk__in=[from_wordpress.pk, from_disqus.pk, typed.pk])

    def pks(pages) -> set[int]:
        return {page.pk for page in pages}

    assert pks(pages_of_origin(pages=stories, imported=True)) == {from_wordpress.pk, from_disqus.pk}
    assert pks(pages_of_origin(pages=stories, imported=True, source="wordpress")) == {from_wordpress.pk}
    assert pks(pages_of_origin(pages=stories, imported=False)) == {typed.pk}
