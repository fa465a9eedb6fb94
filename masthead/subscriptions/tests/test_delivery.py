"""Notifications as received by a real SMTP server: scopes, approval, self, batching, retries."""

import pytest

from masthead.comments.models import Comment, Status
from masthead.site import scheduler
from masthead.subscriptions.models import Delivery, DeliveryStatus

from .helpers import follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(queue, clock, settings):
    """Posting and delivering with the real queue: the gather delay passes, the worker runs."""
    settings.SUBSCRIPTIONS_GATHER_SECONDS = 30
    settings.SUBSCRIPTIONS_WINDOW_SECONDS = 300

    def _run(seconds: int = 31) -> None:
        queue.run()
        clock.advance(seconds=seconds)
        queue.run()

    return _run


def test_page_scope_gets_new_follow_up_comments(discussion_article, post, smtp, run):
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="The budget vote is *tonight*.")
    run()
    [message] = smtp.to("ana@example.org")
    assert message["Subject"] == f'New comment on "{discussion_article.title}"'
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Bo on" in text and "The budget vote is tonight." in text
    assert "<em>tonight</em>" in html
    assert "#comment-" in text


def test_a_mail_keeps_only_what_the_comments_allowlist_allows(discussion_article, post, smtp, run):
    follower("ana@example.org", discussion_article)
    comment = post(discussion_article, name="Bo", email="bo@example.org", body="Plain words")
    hostile = '<p>Plain <img src="x" onerror="alert(1)"><a href="/local" class="x">here</a> '
    Comment.objects.filter(pk=comment.pk).update(
        body_html=hostile + '<a href="https://example.org/">there</a></p>'
    )
    run()
    [message] = smtp.to("ana@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'src="x"' not in html and "onerror" not in html and 'href="/local"' not in html
    assert 'class="x"' not in html and 'href="https://example.org/"' in html


def test_replies_scope_gets_only_replies_to_my_comments(discussion_article, post, smtp, run):
    mine = post(discussion_article, name="Ana", email="ana@example.org", body="My view")
    other = post(discussion_article, name="Cy", email="cy@example.org", body="Another view")
    follower("ana@example.org", discussion_article, scope="replies")
    post(discussion_article, name="Bo", email="bo@example.org", body="Reply to Cy", parent=other)
    post(discussion_article, name="Bo", email="bo@example.org", body="A new thread")
    run()
    assert smtp.to("ana@example.org") == []
    post(discussion_article, name="Bo", email="bo@example.org", body="Reply to Ana", parent=mine)
    run()
    [message] = smtp.to("ana@example.org")
    assert "Reply to Ana" in message.get_body(preferencelist=("plain",)).get_content()


def test_comment_scope_gets_replies_under_that_comment_at_any_depth(discussion_article, post, smtp, run):
    root = post(discussion_article, name="Cy", email="cy@example.org", body="Root")
    elsewhere = post(discussion_article, name="Cy", email="cy@example.org", body="Other root")
    follower("ana@example.org", discussion_article, scope="comment", comment=root)
    child = post(discussion_article, name="Bo", email="bo@example.org", body="Child", parent=root)
    post(discussion_article, name="Di", email="di@example.org", body="Grandchild", parent=child)
    post(discussion_article, name="Di", email="di@example.org", body="Not under it", parent=elsewhere)
    run()
    [message] = smtp.to("ana@example.org")
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Child" in text and "Grandchild" in text and "Not under it" not in text
    assert "2 new comments" in message["Subject"]


def test_a_held_comment_notifies_only_once_approved(discussion_article, post, moderate, smtp, run):
    follower("ana@example.org", discussion_article)
    comment = post(discussion_article, name="Bo", email="bo@example.org", body="Held first", hold=True)
    run()
    assert smtp.to("ana@example.org") == []
    moderate(comment, Status.APPROVED)
    run()
    assert len(smtp.to("ana@example.org")) == 1


def test_a_rejected_comment_never_notifies(discussion_article, post, moderate, smtp, run):
    follower("ana@example.org", discussion_article)
    comment = post(discussion_article, name="Spam", email="spam@example.org", body="Buy now", hold=True)
    moderate(comment, Status.SPAM)
    run(seconds=3600)
    assert smtp.messages == []


def test_a_comment_removed_before_the_mail_leaves_is_not_sent(
    discussion_article, post, moderate, smtp, queue, clock
):
    follower("ana@example.org", discussion_article)
    comment = post(discussion_article, name="Bo", email="bo@example.org", body="Soon removed")
    queue.run()
    moderate(comment, Status.REMOVED)
    clock.advance(seconds=60)
    queue.run()
    assert smtp.messages == []
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED


def test_nobody_is_notified_of_their_own_comment(discussion_article, post, smtp, run, django_user_model):
    user = django_user_model.objects.create_user("ana", "ana@example.org", "pw-ana-1234")
    follower("ana@example.org", discussion_article)
    follower("bo@example.org", discussion_article)
    post(discussion_article, name="Bo", email="BO@example.org", body="Mine")
    post(discussion_article, user=user, body="Signed-in and mine")
    run()
    assert smtp.to("bo@example.org")[0]["Subject"].startswith("New comment")
    assert "Mine" not in smtp.to("bo@example.org")[0].get_body(preferencelist=("plain",)).get_content()
    assert "Signed-in and mine" not in "".join(
        m.get_body(preferencelist=("plain",)).get_content() for m in smtp.to("ana@example.org")
    )


def test_comments_of_one_window_arrive_together(discussion_article, post, smtp, run, clock):
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="First")
    post(discussion_article, name="Cy", email="cy@example.org", body="Second")
    run()
    [first] = smtp.to("ana@example.org")
    assert "2 new comments" in first["Subject"]
    post(discussion_article, name="Bo", email="bo@example.org", body="Third")
    run(seconds=60)
    post(discussion_article, name="Di", email="di@example.org", body="Fourth")
    run(seconds=60)
    assert len(smtp.to("ana@example.org")) == 1  # the window is not over
    run(seconds=300)
    assert len(smtp.to("ana@example.org")) == 2
    text = smtp.to("ana@example.org")[1].get_body(preferencelist=("plain",)).get_content()
    assert "Third" in text and "Fourth" in text and "First" not in text


