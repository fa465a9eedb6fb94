"""The Arabic edition in Chromium: right to left, and a guest comments and replies in Arabic."""

import re

import pytest
from playwright.sync_api import expect

# serialized_rollback: the flush after this test leaves no rows that later serialized tests re-add.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
POSTED = re.compile("^(تعليقك بانتظار المراجعة\\.|نُشر تعليقك\\.)$")  # awaiting moderation | posted


@pytest.fixture
def arabic_article(live_newsroom, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.MODERATION_MIN_FILL_SECONDS = 0  # no need to wait like a person here
    return f"{live_newsroom}/ar/council-budget-vote/"


def _write(form, body: str):
    form.get_by_role("textbox", name="تعليق").fill(body)  # "Comment"
    form.get_by_label("الاسم").fill("Salma Haddad")  # "Name": a Latin-script name in an Arabic thread
    form.get_by_label("البريد الإلكتروني").fill("salma@example.org")  # "Email"


def test_a_guest_comments_and_replies_on_the_arabic_edition(page, arabic_article):
    page.goto(arabic_article)
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")

    form = page.get_by_role("form", name="اترك تعليقًا")  # "Leave a comment"
    with page.expect_response(lambda response: "/token/" in response.url):
        _write(form, "شكرًا على هذا التقرير الواضح عن الميزانية.")
    with page.expect_response(lambda r: "/ar/comments/" in r.url and r.request.method == "POST"):
        page.get_by_role("button", name="انشر التعليق").click()  # "Post Comment"
    status = page.get_by_role("status").filter(has_text=POSTED)
    expect(status).to_have_text("تعليقك بانتظار المراجعة.")  # a guest's first comment is held
    expect(page.get_by_text("Your comment", exact=False)).to_have_count(0)

    page.get_by_role("link", name="ردّ", exact=True).first.click()  # "Reply"
    reply_form = page.get_by_role("form", name=re.compile("^الردّ على"))  # "Reply to <name>"
    expect(reply_form.get_by_role("button", name="إلغاء الردّ")).to_be_visible()  # "Cancel reply"
    _write(reply_form, "أوافقك الرأي، فالمكتبة المركزية تستحق الحماية.")
    with page.expect_response(lambda r: "/ar/comments/" in r.url and r.request.method == "POST"):
        reply_form.get_by_role("button", name="انشر التعليق").click()
    expect(page.get_by_role("status").filter(has_text=POSTED)).to_have_text(POSTED)
    expect(page.get_by_text("أوافقك الرأي، فالمكتبة المركزية تستحق الحماية.")).to_be_visible()
