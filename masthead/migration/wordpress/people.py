"""Authors: WordPress users (wp:author) and Co-Authors Plus guest authors become Author snippets,
keyed by their login."""

from django.utils.text import slugify

from masthead.newsroom import services as newsroom
from masthead.newsroom.models import Author
from masthead.newsroom.selectors import snippet_free_slug, snippet_get

from ..selectors import imported_object_get
from ..services import imported_object_record
from .context import WordPressImport
from .digest import digest
from .wxr import Record

KIND = "authors"


def wp_author_import(record: Record, *, context: WordPressImport) -> None:
    login = record.get("wp:author_login")
    name = record.get("wp:author_display_name") or " ".join(
        filter(None, [record.get("wp:author_first_name"), record.get("wp:author_last_name")])
    )
    author_import(login=login, name=name or login, bio=record.get("wp:author_description"), context=context)


def guest_author_import(record: Record, *, context: WordPressImport) -> None:
    """A Co-Authors Plus guest author (an item of type guest-author)."""
    meta = record.meta
    login = meta.get("cap-user_login") or record.get("wp:post_name").removeprefix("cap-")
    name = meta.get("cap-display_name") or record.get("title") or login
    author_import(login=login, name=name, bio=meta.get("cap-description", ""), context=context)


def author_import(*, login: str, name: str, bio: str, context: WordPressImport) -> Author | None:
    if not login or not context.first_time(KIND, login):
        return context.authors.get(login)
    report = context.report
    report.found(KIND)
    fingerprint = digest(name, bio)
    mapping = imported_object_get(**context.key(KIND, login))
    author = snippet_get(Author, pk=mapping.object_id) if mapping else None
    if author is None:
        slug = snippet_free_slug(
            Author,
            slug=slugify(name, allow_unicode=True)[:100] or slugify(login) or "author",
            locale=context.locale,
        )
        author = newsroom.author_create(name=name, slug=slug, bio=bio, locale=context.locale)
        report.imported(KIND)
    elif mapping.digest == fingerprint:
        report.unchanged(KIND)
    else:
        newsroom.snippet_update(author, name=name, bio=bio)
        report.updated(KIND)
    if mapping is None or mapping.digest != fingerprint or mapping.object_id != author.pk:
        imported_object_record(**context.key(KIND, login), target=author, digest=fingerprint)
    context.authors[login] = author
    return author
