"""The blocks an article body is made of."""

import nh3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
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


class ListBlock(blocks.StructBlock):
    """A bulleted or numbered list whose items may carry emphasis and links."""

    ordered = blocks.BooleanBlock(required=False, label=_("Numbered"))
    items = blocks.ListBlock(blocks.RichTextBlock(features=["bold", "italic", "link"]), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("List")
        template = "newsroom/blocks/list.html"


class PullquoteBlock(QuoteBlock):
    """A sentence of the story set large beside the text, to draw the eye."""

    class Meta:
        icon = "openquote"
        label = _("Pull quote")
        template = "newsroom/blocks/pullquote.html"


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text=_("Leave empty to use the image's caption."))

    class Meta:
        label = _("Picture")


class GalleryBlock(blocks.StructBlock):
    """Several pictures side by side, each opening full size in the lightbox."""

    images = blocks.ListBlock(GalleryImageBlock(), label=_("Pictures"))
    caption = blocks.CharBlock(required=False, label=_("Caption of the gallery"))

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "newsroom/blocks/gallery.html"


class MediaBlock(blocks.StructBlock):
    """A sound or a film played in the page: an uploaded file, or the address of one."""

    file = DocumentChooserBlock(required=False, label=_("File"))
    url = blocks.URLBlock(required=False, label=_("Or its address"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"file": blocks.BlockValidationError(_("Choose a file or give its address."))}
            )
        return value


class AudioBlock(MediaBlock):
    class Meta:
        icon = "media"
        label = _("Audio")
        template = "newsroom/blocks/audio.html"


class VideoBlock(MediaBlock):
    class Meta:
        icon = "media"
        label = _("Video")
        template = "newsroom/blocks/video.html"


class CodeBlock(blocks.StructBlock):
    language = blocks.CharBlock(required=False, max_length=40, label=_("Language"))
    code = blocks.TextBlock(label=_("Code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "newsroom/blocks/code.html"


class SanitisedHTMLBlock(blocks.StructBlock):
    """Markup we have no block for (an old site's shortcode or plugin block), kept as HTML that
    can never run a script: it is cleaned again on every render, whoever edited it."""

    origin = blocks.CharBlock(
        required=False, label=_("Came from"), help_text=_("e.g. [poll] or wp:plugin/block")
    )
    html = blocks.TextBlock(label=_("HTML"))

    class Meta:
        icon = "code"
        label = _("Kept HTML")
        template = "newsroom/blocks/kept_html.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["clean_html"] = mark_safe(nh3.clean(value.get("html") or ""))  # noqa: S308 - cleaned by nh3
        return context


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "feedback-prompt"],
        template="newsroom/blocks/paragraph.html",
    )
    heading = blocks.CharBlock(form_classname="title", template="newsroom/blocks/heading.html")
    image = FigureBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(template="newsroom/blocks/embed.html")
    list = ListBlock()
    pullquote = PullquoteBlock()
    gallery = GalleryBlock()
    audio = AudioBlock()
    video = VideoBlock()
    table = TableBlock(template="newsroom/blocks/table.html", label=_("Table"))
    code = CodeBlock()
    separator = blocks.StaticBlock(
        admin_text=_("A line between two parts of the story."),
        label=_("Separator"),
        icon="horizontalrule",
        template="newsroom/blocks/separator.html",
    )
    kept_html = SanitisedHTMLBlock()
