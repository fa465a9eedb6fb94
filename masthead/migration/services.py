"""Writes of the import mapping and of the record of each run."""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import ImportedObject, ImportRun


def imported_object_record(
    *,
    source: str,
    source_site: str,
    kind: str,
    source_id: str,
    target: models.Model,
    revision_id: int | None = None,
    digest: str = "",
    data: dict[str, Any] | None = None,
) -> ImportedObject:
    """Records (or moves) the mapping of one source object to the object it became."""
    mapping, _ = ImportedObject.objects.update_or_create(
        source=source,
        source_site=source_site,
        kind=kind,
        source_id=str(source_id),
        defaults={
            "content_type": ContentType.objects.get_for_model(target, for_concrete_model=False),
            "object_id": target.pk,
            "revision_id": revision_id,
            "digest": digest,
            "data": data or {},
        },
    )
    return mapping


def imported_objects_record_new(*, rows: list[dict[str, Any]]) -> None:
    """Records the mappings of many source objects seen for the first time (no row has their
    keys yet), in one statement per few hundred; each row has imported_object_record's fields."""
    ImportedObject.objects.bulk_create(
        [
            ImportedObject(
                **{name: value for name, value in row.items() if name != "target"},
                content_type=ContentType.objects.get_for_model(row["target"], for_concrete_model=False),
                object_id=row["target"].pk,
            )
            for row in rows
        ],
        batch_size=500,
    )


def import_run_record(
    *,
    source: str,
    files: list[str],
    dry_run: bool,
    started_at: datetime,
    report: dict[str, Any],
    error: str = "",
) -> ImportRun:
    """Keeps the account of a finished run, failed ones and dry runs too (outside the import's
    own transaction, which a failure or a dry run rolls back)."""
    return ImportRun.objects.create(
        source=source,
        files=files,
        dry_run=dry_run,
        started_at=started_at,
        finished_at=timezone.now(),
        succeeded=not error and report.get("accounted", False),
        error=error,
        report=report,
    )
