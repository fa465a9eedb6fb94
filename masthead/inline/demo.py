"""The demo's inline feedback: an editor's prompt and readers' comments on passages of the budget story."""

from html import escape

from masthead.comments.services import comment_import
from masthead.newsroom.models import ArticlePage

from .anchoring import selector_at
from .selectors import article_text
from .services import anchor_create
from .text import PROMPT_ATTRIBUTE

SLUG = "council-budget-vote"
PROMPT_PASSAGE = "the two routes carried on average fewer than six passengers an hour after dark"
PROMPT_QUESTION = "Is this a fair reason to cut the evening buses?"
# (passage, reader, comment); the first answers the editor's prompt.
FEEDBACK = [
    (
        PROMPT_PASSAGE,
        "Nadia Ferreira",
        "Six an hour is the winter figure. From May to September the 31 "
        "is full until ten. Count the whole year before cutting it.",
    ),
    (
        "draws $1.1 million from reserves",
        "Lena Vasquez",
        "Drawing on reserves balances one budget. "
        "The papers say the gap is there again next year, and the reserves are not.",
    ),
    (
        "the final budget keeps the library's hours unchanged",
        "Ruth Penhaligon",
        "Unchanged for this year. Next year's draft is already being written, so keep the petition list.",
    ),
]


def load(*, home) -> None:
    page = ArticlePage.objects.child_of(home).filter(slug=SLUG).first()
    if page is None:
        return
    page = _prompt_place(page)
    text = article_text(page=page).text
    for passage, name, body in FEEDBACK:
        start = text.find(passage)
        if start < 0:
            continue
        comment = comment_import(page=page, author_name=name, body=body)
        anchor_create(
            comment=comment,
            page=page,
            selector=selector_at(text=text, start=start, end=start + len(passage)),
            revision_id=page.live_revision_id,
            prompt=PROMPT_QUESTION if passage == PROMPT_PASSAGE else "",
        )


def _prompt_place(page: ArticlePage) -> ArticlePage:
    """Marks the passage with the editor's question, as the rich-text feature stores it, and
    republishes quietly (the story must not read as "Updated")."""
    blocks = page.body.raw_data
    for block in blocks:
        if block["type"] == "paragraph" and PROMPT_PASSAGE in block["value"]:
            marked = f'<span {PROMPT_ATTRIBUTE}="{escape(PROMPT_QUESTION)}">{PROMPT_PASSAGE}</span>'
            block["value"] = block["value"].replace(PROMPT_PASSAGE, marked, 1)
            break
    else:
        return page
    published = page.last_published_at
    page.body = blocks
    page.save_revision().publish()
    ArticlePage.objects.filter(pk=page.pk).update(last_published_at=published)
    return ArticlePage.objects.get(pk=page.pk)
