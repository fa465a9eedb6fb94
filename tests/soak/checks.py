"""What the soak asserts once the traffic stopped and the workers drained, and the table it
prints. Each check adds counts to the verdict and, when it fails, one sentence saying what."""

import re
from collections import Counter
from dataclasses import dataclass, field

from .cluster import SUBSCRIBERS, Cluster
from .traffic import NO_ANSWER, Answer, Ledger

GRACE = 2.0  # seconds around a fault's moments: answers given while it was being made
# Seconds after a mail's arrival within which a SIGKILL may have caught its worker before the
# commit that marks it sent (one UPDATE's commit, ~1 ms; generous for a loaded machine).
KILL_INSTANT = 1.0
ERROR_PAGE = "<title>Server error</title>"  # the 500 page (templates/errors/500.html)
READS = ("page", "me", "token")
WRITES = ("comment", "vote", "subscribe", "webhook")
# The subscriptions the traffic asked for (the seeded followers are not among them).
FOLLOWERS = (
    "SELECT s.email FROM subscriptions_subscription t"
    " JOIN subscriptions_subscriber s ON s.id = t.subscriber_id WHERE s.email LIKE 'follow-%%'"
)


@dataclass
class Verdict:
    counts: dict[str, int | str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def expect(self, ok: bool, failure: str) -> None:
        if not ok:
            self.failures.append(failure)


@dataclass(frozen=True)
class Windows:
    """When each fault held, from the moments the fault thread recorded."""

    redis: tuple[float, float]
    postgres: tuple[float, float]
    web_kill: tuple[float, float]

    @classmethod
    def from_marks(cls, marks: dict[str, float]) -> "Windows":
        return cls(
            redis=(marks["redis_stop"] + GRACE, marks["redis_start"] - GRACE),
            postgres=(marks["postgres_stopping"] - GRACE, marks["postgres_start"] + GRACE),
            web_kill=(marks["web_killing"] - GRACE, marks["web_killing"] + GRACE),
        )


def _difference(due: Counter, sent: Counter) -> str:
    return f"missing {sorted(due - sent)[:5]}, extra {sorted(sent - due)[:5]}"


def _within(answer: Answer, window: tuple[float, float]) -> bool:
    return answer.started >= window[0] and answer.ended <= window[1]


def _overlaps(answer: Answer, window: tuple[float, float]) -> bool:
    return answer.started < window[1] and answer.ended > window[0]


def _share(answers: list[Answer], *statuses: int) -> str:
    return " / ".join([*(str(sum(a.status == s for a in answers)) for s in statuses), str(len(answers))])


def answers_check(verdict: Verdict, ledger: Ledger, windows: Windows) -> None:
    """No traceback, no 500 page; 503 only while PostgreSQL restarted; no answer only from the
    web process killed mid-request."""
    for answer in ledger.answers:
        where = f"{answer.kind} answered {answer.status}"
        verdict.expect("Traceback" not in answer.body, f"{where} with a traceback: {answer.body[:300]}")
        verdict.expect(ERROR_PAGE not in answer.body, f"{where} with the 500 page")
        if answer.status == 503:
            verdict.expect(_overlaps(answer, windows.postgres), f"{where} outside PostgreSQL's restart")
            said = answer.kind == "webhook" or "try again" in answer.body.lower()
            verdict.expect(said, f"{where} without 'try again': {answer.body[:300]}")
        elif answer.status == NO_ANSWER:
            verdict.expect(
                _overlaps(answer, windows.web_kill), f"{where} outside the web kill: {answer.body}"
            )
        else:
            verdict.expect(answer.status < 500, f"{where}: {answer.body[:300]}")
    statuses = Counter((a.kind, a.status) for a in ledger.answers)
    verdict.counts["requests answered"] = len(ledger.answers)
    verdict.counts["no answer (web killed mid-request)"] = sum(a.status == NO_ANSWER for a in ledger.answers)
    verdict.counts["answers by kind and status"] = ", ".join(
        f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())
    )


def redis_check(verdict: Verdict, ledger: Ledger, windows: Windows) -> None:
    during = [a for a in ledger.answers if _within(a, windows.redis)]
    pages = [a for a in during if a.kind == "page"]
    comments = [a for a in during if a.kind == "comment"]
    verdict.counts["Redis down: pages 200 / loaded"] = _share(pages, 200)
    verdict.counts["Redis down: comments 201 / posted"] = _share(comments, 201)
    verdict.expect(
        bool(pages) and all(a.status == 200 for a in pages), "pages not all served while Redis was down"
    )
    verdict.expect(any(a.status == 201 for a in comments), "no comment accepted while Redis was down")