def test_daily_digest_readers_get_one_mail_a_day(discussion_article, post, smtp, run, clock):
    follower("ana@example.org", discussion_article, frequency="daily")
    post(discussion_article, name="Bo", email="bo@example.org", body="Morning")
    post(discussion_article, name="Cy", email="cy@example.org", body="Evening")
    run()
    assert smtp.to("ana@example.org") == []
    run(seconds=25 * 3600)
    [digest] = smtp.to("ana@example.org")
    assert "2 new comments" in digest["Subject"]


def test_a_temporary_smtp_failure_is_retried_without_a_duplicate(discussion_article, post, smtp, run, queue):
    follower("ana@example.org", discussion_article)
    smtp.refuse_next = 1  # the server answers 451 to the first message
    post(discussion_article, name="Bo", email="bo@example.org", body="Retry me")
    run()
    assert smtp.to("ana@example.org") == []
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    run(seconds=120)  # the backoff has passed
    assert len(smtp.to("ana@example.org")) == 1
    run(seconds=3600)
    assert len(smtp.to("ana@example.org")) == 1
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_a_repeated_signal_or_task_never_sends_twice(discussion_article, post, smtp, run):
    from masthead.subscriptions.services.delivery import comment_fan_out, deliveries_flush
    from masthead.subscriptions.tasks import flush_later

    follower("ana@example.org", discussion_article)
    comment = post(discussion_article, name="Bo", email="bo@example.org", body="Once")
    run()
    comment_fan_out(comment_id=comment.pk, flush_later=flush_later)
    deliveries_flush(subscriber_ids=[Delivery.objects.get().subscriber_id], flush_later=flush_later)
    run(seconds=3600)
    assert len(smtp.to("ana@example.org")) == 1


