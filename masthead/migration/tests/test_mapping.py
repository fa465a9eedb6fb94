"""The import mapping: recorded once per source object, found again by its key."""

import pytest
from django.contrib.auth.models import Group

from masthead.migration.selectors import imported_object_get, imported_refs, imported_target_ids
from masthead.migration.services import imported_object_record


@pytest.mark.django_db
def test_recording_twice_updates_the_one_mapping():
    first, second = Group.objects.create(name="a"), Group.objects.create(name="b")
    key = {"source": "wordpress", "source_site": "old.example.org", "kind": "posts", "source_id": "7"}
    imported_object_record(**key, target=first, digest="x")
    imported_object_record(**key, target=second, revision_id=5, digest="y")
    mapping = imported_object_get(**key)
    assert mapping.target == second and mapping.revision_id == 5
    assert imported_refs(source="wordpress", source_site="old.example.org", kind="posts") == {
        "7": (second.pk, 5, "y")
    }
    assert list(imported_target_ids(model=Group)) == [{"object_id": second.pk}]
    assert imported_object_get(**(key | {"source_site": "other.example.org"})) is None
