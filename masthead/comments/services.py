"""Writes of the discussion: post, edit, delete, moderate and vote, with counts kept exact."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import Page, TranslatableMixin

from masthead.core.pagecache import page_cache_clear
from masthead.core.ratelimit import rate_limit_hit
from masthead.core.refusal import Refusal

from . import signals
from .form_extensions import comment_extensions
from .identity import Reader, keys_match
from .markdown_body import RENDERER_VERSION, comment_render
from .models import Comment, Discussion, Role, Status, Vote
from .screening import Submission, Verdict
from .threadcache import thread_votes_changed
from .validation import CommentInput, comment_input_clean

SEGMENT_WIDTH = 4  # base-36 characters per level of `path`: 1.6 million replies per parent
MAX_DEPTH = 60  # deeper replies attach to their parent's parent (path has 255 characters)


@dataclass(frozen=True)
class Posting:
    """Where a comment comes from, as the anti-abuse pipeline needs to know it."""

    reader: Reader
    network: str
    honeypot: str = ""
    form_token: str = ""
    request: object | None = None


def _segment(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text.rjust(SEGMENT_WIDTH, "0")


def _screen(submission: Submission) -> Verdict:
    verdict: Verdict = import_string(settings.COMMENTS_SCREEN)(submission)
    return verdict


def _role(*, page: Page, user: User | None) -> str:
    if user is None:
        return Role.GUEST
    full_name = (user.get_full_name() or user.get_username()).strip().casefold()
    bylines = getattr(getattr(page, "specific", page), "authors", None) or []
    if full_name in _byline_names(bylines):
        return Role.AUTHOR
    return Role.STAFF if user.is_staff else Role.MEMBER


def _byline_names(bylines: Iterable[TranslatableMixin]) -> set[str]:
    """The names of the story's authors in every language they are translated into (a reporter
    may sign up with the Arabic spelling of the name the English byline shows)."""
    names: set[str] = set()
    for author in bylines:
        found = author.get_translations(inclusive=True).values_list("name", flat=True)
        names.update(name.strip().casefold() for name in found)
    return names


def discussion_is_open(*, page: Page) -> bool:
    """Closed by an editor, or by age when COMMENTS_CLOSE_AFTER_DAYS is set."""
    if Discussion.objects.filter(page_id=page.pk, is_closed=True).exists():
        return False
    days, first = settings.COMMENTS_CLOSE_AFTER_DAYS, page.first_published_at
    return not (days and first and (timezone.now() - first).days >= days)


def _parent_for(*, page: Page, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id, page_id=page.pk, status=Status.APPROVED).first()
    if parent is None:
        raise Refusal(
            _("The comment you are replying to no longer exists."),
            status_code=404,
            field="parent",
            code="parent_not_found",
        )
    while parent.depth >= MAX_DEPTH:
        # Deeper than a root, so it has a parent.
        parent = Comment.objects.get(pk=cast(int, parent.parent_id))
    return parent


def _apply_verdict(verdict: Verdict, *, thread_open: bool) -> str:
    """The status a screened comment gets, or Refusal with the pipeline's answer."""
    if verdict.action == "reject":
        raise Refusal(
            verdict.message or _("Your comment could not be posted."),
            status_code=verdict.status_code if verdict.status_code >= 400 else 400,
            code=verdict.public_code or verdict.reason,
        )
    if not thread_open:
        raise Refusal(_("Comments are closed."), status_code=403, code="closed")
    return Status.APPROVED if verdict.action == "approve" else Status.PENDING


def _submission(
    *,
    page: Page,
    data: CommentInput,
    posting: Posting,
    thread_open: bool,
    is_edit: bool,
    extra: dict[str, Any],
) -> Submission:
    user = posting.reader.user
    return Submission(
        page_id=page.pk,
        body=data.body,
        author_name=data.author_name,
        author_email=data.author_email,
        author_url=data.author_url,
        user_id=user.pk if user else None,
        is_staff=bool(user and user.is_staff),
        network=posting.network,
        session=posting.reader.voter,
        guest_key_hash=posting.reader.key_hash,
        honeypot=posting.honeypot,
        form_token=posting.form_token,
        thread_open=thread_open,
        is_edit=is_edit,
        extra=extra,
    )


