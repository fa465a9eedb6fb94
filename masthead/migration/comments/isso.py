"""Reading an Isso database (SQLite): its threads and comments, opened read-only.

Isso marks its schema with SQLite's user_version: 3 since Isso 0.10 (replies one level deep),
4 added `notification`, 5 made `text` NOT NULL (Isso 0.13). Those three hold the same
meaning in the columns read here; any other version is refused with what to do about it.
Isso keeps text as Markdown and addresses already cut to their /24 or /48 network.
"""

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import SourceError
from .records import APPROVED, MARKDOWN, PENDING, REMOVED, SourceComment, SourceThread

SCHEMA_VERSIONS = (3, 4, 5)
COLUMNS = set("tid id parent created mode remote_addr text author email website likes dislikes".split())
MODES = {1: APPROVED, 2: PENDING, 4: REMOVED}  # 4: deleted but kept for its replies


def isso_open(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to a checked Isso database, or SourceError saying what is wrong."""
    name = str(path)
    if not Path(path).is_file():
        raise SourceError("no such file", file=name)
    try:
        db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise SourceError(f"not an SQLite database ({error})", file=name) from error
    if not {"threads", "comments"} <= tables:
        db.close()
        raise SourceError("not an Isso database (no threads and comments tables)", file=name)
    if version not in SCHEMA_VERSIONS:
        db.close()
        raise SourceError(
            f"Isso schema version {version}; this importer reads versions 3 to 5 (Isso 0.10 and "
            "later). Open the database once with a current Isso, which upgrades it, then import again",
            file=name,
            position="PRAGMA user_version",
        )
    missing = COLUMNS - {row[1] for row in db.execute("PRAGMA table_info(comments)")}
    if missing:
        db.close()
        raise SourceError(
            f"the comments table lacks {', '.join(sorted(missing))} (schema version {version})",
            file=name,
            position="table comments",
        )
    return db


def isso_threads(db: sqlite3.Connection) -> dict[str, SourceThread]:
    rows = db.execute("SELECT id, uri, title FROM threads")
    return {
        str(tid): SourceThread(key=str(tid), url=uri or "", title=title or "") for tid, uri, title in rows
    }


def isso_comments(db: sqlite3.Connection) -> Iterator[SourceComment]:
    query = (
        "SELECT id, tid, parent, created, mode, remote_addr, text, author, email, website, likes, dislikes "
        "FROM comments ORDER BY id"
    )
    for cid, tid, parent, created, mode, address, text, author, email, website, likes, dislikes in db.execute(
        query
    ):
        yield SourceComment(
            key=str(cid) if cid is not None else "",
            thread_key=str(tid) if tid is not None else "",
            parent_key=str(parent) if parent else "",
            author_name=author or "",
            author_email=email or "",
            author_url=website or "",
            created_at=datetime.fromtimestamp(float(created or 0), tz=UTC),
            text=(text or "").replace("\r\n", "\n").strip(),
            text_format=MARKDOWN,
            status=MODES.get(mode, PENDING),
            address=address or "",
            up=int(likes or 0),
            down=int(dislikes or 0),
            position=f"comment {cid}",
        )
