"""The demo's Arabic edition: a front page and translated stories under /ar/, right to left."""

from wagtail.models import Locale

from masthead.newsroom.models import ArticlePage, HomePage


def test_the_arabic_edition_has_a_front_page_and_three_translated_stories(newsroom):
    arabic = Locale.objects.get(language_code="ar")
    assert HomePage.objects.filter(locale=arabic).live().count() == 1
    stories = ArticlePage.objects.filter(locale=arabic).live()
    assert stories.count() >= 3
    for story in stories:
        assert story.get_translations().filter(locale__language_code="en").exists()


def test_an_arabic_story_is_served_right_to_left(newsroom, client):
    response = client.get("/ar/council-budget-vote/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "المجلس يقرّ ميزانية" in html


def test_the_arabic_story_has_its_own_discussion(newsroom):
    from masthead.comments.models import Comment, Status

    story = ArticlePage.objects.get(locale__language_code="ar", slug="council-budget-vote")
    assert Comment.objects.filter(page=story, status=Status.APPROVED).count() >= 8
    assert Comment.objects.filter(page=story, depth__gte=3).exists()


def test_the_arabic_edition_names_topics_and_authors_in_arabic(newsroom, client):
    front = client.get("/ar/").content.decode()
    for name in ("المجلس والسياسة", "المدارس", "البيئة", "النقل"):
        assert f">{name}</a>" in front
    assert "Council &amp; Politics" not in front and "Maren Okafor" not in front

    author = client.get("/ar/authors/maren-okafor/").content.decode()
    assert "مارين أوكافور" in author and "مراسلة الشؤون المحلية" in author
    assert "Local government reporter" not in author

    english = client.get("/").content.decode()
    assert "Council &amp; Politics" in english and "المجلس والسياسة" not in english