def comment_create(*, page: Page, data: dict[str, Any], posting: Posting) -> tuple[Comment, Verdict]:
    """Validates, screens and stores a new comment (or reply); raises Refusal on refusal.

    Nothing is stored when anything refuses: validation, an extension's clean(), the pipeline.
    """
    cleaned = comment_input_clean(data=data, user=posting.reader.user)
    parent = _parent_for(page=page, parent_id=cleaned.parent_id)
    thread_open = discussion_is_open(page=page)
    # Screening (rate limits) first: the extensions compare reader input with the article (a
    # quoted passage), and unlimited guesses would read a text out one answer at a time.
    verdict = _screen(
        _submission(
            page=page,
            data=cleaned,
            posting=posting,
            thread_open=thread_open,
            is_edit=False,
            extra={"parent_id": cleaned.parent_id},
        )
    )
    status = _apply_verdict(verdict, thread_open=thread_open)
    extension_data = [
        (ext, ext.clean(page=page, data=data, user=posting.reader.user)) for ext in comment_extensions()
    ]
    with transaction.atomic():
        comment = _comment_insert(
            page=page,
            parent=parent,
            data=cleaned,
            posting=posting,
            status=status,
            reason=verdict.reason if status != Status.APPROVED else "",
        )
        for extension, ext_cleaned in extension_data:
            if ext_cleaned is not None:
                extension.attach(comment=comment, cleaned=ext_cleaned, request=posting.request)
        if status == Status.APPROVED:
            _counts_shift(comment=comment, delta=1)
        transaction.on_commit(lambda: signals.comment_posted.send(sender=Comment, comment=comment))
    return comment, verdict


def _comment_insert(
    *, page: Page, parent: Comment | None, data: CommentInput, posting: Posting, status: str, reason: str
) -> Comment:
    user = posting.reader.user
    comment = Comment(
        page_id=page.pk,
        parent=parent,
        root_id=parent.root_id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        path="",
        user=user,
        author_name=data.author_name,
        author_email=data.author_email,
        author_url=data.author_url,
        role=_role(page=page, user=user),
        parent_author_name=parent.author_name if parent else "",
        body=data.body,
        body_html=comment_render(body=data.body),
        renderer_version=RENDERER_VERSION,
        status=status,
        moderation_reason=reason[:200],
        network_hash=posting.network,
        edit_key_hash=posting.reader.key_hash,
    )
    if parent is not None:
        # The UPDATE takes the parent's row lock, so concurrent replies get distinct numbers.
        Comment.objects.filter(pk=parent.pk).update(reply_seq=F("reply_seq") + 1)
        seq = Comment.objects.filter(pk=parent.pk).values_list("reply_seq", flat=True).get()
        comment.path = parent.path + _segment(seq)
    comment.save()
    if parent is None:
        Comment.objects.filter(pk=comment.pk).update(root_id=comment.pk)
        comment.root_id = comment.pk
    return comment


def _counts_shift(*, comment: Comment, delta: int) -> None:
    """Moves the page's and the root's approved counts by delta (+1 or -1), in the caller's
    transaction, then retires cached pages and announces approvals after the commit."""
    changes = {"approved_count": F("approved_count") + delta, "last_changed_at": timezone.now()}
    if delta > 0:
        changes["last_comment_id"] = Greatest(F("last_comment_id"), comment.pk)
    if not Discussion.objects.filter(page_id=comment.page_id).update(**changes):
        try:
            with transaction.atomic():
                Discussion.objects.create(
                    page_id=comment.page_id,
                    approved_count=max(delta, 0),
                    last_changed_at=timezone.now(),
                    last_comment_id=comment.pk if delta > 0 else 0,
                )
        except IntegrityError:  # created meanwhile by a concurrent writer
            Discussion.objects.filter(page_id=comment.page_id).update(**changes)
    if comment.depth > 0:
        # A reply, so its root is set.
        root_id = cast(int, comment.root_id)
        Comment.objects.filter(pk=root_id).update(reply_count=F("reply_count") + delta)
    transaction.on_commit(page_cache_clear)
    if delta > 0:
        transaction.on_commit(lambda: signals.comment_approved.send(sender=Comment, comment=comment))