def postgres_check(verdict: Verdict, ledger: Ledger, windows: Windows) -> None:
    during = [a for a in ledger.answers if _overlaps(a, windows.postgres)]
    reads = [a for a in during if a.kind in READS]
    writes = [a for a in during if a.kind in WRITES]
    verdict.counts["PostgreSQL down: reads 200 / 503 / all"] = _share(reads, 200, 503)
    verdict.counts["PostgreSQL down: writes 200 / 201 / 503 / all"] = _share(writes, 200, 201, 503)
    verdict.expect(
        all(a.status in (200, 503) for a in reads), "a read while PostgreSQL was down was not 200 or 503"
    )


def comments_check(verdict: Verdict, ledger: Ledger, cluster: Cluster) -> None:
    bodies = Counter(body for (body,) in cluster.sql("SELECT body FROM comments_comment"))
    by_id = dict(cluster.sql("SELECT id, body FROM comments_comment"))
    lost = [pk for pk, body in ledger.comments.items() if by_id.get(pk) != body]
    doubled = [body for body in ledger.comments.values() if bodies[body] > 1]
    half = [body for body in ledger.refused["comment"] if bodies[body]]
    verdict.counts["comments acknowledged / stored"] = f"{len(ledger.comments)} / {sum(bodies.values())}"
    verdict.expect(not lost and not doubled, f"comments lost {lost[:5]} or doubled {doubled[:5]}")
    verdict.expect(not half, f"comments answered 503 yet stored: {half[:5]}")


def votes_check(verdict: Verdict, ledger: Ledger, cluster: Cluster) -> None:
    rows = cluster.sql("SELECT voter, comment_id, value FROM comments_vote")
    stored = {(voter, comment): value for voter, comment, value in rows}
    wrong = [key for key, value in ledger.votes.items() if stored.get(key) != value]
    half = [key for key in ledger.refused["vote"] if key in stored]
    verdict.counts["votes acknowledged / stored"] = f"{len(ledger.votes)} / {len(stored)}"
    verdict.expect(not wrong, f"acknowledged votes not stored as given: {wrong[:5]}")
    verdict.expect(not half, f"votes answered 503 yet stored: {half[:5]}")


def subscriptions_check(verdict: Verdict, ledger: Ledger, cluster: Cluster) -> None:
    stored = Counter(email for (email,) in cluster.sql(FOLLOWERS))
    wrong = [email for email in ledger.subscriptions if stored[email] != 1]
    half = [email for email in ledger.refused["subscribe"] if stored[email]]
    verdict.counts["subscriptions acknowledged / stored"] = f"{len(ledger.subscriptions)} / {stored.total()}"
    verdict.expect(not wrong, f"acknowledged subscriptions not stored once: {wrong[:5]}")
    verdict.expect(not half, f"subscriptions answered 503 yet stored: {half[:5]}")


def payments_check(verdict: Verdict, ledger: Ledger, cluster: Cluster) -> None:
    events = {event for (event,) in cluster.sql("SELECT id FROM funding_stripeevent")}
    gifts = Counter(email for (email,) in cluster.sql("SELECT email FROM funding_gift"))
    wrong = [event for event, email in ledger.payments.items() if event not in events or gifts[email] != 1]
    # Stripe delivers again what was answered 503; one delivered again and stored is no half-write.
    half = [event for event in ledger.refused["webhook"] if event in events and event not in ledger.payments]
    verdict.counts["payments acknowledged / gifts stored"] = f"{len(ledger.payments)} / {gifts.total()}"
    verdict.expect(not wrong, f"acknowledged payments not stored once: {wrong[:5]}")
    verdict.expect(not half, f"payments answered 503 yet stored: {half[:5]}")


