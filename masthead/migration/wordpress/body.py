"""A WordPress post body (block markup, classic HTML and shortcodes alike) as StreamField blocks.

`body_blocks(text, media=…, report=…)` returns [(block type, value)] for the article body
(newsroom.blocks.ArticleBodyBlock). Anything without a block of its own is kept as sanitised
HTML in a `kept_html` block and counted in the report by name, never left as text."""

import re
from html import escape

import nh3
from lxml import etree, html

from ..report import Report
from .blockmarkup import Block, has_blocks, parse_blocks
from .embeds import embed_url
from .media import MediaLibrary
from .shortcodes import Shortcode, split_shortcodes

INLINE_TAGS = {"b", "strong", "i", "em", "a", "br"}
BLOCK_START = re.compile(
    r"^\s*<(p|h[1-6]|ul|ol|blockquote|table|figure|div|pre|hr|mh-sc|iframe|audio|video)\b", re.I
)
NESTING = ("pre", "blockquote", "table", "ul", "ol", "figure", "div")
PLACEHOLDER = "mh-sc"
KEPT_TAGS = {"script", "style", "form", "object", "embed", "noscript", "iframe", "canvas", "svg", "math"}


EDITOR_TAGS = re.compile(r"<(/?)(strong|em)>")


def rich_text(fragment: str) -> str:
    """HTML reduced to what a paragraph keeps (emphasis, links, line breaks), spelled as Wagtail's
    editor spells it (<b>, <i>), so that an editor's first save changes nothing."""
    clean = nh3.clean(fragment, tags=INLINE_TAGS, attributes={"a": {"href"}}, link_rel=None).strip()
    return EDITOR_TAGS.sub(lambda m: f"<{m.group(1)}{'b' if m.group(2) == 'strong' else 'i'}>", clean)


def inner_html(element) -> str:
    parts = [escape(element.text)] if element.text else []
    parts += [etree.tostring(child, encoding="unicode", method="html") for child in element]
    return "".join(parts)


