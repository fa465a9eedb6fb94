"""The export of an article's inline feedback as a W3C Web Annotation collection."""

from masthead.comments.models import Comment, Status

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
    assert annotation["type"] == "Annotation" and annotation["motivation"] == "commenting"
    assert annotation["id"].endswith(f"/budget-passes/#comment-{comment.pk}")
    assert annotation["body"][0]["value"] == comment.body_html
    assert annotation["body"][0]["language"] == "en"  # W3C SHOULDs: language, creator, created
    assert annotation["creator"]["name"] and annotation["created"]
    quote, position = annotation["target"]["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "protects the library hours",
        "prefix": "llor Amara Okafor said the plan ",
        "suffix": " that residents fought to keep. ",
    }
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len("protects the library hours")
    assert annotation["target"]["state"]["type"] == "TimeState"


def test_comments_awaiting_moderation_are_not_exported(quoted_article, post_comment, client):
    comment = post_comment(quoted_article, **passage_fields(quoted_article, "protects the library hours"))
    Comment.objects.filter(pk=comment.pk).update(status=Status.PENDING)
    assert client.get(f"/api/inline/pages/{quoted_article.pk}/annotations").json()["total"] == 0


def test_an_unknown_article_is_a_404(db, client):
    assert client.get("/api/inline/pages/999999/annotations").status_code == 404
