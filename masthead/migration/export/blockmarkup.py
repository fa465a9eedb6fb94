"""An article body (newsroom.blocks.ArticleBodyBlock) as WordPress block markup.

Block markup rather than the rendered page: every <!-- wp:… --> comment is invisible HTML, so a
tool that reads the body as HTML shows what readers saw, while WordPress's editor (and
`masthead import wordpress`) get the blocks back: a picture by its attachment id, a quote with its
attribution, a table with its header row. Our own rendered HTML would come back as anonymous
HTML with resized copies of the pictures. Blocks WordPress has no counterpart for (kept HTML)
become core/html blocks."""

import json
from collections.abc import Callable, Iterable
from html import escape
from typing import Any

import nh3
from lxml import etree, html
from wagtail.rich_text import expand_db_html

from masthead.core.absoluteurl import absolute_url

# The post id each image and document takes in the export (see wxr.AttachmentIds).
IdOf = Callable[[str, int], int]


def body_markup(body: Iterable, *, attachment_id: IdOf) -> str:
    """The StreamField `body` (a StreamValue) as block markup, one block after another."""
    out = []
    for block in body:
        write = WRITERS.get(block.block_type)
        piece = write(block.value, attachment_id) if write else _html(block.render())
        if piece:
            out.append(piece)
    # One newline between blocks, not WordPress's blank line: the importer's line-by-line parser
    # drops blank lines, and this way both of its parsers read the same body.
    return "\n".join(out)


