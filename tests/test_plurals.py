"""Arabic's six plural forms (zero, one, two, few 3–10, many 11–99, other 100+) through the code
that shows them: the discussion heading, the live "N new comments" notice, the countdown of the
campaign bar and the passage buttons of inline feedback."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

ARABIC_PO = Path(__file__).resolve().parents[1] / "masthead" / "locale" / "ar" / "LC_MESSAGES" / "django.po"
COUNTS = [0, 1, 2, 3, 11, 100]

COMMENTS = {0: "لا تعليقات", 1: "تعليق واحد", 2: "تعليقان", 3: "3 تعليقات", 11: "11 تعليقًا", 100: "100 تعليق"}
NEW = {
    0: "لا تعليقات جديدة",
    1: "تعليق جديد واحد",
    2: "تعليقان جديدان",
    3: "3 تعليقات جديدة",
    11: "11 تعليقًا جديدًا",
    100: "100 تعليق جديد",
}
DAYS = {
    0: "اليوم الأخير",
    1: "اليوم الأخير",
    2: "يومان متبقيان",
    3: "3 أيام متبقية",
    11: "11 يومًا متبقيًا",
    100: "100 يوم متبقٍ",
}
PASSAGE = {
    0: "لا تعليقات على هذا المقطع",
    1: "تعليق واحد على هذا المقطع",
    2: "تعليقان على هذا المقطع",
    3: "3 تعليقات على هذا المقطع",
    11: "11 تعليقًا على هذا المقطع",
    100: "100 تعليق على هذا المقطع",
}


@pytest.fixture
def arabic():
    with translation.override("ar"):
        yield


def _discussion_heading(n: int) -> str:
    thread = SimpleNamespace(approved_count=n, roots=[], sort="oldest", last_id=0, next_cursor="")
    html = render_to_string(
        "comments/_discussion.html",
        {
            "page": SimpleNamespace(pk=1),
            "thread": thread,
            "is_open": False,
            "default_sort": "oldest",
            "poll_ms": 30000,
            "extensions": [],
        },
    )
    start = html.index('id="comments-count"')
    return html[html.index(">", start) + 1 : html.index("</h2>", start)]


@pytest.mark.parametrize("n", COUNTS)
def test_the_discussion_heading(arabic, n):
    assert _discussion_heading(n) == COMMENTS[n]


@pytest.mark.parametrize("n", COUNTS)
def test_the_live_notice_and_count_from_the_poll(arabic, n, monkeypatch, db):
    from masthead.comments import selectors, views

    monkeypatch.setattr(
        selectors,
        "discussion_state",
        lambda *, page_id: {"approved_count": 200, "last_comment_id": 9, "is_closed": False},
    )
    from wagtail.models import Page

    # a live page to poll (the root; its id is not always 1 once a transactional test has
    # flushed and re-created it)
    page_id = Page.get_first_root_node().pk
    request = RequestFactory().get(f"/ar/comments/{page_id}/poll/?seen={200 - n}")
    body = views.thread_poll(request, page_id=page_id)
    import json

    state = json.loads(body.content)
    assert state["new_label"] == NEW[n]
    assert views.comments_count_label(n) == COMMENTS[n]


@pytest.mark.parametrize("n", COUNTS)
def test_the_campaign_countdown(arabic, n):
    bar = SimpleNamespace(
        slug="support",
        period_label="أغسطس 2025",
        raised_label="1 $",
        goal_label="5 $",
        raised_major="1",
        goal_major="5",
        markers=(),
        days=n,
    )
    html = render_to_string("funding/includes/bar.html", {"bar": bar, "SITE_NAME": "S"})
    days = html[html.index('class="campaign-bar__days">') + 27 :]
    assert days[: days.index("</p>")] == DAYS[n]


@pytest.mark.parametrize("n", COUNTS)
def test_the_passage_button(arabic, n, monkeypatch, db):
    from masthead.inline.templatetags import inline_feedback

    passage = SimpleNamespace(start=0, end=5, comment_ids=list(range(n)))
    monkeypatch.setattr(inline_feedback, "page_passages", lambda *, page: [passage])
    monkeypatch.setattr(inline_feedback, "inline_feedback_list", lambda *, page: [])
    context = inline_feedback.inline_passages(SimpleNamespace(pk=1, body="", live_revision_id=1))
    assert context["config"]["passages"][0]["label"] == PASSAGE[n]


@pytest.mark.parametrize(
    "msgid",
    [
        "%(counter)s Comment",
        "%(count)s new comment",
        "%(days)s day remaining",
        "%(count)s comment on this passage",
    ],
)
def test_the_catalog_has_six_distinct_forms(msgid):
    with ARABIC_PO.open("rb") as f:
        catalog = read_po(f)
    message = catalog[msgid]
    assert message is not None and isinstance(message.string, tuple)
    assert len(message.string) == 6 and len(set(message.string)) == 6, message.string
