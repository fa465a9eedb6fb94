"""The HTML of comments in a thread, built in Python rather than with a template include.

A Django template include costs about 2 ms per comment, so a 200-comment thread page took 400 ms;
these few string formats take microseconds (bench/comments_thread.py). Every value from a reader
is escaped here, except body_html, which nh3 sanitised when the comment was written.
"""

from django.urls import reverse
from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from masthead.core.digits import digits_localize

from .models import Role, Status


def _labels() -> dict:
    return {
        "up": escape(_("Vote up")),
        "down": escape(_("Vote down")),
        "reply": escape(_("Reply")),
        "edit": escape(_("Edit")),
        "delete": escape(_("Delete")),
        "edited": escape(_("edited")),
        "pinned": escape(_("Pinned")),
        "wait": escape(_("Your comment is awaiting moderation.")),
        "roles": {value: escape(label) for value, label in Role.choices},
        "vote_url": reverse("comments:vote", args=[0]),
        "edit_url": reverse("comments:edit", args=[0]),
        "delete_url": reverse("comments:delete", args=[0]),
        "replies_url": reverse("comments:replies", args=[0]),
    }


def _url(template: str, pk: int) -> str:
    return template.replace("/0/", f"/{pk}/")


def _head(c, labels: dict) -> str:
    name = escape(c.author_name)
    if c.author_url:
        name = f'<a href="{escape(c.author_url)}" rel="nofollow ugc noopener">{name}</a>'
    else:
        name = f"<bdi>{name}</bdi>"
    parts = [
        f'<span class="c-name">{name}</span>',
        f'<span class="c-badge c-badge-{c.role}">{labels["roles"].get(c.role, "")}</span>',
    ]
    if c.is_pinned:
        parts.append(f'<span class="c-badge">{labels["pinned"]}</span>')
    when = digits_localize(formats.date_format(c.created_at, "DATETIME_FORMAT", use_l10n=True))
    stamp = c.created_at.replace(microsecond=0).isoformat()  # HTML allows at most 3 fraction digits
    parts.append(
        f'<a class="c-time" href="#comment-{c.pk}"><time datetime="{stamp}">{escape(when)}</time></a>'
    )
    if c.edited_at:
        parts.append(f'<span class="c-edited">{labels["edited"]}</span>')
    if getattr(c, "is_flat", False):
        to = escape(_("in reply to %(name)s") % {"name": "\x00"})
        name = f"<bdi>{escape(c.parent_author_name)}</bdi>"
        parts.append(f'<span class="c-to">{to.replace(chr(0), name)}</span>')
    return f'<header class="c-head">{"".join(parts)}</header>'


def _foot(c, labels: dict, own: bool) -> str:
    parts = []
    if c.status == Status.APPROVED:
        parts.append(
            f'<form class="c-vote" method="post" action="{_url(labels["vote_url"], c.pk)}">'
            f'<button type="submit" name="value" value="1" data-vote="1"><span class="visually-hidden">'
            f'{labels["up"]}</span><span aria-hidden="true">▲</span> <span data-up>{c.up}</span></button>'
            f'<button type="submit" name="value" value="-1" data-vote="-1"><span class="visually-hidden">'
            f'{labels["down"]}</span><span aria-hidden="true">▼</span> <span data-down>{c.down}</span>'
            f'</button></form><a class="c-reply" href="?replyto={c.pk}#respond" data-reply="{c.pk}">'
            f"{labels['reply']}</a>"
        )
    if own:
        parts.append(
            f'<a class="c-edit" href="{_url(labels["edit_url"], c.pk)}" data-edit="{c.pk}">'
            f'{labels["edit"]}</a> <a class="c-del" href="{_url(labels["delete_url"], c.pk)}" '
            f'data-delete="{c.pk}">{labels["delete"]}</a>'
        )
    return f'<footer class="c-foot">{"".join(parts)}</footer>'


def _item(c, labels: dict, own: bool) -> str:
    classes = f"c c-d{getattr(c, 'display_depth', 0)}"
    classes += " c-pinned" if c.is_pinned else ""
    classes += " c-held" if c.status == Status.PENDING else ""
    label = escape(_("Comment by %(name)s") % {"name": c.author_name})
    wait = f'<p class="c-wait">{labels["wait"]}</p>' if c.status == Status.PENDING else ""
    html = (
        f'<li class="{classes}" id="comment-{c.pk}" data-id="{c.pk}" data-root="{c.root_id}" '
        f'data-path="{escape(c.path)}"><article class="c-box" aria-label="{label}">{_head(c, labels)}'
        f'{wait}<div class="c-body">{c.body_html}</div>{_foot(c, labels, own)}</article>'
    )
    replies, hidden = getattr(c, "shown_replies", []), getattr(c, "hidden_replies", 0)
    if replies or hidden:
        items = "".join(_item(r, labels, False) + "</li>" for r in replies)
        html += f'<ol class="c-replies">{items}</ol>'
    if hidden:
        after = escape(replies[-1].path if replies else "")
        more = escape(ngettext("view replies (%(n)s)", "view replies (%(n)s)", hidden) % {"n": hidden})
        html += (
            f'<p class="c-more"><a href="{_url(labels["replies_url"], c.pk)}?after={after}" '
            f'data-replies="{c.pk}">{more}</a></p>'
        )
    return html


def comments_html(comments, *, own: bool = False) -> SafeString:
    """The <li> of each comment (with its shown replies and "view replies (n)")."""
    labels = _labels()
    return mark_safe("".join(_item(c, labels, own) + "</li>" for c in comments))  # noqa: S308
