"""Attachment items become images (caption, alt text, credit) or documents, their files read from
--uploads or fetched from the old site with --fetch-media, a batch at a time."""

import re
from html import unescape
from pathlib import PurePosixPath

from django.utils.html import strip_tags

from masthead.newsroom import services as newsroom
from masthead.newsroom.selectors import document_get, image_get

from ..selectors import imported_object_get
from ..services import imported_object_record
from .context import WordPressImport
from .digest import digest
from .fetching import FetchFailed, fetch_many
from .media import MediaLibrary, is_image, media_key
from .wxr import Record

KIND = "attachments"
BATCH = 16
CREDIT = re.compile(r's:6:"credit";s:\d+:"([^"]*)"')


class AttachmentImporter:
    """Collects attachment items and imports them a batch at a time (files fetched together)."""

    def __init__(self, *, context: WordPressImport, media: MediaLibrary):
        self.context, self.media = context, media
        self.pending: list[Record] = []

    def add(self, record: Record) -> None:
        if not self.context.first_time(KIND, record.get("wp:post_id")):
            return
        self.context.report.found(KIND)
        self.pending.append(record)
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        wanted = [r for r in batch if self._needs_file(r)]
        fetched = self._fetch(wanted) if self.context.fetch_media and not self.context.uploads else {}
        for record in batch:
            self._import(record, fetched)

    def _fingerprint(self, record: Record) -> str:
        return digest(_path(record), _title(record), _caption(record), _alt(record), _credit(record))

    def _needs_file(self, record: Record) -> bool:
        mapping = imported_object_get(**self.context.key(KIND, record.get("wp:post_id")))
        return mapping is None or not mapping.data.get("available")

    def _fetch(self, records: list[Record]) -> dict:
        return fetch_many([r.get("wp:attachment_url") for r in records if r.get("wp:attachment_url")])

    def _data(self, record: Record, fetched: dict) -> bytes | str:
        """The file's bytes, or why it is missing."""
        path = _path(record)
        if self.context.uploads is not None:
            try:
                return (self.context.uploads / path).read_bytes()
            except OSError as error:
                return f"not in the uploads folder ({error.strerror})"
        result = fetched.get(record.get("wp:attachment_url"))
        if isinstance(result, bytes):
            return result
        if isinstance(result, FetchFailed):
            return f"could not be fetched ({result})"
        return "no file given (use --uploads or --fetch-media)"

    def _import(self, record: Record, fetched: dict) -> None:
        context, report = self.context, self.context.report
        attachment_id = record.get("wp:post_id")
        mapping = imported_object_get(**context.key(KIND, attachment_id))
        fingerprint = self._fingerprint(record)
        image_wanted = is_image(_path(record))
        target = _existing(mapping)
        available = bool(mapping and mapping.data.get("available")) and target is not None
        data = None if available else self._data(record, fetched)
        if isinstance(data, str):
            report.media_missing(file=_path(record), wanted_by=f"attachment {attachment_id}: {data}")
            if not image_wanted and target is None:
                report.skipped(KIND, "file missing")
                return
        outcome, target, available = self._write(record, target, data, image_wanted, available)
        getattr(report, outcome)(KIND)
        if outcome != "unchanged" or mapping.digest != fingerprint:
            imported_object_record(
                **context.key(KIND, attachment_id),
                target=target,
                digest=fingerprint,
                data={"path": _path(record), "available": available, "parent": record.get("wp:post_parent")},
            )
        self.media.remember(
            attachment_id=attachment_id,
            key=media_key(_path(record)),
            kind="image" if image_wanted else "document",
            pk=target.pk,
            parent=record.get("wp:post_parent"),
        )

    def _write(self, record: Record, target, data, image_wanted: bool, available: bool):
        """Creates or updates the image or document; returns (outcome, target, file available)."""
        name = PurePosixPath(_path(record)).name or f"attachment-{record.get('wp:post_id')}"
        has_file = isinstance(data, bytes)
        if not image_wanted:
            if target is None:
                return (
                    "imported",
                    newsroom.document_create(title=_title(record), data=data, filename=name),
                    True,
                )
            return "unchanged", target, True
        created = target is None
        if created:
            target = (
                newsroom.image_create(title=_title(record), data=data, filename=name)
                if has_file
                else newsroom.image_create_unavailable(title=_title(record), filename=name)
            )
        elif has_file:
            target = newsroom.image_file_replace(image=target, data=data, filename=name)
        described = (target.title, target.caption, target.credit, target.description)
        wanted = (_title(record)[:255], _caption(record)[:255], _credit(record)[:255], _alt(record)[:255])
        if described != wanted:
            newsroom.image_describe(
                image=target, title=wanted[0], caption=wanted[1], credit=wanted[2], alt=wanted[3]
            )
        outcome = "imported" if created else ("updated" if has_file or described != wanted else "unchanged")
        return outcome, target, available or has_file


def _existing(mapping):
    if mapping is None:
        return None
    model_get = image_get if mapping.content_type.model == "newsimage" else document_get
    return model_get(pk=mapping.object_id)


def _path(record: Record) -> str:
    attached = record.meta.get("_wp_attached_file", "")
    return attached or media_key(record.get("wp:attachment_url"))


def _title(record: Record) -> str:
    return unescape(record.get("title")) or PurePosixPath(_path(record)).name


def _caption(record: Record) -> str:
    return " ".join(unescape(strip_tags(record.get("excerpt:encoded"))).split())


def _alt(record: Record) -> str:
    return record.meta.get("_wp_attachment_image_alt", "").strip()


def _credit(record: Record) -> str:
    match = CREDIT.search(record.meta.get("_wp_attachment_metadata", ""))
    return match.group(1) if match else ""
