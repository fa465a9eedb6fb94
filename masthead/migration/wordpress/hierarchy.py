"""WordPress page parents: a page that was a child of another page on WordPress (About → Team)
goes under that page's plain page here, so its address keeps its parent's (/about/team/).

Pages are written under the edition's home page as they come (a parent may come after its
child in the file); once all are written, the pages written in this run are moved under their
parents. A page that an import left unchanged is not moved again: an editor may have moved it."""

from collections.abc import Callable

from masthead.newsroom import services as newsroom
from masthead.newsroom.selectors import page_get

from .context import WordPressImport


class PageTree:
    def __init__(self, *, context: WordPressImport, earlier: dict):
        self.context = context
        self.earlier = earlier  # source id → ImportedRef of the pages of earlier imports
        self.placed: dict[str, int] = {}  # source id → page id of the pages written in this run
        self.wanted: list[tuple[str, int, str]] = []  # (source id, page id, parent's source id)
        self.then: list[Callable[[], None]] = []  # what waits for the pages' final addresses

    def written(self, *, post_id: str, page_id: int, parent: str) -> None:
        """A page written in this run, whose WordPress parent is `parent` ("0": none)."""
        self.placed[post_id] = page_id
        self.wanted.append((post_id, page_id, "" if parent.strip() == "0" else parent.strip()))

    def rebuild(self) -> None:
        """Moves every page written in this run under its WordPress parent, then runs what waited."""
        for post_id, page_id, parent in self.wanted:
            self._nest(post_id, page_id, parent)
        for then in self.then:
            then()

    def _nest(self, post_id: str, page_id: int, parent: str) -> None:
        ref = self.earlier.get(parent)
        parent_id = self.context.home.pk if not parent else self.placed.get(parent) or (ref and ref.object_id)
        target = page_get(pk=parent_id) if parent_id and parent != post_id else None
        if target is None:
            self._note(post_id, f"its parent page {parent} is not imported: it stays under the home page")
        elif not newsroom.page_move_under(page=page_get(pk=page_id), parent=target):
            self._note(post_id, f"its parent page {parent} is one of its own children: left where it is")

    def _note(self, post_id: str, detail: str) -> None:
        self.context.report.note(kind="pages", source_id=post_id, detail=detail)
