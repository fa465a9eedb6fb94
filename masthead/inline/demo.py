"""The demo's inline feedback: an editor's prompt and readers' comments on passages of the budget
story, in English and in its Arabic translation."""

from html import escape

from wagtail.models import Locale

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


# The Arabic translation's passages (fictional readers), so that the Web Annotation export has
# right-to-left quotes too.
FEEDBACK_AR = [
    (
        "1.1 مليون دولار من الاحتياطي",
        "رنا العلي",
        "السحب من الاحتياطي يسدّ عجز هذا العام وحده. ماذا عن العام المقبل؟",
    ),
    (
        "أقل من ستة ركاب في الساعة بعد حلول الظلام",
        "يوسف برّاك",
        "هذا رقم الشتاء. في الصيف يمتلئ الخط 31 حتى العاشرة مساءً.",
    ),
]


def load(*, home) -> None:
    page = ArticlePage.objects.child_of(home).filter(slug=SLUG).first()
    if page is not None:
        _feedback_place(page=_prompt_place(page), feedback=FEEDBACK)
    arabic = ArticlePage.objects.filter(
        locale__in=Locale.objects.filter(language_code="ar"), slug=SLUG
    ).first()
    if arabic is not None:
        _feedback_place(page=arabic, feedback=FEEDBACK_AR)


def _feedback_place(*, page: ArticlePage, feedback: list[tuple[str, str, str]]) -> None:
    text = article_text(page=page).text
    for passage, name, body in feedback:
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
