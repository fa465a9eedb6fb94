"""The records of an export, section by section, read in chunks (flat memory, few queries)."""

import gc
from collections.abc import Callable, Iterator
from typing import Any

from django.db.models import Prefetch
from wagtail.documents import get_document_model
from wagtail.models import Revision

from masthead.comments.models import Comment
from masthead.funding.models import Campaign, Gift, Pledge
from masthead.inline.models import Anchor
from masthead.newsroom.models import ArticleAuthor, ArticlePage, Author, NewsImage, PlainPage, Topic
from masthead.subscriptions.models import Subscription, SubscriptionStatus

CHUNK = 500


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _file_name(field) -> str:
    return field.name if field else ""


def _in_edition(queryset, language: str | None, field: str = "locale__language_code"):
    return queryset.filter(**{field: language}) if language else queryset


def authors(language: str | None) -> Iterator[dict[str, Any]]:
    for author in (
        _in_edition(Author.objects.select_related("locale"), language).order_by("pk").iterator(CHUNK)
    ):
        yield {
            "id": author.pk,
            "language": author.locale.language_code,
            "translation_key": str(author.translation_key),
            "name": author.name,
            "slug": author.slug,
            "role": author.role,
            "bio": author.bio,
            "photo": author.photo_id,
        }


def topics(language: str | None) -> Iterator[dict[str, Any]]:
    for topic in _in_edition(Topic.objects.select_related("locale"), language).order_by("pk").iterator(CHUNK):
        yield {
            "id": topic.pk,
            "language": topic.locale.language_code,
            "translation_key": str(topic.translation_key),
            "name": topic.name,
            "slug": topic.slug,
            "description": topic.description,
        }


def tags(language: str | None) -> Iterator[dict[str, Any]]:
    from taggit.models import Tag

    for tag in Tag.objects.order_by("pk").iterator(CHUNK):
        yield {"id": tag.pk, "name": tag.name, "slug": tag.slug}


def images(language: str | None) -> Iterator[dict[str, Any]]:
    for image in NewsImage.objects.order_by("pk").iterator(CHUNK):
        yield {
            "id": image.pk,
            "title": image.title,
            "file": _file_name(image.file),
            "width": image.width,
            "height": image.height,
            "caption": image.caption,
            "credit": image.credit,
            "can_distribute": image.can_distribute,
            "created_at": _when(image.created_at),
        }


def documents(language: str | None) -> Iterator[dict[str, Any]]:
    for document in get_document_model().objects.order_by("pk").iterator(CHUNK):
        yield {
            "id": document.pk,
            "title": document.title,
            "file": _file_name(document.file),
            "created_at": _when(document.created_at),
        }


def _revision_dates(page_ids: list[int]) -> dict[int, list[str]]:
    dates: dict[int, list[str]] = {}
    rows = Revision.page_revisions.filter(object_id__in=[str(pk) for pk in page_ids]).order_by("created_at")
    for object_id, created_at in rows.values_list("object_id", "created_at"):
        dates.setdefault(int(object_id), []).append(created_at.isoformat())
    return dates


def _page_record(page, kind: str, revisions: dict[int, list[str]]) -> dict[str, Any]:
    return {
        "id": page.pk,
        "type": kind,
        "language": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "title": page.title,
        "slug": page.slug,
        "url_path": page.url_path,
        "live": page.live,
        "first_published_at": _when(page.first_published_at),
        "last_published_at": _when(page.last_published_at),
        "revisions": revisions.get(page.pk, []),
        "body": page.body.get_prep_value(),
        "html": str(page.body),
    }


def _chunks(queryset) -> Iterator[list]:
    """Pages in chunks, each chunk with its prefetches (prefetching needs whole chunks)."""
    last = 0
    while chunk := list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        yield chunk
        last, chunk = chunk[-1].pk, []
        # A page and its prefetched bylines and blocks point at each other: freed only by the
        # cycle collector, whose full passes grow rarer as the heap grows (10,000 pages: +34 MB).
        gc.collect()


