"""Notifications whose worker died after claiming them are sent once, by a real SMTP server's count:
the task queued again or the scheduler's sweep takes a stale claim again, a live worker's claim is
left alone, and two workers racing on PostgreSQL send each mail once (#16)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from masthead.core.taskworker import tasks_abandoned_requeue
from masthead.site import scheduler
from masthead.subscriptions import sending
from masthead.subscriptions.models import Delivery, DeliveryStatus, Subscriber
from masthead.subscriptions.services.claims import claims_take
from masthead.subscriptions.services.delivery import deliveries_flush
from masthead.subscriptions.tasks import flush_later

from .helpers import follower

pytestmark = pytest.mark.django_db
STALE = 120  # seconds: SUBSCRIPTIONS_CLAIM_STALE_SECONDS in these tests


@pytest.fixture
def stale_age(settings):
    settings.SUBSCRIPTIONS_GATHER_SECONDS = 30
    settings.SUBSCRIPTIONS_WINDOW_SECONDS = 300
    settings.SUBSCRIPTIONS_CLAIM_STALE_SECONDS = STALE
    settings.TASK_WORKER_DEAD_SECONDS = 60


@pytest.fixture
def killed_in_flush(discussion_article, post, queue, clock, monkeypatch, stale_age):
    """Ana follows the article, Bo comments; the worker flushing Ana's mail is killed when it
    calls `where` (with arguments for which `when` is true): SystemExit leaves the task RUNNING and
    the rows as they were, as SIGKILL would."""

    def _kill(where: str, when=lambda *args: True) -> None:
        follower("ana@example.org", discussion_article)
        post(discussion_article, name="Bo", email="bo@example.org", body="Left claimed")
        queue.run()  # the fan-out; the flush waits for the gather delay
        clock.advance(seconds=31)

        def killed(*args, **kwargs):
            if when(*args):
                raise SystemExit(9)
            return original(*args, **kwargs)

        module, name = where.rsplit(".", 1)
        original = getattr(__import__(module, fromlist=[name]), name)
        monkeypatch.setattr(where, killed)
        with pytest.raises(SystemExit):
            queue.run()
        monkeypatch.undo()

    return _kill


def _delivery() -> Delivery:
    return Delivery.objects.get(subscriber__email="ana@example.org")


def test_a_claim_left_by_a_dead_worker_is_sent_once_by_the_task_queued_again(
    killed_in_flush, smtp, queue, clock
):
    killed_in_flush("masthead.subscriptions.sending.messages_send")
    assert smtp.messages == []
    assert _delivery().status == DeliveryStatus.SENDING

    clock.advance(seconds=STALE + 1)
    assert tasks_abandoned_requeue() == 1  # the worker "test" never beat: it is dead
    queue.run()

    [message] = smtp.to("ana@example.org")
    assert "Left claimed" in message.get_body(preferencelist=("plain",)).get_content()
    assert _delivery().status == DeliveryStatus.SENT
    clock.advance(seconds=3600)
    scheduler.scheduler_round()
    queue.run()
    assert len(smtp.to("ana@example.org")) == 1


def test_the_schedulers_sweep_sends_a_dead_workers_claim_once_it_is_stale(
    killed_in_flush, smtp, queue, clock
):
    killed_in_flush("masthead.subscriptions.sending.messages_send")

    clock.advance(seconds=STALE - 5)
    assert scheduler.scheduler_round() is True
    queue.run()
    assert smtp.messages == []  # not stale yet: it could be a live worker's

    clock.advance(seconds=10)
    scheduler.scheduler_round()  # queues a flush of Ana's address now
    queue.run()
    assert len(smtp.to("ana@example.org")) == 1
    clock.advance(seconds=3600)
    scheduler.scheduler_round()
    queue.run()
    assert len(smtp.to("ana@example.org")) == 1
    assert _delivery().status == DeliveryStatus.SENT


def test_a_daily_digest_left_claimed_is_sent_without_waiting_for_the_next_day(
    discussion_article, post, smtp, queue, clock, stale_age
):
    follower("ana@example.org", discussion_article, frequency="daily")
    post(discussion_article, name="Bo", email="bo@example.org", body="Digest item")
    queue.run()
    ana = Subscriber.objects.get(email="ana@example.org")
    claims_take(subscriber_ids=[ana.pk], now=timezone.now())  # the digest claimed, then the worker died
    clock.advance(seconds=STALE + 1)
    scheduler.scheduler_round()
    queue.run()
    [digest] = smtp.to("ana@example.org")
    assert "Digest item" in digest.get_body(preferencelist=("plain",)).get_content()


def test_a_live_workers_fresh_claim_is_not_taken(discussion_article, post, smtp, queue, clock, stale_age):
    follower("ana@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="Mine to send")
    queue.run()
    ana = Subscriber.objects.get(email="ana@example.org")
    clock.advance(seconds=31)
    claims_take(subscriber_ids=[ana.pk], now=timezone.now())  # worker 1, mid-flush

    clock.advance(seconds=STALE - 1)  # worker 1 is slow, not dead
    assert deliveries_flush(subscriber_ids=[ana.pk], flush_later=flush_later)["sent"] == 0
    scheduler.scheduler_round()
    queue.run()
    assert smtp.messages == []
    assert _delivery().status == DeliveryStatus.SENDING


def test_a_mail_sent_again_after_a_death_past_the_servers_acceptance_has_the_same_message_id(
    killed_in_flush, smtp, queue, clock, settings
):
    """The one window left: the server accepted the mail, the worker died before "sent". The copy
    is recognisable downstream by its Message-ID; another mail has another one."""
    settings.BASE_URL = "https://news.example"
    killed_in_flush(
        "masthead.subscriptions.services.delivery._mark",
        when=lambda deliveries, status, *error: status == DeliveryStatus.SENT,
    )
    [first] = smtp.to("ana@example.org")
    assert _delivery().status == DeliveryStatus.SENDING

    clock.advance(seconds=STALE + 1)
    scheduler.scheduler_round()
    queue.run()

    first_again = smtp.to("ana@example.org")[1]
    assert first_again["Message-ID"] == first["Message-ID"]
    assert first["Message-ID"].startswith("<notification-") and first["Message-ID"].endswith("@news.example>")
    assert _delivery().status == DeliveryStatus.SENT


def test_each_mail_has_a_message_id_of_its_own(discussion_article, post, smtp, queue, clock, stale_age):
    follower("ana@example.org", discussion_article)
    follower("cy@example.org", discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="First")
    queue.run()
    clock.advance(seconds=31)
    queue.run()
    post(discussion_article, name="Bo", email="bo@example.org", body="Second")
    clock.advance(seconds=400)
    queue.run()
    clock.advance(seconds=31)
    queue.run()
    ids = [m["Message-ID"] for m in smtp.messages]
    assert len(ids) == 4 and len(set(ids)) == 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_on_postgresql_send_each_mail_once(discussion_article, post, smtp, settings):
    """Two flushes of the same addresses at once, some of whose deliveries a dead worker left
    claimed: every address gets its mail, and only one."""
    settings.SUBSCRIPTIONS_CLAIM_STALE_SECONDS = STALE
    emails = [f"reader{n}@example.org" for n in range(24)]
    for email in emails:
        follower(email, discussion_article)
    for round_ in range(3):
        post(discussion_article, name="Bo", email="bo@example.org", body=f"Round {round_}")
        subscriber_ids = list(Subscriber.objects.values_list("pk", flat=True))
        Subscriber.objects.update(last_mailed_at=None)  # every address due again
        dead_claim = timezone.now() - timedelta(seconds=STALE + 60)
        Delivery.objects.filter(status=DeliveryStatus.PENDING, subscriber__email__in=emails[::2]).update(
            status=DeliveryStatus.SENDING, claimed_at=dead_claim
        )
        _race(subscriber_ids, workers=2)
        notified = [m.envelope_to[0] for m in smtp.messages if m["Subject"].startswith("New comment")]
        assert sorted(notified) == sorted(emails * (round_ + 1))
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def _race(subscriber_ids: list[int], *, workers: int) -> None:
    barrier = threading.Barrier(workers)
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            deliveries_flush(subscriber_ids=subscriber_ids, flush_later=lambda due, ids: None)
        except BaseException as error:  # shown by the assertion below, not lost in the thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_worker_killed_mid_batch_sends_again_only_the_mail_not_yet_accepted(
    discussion_article, post, queue, clock, monkeypatch, smtp, stale_age
):
    """One flush mails Ana and Cy; its worker dies sending the second. Ana's mail was marked sent
    at the server's "250", so the retaken claim mails Cy alone: each once (#16)."""
    for email in ("ana@example.org", "cy@example.org"):
        follower(email, discussion_article)
    post(discussion_article, name="Bo", email="bo@example.org", body="Mid-batch")
    queue.run()
    clock.advance(seconds=31)
    original = sending._Connection.send

    def dies_on_the_second(self, message):
        if smtp.messages:
            raise SystemExit(9)
        original(self, message)

    monkeypatch.setattr(sending._Connection, "send", dies_on_the_second)
    with pytest.raises(SystemExit):
        queue.run()
    monkeypatch.setattr(sending._Connection, "send", original)
    assert len(smtp.messages) == 1

    clock.advance(seconds=STALE + 1)
    tasks_abandoned_requeue()
    queue.run()
    assert sorted(to for m in smtp.messages for to in m.envelope_to) == ["ana@example.org", "cy@example.org"]