@transaction.atomic
def comment_status_set(
    *, comment: Comment, status: str, actor: User | AnonymousUser | None = None, reason: str = ""
) -> Comment:
    """Sets a comment's status (approve, spam, remove, back to pending), keeping the page's
    "N Comments" and the root's reply count exact; sends comment_approved after the commit when
    the comment becomes visible. Safe to call for many comments in a loop inside one transaction
    (bulk actions): it locks the row and reads the current status itself. `actor` is recorded
    by the caller's audit log, not here."""
    current = Comment.objects.select_for_update().get(pk=comment.pk)
    was_approved, now_approved = current.status == Status.APPROVED, status == Status.APPROVED
    Comment.objects.filter(pk=current.pk).update(status=status, moderation_reason=reason[:200])
    current.status, current.moderation_reason = status, reason[:200]
    if was_approved != now_approved:
        _counts_shift(comment=current, delta=1 if now_approved else -1)
    comment.status, comment.moderation_reason = current.status, current.moderation_reason
    return current


def comment_can_edit(*, comment: Comment, reader: Reader) -> bool:
    """The author may edit or delete within COMMENTS_EDIT_MINUTES; staff always may."""
    if reader.user is not None and reader.user.is_staff:
        return True
    if comment.status not in (Status.APPROVED, Status.PENDING):
        return False
    own = (reader.user is not None and comment.user_id == reader.user.pk) or keys_match(
        comment.edit_key_hash, reader
    )
    age = (timezone.now() - comment.created_at).total_seconds()
    return own and age <= settings.COMMENTS_EDIT_MINUTES * 60


def comment_edit(*, comment: Comment, body: str, posting: Posting) -> tuple[Comment, Verdict]:
    """Replaces the body of one's own comment within the edit window; it is screened again."""
    if not comment_can_edit(comment=comment, reader=posting.reader):
        raise Refusal(_("This comment can no longer be edited."), status_code=403, code="edit_window")
    cleaned = comment_input_clean(data={"body": body}, user=posting.reader.user, body_only=True)
    page = comment.page
    data = CommentInput(
        body=cleaned.body,
        author_name=comment.author_name,
        author_email=comment.author_email,
        author_url=comment.author_url,
        parent_id=None,
    )
    verdict = _screen(
        _submission(
            page=page,
            data=data,
            posting=posting,
            is_edit=True,
            thread_open=True,
            extra={"comment_id": comment.pk},
        )
    )
    status = _apply_verdict(verdict, thread_open=True)
    with transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(
            body=cleaned.body,
            body_html=comment_render(body=cleaned.body),
            renderer_version=RENDERER_VERSION,
            edited_at=timezone.now(),
        )
        # A held edit hides an approved comment again; an approved edit of a held comment
        # leaves it held (a moderator still has to look at it).
        if status == Status.PENDING and comment.status == Status.APPROVED:
            comment_status_set(comment=comment, status=status, reason=verdict.reason)
        transaction.on_commit(page_cache_clear)
    comment.refresh_from_db()
    return comment, verdict


def comment_delete(*, comment: Comment, reader: Reader) -> Comment:
    """The author withdraws a comment (within the edit window); its replies stay."""
    if not comment_can_edit(comment=comment, reader=reader):
        raise Refusal(_("This comment can no longer be deleted."), status_code=403, code="edit_window")
    return comment_status_set(comment=comment, status=Status.REMOVED, reason="deleted_by_author")


@dataclass(frozen=True)
class VoteResult:
    up: int
    down: int
    value: int  # the reader's vote now: 1, -1 or 0


def comment_vote(*, comment_id: int, reader: Reader, value: int, network: str = "") -> VoteResult:
    """Casts, changes (value ±1) or withdraws (value 0) one reader's vote, exactly once.

    A unique (comment, voter) row decides; the tallies move with F() in the same transaction.
    The same vote twice is refused with 409; a vote on a comment not shown to readers with 404.
    """
    if network and _vote_limit_reached(network):
        raise Refusal(
            _("Too many votes from your network. Please try again later."),
            status_code=429,
            code="vote_rate_limit",
        )
    if value not in (1, -1, 0):
        raise Refusal(_("A vote is up (1), down (-1) or withdrawn (0)."), status_code=400, code="vote_value")
    try:
        with transaction.atomic():
            return _vote_apply(comment_id=comment_id, reader=reader, value=value, network=network)
    except IntegrityError as error:  # another request of the same voter inserted first
        raise Refusal(
            _("You have already voted on this comment."), status_code=409, code="vote_duplicate"
        ) from error


