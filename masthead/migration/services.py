"""Writes of the import mapping."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import ImportedObject


def imported_object_record(
    *,
    source: str,
    source_site: str,
    kind: str,
    source_id: str,
    target: models.Model,
    revision_id: int | None = None,
    digest: str = "",
    data: dict | None = None,
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
