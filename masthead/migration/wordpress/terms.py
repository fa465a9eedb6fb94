"""Categories become topics (a nested category keeps its parent in the import data); tags become
the shared tags articles carry."""

from html import unescape

from django.utils.text import slugify

from masthead.newsroom import services as newsroom
from masthead.newsroom.models import Topic
from masthead.newsroom.selectors import snippet_free_slug, snippet_get

from ..selectors import imported_object_get
from ..services import imported_object_record
from .context import WordPressImport
from .digest import digest
from .wxr import Record


def term_import(record: Record, *, context: WordPressImport) -> None:
    """A wp:category, wp:tag or (WXR 1.1+) wp:term record."""
    if record.tag == "wp:category":
        topic_import(
            slug=record.get("wp:category_nicename"),
            name=record.get("wp:cat_name"),
            parent=record.get("wp:category_parent"),
            description=record.get("wp:category_description"),
            context=context,
        )
    elif record.tag == "wp:tag":
        tag_import(slug=record.get("wp:tag_slug"), name=record.get("wp:tag_name"), context=context)
    elif record.get("wp:term_taxonomy") == "category":
        topic_import(
            slug=record.get("wp:term_slug"),
            name=record.get("wp:term_name"),
            parent=record.get("wp:term_parent"),
            description=record.get("wp:term_description"),
            context=context,
        )
    elif record.get("wp:term_taxonomy") == "post_tag":
        tag_import(slug=record.get("wp:term_slug"), name=record.get("wp:term_name"), context=context)
    # Other taxonomies (menus, post formats, Co-Authors Plus's "author") carry no content of
    # their own: menus are rebuilt by hand, and bylines come from the items.


def topic_import(
    *, slug: str, name: str, parent: str, description: str, context: WordPressImport
) -> Topic | None:
    name = unescape(name or slug)
    slug = slug or slugify(name, allow_unicode=True)
    if not slug or not context.first_time("topics", slug):
        return context.topics.get(slug)
    report = context.report
    report.found("topics")
    if parent:
        context.topic_parents[slug] = parent
    fingerprint = digest(name, parent, description)
    mapping = imported_object_get(**context.key("topics", slug))
    topic = snippet_get(Topic, pk=mapping.object_id) if mapping else None
    if topic is None:
        free = snippet_free_slug(
            Topic, slug=slugify(slug, allow_unicode=True)[:80] or "topic", locale=context.locale
        )
        topic = newsroom.topic_create(
            name=name[:80], slug=free, description=description, locale=context.locale
        )
        report.imported("topics")
    elif mapping.digest == fingerprint:
        report.unchanged("topics")
    else:
        newsroom.snippet_update(topic, name=name[:80], description=description)
        report.updated("topics")
    if mapping is None or mapping.digest != fingerprint or mapping.object_id != topic.pk:
        data = {"parent": parent, "name": name}
        imported_object_record(**context.key("topics", slug), target=topic, digest=fingerprint, data=data)
    context.topics[slug] = topic
    return topic


def tag_import(*, slug: str, name: str, context: WordPressImport) -> str:
    name = unescape(name or slug).strip()[:100]
    slug = slug or slugify(name, allow_unicode=True)
    if not name or not context.first_time("tags", slug):
        return context.tags.get(slug, name)
    tag, created = newsroom.tag_ensure(name=name)
    context.report.found("tags")
    if created:
        context.report.imported("tags")
    else:
        context.report.unchanged("tags")
    context.tags[slug] = tag.name
    return tag.name