def _vote_limit_reached(network: str) -> bool:
    """Votes per network (COMMENTS_RATE_VOTES_NETWORK), so that clearing cookies to get a new
    guest id does not stuff the ballot."""
    return rate_limit_hit(scope="vote-network", key=network, rule=settings.COMMENTS_RATE_VOTES_NETWORK)


def _vote_apply(*, comment_id: int, reader: Reader, value: int, network: str) -> VoteResult:
    page_id = (
        Comment.objects.filter(pk=comment_id, status=Status.APPROVED)
        .values_list("page_id", flat=True)
        .first()
    )
    if page_id is None:
        raise Refusal(_("This comment is not available for voting."), status_code=404, code="vote_gone")
    existing = Vote.objects.select_for_update().filter(comment_id=comment_id, voter=reader.voter).first()
    old = existing.value if existing else 0
    if old == value:
        raise Refusal(
            _("You have already voted on this comment.")
            if value
            else _("You have not voted on this comment."),
            status_code=409,
            code="vote_duplicate",
        )
    if existing is None:
        Vote.objects.create(comment_id=comment_id, voter=reader.voter, value=value, network_hash=network)
    elif value == 0:
        existing.delete()
    else:
        Vote.objects.filter(pk=existing.pk).update(value=value)
    up = (value == 1) - (old == 1)
    down = (value == -1) - (old == -1)
    Comment.objects.filter(pk=comment_id).update(
        up=F("up") + up, down=F("down") + down, score=F("score") + up - down
    )
    tallies = Comment.objects.filter(pk=comment_id).values("up", "down").get()
    transaction.on_commit(lambda: thread_votes_changed(page_id))
    return VoteResult(up=tallies["up"], down=tallies["down"], value=value)


def votes_seed(*, comment: Comment, up: int, down: int, voter_prefix: str) -> None:
    """Votes of made-up readers (`g:<voter_prefix>-<n>`) stored at once, tallies to match: for the
    demo's discussion, never for a reader's vote (comment_vote), which is checked one by one."""
    voters = [Reader(user=None, guest_id=f"{voter_prefix}-{n}").voter for n in range(up + down)]
    with transaction.atomic():
        Vote.objects.bulk_create(
            Vote(comment_id=comment.pk, voter=voter, value=1 if n < up else -1)
            for n, voter in enumerate(voters)
        )
        Comment.objects.filter(pk=comment.pk).update(
            up=F("up") + up, down=F("down") + down, score=F("score") + up - down
        )
        transaction.on_commit(lambda: thread_votes_changed(comment.page_id))


def discussion_close(*, page: Page, closed: bool = True) -> None:
    Discussion.objects.update_or_create(page_id=page.pk, defaults={"is_closed": closed})
    transaction.on_commit(page_cache_clear)


@transaction.atomic
def comment_pin(*, comment: Comment, pinned: bool = True) -> None:
    Comment.objects.filter(pk=comment.pk).update(is_pinned=pinned)
    transaction.on_commit(page_cache_clear)


def comment_import(
    *,
    page: Page,
    author_name: str,
    body: str,
    parent: Comment | None = None,
    author_email: str = "",
    user: User | None = None,
    created_at: datetime | None = None,
) -> Comment:
    """Stores an approved comment without screening (demo content and imports from other
    systems, never reader input); counts and signals as for any approved comment."""
    data = CommentInput(
        body=body, author_name=author_name, author_email=author_email, author_url="", parent_id=None
    )
    posting = Posting(reader=Reader(user=user, guest_id=""), network="")
    with transaction.atomic():
        comment = _comment_insert(
            page=page, parent=parent, data=data, posting=posting, status=Status.APPROVED, reason=""
        )
        if created_at is not None:
            Comment.objects.filter(pk=comment.pk).update(created_at=created_at)
            comment.created_at = created_at
        _counts_shift(comment=comment, delta=1)
    return comment


def comments_rerender(*, batch: int = 500) -> int:
    """Re-renders body_html of comments written by an older RENDERER_VERSION; returns how many."""
    done = 0
    while True:
        stale = list(Comment.objects.filter(renderer_version__lt=RENDERER_VERSION).only("pk", "body")[:batch])
        if not stale:
            break
        with transaction.atomic():
            for comment in stale:
                Comment.objects.filter(pk=comment.pk).update(
                    body_html=comment_render(body=comment.body), renderer_version=RENDERER_VERSION
                )
        done += len(stale)
    if done:
        page_cache_clear()
    return done
