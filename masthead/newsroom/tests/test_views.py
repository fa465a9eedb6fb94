"""Search, topic and author pages, and what bad input gets: a styled 404 or a clamped result."""

import pytest

from masthead.newsroom.views import SEARCH_MAX_CHARS

from .factories import article_make, author_make, paragraph, topic_make


def test_search_finds_a_story_by_a_word_of_its_body(client, home):
    article_make(
        home=home,
        title="Council meeting",
        body=[paragraph("The treasurer mentioned the pelicans nesting by the weir.")],
    )
    article_make(home=home, title="School sports day")

    response = client.get("/search/", {"q": "pelicans"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Council meeting" in html
    assert "School sports day" not in html
    assert "1 story found for “pelicans”" in html


def test_search_without_a_query_shows_the_form(client, home):
    article_make(home=home, title="Council meeting")

    response = client.get("/search/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert "Council meeting" not in html
    assert "found for" not in html


def test_a_huge_search_is_clamped_not_refused(client, home):
    article_make(home=home, title="Weir repairs", body=[paragraph("weir " * 5)])

    response = client.get("/search/", {"q": "weir " + "x" * 5000})

    assert response.status_code == 200
    assert response.context["query"] == ("weir " + "x" * 5000)[:SEARCH_MAX_CHARS]


@pytest.mark.parametrize("page", ["abc", "999", "0", "-1", "1.5"])
def test_search_with_a_bad_page_number_is_404(client, home, page):
    article_make(home=home, title="Weir repairs")

    response = client.get("/search/", {"q": "weir", "page": page})

    assert response.status_code == 404


def test_search_rejects_posts(client, home):
    assert client.post("/search/", {"q": "weir"}).status_code == 405


def test_topic_page_lists_its_stories_and_pages(client, home):
    river = topic_make(name="River")
    article_make(home=home, title="River story", topics=[river])
    article_make(home=home, title="Other story")

    response = client.get(f"/topics/{river.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>River</h1>" in html
    assert "River story" in html and "Other story" not in html


def test_author_page_lists_their_stories(client, home):
    ana = author_make(name="Ana Ruiz")
    article_make(home=home, title="By Ana", authors=[ana])
    article_make(home=home, title="By nobody")

    response = client.get(f"/authors/{ana.slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ana Ruiz" in html and "By Ana" in html and "By nobody" not in html


@pytest.mark.parametrize(
    "url",
    ["/topics/no-such-topic/", "/authors/no-such-author/", "/no-such-story/", "/topics/", "/no/such/path/"],
)
def test_unknown_addresses_get_the_styled_404(client, home, url):
    response = client.get(url)

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html  # the site's own header, not a bare error page
    assert "The Riverside Ledger" in html


@pytest.mark.parametrize("page", ["abc", "999", "", "1e3"])
def test_list_pages_with_a_bad_page_number_are_404(client, home, page):
    river, ana = topic_make(name="River"), author_make(name="Ana")
    article_make(home=home, topics=[river], authors=[ana])

    for url in (f"/topics/{river.slug}/", f"/authors/{ana.slug}/"):
        assert client.get(url, {"page": page}).status_code == 404, url


def test_the_second_page_of_a_topic(client, home):
    from masthead.newsroom.selectors import LIST_PAGE_SIZE

    river = topic_make(name="River")
    for n in range(LIST_PAGE_SIZE + 1):
        article_make(home=home, title=f"River story {n:02}", topics=[river])

    response = client.get(f"/topics/{river.slug}/", {"page": "2"})

    assert response.status_code == 200
    assert "River story 00" in response.content.decode()
    assert "Page 2 of 2" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=bridge%00",
        "/topics/river%00/",
        "/authors/%00/",
        "/topics/%00/feed/",
        "/%00/",
        "/search/?q=%F0%28%8C%28",
        "/search/?q=bridge&page=%00",
        "/search/?q=%27%22%5C%26%7C%21%28%29%3A%2A%3C-%3E",
        "/search/?q=AND+OR+NOT",
        "/search/?q=%2A",
        "/search/?q=%E2%80%8B",
    ],
)
def test_odd_characters_and_broken_encodings_never_give_a_500(client, home, url):
    article_make(home=home, title="Bridge reopens")

    assert client.get(url).status_code in (200, 400, 404)
