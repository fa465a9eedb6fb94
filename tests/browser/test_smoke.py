"""The front page opens in a real Chromium and asks nothing of any other host."""

from playwright.sync_api import expect


def test_front_page_opens_with_no_foreign_requests(page, live_newsroom, foreign_requests):
    page.goto(live_newsroom + "/")
    expect(page.get_by_role("link", name="The Riverside Ledger").first).to_be_visible()
    assert foreign_requests == []
