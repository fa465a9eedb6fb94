"""Disqus exports and Isso databases of our own making (no real site's data)."""

import sqlite3
from html import escape

ISSO_SCHEMA = """
CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0);
CREATE TRIGGER IF NOT EXISTS remove_stale_threads AFTER DELETE ON comments BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments); END;
"""  # as Isso 0.13 creates it (isso/db/__init__.py, comments.py, threads.py; user_version 5)


def isso_db(path, threads, comments, *, version: int = 5) -> str:
    """threads: (id, uri, title); comments: dicts of column → value (voters filled in)."""
    db = sqlite3.connect(path)
    db.executescript(ISSO_SCHEMA)
    db.execute(f"PRAGMA user_version = {int(version)}")
    db.executemany("INSERT INTO threads (id, uri, title) VALUES (?, ?, ?)", threads)
    for row in comments:
        row = {"voters": b"\x00" * 32, "mode": 1, "created": 1462363200.0, **row}
        db.execute(
            f"INSERT INTO comments ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608
            list(row.values()),
        )
    db.commit()
    db.close()
    return str(path)


def disqus_thread(dsq_id: str, *, identifier: str = "", link: str = "", title: str = "") -> str:
    return f"""
  <thread dsq:id="{dsq_id}">
    <id>{escape(identifier)}</id><forum>oldgazette</forum><category dsq:id="1"/>
    <link>{escape(link)}</link><title>{escape(title)}</title><message/>
    <createdAt>2015-05-01T10:00:00Z</createdAt>
    <author><email>editor@old.example.org</email><name>Editor</name><isAnonymous>false</isAnonymous></author>
    <isClosed>false</isClosed><isDeleted>false</isDeleted>
  </thread>"""


def disqus_post(
    dsq_id: str,
    thread: str,
    message: str,
    *,
    parent: str = "",
    name: str = "Reader",
    email: str = "",
    anonymous: bool = False,
    spam: bool = False,
    deleted: bool = False,
    when: str = "2015-05-02T08:30:00Z",
    ip: str = "198.51.100.23",
) -> str:
    parent_element = f'<parent dsq:id="{parent}"/>' if parent else ""
    return f"""
  <post dsq:id="{dsq_id}">
    <id/><message><![CDATA[{message.replace("]]>", "]]]]><![CDATA[>")}]]></message>
    <createdAt>{when}</createdAt>
    <isDeleted>{str(deleted).lower()}</isDeleted><isSpam>{str(spam).lower()}</isSpam>
    <author><email>{escape(email)}</email><name>{escape(name)}</name>
      <isAnonymous>{str(anonymous).lower()}</isAnonymous></author>
    <ipAddress>{ip}</ipAddress><thread dsq:id="{thread}"/>{parent_element}
  </post>"""


def disqus(*pieces: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '  <category dsq:id="1"><forum>oldgazette</forum><title>General</title>'
        "<isDefault>true</isDefault></category>" + "".join(pieces) + "\n</disqus>\n"
    )
