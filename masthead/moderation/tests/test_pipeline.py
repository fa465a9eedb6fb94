"""Every rule of the screening pipeline, the reason it records, and the order of the rules."""

import pytest
from django.test import override_settings

from masthead.comments.identity import key_hash
from masthead.comments.models import Status
from masthead.moderation.models import Ban, ScreeningEntry, WordLists
from masthead.moderation.pipeline import comment_screen

from .conftest import aged_token

pytestmark = pytest.mark.django_db


def _words(banned: str = "", suspect: str = "") -> None:
    lists = WordLists.load()
    lists.banned_words, lists.suspect_words = banned, suspect
    lists.save()


def test_a_clean_comment_from_a_known_commenter_is_approved(submit, regular):
    verdict = comment_screen(submit())
    assert (verdict.action, verdict.reason) == ("approve", "clean")


def test_every_decision_is_logged_with_its_reason(submit, regular, discussion_article):
    comment_screen(submit())
    comment_screen(submit(honeypot="http://spam.example"))
    logged = list(ScreeningEntry.objects.order_by("id").values_list("page_id", "action", "reason"))
    assert logged == [
        (discussion_article.pk, "approve", "clean"),
        (discussion_article.pk, "reject", "honeypot"),
    ]


def test_staff_are_approved_whatever_else_is_wrong(submit):
    Ban.objects.create(kind="email", value="mina@example.org")
    verdict = comment_screen(submit(is_staff=True, thread_open=False, honeypot="x", form_token=""))
    assert (verdict.action, verdict.reason) == ("approve", "staff")


def test_a_closed_thread_refuses_with_403(submit, regular):
    verdict = comment_screen(submit(thread_open=False))
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "closed", 403)
    assert verdict.message == "Comments are closed on this article."


def test_a_filled_honeypot_is_refused_blandly(submit, regular):
    verdict = comment_screen(submit(honeypot="https://cheap-pills.example"))
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "honeypot", 403)
    assert verdict.public_code == "refused" and verdict.message == "Your comment could not be posted."


def test_a_form_filled_too_fast_is_refused_and_can_be_sent_again(submit, regular):
    verdict = comment_screen(submit(form_token=aged_token(1)))
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "too_fast", 400)
    assert "post it again" in verdict.message


@override_settings(MODERATION_MIN_FILL_SECONDS=10)
def test_the_minimum_time_is_configurable(submit, regular):
    assert comment_screen(submit(form_token=aged_token(5))).reason == "too_fast"
    assert comment_screen(submit(form_token=aged_token(11), body="Other text.")).reason == "clean"


@pytest.mark.parametrize(
    "token", ["", "garbage", aged_token(30)[:-2] + "xx"], ids=["missing", "garbage", "bad-signature"]
)
def test_no_or_forged_token_holds_rather_than_trusts(submit, regular, token):
    verdict = comment_screen(submit(form_token=token))
    assert (verdict.action, verdict.reason) == ("hold", "token_missing")
    assert verdict.message == "Your comment is awaiting moderation."


def test_a_token_for_another_page_counts_as_missing(submit, regular, quiet_article):
    verdict = comment_screen(submit(form_token=aged_token(30, page_id=quiet_article.pk)))
    assert verdict.reason == "token_missing"


def test_an_expired_token_holds(submit, regular):
    verdict = comment_screen(submit(form_token=aged_token(2 * 86400)))
    assert (verdict.action, verdict.reason) == ("hold", "token_expired")


def test_rate_limit_per_network_refuses_with_429(submit, regular):
    verdicts = [
        comment_screen(submit(body=f"Comment number {i}", author_email=f"p{i}@example.org", session=f"g:{i}"))
        for i in range(6)
    ]
    assert all(v.action != "reject" for v in verdicts[:5])
    assert (verdicts[5].action, verdicts[5].reason, verdicts[5].status_code) == (
        "reject",
        "rate_limit_network",
        429,
    )
    assert verdicts[5].message == "Please wait a moment before posting again."


def test_rate_limit_per_email_across_networks(submit, regular):
    verdicts = [
        comment_screen(submit(body=f"Comment number {i}", network=f"net-{i}", session=f"g:{i}"))
        for i in range(6)
    ]
    assert verdicts[5].reason == "rate_limit_email"
    assert all(v.action != "reject" for v in verdicts[:5])


def test_rate_limit_per_session_across_networks_and_addresses(submit, regular):
    verdicts = [
        comment_screen(
            submit(body=f"Comment number {i}", network=f"net-{i}", author_email=f"p{i}@example.org")
        )
        for i in range(6)
    ]
    assert verdicts[5].reason == "rate_limit_session"


