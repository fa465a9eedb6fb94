"""Hostile input in the fields that are one page per value: the search query, the donate form's
email and amount (shown again with the error), and names in the admin lists (a donor's name on
an offline gift, a held comment in the moderation queue). Each page is as Chromium parses it.

The comment fields take the whole corpus (test_xss.py: thousands of comments on one page); here
each value costs a request (a search is about 28 ms of server time), so these fields take an even
sample of the corpus, every category of it included.
"""

import pytest
from playwright.sync_api import expect

from tests.hostile import hostile_vectors

from .test_xss import watch

pytestmark = pytest.mark.django_db(transaction=True)

VECTORS = hostile_vectors()
SAMPLE = VECTORS[:: len(VECTORS) // 100][:100]
DONATE = "/donate/support-the-riverside-ledger/"

# Dangers anywhere in a parsed document `doc` (or under `root`): an event handler, a script
# address, a script that is not one of the site's files or a JSON data block, frames, plugins,
# <base>, meta refresh, inline style elements and style attributes that load or compute.
DANGERS = """(doc, root) => {
  const URLS = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"];
  const bad = [];
  for (const el of (root || doc).querySelectorAll("*")) {
    const tag = el.localName;
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) bad.push(`${tag} ${attr.name}`);
      if (URLS.includes(attr.name) && /^[\\s\\u0000-\\u0020]*(javascript|data|vbscript):/i.test(attr.value)) {
        bad.push(`${tag} ${attr.name}=${attr.value}`);
      }
      if (attr.name === "style" && /url\\(|expression\\(|binding/i.test(attr.value)) bad.push(attr.value);
    }
    const src = el.getAttribute("src") || "";
    if (tag === "script" && !src.startsWith("/static/") && el.type !== "application/json") {
      bad.push(el.outerHTML.slice(0, 200));
    }
    if (["iframe", "frame", "object", "embed", "base", "style", "applet", "portal"].includes(tag)) {
      bad.push(tag);
    }
    if (tag === "meta" && el.httpEquiv) bad.push(`meta http-equiv=${el.httpEquiv}`);
  }
  return bad;
}"""

# Fetches each value's page from the site and parses it with Chromium's own HTML parser.
FETCH_ALL = (
    """async ([vectors, donate]) => {
  const dangers = """
    + DANGERS
    + """;
  const parse = (html) => new DOMParser().parseFromString(html, "text/html");
  const found = {bad: [], searchEchoed: 0, donateEchoed: 0, statuses: []};
  // One form token for all: every post is refused for its email before the token matters.
  const token = parse(await (await fetch(donate)).text()).querySelector("[name=token]").value;
  for (const v of vectors) {
    const search = await fetch("/search/?q=" + encodeURIComponent(v));
    const page = parse(await search.text());
    found.statuses.push(search.status);
    found.bad.push(...dangers(page).map((d) => `search ${JSON.stringify(v)}: ${d}`));
    if (page.getElementById("search-q").value) found.searchEchoed += 1;

    const form = new FormData();
    for (const [k, x] of [["amount", "custom"], ["custom_amount", v.slice(0, 20)], ["email", v],
                          ["frequency", "one_time"], ["token", token]]) form.append(k, x);
    const answer = await fetch(donate, {method: "POST", body: form});
    const donated = parse(await answer.text());
    found.statuses.push(answer.status);
    found.bad.push(...dangers(donated).map((d) => `donate ${JSON.stringify(v)}: ${d}`));
    if (donated.getElementById("id_email").value) found.donateEchoed += 1;
  }
  return found;
}"""
)


@pytest.fixture
def campaign(live_server, settings):
    from masthead.funding import demo

    settings.STRIPE_SECRET_KEY = "sk_test_never_called"  # the form shows; no value here is valid
    settings.PAGE_CACHE_SECONDS = 0
    demo.load()
    return live_server.url


def test_hostile_search_queries_and_donate_fields_run_nothing(page, campaign):
    errors = watch(page)
    page.goto(campaign + "/search/")

    found = page.evaluate(FETCH_ALL, [SAMPLE, DONATE])

    assert found["bad"] == []
    assert set(found["statuses"]) <= {200, 400}, found["statuses"]
    # Not vacuous: the values did come back in the pages (a few are emptied by the cleaning).
    assert min(found["searchEchoed"], found["donateEchoed"]) >= 0.9 * len(SAMPLE), found
    for vector in SAMPLE[:12]:  # a few as real pages, with their scripts running
        page.goto(campaign + "/search/?" + _query(vector))
        page.get_by_role("searchbox", name="Search stories").press("Enter")
        assert page.evaluate("window.__alerts") == [] and page.evaluate(f"({DANGERS})(document)") == []
    assert errors == []


def _query(vector: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": vector})


@pytest.fixture
def admin_lists(campaign, editor):
    """The editor (the root fixture); offline gifts whose donor name and note are vectors; held
    comments whose name and body are vectors (the moderation queue)."""
    from django.utils import timezone

    from masthead.comments.importing import CommentImport, comments_import
    from masthead.funding.models import Campaign, Gift
    from masthead.funding.services.gifts import gift_record_offline
    from masthead.newsroom.services import article_publish, home_ensure

    fund = Campaign.objects.get()
    # Without NUL: the admin's forms refuse it (Django's CharField), and PostgreSQL cannot store it.
    sample = [v.replace("\x00", "") for v in SAMPLE]
    for vector in sample[:60]:
        gift_record_offline(gift=Gift(campaign=fund, amount_minor=500, donor_name=vector[:200], note=vector))
    home, _ = home_ensure(title="The Riverside Ledger")
    article = article_publish(
        home=home, title="Held", slug="held", standfirst="", body=[], authors=[], topics=[]
    )
    now = timezone.now()
    comments_import(
        comments=[
            CommentImport(f"h{n}", article.pk, None, v[:80], "r@example.org", "", now, v, "pending")
            for n, v in enumerate(sample)
        ],
        known={},
    )
    return campaign


def test_hostile_names_in_the_admin_gift_list_and_moderation_queue_run_nothing(page, admin_lists):
    errors = watch(page)
    page.goto(admin_lists + "/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("the-right-one")  # the root `editor` fixture's
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    lists = [f"/admin/funding_gifts/?p={n}" for n in (1, 2, 3)] + [
        f"/admin/comments/?status=pending&p={n}" for n in (1, 2)
    ]
    rows = 0
    for url in lists:
        page.goto(admin_lists + url)
        table = page.get_by_role("table").first
        expect(table).to_be_visible()
        rows += table.locator("tbody tr").count()
        assert page.evaluate("window.__alerts") == []
        assert page.evaluate(f"({DANGERS})(document, document.querySelector('table'))") == [], url
    assert rows >= 155  # the demo's 5 gifts, 60 hostile ones, 100 held comments
    assert errors == []
