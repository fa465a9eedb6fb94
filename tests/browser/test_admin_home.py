"""The admin in Chromium: an editor logs in, opens the first page of every admin menu and the
home's panels, and the browser never asks another host for anything (no Gravatar, no update
check, no CDN). In Arabic the admin reads right to left."""

import json

import pytest
from playwright.sync_api import expect

PASSWORD = "the-right-one"  # noqa: S105 (the root conftest's editor)


@pytest.fixture
def admin_site(live_newsroom, editor):
    """The demo newsroom behind the live server, with the root conftest's editor to log in as."""
    return live_newsroom


def _log_in(page, base):
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def _first_pages(props: dict) -> list[tuple[str, str]]:
    """(label, url) of each main-menu entry: its own page, or its submenu's first page."""

    def first_link(item):
        args = item["_args"]
        if "url" in args[0]:  # a link, or the page explorer
            return args[0]["label"], args[0]["url"]
        if item["_type"].endswith("SubMenuItem"):
            return next(filter(None, map(first_link, args[1])), None)
        return None

    main = next(m for m in props["modules"] if m["_type"].endswith("MainMenuModule"))
    return [found for item in main["_args"][0] if (found := first_link(item))]


def test_every_admin_menu_opens_without_asking_another_host(page, admin_site, foreign_requests):
    base = admin_site
    _log_in(page, base)
    expect(page.locator("#masthead-discussion-heading, [id^=masthead-discussion]").first).to_be_visible()
    props = json.loads(page.locator("#wagtail-sidebar-props").text_content())
    pages = _first_pages(props)
    local = [(label, url) for label, url in pages if url.startswith("/")]
    assert len(local) >= 6, pages  # Pages, Images, Documents, Comments, Funding, Settings…

    for label, url in local:
        response = page.goto(base + url)
        assert response.status < 400, (label, url, response.status)
        page.wait_for_load_state("networkidle")
    page.goto(base + "/admin/")
    page.wait_for_load_state("networkidle")

    assert foreign_requests == []
    # The only menu pages elsewhere are Wagtail's help links: links, never fetched by the admin.
    assert all("wagtail.org" in url for _, url in pages if not url.startswith("/")), pages


def test_the_arabic_admin_reads_right_to_left(page, admin_site, foreign_requests):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = "ar"
    profile.save()
    _log_in(page, admin_site)

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="النقاش")).to_be_visible()
    expect(page.get_by_role("heading", name="القصص")).to_be_visible()
    expect(page.get_by_role("heading", name="المال")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert foreign_requests == []