@override_settings(MODERATION_RATE_NETWORK="2/60", MODERATION_RATE_EMAIL="", MODERATION_RATE_SESSION="")
def test_rate_limits_are_configurable(submit, regular):
    reasons = [comment_screen(submit(body=f"Comment number {i}")).reason for i in range(3)]
    assert reasons == ["clean", "clean", "rate_limit_network"]


def test_a_banned_email_is_refused_with_403(submit, regular):
    Ban.objects.create(kind="email", value="mina@example.org")
    verdict = comment_screen(submit(author_email="Mina@Example.org"))
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "banned_email", 403)


def test_a_banned_network_is_refused_with_403(submit, regular):
    Ban.objects.create(kind="network", value="net-mina")
    verdict = comment_screen(submit())
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "banned_network", 403)


def test_more_than_three_links_hold(submit, regular):
    body = "See https://a.example http://b.example www.c.example and [d](https://d.example)"
    verdict = comment_screen(submit(body=body))
    assert (verdict.action, verdict.reason) == ("hold", "too_many_links")
    assert comment_screen(submit(body="Only https://a.example and https://b.example")).reason == "clean"


@override_settings(MODERATION_MAX_LINKS=0)
def test_the_link_limit_is_configurable(submit, regular):
    assert comment_screen(submit(body="See https://a.example")).reason == "too_many_links"


def test_a_banned_word_refuses_and_a_suspect_word_holds(submit, regular):
    _words(banned="casino\ncheap pills", suspect="lawsuit")
    refused = comment_screen(submit(body="Try our CASINO tonight"))
    assert (refused.action, refused.reason, refused.status_code) == ("reject", "banned_word", 403)
    assert (refused.public_code, refused.message) == ("refused", "Your comment could not be posted.")
    held = comment_screen(submit(body="This smells like a lawsuit."))
    assert (held.action, held.reason) == ("hold", "suspect_word")


def test_words_match_whole_words_only(submit, regular):
    _words(banned="ass")
    assert comment_screen(submit(body="The class assessment passed.")).reason == "clean"


@pytest.mark.parametrize(
    "body",
    [
        "Try our ｃａｓｉｎｏ",  # fullwidth letters
        "Try our CaSiNo",  # mixed case
        "Try our cas\u200bino",  # zero-width space inside
        "Try our c\u00adasino",  # soft hyphen
        "Try our cásino",  # an accent
        "Try our c\u0430sino",  # Cyrillic а that looks Latin
        "Try our 𝐜𝐚𝐬𝐢𝐧𝐨",  # mathematical bold letters
    ],
)
def test_unicode_tricks_do_not_hide_a_banned_word(submit, regular, body):
    _words(banned="casino")
    assert comment_screen(submit(body=body)).reason == "banned_word"


def test_banned_phrases_match_across_odd_spacing(submit, regular):
    _words(banned="cheap pills")
    assert comment_screen(submit(body="Buy CHEAP\u00a0\u00a0 pills")).reason == "banned_word"


def test_banned_words_in_the_name_or_website_count(submit, regular):
    _words(banned="casino")
    assert comment_screen(submit(author_name="Casino Royale")).reason == "banned_word"
    assert comment_screen(submit(author_url="https://casino.example/")).reason == "banned_word"


def test_the_same_text_twice_on_a_page_is_refused_with_409(submit, regular):
    assert comment_screen(submit()).action == "approve"
    verdict = comment_screen(submit(body="The new bridge budget looks  SENSIBLE to me."))
    assert (verdict.action, verdict.reason, verdict.status_code) == ("reject", "duplicate", 409)
    assert verdict.message == "You have already posted this comment."


def test_a_held_text_counts_and_a_refused_one_does_not(submit, regular):
    assert comment_screen(submit(form_token=aged_token(1))).reason == "too_fast"  # not stored
    assert comment_screen(submit(form_token="")).action == "hold"  # stored, pending
    assert comment_screen(submit()).reason == "duplicate"


def test_fullwidth_or_invisible_tricks_do_not_make_a_text_new(submit, regular):
    comment_screen(submit(body="Great article"))
    assert comment_screen(submit(body="Ｇｒｅａｔ ar\u200bticle")).reason == "duplicate"


def test_the_same_text_from_the_same_network_under_another_name(submit, regular, make_comment):
    make_comment(author_email="x@example.org", body="Known too.")
    comment_screen(submit(author_email="x@example.org"))
    assert comment_screen(submit()).reason == "duplicate"


def test_the_same_text_from_the_same_account_elsewhere(submit, regular):
    comment_screen(submit(user_id=7, network="n1", author_email="a@example.org"))
    assert comment_screen(submit(user_id=7, network="n2", author_email="b@example.org")).reason == "duplicate"


