"""A reader subscribes under an article, confirms from the mail, and leaves, in a real Chromium."""

import re

from django.core import mail
from playwright.sync_api import expect

LINK = re.compile(r"https?://\S+?/subscriptions/(?:confirm|leave)/\S+?/")


def _article_url(base: str) -> str:
    from masthead.newsroom.models import ArticlePage

    return base + ArticlePage.objects.live().order_by("pk").first().url


def _link(message, kind: str, base: str) -> str:
    url = next(m.group(0) for m in LINK.finditer(message.body) if f"/{kind}/" in m.group(0))
    return base + "/subscriptions/" + url.split("/subscriptions/", 1)[1]


def test_subscribe_confirm_and_leave(page, live_newsroom, settings, foreign_requests):
    settings.BASE_URL = live_newsroom
    mail.outbox.clear()
    page.goto(_article_url(live_newsroom))
    box = page.get_by_role("form", name="Subscribe")
    box.get_by_label("Notify of").select_option(label="new follow-up comments")
    box.get_by_label("Email").fill("reader@example.org")
    box.get_by_role("button", name="Subscribe").click()
    expect(box.get_by_role("status")).to_contain_text("we have sent it a link")  # in place

    [confirmation] = [m for m in mail.outbox if "reader@example.org" in m.to]
    page.goto(_link(confirmation, "confirm", live_newsroom))
    expect(page.get_by_role("heading", name="Confirm your subscription")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Subscription confirmed")).to_be_visible()

    from masthead.subscriptions.models import Subscription
    from masthead.subscriptions.tokens import leave_token

    subscription = Subscription.objects.get(subscriber__email="reader@example.org")
    assert subscription.status == "active"
    token = leave_token(subscriber_id=subscription.subscriber_id, subscription_ids=[subscription.pk])
    page.goto(f"{live_newsroom}/subscriptions/leave/{token}/")
    page.get_by_role("button", name="Leave this thread").click()
    expect(page.get_by_role("status")).to_contain_text("no more notifications")
    subscription.refresh_from_db()
    assert subscription.status == "ended"
    assert foreign_requests == []


def test_a_malformed_address_is_announced(page, live_newsroom):
    page.goto(_article_url(live_newsroom))
    box = page.get_by_role("form", name="Subscribe")
    box.get_by_label("Email").fill("not an address")
    box.evaluate("form => form.noValidate = true")
    box.get_by_role("button", name="Subscribe").click()
    expect(box.get_by_role("alert")).to_contain_text("valid email address")
    expect(box.get_by_label("Email")).to_have_value("not an address")


def test_the_box_works_without_javascript(browser, live_newsroom):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_article_url(live_newsroom))
    box = page.get_by_role("form", name="Subscribe")
    box.get_by_label("Email").fill("nojs@example.org")
    box.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Subscribe")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("we have sent it a link")
    context.close()
