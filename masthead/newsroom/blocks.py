"""The blocks an article body is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class FigureBlock(blocks.StructBlock):
    """An image in the body; caption and credit default to the image's own."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text=_("Leave empty to use the image's caption."))
    credit = blocks.CharBlock(required=False, help_text=_("Leave empty to use the image's credit."))

    class Meta:
        icon = "image"
        template = "newsroom/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "feedback-prompt"],
        template="newsroom/blocks/paragraph.html",
    )
    heading = blocks.CharBlock(form_classname="title", template="newsroom/blocks/heading.html")
    image = FigureBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(template="newsroom/blocks/embed.html")
