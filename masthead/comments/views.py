"""The reader's endpoints: posting (with or without JavaScript), votes, edits and thread fragments.

Forms post here directly when JavaScript is off (then we redirect back to the article, or show the
form again with the error and the typed text); the script posts the same forms with the header
X-Masthead-Fragment and gets JSON with rendered HTML to insert in place.
"""

import re

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from masthead.core.clientip import network_hash
from masthead.core.digits import digits_localize
from masthead.core.numbers import number_parse
from masthead.core.pagecache import page_cache_public, private_cache_control
from masthead.core.refusal import Refusal, refusal_json

from . import http_adapter, selectors, services
from .form_extensions import comment_extensions
from .identity import reader_from_request, reader_remember
from .models import Status
from .tokens import posted_token_issue

PATH_RE = re.compile(r"[0-9a-z]*")


def _page_or_404(request, page_id: int):
    page = http_adapter.page_for(request, page_id)
    if page is None:
        raise Http404(_("This article does not exist."))
    return page


def _for_this_reader(response, page):
    """A restricted page's discussion is for the readers let in: never in a shared cache."""
    if selectors.page_is_restricted(page=page):
        private_cache_control(response)
    return response


def _wants_fragment(request) -> bool:
    return request.headers.get("X-Masthead-Fragment") == "1"


def _posting(request, reader) -> services.Posting:
    return http_adapter.posting_from(
        request,
        reader=reader,
        honeypot=request.POST.get("fax", ""),
        form_token=request.POST.get("form_token", ""),
    )


def _error(request, page, error: Refusal, *, template="comments/form_page.html", extra=None):
    if _wants_fragment(request):
        return refusal_json(error)
    context = {
        "page": page,
        "error": error,
        "data": request.POST,
        "mode": "post",
        "extensions": comment_extensions(),
        **(extra or {}),
    }
    return render(request, template, context, status=error.status_code)


@require_POST
def comment_post_form(request, page_id: int):
    page = _page_or_404(request, page_id)
    reader = reader_from_request(request, create=True)
    try:
        comment, _verdict = services.comment_create(
            page=page, data=request.POST.dict(), posting=_posting(request, reader)
        )
    except Refusal as error:
        return _error(request, page, error)
    if _wants_fragment(request):
        response = JsonResponse(
            {
                "id": comment.pk,
                "status": comment.status,
                "message": http_adapter.status_message(comment),
                "parent": comment.parent_id,
                "root": comment.root_id,
                "html": http_adapter.comment_html(comment),
            },
            status=201,
        )
    else:
        token = posted_token_issue(comment_id=comment.pk)
        response = redirect(f"{page.get_url(request)}?posted={token}#comment-{comment.pk}")
    reader_remember(response, reader)
    return response


def _own_comment(request, comment_id: int):
    found = http_adapter.own_comment(request, comment_id)
    if found is None:
        raise Http404(_("This comment does not exist."))
    return *found, reader_from_request(request)


@require_http_methods(["GET", "POST"])
def comment_edit_form(request, comment_id: int):
    comment, page, reader = _own_comment(request, comment_id)
    if request.method == "GET":
        if not services.comment_can_edit(comment=comment, reader=reader):
            return render(request, "comments/form_page.html", {"page": page, "mode": "closed"}, status=403)
        return render(
            request,
            "comments/form_page.html",
            {"page": page, "mode": "edit", "comment": comment, "data": {"body": comment.body}},
        )
    try:
        comment, _verdict = services.comment_edit(
            comment=comment, body=request.POST.get("body", ""), posting=_posting(request, reader)
        )
    except Refusal as error:
        return _error(request, page, error, extra={"mode": "edit", "comment": comment})
    if _wants_fragment(request):
        return JsonResponse(
            {
                "id": comment.pk,
                "status": comment.status,
                # The form says "posted" after an edit too (the API says "updated").
                "message": http_adapter.status_message(comment),
                "html": http_adapter.comment_html(comment),
            }
        )
    return redirect(
        f"{page.get_url(request)}?posted={posted_token_issue(comment_id=comment.pk)}#comment-{comment.pk}"
    )


@require_http_methods(["GET", "POST"])
def comment_delete_form(request, comment_id: int):
    comment, page, reader = _own_comment(request, comment_id)
    if request.method == "GET":
        allowed = services.comment_can_edit(comment=comment, reader=reader)
        return render(
            request,
            "comments/form_page.html",
            {"page": page, "mode": "delete" if allowed else "closed", "comment": comment},
            status=200 if allowed else 403,
        )
    try:
        services.comment_delete(comment=comment, reader=reader)
    except Refusal as error:
        return _error(request, page, error, extra={"mode": "closed"})
    if _wants_fragment(request):
        return JsonResponse({"id": comment.pk, "message": _("Your comment was deleted.")})
    return redirect(f"{page.get_url(request)}#comments")


@require_POST
def comment_vote_form(request, comment_id: int):
    if not http_adapter.comment_reachable(request, comment_id, missing=False):
        raise Http404(_("This comment does not exist."))
    reader = reader_from_request(request, create=True)
    try:
        value = int(request.POST.get("value", ""))
        result = services.comment_vote(
            comment_id=comment_id, reader=reader, value=value, network=network_hash(request)
        )
    except ValueError:
        return JsonResponse({"error": _("A vote is up (1), down (-1) or withdrawn (0).")}, status=400)
    except Refusal as error:
        if not _wants_fragment(request) and error.status_code == 409 and value:
            # Without JavaScript, pressing the same arrow again withdraws the vote.
            return _vote_withdraw(request, comment_id, reader)
        return JsonResponse({"error": error.message, "code": error.code}, status=error.status_code)
    return _vote_response(request, comment_id, reader, result)


