"""The export of an article's inline feedback as a W3C Web Annotation collection."""

from django.utils import timezone

from masthead.comments.models import Comment, Status
from masthead.inline.selectors import article_text
from masthead.newsroom.models import ArticlePage

from .conftest import passage_fields


def test_inline_feedback_is_an_annotation_collection(quoted_article, post_comment, client):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    post_comment(quoted_article, body="A plain comment, not on a passage.")

    response = client.get(f"/api/inline/pages/{quoted_article.pk}/annotations")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    collection = response.json()
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 1
    [annotation] = collection["first"]["items"]
    assert annotation["@context"] == "http://www.w3.org/ns/anno.jsonld"  # each item stands alone
    assert annotation["type"] == "Annotation" and annotation["motivation"] == "commenting"
    assert annotation["id"].endswith(f"/budget-passes/#comment-{comment.pk}")
    assert annotation["body"][0]["value"] == comment.body_html
    assert annotation["body"][0]["language"] == "en"  # W3C SHOULDs: language, creator, created
    assert annotation["creator"] == {"type": "Person", "name": comment.author_name}
    assert annotation["created"] == comment.created_at.isoformat()
    assert "modified" not in annotation  # never edited
    target = annotation["target"]
    assert target["source"].endswith("/budget-passes/")
    # The selectors refine the article body, whose canonical text the offsets count.
    scope = {"type": "CssSelector", "value": "[data-article-body]"}
    quote, position = target["selector"]
    assert {k: v for k, v in quote.items() if k != "refinedBy"} == scope
    assert {k: v for k, v in position.items() if k != "refinedBy"} == scope
    assert quote["refinedBy"] == {
        "type": "TextQuoteSelector",
        "exact": "protects the library hours",
        "prefix": "llor Amara Okafor said the plan ",
        "suffix": " that residents fought to keep. ",
    }
    start, end = position["refinedBy"]["start"], position["refinedBy"]["end"]
    assert position["refinedBy"]["type"] == "TextPositionSelector"
    assert article_text(page=quoted_article).text[start:end] == "protects the library hours"
    assert annotation["target"]["state"]["type"] == "TimeState"


def test_comments_awaiting_moderation_are_not_exported(quoted_article, post_comment, client):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    Comment.objects.filter(pk=comment.pk).update(status=Status.PENDING)
    assert client.get(f"/api/inline/pages/{quoted_article.pk}/annotations").json()["total"] == 0


def test_an_unknown_article_is_a_404(db, client):
    assert client.get("/api/inline/pages/999999/annotations").status_code == 404


def test_an_edited_comment_says_when_it_was_modified(quoted_article, post_comment, client):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    edited = timezone.now()
    Comment.objects.filter(pk=comment.pk).update(edited_at=edited)

    [annotation] = client.get(f"/api/inline/pages/{quoted_article.pk}/annotations").json()["first"]["items"]

    assert annotation["modified"] == edited.isoformat()


def test_the_arabic_story_exports_arabic_bodies_and_the_editors_prompt_is_plain_text(newsroom, client):
    story = ArticlePage.objects.get(locale__language_code="ar", slug="council-budget-vote")
    items = client.get(f"/api/inline/pages/{story.pk}/annotations").json()["first"]["items"]
    assert len(items) == 2
    assert {body["language"] for item in items for body in item["body"]} == {"ar"}
    assert items[0]["target"]["source"].endswith("/ar/council-budget-vote/")

    english = ArticlePage.objects.child_of(newsroom).get(slug="council-budget-vote")
    items = client.get(f"/api/inline/pages/{english.pk}/annotations").json()["first"]["items"]
    [prompt] = [body for item in items for body in item["body"] if body.get("purpose") == "questioning"]
    assert prompt == {
        "type": "TextualBody",
        "purpose": "questioning",
        "value": "Is this a fair reason to cut the evening buses?",
        "format": "text/plain",
        "language": "en",
    }
