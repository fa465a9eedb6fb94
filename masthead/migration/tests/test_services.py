"""Writes of the import mapping and of each run's record (services.py)."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from masthead.migration.models import ImportedObject
from masthead.migration.selectors import imported_object_get, imported_refs, imported_target_ids
from masthead.migration.services import import_run_record, imported_object_record, imported_objects_record_new

KEY = {"source": "wordpress", "source_site": "old.example.org", "kind": "posts", "source_id": "7"}
STARTED = datetime(2025, 8, 30, 9, tzinfo=UTC)


@pytest.mark.django_db
def test_recording_twice_updates_the_one_mapping():
    first, second = Group.objects.create(name="a"), Group.objects.create(name="b")
    imported_object_record(**KEY, target=first, digest="x")
    imported_object_record(**KEY, target=second, revision_id=5, digest="y")
    mapping = imported_object_get(**KEY)
    assert mapping.target == second and mapping.revision_id == 5
    assert imported_refs(source="wordpress", source_site="old.example.org", kind="posts") == {
        "7": (second.pk, 5, "y")
    }
    assert list(imported_target_ids(model=Group)) == [{"object_id": second.pk}]
    assert imported_object_get(**(KEY | {"source_site": "other.example.org"})) is None


@pytest.mark.django_db
def test_many_new_mappings_are_recorded_at_once_with_their_fields():
    groups = [Group.objects.create(name=f"g{i}") for i in range(3)]
    rows = [{**KEY, "source_id": str(i), "target": g, "digest": f"d{i}"} for i, g in enumerate(groups)]
    imported_objects_record_new(rows=rows)
    refs = imported_refs(source="wordpress", source_site="old.example.org", kind="posts")
    assert refs == {str(i): (g.pk, None, f"d{i}") for i, g in enumerate(groups)}
    assert imported_object_get(**(KEY | {"source_id": "1"})).target == groups[1]


@pytest.mark.django_db
def test_a_new_mapping_whose_key_exists_is_refused_whole():
    """imported_objects_record_new is for objects seen for the first time: a key already recorded
    is an error of the caller, and none of the rows is kept."""
    old, new = Group.objects.create(name="old"), Group.objects.create(name="new")
    imported_object_record(**KEY, target=old)
    with pytest.raises(IntegrityError), transaction.atomic():
        imported_objects_record_new(rows=[{**KEY, "source_id": "8", "target": new}, {**KEY, "target": new}])
    assert list(ImportedObject.objects.values_list("source_id", flat=True)) == ["7"]


@pytest.mark.django_db
def test_a_run_that_accounted_for_everything_is_recorded_as_succeeded():
    run = import_run_record(
        source="wordpress",
        files=["export.xml"],
        dry_run=False,
        started_at=STARTED,
        report={"accounted": True},
    )
    run.refresh_from_db()
    assert (run.succeeded, run.error, run.files, run.dry_run) == (True, "", ["export.xml"], False)
    assert run.finished_at > run.started_at


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("report", "error"),
    [({"accounted": True}, "The export is not WordPress's"), ({"accounted": False}, ""), ({}, "")],
    ids=["failed", "unaccounted", "no-report"],
)
def test_a_failed_or_unaccounted_run_is_kept_but_not_succeeded(report, error):
    run = import_run_record(
        source="wordpress", files=["x.xml"], dry_run=True, started_at=STARTED, report=report, error=error
    )
    run.refresh_from_db()
    assert (run.succeeded, run.error, run.report) == (False, error, report)
