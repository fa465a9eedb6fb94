"""Reads of subscriptions (selectors.py): who is owed a mail about a comment, never its author nor
an address that has not confirmed or has left; and what a signed-in reader follows."""

from django.utils import timezone

from masthead.subscriptions.models import Scope, Subscriber, Subscription, SubscriptionStatus
from masthead.subscriptions.selectors import (
    live_subscription_ids,
    moderator_alert_enabled,
    moderators_for_held,
    recipients_for_comment,
    subscriber_of_user,
    subscriptions_by_ids,
    subscriptions_of_user,
)
from masthead.subscriptions.services.subscriptions import Target, subscription_request

from .helpers import follower


def emails(subscriptions) -> set[str]:
    return {s.subscriber.email for s in subscriptions.select_related("subscriber")}


def test_a_comment_is_owed_to_the_pages_live_followers_but_never_its_author(discussion_article, post):
    follower("ana@example.org", discussion_article)
    follower("ruth@example.org", discussion_article)
    follower("gone@example.org", discussion_article)
    Subscriber.objects.filter(email="gone@example.org").update(suppressed_at=timezone.now())
    subscription_request(  # asked, never confirmed
        email="new@example.org", target=Target(Scope.PAGE, page_id=discussion_article.pk), language="en"
    )
    comment = post(discussion_article, name="Ruth", email="Ruth@Example.org")
    assert emails(recipients_for_comment(comment=comment)) == {"ana@example.org"}


def test_a_reply_is_owed_to_the_parents_author_following_replies_and_to_followers_above_it(
    discussion_article, post
):
    opening = post(discussion_article, name="Ruth", email="ruth@example.org")
    answer = post(discussion_article, name="Colm", email="colm@example.org", parent=opening)
    follower("ruth@example.org", discussion_article, scope="replies")
    follower("ana@example.org", discussion_article, scope="comment", comment=opening)
    follower("colm@example.org", discussion_article, scope="replies")  # replies to Colm's comments only
    reply = post(discussion_article, name="Dana", email="dana@example.org", parent=answer)
    assert emails(recipients_for_comment(comment=reply)) == {"colm@example.org", "ana@example.org"}
    assert emails(recipients_for_comment(comment=answer)) == {"ruth@example.org", "ana@example.org"}


def test_a_held_comment_is_owed_to_the_live_moderators_but_not_its_author(
    discussion_article, post, editor, staff
):
    follower("editor@ledger.example", discussion_article, scope="held", user=editor)
    follower("ines@ledger.example", discussion_article, scope="held", user=staff)
    follower("ana@example.org", discussion_article)  # a reader, not a moderator
    held = post(discussion_article, name="Ines", email="ines@ledger.example", hold=True)
    assert emails(moderators_for_held(comment=held)) == {"editor@ledger.example"}


def test_a_signed_in_reader_sees_what_their_linked_addresses_follow_newest_first(
    discussion_article, quiet_article, editor
):
    older = follower("editor@ledger.example", discussion_article, user=editor)
    newer = follower("editor@ledger.example", quiet_article, user=editor)
    ended = follower("editor@ledger.example", quiet_article, scope="replies", user=editor)
    Subscription.objects.filter(pk=ended.pk).update(status=SubscriptionStatus.ENDED)
    follower("editor@ledger.example", discussion_article, scope="held", user=editor)  # not a reader's
    assert subscriptions_of_user(user=editor) == [newer, older]
    assert subscriber_of_user(user=editor) == older.subscriber


def test_an_account_whose_address_was_never_linked_follows_nothing(discussion_article, editor):
    follower("editor@ledger.example", discussion_article)  # same address, no mail round trip
    assert subscriptions_of_user(user=editor) == []
    assert subscriber_of_user(user=editor) is None
    assert moderator_alert_enabled(user=editor) is False


def test_subscriptions_by_ids_are_only_the_subscribers_own(discussion_article, quiet_article):
    mine = follower("ana@example.org", discussion_article)
    theirs = follower("ruth@example.org", quiet_article)
    found = subscriptions_by_ids(subscriber_id=mine.subscriber_id, ids=(mine.pk, theirs.pk))
    assert found == [mine]


def test_the_moderator_alert_is_enabled_while_its_subscription_is_active(discussion_article, editor):
    held = follower("editor@ledger.example", discussion_article, scope="held", user=editor)
    assert moderator_alert_enabled(user=editor) is True
    Subscription.objects.filter(pk=held.pk).update(status=SubscriptionStatus.ENDED)
    assert moderator_alert_enabled(user=editor) is False


def test_only_live_subscriptions_may_still_be_mailed(discussion_article, quiet_article):
    live = follower("ana@example.org", discussion_article)
    ended = follower("ruth@example.org", discussion_article)
    Subscription.objects.filter(pk=ended.pk).update(status=SubscriptionStatus.ENDED)
    suppressed = follower("gone@example.org", quiet_article)
    Subscriber.objects.filter(email="gone@example.org").update(suppressed_at=timezone.now())
    assert live_subscription_ids(ids={live.pk, ended.pk, suppressed.pk, None, 0}) == {live.pk}
