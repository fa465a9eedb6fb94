"""The editor's "feedback prompt" survives a round trip through the rich-text editor's format."""

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

HTML = '<p>The two routes <span data-feedback-prompt="Was this fair?">carried six an hour</span>.</p>'


def test_a_feedback_prompt_round_trips_through_the_editor(db):
    converter = ContentstateConverter(features=["feedback-prompt"])
    contentstate = converter.from_database_format(HTML)
    assert '"FEEDBACK_PROMPT"' in contentstate and "Was this fair?" in contentstate
    assert 'data-feedback-prompt="Was this fair?"' in converter.to_database_format(contentstate)
    assert "carried six an hour</span>" in converter.to_database_format(contentstate)


def test_article_paragraphs_offer_the_feature():
    from masthead.newsroom.blocks import ArticleBodyBlock

    assert "feedback-prompt" in ArticleBodyBlock().child_blocks["paragraph"].features
