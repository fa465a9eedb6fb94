"""Inline feedback as W3C Web Annotations: an article's AnnotationCollection (JSON-LD).

GET /api/inline/pages/{page_id}/annotations returns every approved inline comment of a live
article as an Annotation. Its target's source is the article page; the passage is given by two
equivalent selectors (a W3C selector list), each a CssSelector for the article body
(`[data-article-body]`) refined by a TextQuoteSelector or, unless the passage was lost in an
edit, a TextPositionSelector. Both refine the body, not the page: their text is the body's
canonical text (text.py; docs/web-annotations.md), and the positions count its code points.
"""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router

from masthead.comments.api import Error
from masthead.core.absoluteurl import absolute_url
from masthead.newsroom.selectors import page_public_get

from .selectors import inline_feedback_list

router = Router(tags=["inline"])
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The element whose text the quote and position selectors refine (article_page.html).
BODY_SELECTOR = {"type": "CssSelector", "value": "[data-article-body]"}
DESCRIPTION = (
    "Every approved inline comment of a live article as a W3C Web Annotation. Each target's "
    "`source` is the article page; its `selector` lists two equivalent selectors, each a "
    "CssSelector `[data-article-body]` (the article body) `refinedBy` a TextQuoteSelector or a "
    "TextPositionSelector (absent when an edit removed the passage). Quote and positions refer "
    "to the body's canonical text: the text of its text nodes in document order, leaving out "
    "figures (captions, credits) and script/style/noscript/template/iframe elements, runs of "
    "ASCII whitespace collapsed to one space, trimmed; positions count Unicode code points. "
    "`state` (TimeState) dates the revision the quote was taken from. Each body is a TextualBody "
    "in the article's language. See docs/web-annotations.md."
)
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'


@router.get(
    "/pages/{page_id}/annotations",
    url_name="inline_annotations",
    summary="An article's inline feedback as a W3C Web Annotation collection",
    description=DESCRIPTION,
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
    page = page_public_get(pk=page_id, specific=True)
    if page is None or not hasattr(page, "body"):
        # The API's one error shape (Error), as documented, rather than ninja's {"detail": …}.
        return 404, {"error": _("No published article has this id."), "code": "not_found"}
    # The page's path on the site's public address (BASE_URL), whatever host Wagtail's Site names.
    article_url = absolute_url((page.get_url_parts(request=request) or (None, None, "/"))[2])
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
    target: dict = {"source": article_url, "selector": [BODY_SELECTOR | {"refinedBy": s} for s in selectors]}
    if anchor.revision_id and anchor.revision:
        target["state"] = {"type": "TimeState", "sourceDate": anchor.revision.created_at.isoformat()}
    annotation = {
        # Each item stands alone too: tools that take annotations out of the collection (and the
        # W3C test suite) expect an annotation to carry its own context.
        "@context": CONTEXT,
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
            {
                "type": "TextualBody",
                "purpose": "questioning",
                "value": anchor.prompt,
                "format": "text/plain",
                "language": language,
            }
        )
    return annotation