def _page_records(queryset, kind: str, fields: Callable[[Any], dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Pages of one kind, a chunk at a time: each record with its revisions' dates and the
    fields of its kind (`fields`)."""
    for chunk in _chunks(queryset):
        revisions = _revision_dates([page.pk for page in chunk])
        for page in chunk:
            yield _page_record(page, kind, revisions) | fields(page)


def _article_fields(page: ArticlePage) -> dict[str, Any]:
    return {
        "standfirst": page.standfirst,
        "authors": [byline.author_id for byline in page.bylines.all()],
        "topics": sorted(topic.pk for topic in page.topics.all()),
        "tags": sorted(tag.name for tag in page.tags.all()),
        "lead_image": page.lead_image_id,
        "correction": page.correction,
    }


def _plain_page_fields(page: PlainPage) -> dict[str, Any]:
    return {"allow_discussion": page.allow_discussion}


def pages(language: str | None) -> Iterator[dict[str, Any]]:
    articles = (
        _in_edition(ArticlePage.objects, language)
        .select_related("locale")
        .prefetch_related(
            Prefetch("bylines", queryset=ArticleAuthor.objects.order_by("sort_order")), "topics", "tags"
        )
    )
    yield from _page_records(articles, "article", _article_fields)
    plain = _in_edition(PlainPage.objects, language).select_related("locale")
    yield from _page_records(plain, "page", _plain_page_fields)


def comments(language: str | None) -> Iterator[dict[str, Any]]:
    anchors = {
        anchor["comment_id"]: anchor
        for anchor in Anchor.objects.values(
            "comment_id", "exact", "prefix", "suffix", "start", "end", "state"
        )
    }
    in_edition = _in_edition(Comment.objects, language, "page__locale__language_code")
    for comment in in_edition.order_by("pk").iterator(CHUNK):
        anchor = anchors.get(comment.pk)
        yield {
            "id": comment.pk,
            "page": comment.page_id,
            "parent": comment.parent_id,
            "root": comment.root_id,
            "depth": comment.depth,
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": comment.author_url,
            "user": comment.user_id,
            "role": comment.role,
            "body": comment.body,
            "html": comment.body_html,
            "status": comment.status,
            "pinned": comment.is_pinned,
            "created_at": _when(comment.created_at),
            "edited_at": _when(comment.edited_at),
            "up": comment.up,
            "down": comment.down,
            "anchor": {k: v for k, v in anchor.items() if k != "comment_id"} if anchor else None,
        }


def subscriptions(language: str | None) -> Iterator[dict[str, Any]]:
    confirmed = Subscription.objects.filter(status=SubscriptionStatus.ACTIVE).select_related("subscriber")
    for subscription in (
        _in_edition(confirmed, language, "subscriber__language").order_by("pk").iterator(CHUNK)
    ):
        subscriber = subscription.subscriber
        yield {
            "id": subscription.pk,
            "email": subscriber.email,
            "name": subscriber.name,
            "language": subscriber.language,
            "frequency": subscriber.frequency,
            "scope": subscription.scope,
            "page": subscription.page_id,
            "comment": subscription.comment_id,
            "confirmed_at": _when(subscription.confirmed_at),
        }


def campaigns(language: str | None) -> Iterator[dict[str, Any]]:
    for campaign in Campaign.objects.order_by("pk").iterator(CHUNK):
        yield {
            "id": campaign.pk,
            "slug": campaign.slug,
            "name": campaign.name,
            "currency": campaign.currency,
            "period_kind": campaign.period_kind,
            "starts_on": _when(campaign.starts_on),
            "ends_on": _when(campaign.ends_on),
            "goal_minor": campaign.goal_minor,
            "markers_minor": campaign.markers_minor,
            "active": campaign.active,
        }


def gifts(language: str | None) -> Iterator[dict[str, Any]]:
    for gift in Gift.objects.order_by("pk").iterator(CHUNK):
        yield {
            "id": gift.pk,
            "campaign": gift.campaign_id,
            "period_start": _when(gift.period_start),
            "amount_minor": gift.amount_minor,
            "refunded_minor": gift.refunded_minor,
            "currency": gift.currency,
            "kind": gift.kind,
            "status": gift.status,
            "email": gift.email,
            "donor_name": gift.donor_name,
            "paid_at": _when(gift.paid_at),
            "payment_intent_id": gift.payment_intent_id,
            "invoice_id": gift.invoice_id,
            "subscription_id": gift.subscription_id or None,
        }


def pledges(language: str | None) -> Iterator[dict[str, Any]]:
    for pledge in Pledge.objects.order_by("pk").iterator(CHUNK):
        yield {
            "id": pledge.pk,
            "campaign": pledge.campaign_id,
            "subscription_id": pledge.subscription_id,
            "email": pledge.email,
            "amount_minor": pledge.amount_minor,
            "currency": pledge.currency,
            "status": pledge.status,
            "created_at": _when(pledge.created_at),
            "canceled_at": _when(pledge.canceled_at),
        }


SECTIONS = {
    "authors": authors,
    "topics": topics,
    "tags": tags,
    "images": images,
    "documents": documents,
    "pages": pages,
    "comments": comments,
    "subscriptions": subscriptions,
    "campaigns": campaigns,
    "gifts": gifts,
    "pledges": pledges,
}
