"""What each WordPress shortcode becomes: [caption], [gallery], [audio], [video], [embed]; any
other is kept as sanitised HTML and counted by name."""

import re

from lxml import html

from .embeds import embed_url
from .shortcodes import Shortcode

MEDIA_FORMATS = ("src", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm", "ogv", "wmv", "flv")


def shortcode_blocks(converter, shortcode: Shortcode) -> list[tuple]:
    handler = HANDLERS.get(shortcode.name)
    if handler is None:
        return converter.kept(f"[{shortcode.name}]", shortcode.raw)
    return handler(converter, shortcode)


def _caption(converter, shortcode: Shortcode) -> list[tuple]:
    root = html.fragment_fromstring(shortcode.content or "<span></span>", create_parent="div")
    image = root.find(".//img")
    caption = shortcode.attrs.get("caption", "")
    if image is not None:
        link = image.getparent() if image.getparent().tag == "a" else image
        caption = caption or _text_after(root, link)
        return converter.tag_img(image, caption=caption) or []
    return converter.classic(shortcode.content)


def _text_after(root, node) -> str:
    """The caption of a classic [caption]: the text after the picture (or its link)."""
    texts = [node.tail or ""]
    for sibling in node.itersiblings():
        texts.append(sibling.text_content() + (sibling.tail or ""))
    if node.getparent() is not root:  # the <img> sat in an <a>, which sat in the root
        return _text_after(root, node.getparent())
    return " ".join(" ".join(texts).split())


def _gallery(converter, shortcode: Shortcode) -> list[tuple]:
    ids = [
        i.strip()
        for i in re.split(r"[,\s]+", shortcode.attrs.get("ids", "") or shortcode.attrs.get("include", ""))
        if i.strip()
    ]
    if ids:
        images = [converter.media.image(attachment_id=i, wanted_by=converter.wanted_by) for i in ids]
    else:  # no ids: WordPress shows the pictures attached to the post
        images = converter.media.attached_images(post_id=converter.post_id)
    items = [{"image": image, "caption": ""} for image in images if image is not None]
    return [("gallery", {"images": items, "caption": ""})] if items else []


def _media(kind: str):
    def convert(converter, shortcode: Shortcode) -> list[tuple]:
        url = next((shortcode.attrs[f] for f in MEDIA_FORMATS if shortcode.attrs.get(f)), "")
        url = url or shortcode.content.strip()
        if kind == "video" and embed_url(url):
            return [("embed", embed_url(url))]
        return converter.media_block(kind, url=url, attachment_id=shortcode.attrs.get("id", ""))

    return convert


def _embed(converter, shortcode: Shortcode) -> list[tuple]:
    url = shortcode.content.strip() or shortcode.attrs.get("src", "") or shortcode.attrs.get("url", "")
    if re.fullmatch(r"https?://\S+", url):
        return [("embed", embed_url(url) or url)]
    return converter.kept("[embed]", shortcode.raw)


HANDLERS = {
    "caption": _caption,
    "wp_caption": _caption,
    "gallery": _gallery,
    "audio": _media("audio"),
    "video": _media("video"),
    "embed": _embed,
}
