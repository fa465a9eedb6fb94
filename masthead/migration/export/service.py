"""Writing an export: the JSON document, alone or in a zip with the media files."""

import zipfile
from datetime import UTC, datetime
from io import TextIOWrapper
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.files.storage import default_storage

from masthead.migration.backup.manifest import masthead_version

from . import records
from .writer import SECTION_NAMES, json_stream
from .wxr import wxr_stream

FORMAT = "masthead-export"
VERSION = 1


def _header(language: str | None) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "masthead": masthead_version(),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "site": {"name": settings.SITE_NAME, "base_url": settings.BASE_URL},
        "edition": language,
    }


def export_json(out: IO[str], *, language: str | None = None) -> dict[str, int]:
    """Writes the whole export as one JSON document; returns the count per section."""
    sections = ((name, records.SECTIONS[name](language)) for name in SECTION_NAMES)
    return json_stream(out, header=_header(language), sections=sections)


def export_zip(path: Path, *, language: str | None = None) -> dict[str, int]:
    """export.json and every image and document file (under media/) in one zip."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with archive.open("export.json", "w", force_zip64=True) as raw, TextIOWrapper(raw, "utf-8") as out:
            counts = export_json(out, language=language)
        for section in ("images", "documents"):
            for record in records.SECTIONS[section](language):
                name = record["file"]
                if name and default_storage.exists(name):
                    with (
                        default_storage.open(name, "rb") as source,
                        archive.open(f"media/{name}", "w") as target,
                    ):
                        for block in iter(lambda: source.read(1 << 20), b""):
                            target.write(block)
    return counts


def export_wxr(out: IO[str], *, language: str | None = None) -> dict[str, int]:
    """One edition (the default language's unless `language` names another) as WordPress's
    export format, WXR 1.2 (docs/export-format.md, "WordPress (WXR)")."""
    return wxr_stream(out, language=language or settings.LANGUAGE_CODE)
