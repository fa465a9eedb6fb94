"""Reading a Disqus XML export by streaming: its threads, then its posts (comments).

Each <thread> and <post> is read and cleared as it ends, so memory holds one element at a
time, plus the small records kept for matching. Characters XML forbids are removed first (a
report line each), like in WordPress exports. Disqus's WordPress plugin names a thread
"123 http://site/?p=123" (the post id first); a post synced from WordPress has "wp_id=456".
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from ..errors import SourceError
from ..report import Report
from ..wordpress.cleaning import CleanStream
from .records import APPROVED, HTML, PENDING, REMOVED, SPAM, SourceComment, SourceThread

DSQ_ID = "{http://disqus.com/disqus-internals}id"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element, *path: str) -> str:
    for name in path:
        element = _child(element, name) if element is not None else None
    return (element.text or "").strip() if element is not None else ""


def _true(element, name: str) -> bool:
    return _text(element, name).lower() == "true"


def _when(raw: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return datetime.now(tz=UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _thread(element) -> SourceThread:
    return SourceThread(
        key=element.get(DSQ_ID, ""),
        identifier=_text(element, "id"),
        url=_text(element, "link"),
        title=_text(element, "title"),
    )


def _status(element) -> str:
    if _true(element, "isSpam"):
        return SPAM
    if _true(element, "isDeleted"):
        return REMOVED
    if _text(element, "isApproved").lower() == "false":
        return PENDING
    return APPROVED


def _post(element, line: int) -> SourceComment:
    thread, parent = _child(element, "thread"), _child(element, "parent")
    return SourceComment(
        key=element.get(DSQ_ID, "").strip(),
        thread_key=thread.get(DSQ_ID, "") if thread is not None else "",
        parent_key=parent.get(DSQ_ID, "") if parent is not None else "",
        author_name=_text(element, "author", "name") or _text(element, "author", "username"),
        author_email=_text(element, "author", "email"),
        author_url="",
        created_at=_when(_text(element, "createdAt")),
        text=_text(element, "message"),
        text_format=HTML,
        status=_status(element),
        address=_text(element, "ipAddress"),
        position=f"line {line}",
    )


def disqus_records(
    path: str | Path, *, report: Report | None, posts: bool = True
) -> Iterator[SourceThread | SourceComment]:
    """Each thread and (unless `posts` is False) post of the export, in file order. Repairs go
    to `report` (None: a second reading, whose repairs the first one reported)."""
    name = str(path)

    def repaired(line: int, what: str) -> None:
        if report is not None:
            report.repaired(file=name, position=f"line {line}", what=what)

    try:
        raw = Path(path).open("rb")  # noqa: SIM115  (closed by the caller, which reads it as a stream)
    except OSError as error:
        raise SourceError(f"cannot be read ({error.strerror or error})", file=name) from error
    with raw, _syntax_errors(name):
        depth = 0
        for event, element in etree.iterparse(
            CleanStream(raw, on_repair=repaired),
            events=("start", "end"),
            huge_tree=True,
            remove_comments=True,
        ):
            if event == "start":
                depth += 1
                if depth == 1 and _local(element.tag) != "disqus":
                    raise SourceError(
                        f"not a Disqus export (it starts with <{_local(element.tag)}>, not <disqus>)",
                        file=name,
                        position=f"line {element.sourceline}",
                    )
                continue
            depth -= 1
            if depth != 1:
                continue
            tag = _local(element.tag)
            if tag == "thread":
                yield _thread(element)
            elif tag == "post" and posts:
                yield _post(element, element.sourceline)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]


@contextmanager
def _syntax_errors(name: str):
    try:
        yield
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (0, 0)
        reason = error.msg or str(error)
        if "end of data" in reason.lower() or "premature end" in reason.lower():
            reason = f"the file ends too early, it may be truncated ({reason})"
        raise SourceError(reason, file=name, position=f"line {line}, column {column}") from error
