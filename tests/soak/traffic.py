"""The soak's readers, commenters, voters, subscribers and Stripe: threads that alternate between
the web processes (as a balancer would; a process that refuses connections is skipped) and record
every answer, and every write that got a success answer."""

import http.client
import http.cookiejar
import json
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

from django.core import signing

from masthead.comments.identity import _SALT, GUEST_COOKIE
from masthead.funding.tests.events import session_completed
from masthead.site.tests.test_redis_down import _webhook

from .cluster import SECRET_KEY, SUBSCRIBERS, WEBHOOK_SECRET, Cluster

NO_ANSWER = 0  # the connection dropped mid-request: the write may or may not have happened


@dataclass
class Answer:
    kind: str  # "page", "me", "token", "comment", "vote", "subscribe", "webhook"
    started: float
    ended: float
    status: int
    body: str


@dataclass
class Ledger:
    """What the clients saw. Writes are recorded only when their answer said they succeeded."""

    answers: list[Answer] = field(default_factory=list)
    comments: dict[int, str] = field(default_factory=dict)  # id → body
    votes: dict[tuple[str, int], int] = field(default_factory=dict)  # (voter, comment id) → value
    subscriptions: list[str] = field(default_factory=list)  # addresses
    payments: dict[str, str] = field(default_factory=dict)  # Stripe event id → donor address
    # Writes answered 503, by kind: none may be stored (comment body, (voter, comment id),
    # address, Stripe event id).
    refused: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, answer: Answer) -> Answer:
        with self.lock:
            self.answers.append(answer)
        return answer


class Client:
    """One reader's browser: its own cookies, and the web ports it may use."""

    def __init__(self, cluster: Cluster, ledger: Ledger, seed: int):
        self.cluster, self.ledger = cluster, ledger
        self.random = random.Random(seed)
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.turn = seed

    def request(self, kind: str, path: str, data: bytes | None = None, headers: dict | None = None) -> Answer:
        started = time.monotonic()
        ports = self.cluster.ports
        self.turn += 1
        for port in ports[self.turn % len(ports) :] + ports[: self.turn % len(ports)]:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}", data=data, headers=headers or {}
            )
            try:
                status, body = self._exchange(request)
            except urllib.error.URLError as error:
                if isinstance(error.reason, ConnectionRefusedError):
                    continue  # that web process is down: the other one, as a balancer would
                status, body = NO_ANSWER, str(error)
            except (OSError, http.client.HTTPException) as error:
                # Reset or cut mid-answer: not retried (a POST may have landed).
                status, body = NO_ANSWER, repr(error)
            return self.ledger.note(Answer(kind, started, time.monotonic(), status, body))
        return self.ledger.note(Answer(kind, started, time.monotonic(), NO_ANSWER, "no web process"))

    def _exchange(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post_json(self, kind: str, path: str, payload: dict) -> Answer:
        return self.request(kind, path, json.dumps(payload).encode(), {"Content-Type": "application/json"})

    @property
    def voter(self) -> str:
        for cookie in self.cookies:
            if cookie.name == GUEST_COOKIE:
                return "g:" + signing.Signer(key=SECRET_KEY, salt=_SALT).unsign(cookie.value.strip('"'))
        return ""


def _refused(ledger: Ledger, answer: Answer, key: object) -> None:
    if answer.status == 503:
        with ledger.lock:
            ledger.refused[answer.kind].append(key)


def commenter(client: Client, stop: threading.Event, name: str) -> None:
    """Reads the article with its cookies, posts a comment (one in four as a follower of the
    thread), votes on another comment, and now and then subscribes a new address."""
    cluster, n = client.cluster, 0
    voted: set[int] = set()
    while not stop.is_set():
        n += 1
        client.request("page", cluster.path)
        client.request("me", f"/comments/{cluster.page_id}/me/")
        email = SUBSCRIBERS[n % len(SUBSCRIBERS)] if n % 4 == 0 else f"{name}-{n}@readers.example"
        comment(client, body=f"Soak comment {name}-{n}: the bridge held.", name=name, email=email)
        vote(client, voted)
        if n % 3 == 0:
            subscribe(client, f"follow-{name}-{n}@readers.example")
        stop.wait(client.random.uniform(0.1, 0.4))


def comment(client: Client, *, body: str, name: str, email: str) -> None:
    """As the page's script posts one: with the form token fetched first."""
    page_id = client.cluster.page_id
    token = client.request("token", f"/comments/{page_id}/token/")
    fields = {"body": body, "author_name": f"Reader {name}", "author_email": email}
    fields["form_token"] = json.loads(token.body)["token"] if token.status == 200 else ""
    answer = client.post_json("comment", f"/api/comments/pages/{page_id}/comments", fields)
    if answer.status == 201:
        with client.ledger.lock:
            client.ledger.comments[json.loads(answer.body)["id"]] = body
    _refused(client.ledger, answer, body)


def vote(client: Client, voted: set[int]) -> None:
    """Up or down on a comment this reader has not voted on yet, whatever the earlier answer
    (voting again on the same comment would be a change of mind, another story)."""
    with client.ledger.lock:
        others = [pk for pk in client.ledger.comments if pk not in voted]
    if not others:
        return
    comment_id, value = client.random.choice(others), client.random.choice((1, -1))
    voted.add(comment_id)
    answer = client.post_json("vote", f"/api/comments/{comment_id}/vote", {"value": value})
    if answer.status == 200:
        with client.ledger.lock:
            client.ledger.votes[client.voter, comment_id] = value
    _refused(client.ledger, answer, (client.voter, comment_id))


def subscribe(client: Client, email: str) -> None:
    form = {"email": email, "page": client.cluster.page_id, "scope": "all", "frequency": "instant"}
    answer = client.request("subscribe", "/subscriptions/", urllib.parse.urlencode(form).encode())
    if answer.status == 200:
        with client.ledger.lock:
            client.ledger.subscriptions.append(email)
    _refused(client.ledger, answer, email)


def reader(client: Client, stop: threading.Event) -> None:
    """An anonymous reader: the article, as the page cache serves it to everyone."""
    while not stop.is_set():
        client.request("page", client.cluster.path)
        stop.wait(client.random.uniform(0.05, 0.2))


def stripe(client: Client, stop: threading.Event) -> None:
    """Payments arrive signed; one in four is delivered twice, as Stripe does when unsure."""
    n = 0
    while not stop.is_set():
        n += 1
        event = session_completed(
            session=f"cs_soak_{n}",
            pi=f"pi_soak_{n}",
            email=f"donor-{n}@soak.example",
            event_id=f"evt_soak_{n}",
        )
        for _ in range(2 if n % 4 == 0 else 1):
            started = time.monotonic()
            status = _webhook_to(client, event)
            answer = client.ledger.note(Answer("webhook", started, time.monotonic(), status, ""))
            if status == 200:
                with client.ledger.lock:
                    client.ledger.payments[event["id"]] = f"donor-{n}@soak.example"
            _refused(client.ledger, answer, event["id"])
        stop.wait(client.random.uniform(0.3, 0.8))


def _webhook_to(client: Client, event: dict) -> int:
    for port in client.cluster.ports:
        try:
            return _webhook(f"http://127.0.0.1:{port}", event, secret=WEBHOOK_SECRET)
        except urllib.error.URLError as error:
            if not isinstance(error.reason, ConnectionRefusedError):
                return NO_ANSWER
        except (OSError, http.client.HTTPException):
            return NO_ANSWER
    return NO_ANSWER