class BodyConverter:
    def __init__(self, *, media: MediaLibrary, report: Report, wanted_by: str, post_id: str = ""):
        self.media, self.report, self.wanted_by, self.post_id = media, report, wanted_by, post_id
        self.shortcodes: list[Shortcode] = []

    def convert(self, text: str) -> list[tuple]:
        if has_blocks(text):
            return [out for block in parse_blocks(text) for out in self.block(block)]
        return self.classic(text)

    # Classic HTML ---------------------------------------------------------------------------------
    def classic(self, text: str) -> list[tuple]:
        text = "".join(
            piece if isinstance(piece, str) else self._placeholder(piece) for piece in split_shortcodes(text)
        )
        root = html.fragment_fromstring(autop(text), create_parent="div")
        return self.children(root)

    def _placeholder(self, shortcode: Shortcode) -> str:
        self.shortcodes.append(shortcode)
        return f'\n\n<{PLACEHOLDER} i="{len(self.shortcodes) - 1}"></{PLACEHOLDER}>\n\n'

    def children(self, element) -> list[tuple]:
        """The blocks of an element's content: runs of inline content become paragraphs."""
        out, run = [], [escape(element.text)] if element.text else []
        for child in element:
            if isinstance(child.tag, str) and self._is_block(child):
                out += self._paragraph(run)
                out += self.element(child)
                run = []
            elif isinstance(child.tag, str):
                run.append(etree.tostring(child, encoding="unicode", method="html", with_tail=False))
            if child.tail:
                run.append(escape(child.tail))
        return out + self._paragraph(run)

    def _is_block(self, element) -> bool:
        tag = element.tag.lower()
        if tag == "a":  # a linked picture is a picture
            return len(element) == 1 and element[0].tag == "img" and not (element.text or "").strip()
        return tag not in INLINE_TAGS and tag not in {
            "span",
            "u",
            "s",
            "sub",
            "sup",
            "code",
            "abbr",
            "cite",
            "q",
            "mark",
            "small",
            "del",
            "ins",
        }

    def _paragraph(self, run: list[str]) -> list[tuple]:
        text = rich_text("".join(run))
        if not text.replace("&nbsp;", "").replace("<br>", "").strip():
            return []
        url = embed_url(text) if "<" not in text else None
        if url:
            return [("embed", url)]
        return [("paragraph", f"<p>{text}</p>")]

    def element(self, element) -> list[tuple]:
        tag = element.tag.lower()
        handler = getattr(self, f"tag_{tag.replace('-', '_')}", None)
        if handler is not None:
            return handler(element)
        if re.fullmatch(r"h[1-6]", tag):
            text = " ".join(element.text_content().split())
            return [("heading", text)] if text else []
        if tag in KEPT_TAGS:
            return self.kept(
                f"<{tag}>", etree.tostring(element, encoding="unicode", method="html", with_tail=False)
            )
        return self.children(element)  # div, section, article…: their content, flattened

    def kept(self, name: str, markup: str) -> list[tuple]:
        self.report.unknown_markup(name)
        return [("kept_html", {"origin": name, "html": nh3.clean(markup)})]

    def tag_mh_sc(self, element) -> list[tuple]:
        from .shortcode_blocks import shortcode_blocks

        return shortcode_blocks(self, self.shortcodes[int(element.get("i"))])

    def tag_p(self, element) -> list[tuple]:
        return self.children(element)

    def tag_ul(self, element, ordered: bool = False) -> list[tuple]:
        items = [rich_text(inner_html(li)) for li in element if li.tag == "li"]
        items = [item for item in items if item]
        return [("list", {"ordered": ordered, "items": items})] if items else []

    def tag_ol(self, element) -> list[tuple]:
        return self.tag_ul(element, ordered=True)

    def tag_blockquote(self, element) -> list[tuple]:
        cite = element.find(".//cite")
        attribution = " ".join(cite.text_content().split()) if cite is not None else ""
        if cite is not None:
            cite.drop_tree()
        paragraphs = [" ".join(p.text_content().split()) for p in element.iter("p")]
        text = "\n".join(p for p in paragraphs if p) or " ".join(element.text_content().split())
        if not text:
            return []
        kind = "pullquote" if "pullquote" in (element.get("class") or "") else "quote"
        return [(kind, {"text": text, "attribution": attribution})]

    def tag_img(self, element, caption: str = "") -> list[tuple]:
        image = self.media.image(
            attachment_id=_attachment_id(element.get("class") or ""),
            url=element.get("src") or "",
            wanted_by=self.wanted_by,
            alt=element.get("alt") or "",
        )
        return [("image", {"image": image, "caption": caption, "credit": ""})] if image else []

    def tag_a(self, element) -> list[tuple]:
        return self.tag_img(element[0])

    def tag_figure(self, element) -> list[tuple]:
        caption_element = element.find("figcaption")
        caption = " ".join(caption_element.text_content().split()) if caption_element is not None else ""
        for tag in ("img", "table", "audio", "video", "iframe"):
            found = element.find(f".//{tag}")
            if found is not None:
                if tag == "img":
                    return self.tag_img(found, caption=caption)
                return getattr(self, f"tag_{tag}")(found, caption=caption)
        url = embed_url(element.text_content().strip())
        return [("embed", url)] if url else self.children(element)

    def tag_table(self, element, caption: str = "") -> list[tuple]:
        rows = [
            [" ".join(cell.text_content().split()) for cell in row if cell.tag in ("td", "th")]
            for row in element.iter("tr")
        ]
        rows = [row for row in rows if row]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        data = [row + [""] * (width - len(row)) for row in rows]
        first_row = element.find(".//thead") is not None or all(
            cell.tag == "th" for cell in next(element.iter("tr"))
        )
        table_caption = element.find("caption")
        caption = caption or (
            " ".join(table_caption.text_content().split()) if table_caption is not None else ""
        )
        return [
            (
                "table",
                {
                    "data": data,
                    "first_row_is_table_header": first_row,
                    "first_col_is_header": False,
                    "table_caption": caption,
                },
            )
        ]

    def tag_pre(self, element) -> list[tuple]:
        code = element.text_content()
        return [("code", {"language": _language(element), "code": code.strip("\n")})] if code.strip() else []

    def tag_hr(self, element) -> list[tuple]:
        return [("separator", None)]

    def tag_iframe(self, element, caption: str = "") -> list[tuple]:
        url = embed_url(element.get("src") or "")
        if url:
            return [("embed", url)]
        return self.kept(
            "<iframe>", etree.tostring(element, encoding="unicode", method="html", with_tail=False)
        )

    def tag_audio(self, element, caption: str = "", kind: str = "audio") -> list[tuple]:
        source = element.get("src") or next(
            (s.get("src") for s in element.iter("source") if s.get("src")), ""
        )
        return self.media_block(kind, url=source, caption=caption)

    def tag_video(self, element, caption: str = "") -> list[tuple]:
        return self.tag_audio(element, caption=caption, kind="video")

    def media_block(self, kind: str, *, url: str, caption: str = "", attachment_id: str = "") -> list[tuple]:
        document = self.media.document(attachment_id=attachment_id, url=url, wanted_by=self.wanted_by)
        if document is None and not url:
            return []
        return [(kind, {"file": document, "url": "" if document else url, "caption": caption})]

    # Block markup ---------------------------------------------------------------------------------
    def block(self, block: Block) -> list[tuple]:
        from .block_handlers import block_blocks

        return block_blocks(self, block)


def autop(text: str) -> str:
    """WordPress's classic editor stores paragraphs as blank lines; this makes them <p> elements
    (keeping blocks that span blank lines, such as <pre> and <blockquote>, whole)."""
    chunks, pending = [], ""
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        pending = f"{pending}\n\n{chunk}" if pending else chunk
        if _balanced(pending):
            chunks.append(pending)
            pending = ""
    if pending:
        chunks.append(pending)
    return "".join(
        c if BLOCK_START.match(c) else "<p>" + c.strip().replace("\n", "<br>\n") + "</p>"
        for c in chunks
        if c.strip()
    )


def _balanced(chunk: str) -> bool:
    lower = chunk.lower()
    return all(len(re.findall(rf"<{tag}\b", lower)) <= lower.count(f"</{tag}>") for tag in NESTING)


def _attachment_id(classes: str) -> str:
    match = re.search(r"\bwp-image-(\d+)\b", classes)
    return match.group(1) if match else ""


def _language(element) -> str:
    classes = (
        (element.get("class") or "") + " " + " ".join((c.get("class") or "") for c in element.iter("code"))
    )
    match = re.search(r"\blang(?:uage)?-([\w+#-]+)", classes) or re.search(r"\blang:([\w+#-]+)", classes)
    return match.group(1) if match else ""
