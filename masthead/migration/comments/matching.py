"""Which article a Disqus or Isso thread belongs to: by WordPress post id, by old path, by title.

The first rule that answers wins. A post id (Disqus's identifier "123 http://…", or `?p=123`
in the old address) is certain once the WordPress import recorded it; a path or a title is a
guess, and the importer reports every guess. A title shared by two articles is no answer.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, unquote, urlsplit

POST_ID = "post_id"
PATH = "path"
TITLE = "title"


@dataclass(frozen=True)
class ThreadMatch:
    page_id: int | None
    rule: str = ""  # POST_ID, PATH or TITLE; "" when unmatched
    detail: str = ""  # what matched, or why nothing did


@dataclass
class ArticleIndex:
    """What the site knows about its articles, built once per import (see selectors)."""

    by_post_id: dict[str, int] = field(default_factory=dict)  # WordPress post id → page id
    by_path: dict[str, int] = field(default_factory=dict)  # normalised old or current path
    by_title: dict[str, list[int]] = field(default_factory=dict)  # exact title → page ids

    def add_path(self, url: str, page_id: int) -> None:
        path = path_normalise(url)
        if path:
            self.by_path.setdefault(path, page_id)

    def add_title(self, title: str, page_id: int) -> None:
        ids = self.by_title.setdefault(title.strip(), [])
        if page_id not in ids:
            ids.append(page_id)


def path_normalise(url: str) -> str:
    """The path of an address with scheme, host, query, fragment and trailing slash dropped,
    and percent-escapes written one way: http://old.example/2015/05/vote/?utm=x → /2015/05/vote."""
    if not url or not url.strip():
        return ""
    parts = urlsplit(url.strip())
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=~-._")
    path = re.sub(r"/+", "/", path).rstrip("/")
    return path or "/"


def post_id_of(*, identifier: str = "", url: str = "") -> str:
    """The WordPress post id a thread names: Disqus's WordPress plugin writes identifiers as
    "123 http://site/?p=123"; any old address may carry ?p=123 (or ?page_id=123)."""
    found = re.match(r"\s*(\d+)(\s|$)", identifier or "")
    if found:
        return found.group(1)
    for candidate in (url, identifier):
        query = parse_qs(urlsplit((candidate or "").strip()).query)
        for name in ("p", "page_id"):
            value = (query.get(name) or [""])[0]
            if value.isdigit():
                return value
    return ""


def thread_match(*, index: ArticleIndex, identifier: str = "", url: str = "", title: str = "") -> ThreadMatch:
    """The article of one thread, and which rule found it."""
    post_id = post_id_of(identifier=identifier, url=url)
    if post_id and post_id in index.by_post_id:
        return ThreadMatch(index.by_post_id[post_id], POST_ID, post_id)
    path = path_normalise(url)
    if path and path != "/" and path in index.by_path:
        return ThreadMatch(index.by_path[path], PATH, path)
    pages = index.by_title.get((title or "").strip(), []) if (title or "").strip() else []
    if len(pages) == 1:
        return ThreadMatch(pages[0], TITLE, title.strip())
    if len(pages) > 1:
        return ThreadMatch(None, "", f"{len(pages)} articles are titled {title.strip()!r}")
    return ThreadMatch(None, "", _why_not(post_id=post_id, path=path, title=title))


def _why_not(*, post_id: str, path: str, title: str) -> str:
    said = []
    if post_id:
        said.append(f"post {post_id} was not imported")
    if path and path != "/":
        said.append(f"no article at {path}")
    elif not path:
        said.append("no address")
    said.append(f"no article titled {title.strip()!r}" if (title or "").strip() else "no title")
    return "; ".join(said)