def _attrs(attrs: dict[str, Any]) -> str:
    """JSON as WordPress writes block attributes: nothing in it can end the HTML comment."""
    text = json.dumps(attrs, ensure_ascii=False)
    for raw, escaped in (("--", "\\u002d\\u002d"), ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text


def _block(name: str, inner: str, attrs: dict[str, Any] | None = None) -> str:
    opening = f"<!-- wp:{name} {_attrs(attrs)} -->" if attrs else f"<!-- wp:{name} -->"
    return f"{opening}\n{inner}\n<!-- /wp:{name} -->"


def _rich(source: str) -> str:
    """Wagtail's stored rich text with its page links and embeds made public, links absolute."""
    return expand_db_html(source)


def _top_level(fragment: str) -> list:
    if not fragment.strip():
        return []
    root = html.fragment_fromstring(fragment, create_parent="div")
    pieces: list = [escape(root.text)] if root.text and root.text.strip() else []
    for child in root:
        if isinstance(child.tag, str):
            pieces.append(child)
        if child.tail and child.tail.strip():
            pieces.append(escape(child.tail))
    return pieces


def _tostring(element) -> str:
    return etree.tostring(element, encoding="unicode", method="html", with_tail=False)


def _paragraph(value, attachment_id: IdOf) -> str:
    """One core/paragraph per <p> (a WordPress paragraph block holds one); anything else a
    paragraph of ours holds becomes core/html."""
    out = []
    for piece in _top_level(_rich(value.source)):
        if isinstance(piece, str):
            out.append(_block("paragraph", f"<p>{piece}</p>"))
        elif piece.tag == "p":
            out.append(_block("paragraph", _tostring(piece)))
        else:
            out.append(_html(_tostring(piece)))
    return "\n".join(out)


def _heading(value, attachment_id: IdOf) -> str:
    return _block("heading", f'<h2 class="wp-block-heading">{escape(str(value), quote=False)}</h2>')


def _image_block(image, caption: str, attachment_id: IdOf) -> str:
    if image is None:
        return ""
    number = attachment_id("image", image.pk)
    alt = escape(getattr(image, "description", "") or "")
    url = escape(absolute_url(image.file.url))
    figcaption = (
        f'<figcaption class="wp-element-caption">{escape(caption, quote=False)}</figcaption>'
        if caption
        else ""
    )
    return _block(
        "image",
        f'<figure class="wp-block-image size-full"><img src="{url}" alt="{alt}" class="wp-image-{number}"/>'
        f"{figcaption}</figure>",
        {"id": number, "sizeSlug": "full", "linkDestination": "none"},
    )


def _image(value, attachment_id: IdOf) -> str:
    image = value.get("image")
    caption = value.get("caption") or (image.caption if image is not None else "")
    return _image_block(image, caption, attachment_id)


def _gallery(value, attachment_id: IdOf) -> str:
    inner = [
        _image_block(item.get("image"), item.get("caption") or "", attachment_id)
        for item in value.get("images") or []
    ]
    inner = [piece for piece in inner if piece]
    if not inner:
        return ""
    caption = value.get("caption") or ""
    figcaption = (
        f'<figcaption class="blocks-gallery-caption wp-element-caption">{escape(caption, quote=False)}'
        "</figcaption>"
        if caption
        else ""
    )
    return _block(
        "gallery",
        '<figure class="wp-block-gallery has-nested-images columns-default is-cropped">'
        + "\n".join(inner)
        + f"{figcaption}</figure>",
        {"linkTo": "none"},
    )


def _quote_inner(value) -> str:
    lines = [line.strip() for line in (value.get("text") or "").splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{escape(line, quote=False)}</p>" for line in lines)
    attribution = value.get("attribution") or ""
    cite = f"<cite>{escape(attribution, quote=False)}</cite>" if attribution else ""
    return paragraphs + cite


def _quote(value, attachment_id: IdOf) -> str:
    return _block("quote", f'<blockquote class="wp-block-quote">{_quote_inner(value)}</blockquote>')


def _pullquote(value, attachment_id: IdOf) -> str:
    return _block(
        "pullquote",
        f'<figure class="wp-block-pullquote"><blockquote class="pullquote">{_quote_inner(value)}'
        "</blockquote></figure>",
    )


def _list_item(value) -> str:
    source = value.source if hasattr(value, "source") else str(value)
    pieces = _top_level(_rich(source))
    inner = "".join(
        piece if isinstance(piece, str) else (_inner_html(piece) if piece.tag == "p" else _tostring(piece))
        for piece in pieces
    )
    return f"<li>{inner}</li>"


def _inner_html(element) -> str:
    parts = [escape(element.text, quote=False)] if element.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts)


def _list(value, attachment_id: IdOf) -> str:
    ordered = bool(value.get("ordered"))
    tag = "ol" if ordered else "ul"
    items = "".join(_list_item(item) for item in value.get("items") or [])
    return _block(
        "list", f'<{tag} class="wp-block-list">{items}</{tag}>', {"ordered": True} if ordered else None
    )


def _embed(value, attachment_id: IdOf) -> str:
    url = getattr(value, "url", "") or str(value or "")
    if not url:
        return ""
    return _block(
        "embed",
        f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n{escape(url, quote=False)}\n'
        "</div></figure>",
        {"url": url},
    )


def _media(kind: str):
    def write(value, attachment_id: IdOf) -> str:
        document = value.get("file")
        url = absolute_url(document.file.url) if document is not None else (value.get("url") or "")
        if not url:
            return ""
        caption = value.get("caption") or ""
        figcaption = (
            f'<figcaption class="wp-element-caption">{escape(caption, quote=False)}</figcaption>'
            if caption
            else ""
        )
        attrs = {"id": attachment_id("document", document.pk)} if document is not None else None
        return _block(
            kind,
            f'<figure class="wp-block-{kind}"><{kind} controls src="{escape(url)}"></{kind}>'
            f"{figcaption}</figure>",
            attrs,
        )

    return write


def _table(value, attachment_id: IdOf) -> str:
    rows = list(value.get("data") or [])
    if not rows:
        return ""
    head = ""
    if value.get("first_row_is_table_header"):
        cells = "".join(f"<th>{escape(str(cell or ''), quote=False)}</th>" for cell in rows[0])
        head, rows = f"<thead><tr>{cells}</tr></thead>", rows[1:]
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(cell or ''), quote=False)}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    caption = value.get("table_caption") or ""
    figcaption = (
        f'<figcaption class="wp-element-caption">{escape(caption, quote=False)}</figcaption>'
        if caption
        else ""
    )
    return _block(
        "table",
        f'<figure class="wp-block-table"><table>{head}<tbody>{body}</tbody></table>{figcaption}</figure>',
    )


def _code(value, attachment_id: IdOf) -> str:
    language = value.get("language") or ""
    code_class = f' class="language-{escape(language)}"' if language else ""
    return _block(
        "code",
        f'<pre class="wp-block-code"><code{code_class}>'
        f"{escape(value.get('code') or '', quote=False)}</code></pre>",
    )


def _separator(value, attachment_id: IdOf) -> str:
    return _block("separator", '<hr class="wp-block-separator has-alpha-channel-opacity"/>')


def _html(markup: str) -> str:
    markup = str(markup).strip()
    return _block("html", markup) if markup else ""


def _kept(value, attachment_id: IdOf) -> str:
    return _html(nh3.clean(value.get("html") or ""))


WRITERS: dict[str, Callable[[Any, IdOf], str]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "image": _image,
    "gallery": _gallery,
    "quote": _quote,
    "pullquote": _pullquote,
    "list": _list,
    "embed": _embed,
    "audio": _media("audio"),
    "video": _media("video"),
    "table": _table,
    "code": _code,
    "separator": _separator,
    "kept_html": _kept,
}
