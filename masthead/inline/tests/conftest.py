"""An article of known text for inline-feedback tests, and a way to comment on it."""

import pytest

PARAGRAPHS = [
    "The Riverside council voted six to three on Tuesday night to adopt a budget of 48.2 million dollars.",
    "Councillor Amara Okafor said the plan protects the library hours that residents fought to keep.",
    "Opponents argued that the new parking levy falls hardest on shop owners along Mill Street.",
]


def body_of(paragraphs: list[str]) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]


@pytest.fixture
def quoted_article(home, settings):
    """An article of PARAGRAPHS: the tests quote its text character by character, so it stays
    apart from the root's named demo stories (which it would otherwise repeat)."""
    from masthead.newsroom.services import article_publish

    settings.COMMENTS_SCREEN = "masthead.comments.screening.approve_all"
    page = article_publish(
        home=home,
        title="Budget passes",
        slug="budget-passes",
        standfirst="",
        body=body_of(PARAGRAPHS),
        authors=[],
        topics=[],
    )
    page.refresh_from_db()
    return page


@pytest.fixture
def post_comment():
    from masthead.comments.identity import Reader
    from masthead.comments.services import Posting, comment_create

    def post(page, **fields):
        data = {
            "author_name": "Dana Reyes",
            "author_email": "dana@example.org",
            "body": "Is this figure right?",
            **fields,
        }
        return comment_create(
            page=page, data=data, posting=Posting(reader=Reader(user=None, guest_id="g-1"), network="net")
        )[0]

    return post


def passage_fields(page, quote: str) -> dict:
    from masthead.inline.selectors import article_text

    text = article_text(page=page).text
    start = text.index(quote)
    return {
        "inline_exact": quote,
        "inline_start": str(start),
        "inline_end": str(start + len(quote)),
        "inline_revision": str(page.live_revision_id),
    }
