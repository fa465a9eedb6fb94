"""Inline feedback as W3C Web Annotations: an article's AnnotationCollection (JSON-LD).

GET /api/inline/pages/{page_id}/annotations returns every approved inline comment of a live
article as an Annotation whose target carries a TextQuoteSelector and (unless the passage was
lost in an edit) a TextPositionSelector over the article's canonical text, and the time of the
revision the selectors refer to — usable by other annotation tools.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router
from wagtail.models import Page

from masthead.comments.api import Error
from masthead.core.absoluteurl import absolute_url

from .selectors import inline_feedback_list

router = Router(tags=["inline"])
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@router.get(
    "/pages/{page_id}/annotations",
    url_name="inline_annotations",
    summary="An article's inline feedback as a W3C Web Annotation collection",
    response={200: dict, 404: Error},
    # The collection is JSON-LD in the Web Annotation profile, not plain JSON.
    openapi_extra={
        "responses": {
            200: {
                "description": "A W3C Web Annotation AnnotationCollection",
                "content": {"application/ld+json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def annotations(request: HttpRequest, page_id: int):
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or not hasattr(page, "body"):
        # The API's one error shape (Error), as documented, rather than ninja's {"detail": …}.
        return 404, {"error": _("No published article has this id."), "code": "not_found"}
    article_url = absolute_url(page.url or "/")
    language = page.locale.language_code  # comments are written in their article's edition
    items = [_annotation(a, article_url, language) for a in inline_feedback_list(page=page, limit=1000)]
    collection_id = absolute_url(request.path)
    collection = {
        "@context": CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": _("Inline feedback on “%(title)s”") % {"title": page.title},
        "total": len(items),
        "first": {"id": f"{collection_id}#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return JsonResponse(collection, content_type=MEDIA_TYPE, json_dumps_params={"ensure_ascii": False})


def _annotation(anchor, article_url: str, language: str) -> dict:
    comment = anchor.comment
    selectors = [
        {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix}
    ]
    if not anchor.is_orphan:
        selectors.append({"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end})
    target = {"source": article_url, "selector": selectors}
    if anchor.revision_id and anchor.revision:
        target["state"] = {"type": "TimeState", "sourceDate": anchor.revision.created_at.isoformat()}
    annotation = {
        "id": f"{article_url}#comment-{comment.pk}",
        "type": "Annotation",
        "motivation": "replying" if anchor.prompt else "commenting",
        "created": comment.created_at.isoformat(),
        "creator": {"type": "Person", "name": comment.author_name},
        "body": [
            {"type": "TextualBody", "value": comment.body_html, "format": "text/html", "language": language}
        ],
        "target": target,
    }
    if comment.edited_at:
        annotation["modified"] = comment.edited_at.isoformat()
    if anchor.prompt:
        annotation["body"].append(
            {"type": "TextualBody", "purpose": "questioning", "value": anchor.prompt, "language": language}
        )
    return annotation
