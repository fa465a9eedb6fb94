"""Writes of the newsroom: the home page, authors, topics, images and articles."""

from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import ArticleAuthor, ArticlePage, Author, EditionSnippet, HomePage, NewsImage, Topic


@transaction.atomic
def home_ensure(*, title: str) -> tuple[HomePage, bool]:
    """The site's home page, created (and made the default site's root) when there is none."""
    home = HomePage.objects.first()
    if home is not None:
        return home, False
    # Wagtail's migrations leave a plain "Welcome" page as the default site's root.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title=title, slug="home"))
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = site.hostname or "localhost"
    site.root_page, site.site_name = home, title
    site.save()
    return home, True


def image_create(
    *,
    title: str,
    data: bytes,
    filename: str,
    caption: str = "",
    credit: str = "",
    can_distribute: bool = False,
) -> NewsImage:
    image = NewsImage(
        title=title,
        caption=caption,
        credit=credit,
        can_distribute=can_distribute,
        file=ImageFile(BytesIO(data), name=filename),
    )
    image.save()
    return image


def author_create(*, name: str, slug: str, role: str = "", bio: str = "", photo=None) -> Author:
    return Author.objects.create(name=name, slug=slug, role=role, bio=bio, photo=photo)


def topic_create(*, name: str, slug: str, description: str = "") -> Topic:
    return Topic.objects.create(name=name, slug=slug, description=description)


def snippet_translate(original: EditionSnippet, *, locale: Locale, **fields) -> EditionSnippet:
    """A translation of a topic or author into `locale`, as the admin's "Translate" makes it (a
    copy, linked by its translation key), with the translated `fields` set. The slug stays the
    original's unless given, so the address only changes its language prefix."""
    copy = original.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.full_clean()
    copy.save()
    return copy


@transaction.atomic
def article_publish(
    *,
    home: HomePage,
    title: str,
    slug: str,
    standfirst: str,
    body: list,
    authors: list[Author],
    topics: list[Topic],
    lead_image: NewsImage | None = None,
    published_at=None,
) -> ArticlePage:
    """Creates an article under the home page and publishes it (as of `published_at`, if given)."""
    article = ArticlePage(title=title, slug=slug, standfirst=standfirst, body=body, lead_image=lead_image)
    article.bylines = [ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)]
    article.topics = topics
    home.add_child(instance=article)
    revision = article.save_revision()
    revision.publish()
    if published_at is not None:
        ArticlePage.objects.filter(pk=article.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        article.refresh_from_db()
    return article
