"""Old addresses answer 301 to the new ones (Wagtail's redirects): each post's permalink, its
?p=ID short link and its guid, and the category, tag and author archives."""

from urllib.parse import quote, urlsplit

from wagtail.contrib.redirects.models import Redirect

from .context import WordPressImport

KIND = "redirects"
FLUSH_AT = 2000


class RedirectBook:
    """The redirects of this import, written only when new or changed (a re-run writes none)."""

    def __init__(self, context: WordPressImport):
        self.context = context
        self.existing = {
            old: (page_id, link)
            for old, page_id, link in Redirect.objects.filter(site__isnull=True).values_list(
                "old_path", "redirect_page_id", "redirect_link"
            )
        }
        self.done: set[str] = set()
        self.new: list[Redirect] = []  # written together (flush): one INSERT per few hundred

    def to_page(self, address: str, page) -> None:
        self._add(address, page_id=page.pk, link="", new_path=lambda: page.url or "")

    def to_path(self, address: str, path: str) -> None:
        self._add(address, page_id=None, link=path, new_path=lambda: path)

    def _add(self, address: str, *, page_id: int | None, link: str, new_path) -> None:
        """`new_path` is called only when the redirect is not already there as wanted (working out
        a page's address costs queries; a re-run should not pay them)."""
        old = Redirect.normalise_path(_path(address))
        if not old or old == "/" or old in self.done:
            return
        self.done.add(old)
        report = self.context.report
        report.found(KIND)
        current = self.existing.get(old)
        if current == (page_id, link):
            report.unchanged(KIND)
            return
        if old == Redirect.normalise_path(new_path()):
            report.skipped(KIND, "same address as before")
            return
        if current is None:
            self.new.append(Redirect(old_path=old, redirect_page_id=page_id, redirect_link=link))
            if len(self.new) >= FLUSH_AT:
                self.flush()
        else:
            Redirect.objects.filter(old_path=old, site=None).update(
                redirect_page_id=page_id, redirect_link=link, is_permanent=True
            )
        self.existing[old] = (page_id, link)
        (report.updated if current else report.imported)(KIND)

    def flush(self) -> None:
        """Writes the new redirects still held; the importer calls it once at the end."""
        new, self.new = self.new, []
        Redirect.objects.bulk_create(new, batch_size=500)


def _path(address: str) -> str:
    """The path and query of an old address ("https://old.org/2019/05/x/?a=1" → "/2019/05/x/?a=1")."""
    parts = urlsplit(address.strip())
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    return f"{path}?{parts.query}" if parts.query else path


def site_prefix(site_url: str) -> str:
    """The old site's own path ("/news" when WordPress lived at example.org/news/)."""
    return urlsplit(site_url).path.rstrip("/")
