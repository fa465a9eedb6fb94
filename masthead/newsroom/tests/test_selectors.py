"""Reads: the front page, related stories by topic and by text, the news sitemap's window, the
editions' front pages and pages, a page anyone may read."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.newsroom import selectors
from masthead.newsroom.models import ArticlePage, Topic

from .factories import article_make, author_make, topic_make, translation_make


def _days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def test_home_front_leads_with_the_newest_story_when_no_lead_is_chosen(home):
    older = article_make(home=home, published_at=_days_ago(3))
    newer = article_make(home=home, published_at=_days_ago(1))

    front = selectors.home_front(home=home)

    assert front["lead"] == newer
    assert front["latest"] == [older]


def test_home_front_leads_with_the_chosen_story_and_does_not_repeat_it(home):
    chosen = article_make(home=home, published_at=_days_ago(5))
    newer = [article_make(home=home, published_at=_days_ago(d)) for d in (1, 2)]
    topic = topic_make(name="Council")
    home.lead_story = chosen
    home.save()

    front = selectors.home_front(home=home)

    assert front["lead"] == chosen
    assert front["latest"] == newer
    assert topic in front["topics"]


def test_home_front_finds_a_chosen_lead_older_than_the_latest_list(home):
    chosen = article_make(home=home, published_at=_days_ago(100))
    for day in range(selectors.LIST_PAGE_SIZE + 2):
        article_make(home=home, published_at=_days_ago(day))
    home.lead_story = chosen
    home.save()

    front = selectors.home_front(home=home)

    assert front["lead"] == chosen
    assert len(front["latest"]) == selectors.LIST_PAGE_SIZE
    assert chosen not in front["latest"]


def test_home_front_of_an_empty_newsroom(home):
    assert selectors.home_front(home=home) == {"lead": None, "latest": [], "topics": []}


def test_related_shares_topics_newest_first(home):
    river, school = topic_make(name="River"), topic_make(name="Schools")
    story = article_make(home=home, topics=[river, school])
    old = article_make(home=home, topics=[river], published_at=_days_ago(9))
    mid = article_make(home=home, topics=[school], published_at=_days_ago(5))
    new = article_make(home=home, topics=[river, school], published_at=_days_ago(1))
    article_make(home=home, topics=[topic_make(name="Sport")])
    for _ in range(2):  # more than the limit: the oldest drops out
        article_make(home=home, topics=[river], published_at=_days_ago(20))

    related = selectors.article_related(article=story, limit=3)

    assert related == [new, mid, old]


def test_related_is_topped_up_by_text_similarity(home):
    river = topic_make(name="River")
    story = article_make(
        home=home,
        title="Volunteers pull tyres from the Ouse riverbank",
        standfirst="The annual riverbank clean-up drew two hundred volunteers.",
        topics=[river],
    )
    same_topic = article_make(home=home, title="Flood warning lifted", topics=[river])
    similar = article_make(
        home=home,
        title="Riverbank clean-up volunteers return",
        standfirst="More volunteers than ever came for the clean-up.",
    )
    article_make(home=home, title="Council sets the budget", standfirst="Parking charges rise by ten pence.")

    related = selectors.article_related(article=story, limit=3)

    assert related[0] == same_topic
    assert similar in related[1:]
    assert story not in related
    assert len(related) == len(set(related))


def test_related_of_a_story_without_topics_comes_from_text_alone(home):
    story = article_make(home=home, title="School opens its new library", standfirst="")
    similar = article_make(home=home, title="A library for the new school", standfirst="")
    article_make(home=home, title="Bridge closed for repairs", standfirst="")

    assert selectors.article_related(article=story) == [similar]


def test_author_and_topic_lists(home):
    ana, ben = author_make(name="Ana"), author_make(name="Ben")
    river = topic_make(name="River")
    a = article_make(home=home, authors=[ana], topics=[river], published_at=_days_ago(2))
    b = article_make(home=home, authors=[ana, ben], published_at=_days_ago(1))

    assert list(selectors.author_articles(author=ana)) == [b, a]
    assert list(selectors.author_articles(author=ben)) == [b]
    assert list(selectors.topic_articles(topic=river)) == [a]


def test_news_sitemap_takes_only_the_last_two_days(home):
    now = timezone.now()
    fresh = article_make(home=home, published_at=now - timedelta(hours=1))
    edge = article_make(home=home, published_at=now - timedelta(days=2) + timedelta(minutes=1))
    article_make(home=home, published_at=now - timedelta(days=2, minutes=1))
    article_make(home=home, published_at=now - timedelta(days=30))

    assert list(selectors.news_sitemap_articles(now=now)) == [fresh, edge]


def test_news_sitemap_leaves_out_unpublished_stories(home):
    story = article_make(home=home)
    story.unpublish()

    assert list(selectors.news_sitemap_articles()) == []


def test_sitemap_topics_and_authors_only_with_live_stories(home):
    ana, idle = author_make(name="Ana"), author_make(name="Idle")
    river, empty = topic_make(name="River"), topic_make(name="Empty")
    story = article_make(home=home, authors=[ana], topics=[river])
    story.refresh_from_db()

    listed = selectors.sitemap_topics_and_authors(locale_id=home.locale_id, language="en")

    assert listed == [river, ana]
    assert all(item.lastmod == story.last_published_at for item in listed)
    assert idle not in listed and empty not in listed


def test_search_terms_keep_words_and_drop_syntax():
    assert selectors.search_terms('council\'s "budget" \\ (2026) AND -cuts* مجلس') == (
        "council s budget 2026 AND cuts مجلس"
    )
    assert selectors.search_terms('\\ " * ( )') == ""


def test_a_headline_full_of_punctuation_still_finds_similar_stories(home):
    story = article_make(home=home, title='Library "hours" \\ cut? (again) * -Sundays', standfirst="")
    similar = article_make(home=home, title="Library hours on Sundays", standfirst="")

    assert selectors.article_related(article=story) == [similar]


def test_edition_home_default_is_the_default_languages_front_page(home):
    translation_make(home, title="الصفحة الأولى")

    assert selectors.edition_home_default() == home


def test_edition_home_default_before_any_front_page(db):
    assert selectors.edition_home_default() is None


def test_edition_snippet_finds_none_for_a_slug_with_a_nul_byte(home):
    river = topic_make(name="River")

    assert selectors.edition_snippet(Topic, slug=river.slug, language="en") == river
    assert selectors.edition_snippet(Topic, slug=f"{river.slug}\x00", language="en") is None


def test_edition_pages_are_the_live_public_pages_of_every_edition(home):
    story = article_make(home=home)
    home_ar = translation_make(home, title="الصفحة الأولى")
    story_ar = translation_make(story, title="قصة")
    draft = article_make(home=home)
    draft.unpublish()
    private = article_make(home=home)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="hunter2")

    pages = list(selectors.edition_pages(root=home))

    assert {page.pk for page in pages} == {home.pk, story.pk, home_ar.pk, story_ar.pk}
    assert [page.path for page in pages] == sorted(page.path for page in pages)
    assert isinstance(next(page for page in pages if page.pk == story.pk), ArticlePage)


def test_page_public_get_only_a_published_page_anyone_may_read(home):
    story, draft, private = article_make(home=home), article_make(home=home), article_make(home=home)
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="hunter2")

    found = selectors.page_public_get(pk=story.pk)
    assert found is not None and found.pk == story.pk and not isinstance(found, ArticlePage)
    assert isinstance(selectors.page_public_get(pk=story.pk, specific=True), ArticlePage)
    assert selectors.page_public_get(pk=draft.pk) is None
    assert selectors.page_public_get(pk=private.pk) is None
    assert selectors.page_public_get(pk=10**6) is None
