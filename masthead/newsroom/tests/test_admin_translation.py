"""Editors translate a topic in the admin (Snippets → Topics → Translate), then edit the copy;
the Arabic edition shows it at once."""

from masthead.newsroom.models import Topic

from .factories import arabic_locale, article_make, topic_make, translation_make


def test_an_editor_translates_a_topic_and_the_arabic_edition_names_it(editor_client, client, home):
    schools = topic_make(name="Schools")
    story = article_make(home=home, title="New school opens", topics=[schools])
    translation_make(home, title="الصفحة الأولى")
    translation_make(story, title="مدرسة جديدة تفتح أبوابها")
    arabic = arabic_locale()

    response = editor_client.post(
        f"/admin/translation/submit/snippet/newsroom/topic/{schools.pk}/", {"locales": [arabic.pk]}
    )
    assert response.status_code == 302
    copy = Topic.objects.get(translation_key=schools.translation_key, locale=arabic)
    assert copy.slug == schools.slug

    response = editor_client.post(
        f"/admin/snippets/newsroom/topic/edit/{copy.pk}/",
        {"name": "المدارس", "slug": "المدارس", "description": "أخبار المدارس."},
    )
    assert response.status_code == 302
    client.logout()

    front = client.get("/ar/").content.decode()
    assert ">المدارس</a>" in front and ">Schools</a>" not in front
    assert "/ar/topics/المدارس/" in front
    assert ">Schools</a>" in client.get("/").content.decode()


def test_two_topics_of_one_language_cannot_share_a_slug(editor_client):
    schools = topic_make(name="Schools")

    response = editor_client.post(
        "/admin/snippets/newsroom/topic/add/",
        {"name": "More schools", "slug": schools.slug, "description": ""},
    )

    assert response.status_code == 200  # the form again, with the error
    assert Topic.objects.filter(slug=schools.slug).count() == 1
    assert "This slug is already used in this language." in response.content.decode()
