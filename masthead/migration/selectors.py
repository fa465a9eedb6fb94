"""Reads of the import mapping: which Masthead object a source object became."""

from typing import Any, NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Page

from .models import ImportedObject, ImportRun

PAGE_KINDS = ("posts", "pages")  # the mapping kinds whose targets are pages


class ImportedRef(NamedTuple):
    """A light copy of a mapping row, for look-ups over a whole import without model instances."""

    object_id: int
    revision_id: int | None
    digest: str


def imported_object_get(*, source: str, source_site: str, kind: str, source_id: str) -> ImportedObject | None:
    return ImportedObject.objects.filter(
        source=source, source_site=source_site, kind=kind, source_id=str(source_id)
    ).first()


def imported_refs(*, source: str, source_site: str, kind: str) -> dict[str, ImportedRef]:
    """Every mapping of one kind from one site, by source id: one query for a whole re-run."""
    rows = ImportedObject.objects.filter(source=source, source_site=source_site, kind=kind).values_list(
        "source_id", "object_id", "revision_id", "digest"
    )
    return {
        source_id: ImportedRef(object_id, revision_id, digest)
        for source_id, object_id, revision_id, digest in rows.iterator(chunk_size=5000)
    }


def imported_target_ids(
    *, model: type[models.Model], source: str | None = None
) -> models.QuerySet[ImportedObject, Any]:
    """The ids of `model`'s objects that came from an import (from `source`, when given)."""
    rows = ImportedObject.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if source:
        rows = rows.filter(source=source)
    return rows.values("object_id")


def imported_page_ids(*, source: str | None = None) -> models.QuerySet[ImportedObject, Any]:
    """The ids of pages (stories and plain pages) that came from an import (from `source`)."""
    rows = ImportedObject.objects.filter(kind__in=PAGE_KINDS)
    if source:
        rows = rows.filter(source=source)
    return rows.values("object_id")


def pages_of_origin(
    *, pages: models.QuerySet[Page, Any], imported: bool, source: str | None = None
) -> models.QuerySet[Page, Any]:
    """Those of `pages` that came from an import (from `source`, when given), or, with
    imported=False, those written in Masthead (the admin's "Pages by origin" filter)."""
    ids = imported_page_ids(source=source)
    return pages.filter(pk__in=ids) if imported else pages.exclude(pk__in=ids)


def import_runs_recent(*, limit: int = 5) -> list[ImportRun]:
    """The last runs, newest first (one query)."""
    return list(ImportRun.objects.order_by("-finished_at", "-pk")[:limit])