def test_a_claim_left_before_claims_had_a_time_is_not_sent_again(discussion_article, post, smtp, run, queue):
    """Rows left "sending" by a version without `claimed_at`: perhaps sent, long ago; left alone.
    (Claims of dead workers since then are sent once: test_claims.py.)"""
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="Crash")
    queue.run()
    assert Delivery.objects.count() == 1
    Delivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=None)
    run(seconds=3600)
    scheduler.scheduler_round()  # the sweep of stale claims
    queue.run()
    assert smtp.messages == []


def test_the_mail_has_one_click_unsubscribe_headers(discussion_article, post, smtp, run, settings):
    settings.BASE_URL = "https://news.example"
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="Headers")
    run()
    [message] = smtp.to("ana@example.org")
    https, mailto = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
    assert https.startswith("https://news.example/subscriptions/leave/")
    assert mailto.startswith("mailto:unsubscribe@")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # As sent: plain URLs in angle brackets, not RFC 2047 encoded-words that no provider parses.
    raw_header = message.raw.split(b"List-Unsubscribe: ", 1)[1].split(b"\r\n", 1)[0]
    assert raw_header.startswith(b"<https://news.example/subscriptions/leave/") and b"=?" not in raw_header


def test_the_mail_is_in_the_readers_language(discussion_article, post, smtp, run):
    follower("ana@example.org", discussion_article, language="ar")
    post(discussion_article, name="Bo", email="bo@example.org", body="Language")
    run()
    [message] = smtp.to("ana@example.org")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert 'lang="ar" dir="rtl"' in html
    assert "/ar/subscriptions/leave/" in message["List-Unsubscribe"]


def test_comment_html_is_sanitised_for_mail(discussion_article, post, smtp, run):
    from html.parser import HTMLParser

    class Elements(HTMLParser):
        found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    follower("ana@example.org", discussion_article)
    post(
        discussion_article,
        name="Bo",
        email="bo@example.org",
        body="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [ok](https://a.example/)",
    )
    run()
    html = smtp.to("ana@example.org")[0].get_body(preferencelist=("html",)).get_content()
    parser = Elements()
    parser.feed(html)
    tags = {tag for tag, _attrs in parser.found}
    assert "script" not in tags and "img" not in tags
    hrefs = [attrs.get("href", "") for tag, attrs in parser.found if tag == "a"]
    assert "https://a.example/" in hrefs and not any(h.startswith("javascript") for h in hrefs)
    assert not any(name.startswith("on") for _tag, attrs in parser.found for name in attrs)


def test_a_line_break_in_a_header_is_refused_and_nothing_is_sent(discussion_article, post, smtp, run):
    from masthead.subscriptions.models import Subscriber

    follower("ana@example.org", discussion_article)
    Subscriber.objects.filter(email="ana@example.org").update(name="Ana\r\nBcc: victim@example.org")
    discussion_article.title = "Budget\r\nBcc: victim@example.org"
    discussion_article.save()
    post(discussion_article, name="Bo", email="bo@example.org", body="Injection")
    run()
    assert smtp.messages == []
    assert Delivery.objects.get().status == DeliveryStatus.REFUSED


def test_unsubscribe_links_are_https_when_the_base_url_is(discussion_article, post, smtp, run, settings):
    settings.BASE_URL = "https://news.example"
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="A reply.")
    run()
    [message] = smtp.to("ana@example.org")
    first_link = message["List-Unsubscribe"].split(",")[0].strip()
    assert first_link.startswith("<https://news.example/subscriptions/leave/"), first_link
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://news.example/subscriptions/leave/" in message.get_body(("plain",)).get_content()
