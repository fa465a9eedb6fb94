"""The demo newsroom's budget story carries inline feedback, one answering an editor's prompt."""

from masthead.comments.models import Discussion
from masthead.inline.models import Anchor
from masthead.inline.selectors import article_text
from masthead.newsroom.models import ArticlePage


def test_the_budget_story_has_inline_feedback_and_an_editors_prompt(newsroom):
    story = ArticlePage.objects.child_of(newsroom).get(slug="council-budget-vote")
    anchors = list(Anchor.objects.filter(page=story))
    assert len(anchors) >= 2
    assert any(a.prompt == "Is this a fair reason to cut the evening buses?" for a in anchors)
    text = article_text(page=story)
    assert "Is this a fair reason to cut the evening buses?" in text.prompts
    for anchor in anchors:
        assert text.text[anchor.start : anchor.end] == anchor.exact
    assert Discussion.objects.get(page=story).inline_count == len(anchors)
    assert not story.was_updated  # the prompt was placed without marking the story as updated


def test_the_arabic_translation_has_inline_feedback_on_its_own_text(newsroom):
    story = ArticlePage.objects.get(locale__language_code="ar", slug="council-budget-vote")
    anchors = list(Anchor.objects.filter(page=story))
    assert len(anchors) == 2
    text = article_text(page=story).text
    for anchor in anchors:
        assert text[anchor.start : anchor.end] == anchor.exact
    assert "1.1 مليون دولار من الاحتياطي" in {anchor.exact for anchor in anchors}
