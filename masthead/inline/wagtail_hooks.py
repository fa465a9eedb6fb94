"""The editor's "feedback prompt": a rich-text feature marking a passage with a question for readers.

Stored in rich text as <span data-feedback-prompt="Was this fair to the council?">passage</span>;
the article page shows a discreet marker there and an "Answer" button (static/inline/inline.js).
"""

from django.utils.translation import gettext as _
from draftjs_exporter.dom import DOM
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

from .text import PROMPT_ATTRIBUTE

FEATURE = "feedback-prompt"
ENTITY = "FEEDBACK_PROMPT"


class PromptElementHandler(InlineEntityElementHandler):
    mutability = "MUTABLE"

    def get_attribute_data(self, attrs):
        return {"question": attrs.get(PROMPT_ATTRIBUTE, "")}


def prompt_decorator(props):
    return DOM.create_element("span", {PROMPT_ATTRIBUTE: props.get("question", "")}, props["children"])


@hooks.register("register_rich_text_features")
def register_feedback_prompt(features):
    control = {"type": ENTITY, "label": "?", "description": _("Feedback prompt (a question for readers)")}
    features.register_editor_plugin(
        "draftail", FEATURE, draftail_features.EntityFeature(control, js=["inline/admin/prompt.js"])
    )
    features.register_converter_rule(
        "contentstate",
        FEATURE,
        {
            "from_database_format": {f"span[{PROMPT_ATTRIBUTE}]": PromptElementHandler(ENTITY)},
            "to_database_format": {"entity_decorators": {ENTITY: prompt_decorator}},
        },
    )
