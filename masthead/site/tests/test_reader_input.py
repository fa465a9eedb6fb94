"""No reader input yields a 500: every public GET parameter, form field, path id and the Stripe
signature header, first with the inputs a review found, then with what Hypothesis makes up.

The endpoints and their parameters are listed here; a guard reads the code for every
request.GET/POST name and every public form's fields, so a new parameter cannot be left out.
"""

import base64
import json
import re
from pathlib import Path

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.comments.identity import Reader

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes, int() says no
PAST_64_BITS = "9" * 25


def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=5,
)
# What a reader may type or craft: any text, numbers of any size and sign, digits of other
# scripts, and cursors that are valid base64 JSON of any shape.
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.integers().map(str),
    st.sampled_from([SUPERSCRIPT_TWO, "\u0663", "-1", "0", PAST_64_BITS, "1e9", " 7", "\x00", "", "%"]),
    _json.map(_cursor),
    st.tuples(st.text(max_size=20), st.integers()).map(lambda pair: _cursor(list(pair))),
)

# (method, path, parameters): {page}, {article}, {comment} are filled in from the demo.
GET = [
    ("{article}", ["sort", "cursor", "replyto", "posted"]),
    ("/comments/{page}/thread/", ["sort", "cursor"]),
    ("/comments/{page}/new/", ["after"]),
    ("/comments/{page}/poll/", ["seen"]),
    ("/comments/c/{comment}/replies/", ["after"]),
    ("/search/", ["q", "page"]),
    ("/topics/council-politics/", ["page"]),
    ("/subscriptions/", ["page", "comment"]),
    ("/api/comments/pages/{page}/thread", ["sort", "cursor"]),
    ("/api/comments/counts", ["page"]),
    ("/donor/{donor}/", ["done"]),
]
POST = [
    (
        "/comments/{page}/post/",
        [
            "body",
            "author_name",
            "author_email",
            "author_url",
            "parent",
            "fax",
            "form_token",
            "inline_exact",
            "inline_start",
            "inline_end",
            "inline_revision",
            "inline_prompt",
            "notify",
        ],
    ),
    ("/comments/c/{comment}/edit/", ["body", "fax", "form_token"]),
    ("/comments/c/{comment}/vote/", ["value"]),
    ("/subscriptions/", ["scope", "email", "frequency", "page", "comment"]),
    ("/subscriptions/leave/{leave}/", ["action", "subscription"]),
    ("/donate/{campaign}/", ["amount", "custom_amount", "frequency", "email", "website", "token"]),
    ("/donor/", ["email"]),
    ("/donor/{donor}/amount/", ["subscription", "amount"]),
    ("/donor/{donor}/portal/", ["subscription"]),
]
PATH_IDS = [
    "/comments/{id}/thread/",
    "/comments/{id}/new/",
    "/comments/{id}/poll/",
    "/comments/{id}/me/",
    "/comments/{id}/token/",
    "/comments/c/{id}/replies/",
    "/comments/c/{id}/edit/",
    "/api/comments/pages/{id}/thread",
    "/api/inline/pages/{id}/annotations",
]
ENDPOINTS = [("get", *e) for e in GET] + [("post", *e) for e in POST]


@pytest.fixture
def site(db, settings):
    """A small newsroom (an article with a comment, a topic, a campaign): quicker than the demo."""
    from masthead.comments.tests.conftest import make_post, tree_ensure
    from masthead.funding.demo import load as campaign_load
    from masthead.funding.tokens import donor_token
    from masthead.newsroom.services import article_publish, home_ensure, topic_create
    from masthead.subscriptions.tokens import leave_token

    settings.STRIPE_WEBHOOK_SECRET = "whsec_test"
    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    tree_ensure()
    home, _ = home_ensure(title="The Riverside Ledger")
    topic = topic_create(name="Council & Politics", slug="council-politics")
    article = article_publish(
        home=home,
        title="Budget",
        slug="budget",
        standfirst="",
        authors=[],
        topics=[topic],
        body=[("paragraph", "<p>The council approved its budget shortly before midnight.</p>")],
    )
    comment = make_post(article, Reader(user=None, guest_id="guest-ruth"))
    campaign_load(home=home)
    return {
        "article": article.url,
        "page": article.pk,
        "comment": comment.pk,
        "leave": leave_token(subscriber_id=1, subscription_ids=[1, 2]),
        "campaign": "support-the-riverside-ledger",
        "donor": donor_token(email="hala@example.org"),
    }


