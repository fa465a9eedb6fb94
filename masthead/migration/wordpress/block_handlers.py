"""What each Gutenberg block becomes. Layout blocks (group, columns) give their content; blocks
with nothing to read (spacer, more) give nothing; unknown blocks are kept as sanitised HTML and
counted by name."""

from lxml import html

from .blockmarkup import Block
from .embeds import embed_url

LAYOUT = {
    "core/group",
    "core/columns",
    "core/column",
    "core/cover",
    "core/media-text",
    "core/row",
    "core/stack",
}
NOTHING = {"core/spacer", "core/more", "core/nextpage", "core/comments", "core/latest-posts"}


def block_blocks(converter, block: Block) -> list[tuple]:
    if block.name == "" or block.name in ("core/freeform", "core/html"):
        return converter.classic(block.html)
    if block.name in LAYOUT:
        return [out for part in block.parts for out in _part(converter, part)]
    if block.name in NOTHING:
        return []
    handler = HANDLERS.get(block.name)
    if block.name.startswith("core-embed/") or block.name == "core/embed":
        handler = _embed
    if handler is None:
        return converter.kept(f"wp:{block.name.removeprefix('core/')}", block.full_html)
    return handler(converter, block)


def _part(converter, part) -> list[tuple]:
    if isinstance(part, Block):
        return block_blocks(converter, part)
    return converter.classic(part) if part.strip() else []


def _root(block: Block):
    return html.fragment_fromstring(block.full_html.strip() or "<span></span>", create_parent="div")


def _classic(converter, block: Block) -> list[tuple]:
    return converter.classic(block.full_html)


def _image(converter, block: Block) -> list[tuple]:
    root = _root(block)
    image = root.find(".//img")
    if image is None:
        return []
    caption = root.find(".//figcaption")
    text = " ".join(caption.text_content().split()) if caption is not None else ""
    if block.attrs.get("id") and "wp-image-" not in (image.get("class") or ""):
        image.set("class", f"{image.get('class') or ''} wp-image-{block.attrs['id']}")
    return converter.tag_img(image, caption=text)


def _gallery(converter, block: Block) -> list[tuple]:
    items = []
    if block.inner_blocks:  # WordPress 5.9 and later: a gallery of image blocks
        for inner in block.inner_blocks:
            items += [value for kind, value in _image(converter, inner) if kind == "image"]
    else:  # earlier: the ids in the attributes, captions in the markup
        captions = {
            li.get("data-id") or "": " ".join(li.text_content().split()) for li in _root(block).iter("li")
        }
        for attachment_id in block.attrs.get("ids", []):
            image = converter.media.image(attachment_id=str(attachment_id), wanted_by=converter.wanted_by)
            items.append({"image": image, "caption": captions.get(str(attachment_id), "")})
    items = [{"image": item["image"], "caption": item["caption"]} for item in items if item.get("image")]
    caption = _root(block).find("./figure/figcaption") if block.inner_blocks else None
    text = " ".join(caption.text_content().split()) if caption is not None else ""
    return [("gallery", {"images": items, "caption": text})] if items else []


def _media(kind: str):
    def convert(converter, block: Block) -> list[tuple]:
        root = _root(block)
        element = root.find(f".//{kind}")
        caption = root.find(".//figcaption")
        url = element.get("src", "") if element is not None else block.attrs.get("src", "")
        text = " ".join(caption.text_content().split()) if caption is not None else ""
        return converter.media_block(
            kind, url=url, caption=text, attachment_id=str(block.attrs.get("id", ""))
        )

    return convert


def _table(converter, block: Block) -> list[tuple]:
    """core/table: the table, captioned by the block's figcaption (WordPress puts it there)."""
    root = _root(block)
    table = root.find(".//table")
    if table is None:
        return converter.classic(block.full_html)
    caption = root.find(".//figcaption")
    return converter.tag_table(
        table, caption=" ".join(caption.text_content().split()) if caption is not None else ""
    )


def _embed(converter, block: Block) -> list[tuple]:
    url = block.attrs.get("url") or _root(block).text_content().strip().split()[0:1]
    url = url if isinstance(url, str) else (url[0] if url else "")
    if not url:
        return []
    return [("embed", embed_url(url) or url)]


def _separator(converter, block: Block) -> list[tuple]:
    return [("separator", None)]


def _shortcode(converter, block: Block) -> list[tuple]:
    return converter.classic(block.html.strip())


def _single(method: str):
    def convert(converter, block: Block) -> list[tuple]:
        root = _root(block)
        element = root.find(f".//{method}")
        if element is None:
            return converter.classic(block.full_html)
        return getattr(converter, f"tag_{method}")(element)

    return convert


HANDLERS = {
    "core/paragraph": _classic,
    "core/heading": _classic,
    "core/list": _classic,
    "core/quote": _single("blockquote"),
    "core/pullquote": lambda c, b: [
        ("pullquote", value)
        for _kind, value in _single("blockquote")(c, b)
        if _kind in ("quote", "pullquote")
    ],
    "core/image": _image,
    "core/gallery": _gallery,
    "core/audio": _media("audio"),
    "core/video": _media("video"),
    "core/table": _table,
    "core/code": _single("pre"),
    "core/preformatted": _single("pre"),
    "core/separator": _separator,
    "core/shortcode": _shortcode,
}