def tasks_check(verdict: Verdict, cluster: Cluster) -> None:
    tasks = dict(
        cluster.sql("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
    )
    verdict.counts["tasks by status"] = ", ".join(f"{s} {n}" for s, n in sorted(tasks.items()))
    verdict.expect(not tasks.get("READY") and not tasks.get("RUNNING"), f"tasks left unfinished: {tasks}")
    verdict.expect(not tasks.get("FAILED"), f"tasks failed: {tasks}")


def store_checks(verdict: Verdict, ledger: Ledger, cluster: Cluster) -> None:
    """Every acknowledged write stored exactly once; no write answered 503 stored; no task lost."""
    for check in (comments_check, votes_check, subscriptions_check, payments_check):
        check(verdict, ledger, cluster)
    tasks_check(verdict, cluster)


def phase_checks(verdict: Verdict, ledger: Ledger, marks: dict[str, float]) -> None:
    windows = Windows.from_marks(marks)
    for check in (answers_check, redis_check, postgres_check):
        check(verdict, ledger, windows)


def _kind(message) -> str:
    return str(message.get("X-Masthead-Mail", ""))


def _text(message) -> str:
    body = message.get_body(preferencelist=("plain",))
    return body.get_content() if body is not None else ""


def receipts_check(verdict: Verdict, cluster: Cluster, messages: list) -> None:
    """One receipt per stored gift, to its donor, with the gift's own Message-ID."""
    due = Counter(
        (email, f"<receipt-{pk}@soak.example>")
        for pk, email in cluster.sql("SELECT id, email FROM funding_gift")
    )
    sent = Counter(
        (to, str(m["Message-ID"])) for m in messages if _kind(m) == "receipt" for to in m.envelope_to
    )
    verdict.counts["receipts due / sent"] = f"{due.total()} / {sent.total()}"
    verdict.expect(sent == due, f"receipts not sent once each: {_difference(due, sent)}")


def confirmations_check(verdict: Verdict, cluster: Cluster, messages: list) -> None:
    """One confirmation link per subscription asked for (each by a new address)."""
    due = Counter(email for (email,) in cluster.sql(FOLLOWERS))
    sent = Counter(to for m in messages if _kind(m) == "confirmation" for to in m.envelope_to)
    verdict.counts["confirmations due / sent"] = f"{due.total()} / {sent.total()}"
    verdict.expect(sent == due, f"confirmations not sent once each: {_difference(due, sent)}")


def notifications_check(verdict: Verdict, cluster: Cluster, messages: list) -> None:
    """Every approved comment named once in the mails of each follower but its author (a mail
    gathers the comments of a few seconds, each linked as #comment-<id>)."""
    comments = cluster.sql("SELECT id, author_email FROM comments_comment WHERE status = 'approved'")
    due = Counter((follower, pk) for pk, author in comments for follower in SUBSCRIBERS if follower != author)
    sent = Counter(
        (to, int(pk))
        for m in messages
        if _kind(m) == "notification"
        for to in m.envelope_to
        for pk in set(re.findall(r"#comment-(\d+)", _text(m)))
    )
    rows = dict(cluster.sql("SELECT status, count(*) FROM subscriptions_delivery GROUP BY status"))
    verdict.counts["notification rows by status"] = ", ".join(f"{s} {n}" for s, n in sorted(rows.items()))
    verdict.counts["notifications due / sent (address, comment)"] = f"{due.total()} / {sent.total()}"
    verdict.expect(sent == due, f"notifications not sent once each: {_difference(due, sent)}")


def _resent_after_kill(copies: list, kill_times: list[float]) -> bool:
    """A second copy is the one duplicate no sender can rule out: its worker was SIGKILLed after
    the server accepted the first and before the commit that marks it sent. Only then is it
    excused: two copies, with a kill in the instant after the first arrived."""
    first = copies[0].received
    return len(copies) == 2 and any(first - 0.05 <= k <= first + KILL_INSTANT for k in kill_times)


def mail_checks(verdict: Verdict, cluster: Cluster, kill_times: list[float]) -> None:
    """Each mail that was due arrived exactly once, counted on the SMTP server; a second copy with
    the same Message-ID is excused only when a worker was killed as the first was accepted."""
    messages = sorted(cluster.inbox.messages, key=lambda m: m.received)
    copies: dict[tuple, list] = {}
    for m in messages:
        copies.setdefault((tuple(m.envelope_to), str(m["Message-ID"])), []).append(m)
    excused = [key for key, group in copies.items() if _resent_after_kill(group, kill_times)]
    doubled = [(key, len(g)) for key, g in copies.items() if len(g) > 1 and key not in excused]
    verdict.counts["mails received (distinct Message-IDs)"] = f"{len(messages)} ({len(copies)})"
    verdict.counts["copies sent again by a worker killed between the 250 and its commit"] = len(excused)
    verdict.expect(not doubled, f"a mail sent twice: {doubled[:3]}")
    once = [group[0] for group in copies.values()]
    for check in (receipts_check, confirmations_check, notifications_check):
        check(verdict, cluster, once)


def summary(verdict: Verdict, faults, *, timings: dict, traffic: float, drained: float, wall: float) -> str:
    counts = {
        "setup (s): engines / migrate / cluster start": " / ".join(f"{t:.0f}" for t in timings.values()),
        "traffic (s) / drain (s) / wall after setup (s)": f"{traffic:.0f} / {drained:.0f} / {wall:.0f}",
        "workers SIGKILLed (and started again)": faults.worker_kills,
        **verdict.counts,
        "failures": len(verdict.failures),
    }
    width = max(len(k) for k in counts)
    lines = ["", "Soak under faults", "-" * (width + 30)]
    return "\n".join(lines + [f"{key:<{width}}  {value}" for key, value in counts.items()])