def _answer(method: str, path: str, data: dict, **headers):
    client = Client(raise_request_exception=False, headers=headers)
    response = getattr(client, method)(path, data)
    # 503 is the donate page's own answer while online payments are off (no Stripe key here).
    allowed = response.status_code < 500 or (response.status_code == 503 and "/donate/" in path)
    assert allowed, f"{method.upper()} {path} {data!r} -> {response.status_code}"
    return response


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "{article}", {"cursor": _cursor([{"a": 1}, [2]])}),
        ("get", "{article}", {"cursor": _cursor(["not a date", None]), "sort": "newest"}),
        ("get", "{article}", {"cursor": _cursor([{"a": 1}, 2]), "sort": "voted"}),
        ("get", "/comments/{page}/thread/", {"cursor": _cursor([[], "x"]), "sort": "voted"}),
        ("get", "/api/comments/pages/{page}/thread", {"cursor": _cursor([1.5, 2**70])}),
        ("get", "{article}", {"replyto": SUPERSCRIPT_TWO}),
        ("get", "/comments/{page}/poll/", {"seen": SUPERSCRIPT_TWO}),
        ("get", "/api/comments/counts", {"page": PAST_64_BITS}),
        ("get", "/comments/" + PAST_64_BITS + "/poll/", {}),
        ("get", "/comments/" + PAST_64_BITS + "/me/", {}),
        ("get", "/comments/c/" + PAST_64_BITS + "/replies/", {}),
        ("post", "/subscriptions/leave/{leave}/", {"subscription": SUPERSCRIPT_TWO}),
        ("post", "/donor/{donor}/portal/", {"subscription": "\x00"}),  # PostgreSQL's 500 before
        ("post", "/donor/{donor}/amount/", {"subscription": "sub_\x00", "amount": "5"}),
    ],
)
def test_inputs_the_review_found_get_no_500(site, method, path, data):
    _answer(method, path.format(**site), data)


@pytest.mark.parametrize("timestamp", [SUPERSCRIPT_TWO, "9" * 400, "-5", ""])
def test_a_crafted_stripe_signature_is_a_400(site, timestamp):
    response = _answer("post", "/webhooks/stripe/", {}, stripe_signature=f"t={timestamp},v1=ab")
    assert response.status_code == 400


_examples = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize(("method", "path", "names"), ENDPOINTS, ids=[f"{m} {p}" for m, p, _ in ENDPOINTS])
@_examples
@given(data=st.data())
def test_no_parameter_value_yields_a_500(site, method, path, names, data):
    chosen = data.draw(st.dictionaries(st.sampled_from(names), HOSTILE, min_size=1))
    _answer(method, path.format(**site), chosen)


@pytest.mark.parametrize("path", PATH_IDS)
@_examples
@given(number=st.one_of(st.integers(min_value=0), st.integers(min_value=2**62, max_value=2**80)))
def test_no_id_in_a_path_yields_a_500(site, path, number):
    _answer("get", path.format(id=number), {})


@_examples
@given(header=st.text(max_size=60), body=st.binary(max_size=60))
def test_no_stripe_signature_yields_a_500(site, header, body):
    client = Client(raise_request_exception=False)
    response = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        headers={"Stripe-Signature": f"t={header}" if header[:1].isdigit() else header},
    )
    assert response.status_code < 500


@_examples
@given(event=_json)
def test_no_signed_stripe_event_yields_a_500(site, event):
    from masthead.funding.signatures import signature_header

    body = json.dumps(event).encode()
    client = Client(raise_request_exception=False)
    response = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        headers={"Stripe-Signature": signature_header(payload=body, secret="whsec_test")},
    )
    assert response.status_code < 500


def _names_read_in_code() -> set[str]:
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""(?:request\.(?:GET|POST)|\bget)(?:\.get\(|\[)\s*["']([a-z_]+)["']""")
    names = set()
    for source in root.glob("*/*.py"):
        if "admin" not in source.name and "wagtail_hooks" not in source.name:
            names |= set(pattern.findall(source.read_text()))
    for source in root.glob("*/templatetags/*.py"):
        names |= set(pattern.findall(source.read_text()))
    return names


def test_every_parameter_the_code_reads_is_tried():
    from masthead.funding.forms import DonateForm
    from masthead.subscriptions.forms import ManageForm, SubscribeForm

    tried = {name for _method, _path, names in ENDPOINTS for name in names}
    fields = set(DonateForm.base_fields) | set(ManageForm.base_fields) | set(SubscribeForm.base_fields)
    missing = (_names_read_in_code() | fields) - tried
    assert not missing, f"add these parameters to GET/POST above: {sorted(missing)}"