def _vote_withdraw(request, comment_id: int, reader):
    result = services.comment_vote(comment_id=comment_id, reader=reader, value=0)
    return _vote_response(request, comment_id, reader, result)


def _vote_response(request, comment_id: int, reader, result):
    if _wants_fragment(request):
        response = JsonResponse({"up": result.up, "down": result.down, "value": result.value})
    else:
        page = http_adapter.page_for(request, selectors.comment_page_id(comment_id=comment_id))
        response = redirect(f"{page.get_url(request)}#comment-{comment_id}")
    reader_remember(response, reader)
    return response


def _public(response, seconds: int = 10):
    patch_cache_control(response, public=True, max_age=seconds)
    # The script's fragment and the page without JavaScript share the address.
    patch_vary_headers(response, ("X-Masthead-Fragment",))
    return response


@require_GET
@page_cache_public(params=("sort", "cursor"))
def thread_fragment(request, page_id: int):
    """The HTML of one page of a thread (sort, cursor): "View all comments" and sorting."""
    page = _page_or_404(request, page_id)
    thread = selectors.thread_page(
        page_id=page_id, sort=request.GET.get("sort", ""), cursor=request.GET.get("cursor", "")
    )
    html = render_to_string("comments/_roots.html", {"thread": thread, "page_id": page_id}, request=request)
    response = HttpResponse(html)
    response["X-Next-Cursor"] = thread.next_cursor
    return _for_this_reader(response, page)


@require_GET
def replies_fragment(request, root_id: int):
    root = selectors.comment_approved(comment_id=root_id)
    page = http_adapter.page_for(request, root.page_id) if root else None
    if page is None:
        raise Http404(_("This comment does not exist."))
    after = request.GET.get("after", "")[:255]
    # A path is base-36 segments; anything else (a NUL, which PostgreSQL refuses) starts at the top.
    replies = selectors.replies_more(root_id=root_id, after_path=after if PATH_RE.fullmatch(after) else "")
    if _wants_fragment(request):
        html = render_to_string("comments/_replies.html", {"replies": replies}, request=request)
        if selectors.page_is_restricted(page=page):
            return _for_this_reader(HttpResponse(html), page)
        return _public(HttpResponse(html))
    response = render(request, "comments/replies_page.html", {"page": page, "root": root, "replies": replies})
    return _for_this_reader(response, page)


@require_GET
@page_cache_public(params=("after",))
def new_fragment(request, page_id: int):
    page = _page_or_404(request, page_id)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    items = selectors.comments_newer(page_id=page_id, after_id=after)
    html = render_to_string("comments/_replies.html", {"replies": items, "new": True}, request=request)
    return _for_this_reader(HttpResponse(html), page)


def comments_count_label(count: int) -> str:
    """ "N Comments" as the discussion's heading says it (the same catalog entry)."""
    label = ngettext("%(counter)s Comment", "%(counter)s Comments", count) % {"counter": count}
    return digits_localize(label)


@require_GET
def thread_poll(request, page_id: int):
    """A cheap 'has anything changed?' for the live notice: answers 304 while nothing has."""
    _page_or_404(request, page_id)
    state = selectors.discussion_state(page_id=page_id)
    etag = f'"{state["approved_count"]}-{state["last_comment_id"]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        count, seen = state["approved_count"], request.GET.get("seen", "")
        seen = number_parse(seen)
        new = max(count - seen, 0) if seen is not None else 0
        new_label = ngettext("%(count)s new comment", "%(count)s new comments", new) % {"count": new}
        # The labels in the reader's language, each plural form right (Arabic has six).
        response = JsonResponse(
            {
                "count": count,
                "last": state["last_comment_id"],
                "closed": state["is_closed"],
                "label": comments_count_label(count),
                "new_label": digits_localize(new_label),
            }
        )
    response["ETag"] = etag
    # private keeps it out of the full-page cache, which would answer 200 to every poll.
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_GET
def reader_state(request, page_id: int):
    """Per-reader state, never in the cached page: own votes and own (pending) comments; only
    while the article's page would show to this request."""
    _page_or_404(request, page_id)
    reader = reader_from_request(request)
    state = selectors.reader_state(
        page_id=page_id, voter=reader.voter, user_id=reader.user_id, key_hash=reader.key_hash
    )
    own = [
        {
            "id": c.pk,
            "parent": c.parent_id,
            "root": c.root_id,
            "status": c.status,
            "editable": services.comment_can_edit(comment=c, reader=reader),
            "body": c.body,
            "html": http_adapter.comment_html(c) if c.status == Status.PENDING else "",
        }
        for c in state["own"]
    ]
    user = reader.user
    response = JsonResponse(
        {
            "votes": state["votes"],
            "own": own,
            "user": {"name": user.get_full_name() or user.get_username()} if user else None,
        }
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def form_token(request, page_id: int):
    _page_or_404(request, page_id)
    issuer = getattr(settings, "COMMENTS_FORM_TOKEN_ISSUER", "masthead.comments.tokens.form_token_issue")
    response = JsonResponse({"token": import_string(issuer)(page_id=page_id)})
    patch_cache_control(response, private=True, no_store=True)
    return response
