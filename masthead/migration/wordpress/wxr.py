"""Reading WordPress exports (WXR 1.0, 1.1, 1.2; http and https namespaces) by streaming.

`wxr_records(path)` yields the site, then authors, terms and items as they come, clearing each
element once read, so memory holds one item (with its comments) whatever the file's size. A .zip
is read member by member. Unreadable input raises SourceError naming the file and the line."""

import functools
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import SourceError
from ..report import Report
from .cleaning import CleanStream

WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/$")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
RECORD_TAGS = {"wp:author", "wp:category", "wp:tag", "wp:term", "item"}
SITE_TAGS = {"wp:base_site_url", "wp:base_blog_url", "wp:wxr_version", "link", "title", "language"}


@dataclass
class Site:
    file: str
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    link: str = ""
    title: str = ""
    language: str = ""

    @property
    def url(self) -> str:
        return self.base_blog_url or self.link or self.base_site_url


@dataclass
class Record:
    """An author, term or item: its fields by prefixed name ("wp:post_id", "title"…)."""

    tag: str
    fields: dict[str, str]
    line: int
    categories: list[dict] = field(default_factory=list)  # item: {"domain", "nicename", "name"}
    meta: dict[str, str] = field(default_factory=dict)  # item: wp:postmeta key → value
    comments: list[dict] = field(default_factory=list)  # item: fields of each wp:comment, + "meta"

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name) or default


@functools.lru_cache(maxsize=512)  # a file has a few dozen distinct tags, met millions of times
def local_name(tag) -> str:
    """ "{http://wordpress.org/export/1.2/}post_id" → "wp:post_id", whatever the WXR version."""
    if not isinstance(tag, str):
        return ""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if WP_NAMESPACE.match(uri):
        return f"wp:{name}"
    if uri.startswith(("http://wordpress.org/export/", "https://wordpress.org/export/")) and uri.endswith(
        "/excerpt/"
    ):
        return f"excerpt:{name}"
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{name}" if prefix else name


def _text_children(element) -> dict[str, str]:
    return {local_name(child.tag): (child.text or "") for child in element if len(child) == 0}


def _record(element, line: int) -> Record:
    tag = local_name(element.tag)
    record = Record(tag=tag, fields=_text_children(element), line=line)
    if tag != "item":
        return record
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            record.categories.append(
                {
                    "domain": child.get("domain", ""),
                    "nicename": child.get("nicename", ""),
                    "name": child.text or "",
                }
            )
        elif name == "wp:postmeta":
            meta = _text_children(child)
            record.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            comment = _text_children(child)
            comment["meta"] = {
                m.get("wp:meta_key", ""): m.get("wp:meta_value", "")
                for m in (_text_children(c) for c in child if local_name(c.tag) == "wp:commentmeta")
            }
            record.comments.append(comment)
    return record


def wxr_records(path: str | Path, *, report: Report, note_repairs: bool = True) -> Iterator[Site | Record]:
    """The site header first (once its version is known), then each record, for one file or the
    WXR members of a .zip. Each character removed to make the XML readable is a report line."""
    path = Path(path)
    for name, raw in _streams(path):
        yield from _parse(name, raw, report if note_repairs else None)


def _streams(path: Path):
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith((".xml", ".wxr"))]
                if not members:
                    raise SourceError("the .zip holds no .xml file", file=str(path))
                for member in sorted(members):
                    with archive.open(member) as raw:
                        yield f"{path}:{member}", raw
            return
        with path.open("rb") as raw:
            yield str(path), raw
    except OSError as error:
        raise SourceError(f"cannot be read ({error.strerror or error})", file=str(path)) from error


def _parse(name: str, raw, report: Report | None) -> Iterator[Site | Record]:
    def repaired(line: int, what: str) -> None:
        if report is not None:  # None on a second reading of the same file
            report.repaired(file=name, position=f"line {line}", what=what)

    stream = CleanStream(raw, on_repair=repaired)
    site = Site(file=name)
    site_sent = False
    depth = 0
    with _syntax_errors(name, stream):
        for event, element in etree.iterparse(
            stream, events=("start", "end"), huge_tree=True, remove_comments=True
        ):
            if event == "start":
                depth += 1
                if depth == 1 and local_name(element.tag) != "rss":
                    raise SourceError(
                        f"not a WordPress export (it starts with <{local_name(element.tag)}>, not <rss>)",
                        file=name,
                        position=f"line {element.sourceline}",
                    )
                continue
            depth -= 1
            tag = local_name(element.tag)
            if depth == 2 and tag in SITE_TAGS:
                setattr(site, tag.removeprefix("wp:"), (element.text or "").strip())
            elif depth == 2 and tag in RECORD_TAGS:
                if not site_sent:
                    _require_wxr(site, name, element.sourceline)
                    site_sent = True
                    yield site
                yield _record(element, element.sourceline)
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    if not site_sent:
        _require_wxr(site, name, stream.line)
        yield site


def _require_wxr(site: Site, name: str, line: int) -> None:
    if not site.wxr_version:
        raise SourceError(
            "not a WordPress export (no <wp:wxr_version> in the channel)", file=name, position=f"line {line}"
        )


@contextmanager
def _syntax_errors(name: str, stream: CleanStream):
    try:
        yield
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (stream.line, 0)
        reason = error.msg or str(error)
        if (
            "end of data" in reason.lower()
            or "premature end" in reason.lower()
            or "not properly closed" in reason
        ):
            reason = f"the file ends too early, it may be truncated ({reason})"
        raise SourceError(reason, file=name, position=f"line {line}, column {column}") from error