def test_the_same_text_elsewhere_within_minutes_is_refused(submit, regular, quiet_article):
    comment_screen(submit(page_id=quiet_article.pk))
    assert comment_screen(submit()).reason == "duplicate"


def test_the_same_text_elsewhere_after_the_short_window_passes(submit, regular, quiet_article):
    from datetime import timedelta

    from django.utils import timezone

    comment_screen(submit(page_id=quiet_article.pk))
    ScreeningEntry.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert comment_screen(submit()).reason == "clean"


def test_the_same_text_on_the_same_page_within_a_day_is_refused(submit, regular):
    from datetime import timedelta

    from django.utils import timezone

    comment_screen(submit())
    ScreeningEntry.objects.update(created_at=timezone.now() - timedelta(hours=20))
    assert comment_screen(submit()).reason == "duplicate"
    ScreeningEntry.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert comment_screen(submit()).reason == "clean"


def test_the_same_text_by_someone_else_is_fine(submit, regular, make_comment):
    make_comment(author_email="x@example.org", network_hash="net-other", body="Known.")
    comment_screen(submit(author_email="x@example.org", network="net-other", session="g:x"))
    assert comment_screen(submit()).reason == "clean"


def test_a_first_comment_is_held_until_one_is_approved(submit, make_comment):
    verdict = comment_screen(submit())
    assert (verdict.action, verdict.reason) == ("hold", "first_comment")
    make_comment(body="Approved later.", status=Status.PENDING, edit_key_hash=key_hash("mina"))
    assert comment_screen(submit(body="Second try")).reason == "first_comment"
    make_comment(body="By her address, from another browser.", status=Status.APPROVED)
    assert comment_screen(submit(body="Still")).reason == "first_comment"  # an address proves nothing
    make_comment(body="Approved now.", status=Status.APPROVED, edit_key_hash=key_hash("mina"))
    assert comment_screen(submit(body="Third try")).reason == "clean"


@override_settings(MODERATION_HOLD_FIRST_COMMENT=False)
def test_holding_first_comments_can_be_turned_off(submit):
    assert comment_screen(submit()).action == "approve"


# --- the order of the rules ---


def test_closed_comes_before_honeypot(submit):
    assert comment_screen(submit(thread_open=False, honeypot="x")).reason == "closed"


def test_honeypot_comes_before_timing(submit):
    assert comment_screen(submit(honeypot="x", form_token=aged_token(0.5))).reason == "honeypot"


def test_too_fast_is_refused_before_a_ban_is_looked_up(submit):
    Ban.objects.create(kind="email", value="mina@example.org")
    assert comment_screen(submit(form_token=aged_token(0.5))).reason == "too_fast"


def test_a_hold_does_not_skip_later_refusals(submit, regular, make_comment):
    """Without JavaScript a post is held, yet bans, banned words and duplicates still refuse it."""
    Ban.objects.create(kind="network", value="net-banned")
    assert comment_screen(submit(form_token="", network="net-banned")).reason == "banned_network"
    _words(banned="casino")
    assert comment_screen(submit(form_token="", body="casino")).reason == "banned_word"
    comment_screen(submit(body="Posted before."))
    assert comment_screen(submit(form_token="", body="Posted before.")).reason == "duplicate"


@override_settings(MODERATION_RATE_NETWORK="1/60", MODERATION_RATE_EMAIL="", MODERATION_RATE_SESSION="")
def test_posts_without_javascript_are_still_rate_limited(submit, regular):
    first = comment_screen(submit(form_token=""))
    second = comment_screen(submit(form_token="", body="Another one."))
    assert (first.action, first.reason) == ("hold", "token_missing")
    assert (second.action, second.reason) == ("reject", "rate_limit_network")


def test_the_first_hold_reason_is_the_one_recorded(submit):
    _words(suspect="lawsuit")
    verdict = comment_screen(submit(form_token="", body="lawsuit https://a https://b https://c https://d"))
    assert (verdict.action, verdict.reason) == ("hold", "token_missing")


def test_a_rate_limit_comes_before_a_ban(submit, regular):
    Ban.objects.create(kind="email", value="mina@example.org")
    reasons = [comment_screen(submit(body=f"n{i}")).reason for i in range(6)]
    assert reasons == ["banned_email"] * 5 + ["rate_limit_network"]


# --- edits ---


def test_an_edit_keeps_its_own_text_without_a_duplicate_or_token(submit, regular):
    comment_screen(submit())
    verdict = comment_screen(submit(is_edit=True, form_token=""))
    assert (verdict.action, verdict.reason) == ("approve", "clean")


def test_an_edit_that_adds_a_banned_word_is_refused(submit, regular):
    _words(banned="casino")
    assert comment_screen(submit(is_edit=True, body="now with casino")).reason == "banned_word"
