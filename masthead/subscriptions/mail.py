"""The mails themselves: notifications and confirmations, in the reader's language, safe to read."""

import hashlib
from dataclasses import dataclass
from email.utils import formataddr
from html.parser import HTMLParser
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from masthead.comments.markdown_body import comment_html_clean
from masthead.core.absoluteurl import absolute_reverse, absolute_url
from masthead.core.mail import header_value_check, mail_build, message_id
from masthead.core.sitename import site_name

from . import bounce_proof, tokens
from .models import Kind, Subscriber

_BLOCKS = {"p", "br", "blockquote", "pre", "ul", "ol", "li"}


class _TextExtractor(HTMLParser):
    """Plain text of sanitised comment HTML: paragraphs as blank lines, links as "text <url>"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href = ""

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "a":
            self._href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag == "a" and self._href:
            self.parts.append(f" <{self._href}>")
            self._href = ""
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def mail_text_from_html(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [" ".join(line.split()) for line in "".join(extractor.parts).splitlines()]
    text, blank = [], False
    for line in lines:
        if line or not blank:
            text.append(line)
        blank = not line
    return "\n".join(text).strip()


def page_url(page) -> str:
    parts = page.get_url_parts()
    return absolute_url(parts[2] if parts else "/")


@dataclass(frozen=True)
class CommentPart:
    """One comment as every mail shows it; built once per comment, whoever receives it."""

    comment_id: int
    kind: str
    author_name: str
    page_title: str
    url: str
    html: str
    text: str


def comment_part(*, comment, kind: str, page_urls: dict) -> CommentPart:
    page = comment.page
    if page.pk not in page_urls:
        page_urls[page.pk] = page_url(page)
    html = comment_html_clean(html=comment.body_html or "")
    url = page_urls[page.pk] + f"#comment-{comment.pk}"
    if kind == Kind.HELD:
        url = _moderation_url(comment.pk)
    return CommentPart(
        comment.pk,
        kind,
        comment.author_name,
        page.title,
        url,
        mark_safe(html),  # noqa: S308
        mail_text_from_html(html),
    )


def _moderation_url(comment_id: int) -> str:
    """The moderation app's page for this comment (its admin queue), else the admin's home."""
    for name, args in (("moderation_comments:inspect", [comment_id]), ("moderation_comments:list", [])):
        try:
            return absolute_reverse(name, args=args)
        except NoReverseMatch:
            continue
    return absolute_reverse("wagtailadmin_home")


def _from_address(language: str) -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    if "<" in sender:
        return sender
    return formataddr((header_value_check(site_name(language), field="site"), sender))


def _to_address(subscriber: Subscriber) -> str:
    name = header_value_check(subscriber.name, field="name")
    return formataddr((name, subscriber.email)) if name else subscriber.email


def _subject(parts: list[CommentPart]) -> str:
    count, titles = len(parts), {p.page_title for p in parts}
    if all(p.kind == Kind.HELD for p in parts):
        return ngettext(
            "A comment is waiting for moderation", "%(count)s comments are waiting for moderation", count
        ) % {"count": count}
    if len(titles) == 1:
        # Plain quotes: an ASCII subject needs no RFC 2047 encoding, measurably cheaper per mail.
        return ngettext('New comment on "%(title)s"', '%(count)s new comments on "%(title)s"', count) % {
            "count": count,
            "title": titles.pop(),
        }
    return ngettext("%(count)s new comment on %(site)s", "%(count)s new comments on %(site)s", count) % {
        "count": count,
        "site": site_name(),
    }


def _leave_url(token: str) -> str:
    return absolute_reverse("subscriptions:leave", kwargs={"token": token})


# Stands for the reader's own unsubscribe link while the shared body is rendered.
_LEAVE_PLACEHOLDER = "https://leave.invalid/PLACEHOLDER"


@dataclass(frozen=True)
class Rendered:
    """The subject and bodies of a mail, shared by every reader of one language who gets the
    same comments (10,000 followers of one article need one rendering, not 10,000)."""

    language: str
    subject: str
    text: str
    html: str


def notification_render(*, parts: list[CommentPart], language: str) -> Rendered:
    with translation.override(language):
        context = {
            "parts": parts,
            "leave_url": _LEAVE_PLACEHOLDER,
            "site_name": site_name(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
            "LANGUAGE_CODE": translation.get_language(),
        }
        subject = header_value_check(_subject(parts), field="subject")
        return Rendered(
            language,
            subject,
            render_to_string("subscriptions/mail/notification.txt", context),
            render_to_string("subscriptions/mail/notification.html", context),
        )


def notification_message(
    *, subscriber: Subscriber, rendered: Rendered, subscription_ids: list[int], delivery_ids: list[int]
) -> EmailMultiAlternatives:
    """One reader's mail with every comment of this window. Raises Refusal when a
    header would carry a line break: nothing may then be sent.

    Its Message-ID is made of the deliveries it carries: the mail sent again for a claim whose
    worker died (perhaps after the server had accepted it) carries the same one."""
    token = tokens.leave_token(subscriber_id=subscriber.pk, subscription_ids=subscription_ids)
    with translation.override(rendered.language):
        leave_url = _leave_url(token)
    mailto = f"mailto:{settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO}?subject={quote('unsubscribe ' + token)}"
    text = rendered.text.replace(_LEAVE_PLACEHOLDER, leave_url)
    return mail_build(
        kind="notification",
        subject=rendered.subject,
        text=text,
        html=rendered.html.replace(_LEAVE_PLACEHOLDER, leave_url),
        from_email=_from_address(rendered.language),
        to=[_to_address(subscriber)],
        headers={
            "List-Unsubscribe": f"<{leave_url}>, <{mailto}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Message-ID": message_id(_notification_local(subscriber.pk, delivery_ids)),
            bounce_proof.HEADER: bounce_proof.bounce_header(email=subscriber.email),
        },
    )


def _notification_local(subscriber_id: int, delivery_ids: list[int]) -> str:
    """`notification-<address id>-<first delivery>-<digest of them all>`: readable in a log, and
    different for any other set of deliveries (each is mailed once, so the set names the mail)."""
    ids = sorted(delivery_ids)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    return f"notification-{subscriber_id}-{ids[0]}-{digest}"


def confirmation_message(*, subscription, token: str, request: str) -> EmailMultiAlternatives:
    """The link's mail. `request` names the asking it answers (the link hash it replaces), so a
    copy sent again after a worker's crash carries the same Message-ID."""
    subscriber = subscription.subscriber
    with translation.override(subscriber.language):
        confirm_url = absolute_reverse("subscriptions:confirm", kwargs={"token": token})
        context = {
            "confirm_url": confirm_url,
            "site_name": site_name(),
            "scope_label": subscription.get_scope_display(),
            "page_title": subscription.page.title if subscription.page_id else "",
            "hours": settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 3600,
            "LANGUAGE_BIDI": translation.get_language_bidi(),
            "LANGUAGE_CODE": translation.get_language(),
        }
        subject = _("Confirm your subscription to %(site)s") % {"site": site_name()}
        text = render_to_string("subscriptions/mail/confirm.txt", context)
        html = render_to_string("subscriptions/mail/confirm.html", context)
    return mail_build(
        kind="confirmation",
        subject=subject,
        text=text,
        html=html,
        from_email=_from_address(subscriber.language),
        to=[_to_address(subscriber)],
        headers={
            "Auto-Submitted": "auto-generated",
            bounce_proof.HEADER: bounce_proof.bounce_header(email=subscriber.email),
            "Message-ID": message_id(f"confirm-{subscription.pk}-{request[:16]}"),
        },
    )
