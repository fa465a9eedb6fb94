"""Attachments: the old site's pictures and files become images and documents, and bodies find
them again by id or by address (a sized copy such as photo-1024x535.jpg is the original)."""

import os
import re
from pathlib import Path, PurePosixPath

from masthead.newsroom import services as newsroom
from masthead.newsroom.selectors import document_get, image_get

from ..errors import SourceError
from ..selectors import imported_object_get
from ..services import imported_object_record
from .context import WordPressImport

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}
SIZED = re.compile(r"-(?:\d+x\d+|scaled|rotated|e\d{10,})(?=\.[A-Za-z0-9]+$)")


def uploads_check(path: Path) -> Path:
    """The --uploads folder, refused up front when it cannot be read (nothing is imported)."""
    if not path.is_dir():
        raise SourceError("the uploads folder does not exist or is not a folder", file=str(path))
    try:
        os.listdir(path)
    except OSError as error:
        raise SourceError(f"the uploads folder cannot be read ({error.strerror})", file=str(path)) from error
    return path


def media_key(address: str) -> str:
    """ "https://x.org/wp-content/uploads/2019/05/Photo-1024x535.jpg" → "2019/05/photo.jpg"."""
    path = address.split("?", 1)[0].split("#", 1)[0]
    if "/uploads/" in path:
        path = path.split("/uploads/", 1)[1]
    elif "://" in path:
        path = path.split("://", 1)[1]
    return SIZED.sub("", path.strip("/")).lower()


def is_image(name: str) -> bool:
    return PurePosixPath(name.lower()).suffix in IMAGE_SUFFIXES


class MediaLibrary:
    """What bodies ask of the attachments: the image or document for an id or an address."""

    def __init__(self, context: WordPressImport):
        self.context = context
        self.by_key: dict[str, str] = {}  # media_key → attachment id
        self.targets: dict[str, tuple[str, int]] = {}  # attachment id → ("image"|"document", pk)
        self.children: dict[str, list[str]] = {}  # post id → its attached pictures' ids
        self._loaded: dict[tuple[str, int], object] = {}

    def remember(self, *, attachment_id: str, key: str, kind: str, pk: int, parent: str) -> None:
        self.by_key[key] = attachment_id
        self.targets[attachment_id] = (kind, pk)
        if parent and parent != "0" and kind == "image":
            self.children.setdefault(parent, []).append(attachment_id)

    def _target(self, attachment_id: str, url: str) -> tuple[str, int] | None:
        if attachment_id in self.targets:
            return self.targets[attachment_id]
        found = self.by_key.get(media_key(url)) if url else None
        return self.targets.get(found) if found else None

    def _load(self, target: tuple[str, int]):
        if target not in self._loaded:
            kind, pk = target
            self._loaded[target] = image_get(pk=pk) if kind == "image" else document_get(pk=pk)
        return self._loaded[target]

    def image(self, *, attachment_id: str = "", url: str = "", wanted_by: str, alt: str = ""):
        target = self._target(attachment_id, url)
        if target and target[0] == "image":
            return self._load(target)
        if not url and not attachment_id:
            return None
        return self._unavailable(url or f"attachment {attachment_id}", wanted_by=wanted_by)

    def document(self, *, attachment_id: str = "", url: str = "", wanted_by: str):
        target = self._target(attachment_id, url)
        if target and target[0] == "document":
            return self._load(target)
        return None

    def attached_images(self, *, post_id: str) -> list:
        return [self._load(self.targets[i]) for i in self.children.get(post_id, [])]

    def _unavailable(self, address: str, *, wanted_by: str):
        """A picture the export has no attachment for: the page shows "Image unavailable" in its
        place, and the report says which. One stand-in per address, kept across re-runs."""
        context = self.context
        context.report.media_missing(file=address, wanted_by=wanted_by)
        key = {
            "source": context.source,
            "source_site": context.source_site,
            "kind": "missing-media",
            "source_id": media_key(address)[:255],
        }
        mapping = imported_object_get(**key)
        if mapping is not None and mapping.target is not None:
            return mapping.target
        name = PurePosixPath(media_key(address)).name or "image"
        image = newsroom.image_create_unavailable(title=name, filename=name)
        imported_object_record(**key, target=image, data={"address": address})
        return image
