"""Comment HTML from WordPress and Disqus turned into Masthead's Markdown subset.

Only what the subset can say survives: paragraphs and line breaks, links, emphasis, quotes,
lists and code. Everything else is reduced to its text, and scripts, styles and embeds to
nothing. The result is Markdown source, not HTML: it is stored as the comment's body and
rendered by the comments app like anything a reader types, so nh3 still has the last word.
"""

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import quote

BLOCKS = {
    "p", "div", "section", "article", "aside", "header", "footer", "center", "figure",
    "figcaption", "address", "dl", "dt", "dd", "main", "nav", "details", "summary",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "tr", "blockquote", "ul", "ol", "li", "pre",
}  # fmt: skip
DROPPED = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "head", "title",
    "svg", "math", "form", "input", "button", "select", "textarea", "audio", "video", "canvas",
}  # fmt: skip
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "area", "base", "col", "source", "param"}
LINK_SCHEMES = ("http://", "https://", "mailto:")
PARAGRAPH = "\x00"  # a paragraph break inside an inline run (WordPress's blank line)

_inline_escape = re.compile(r"([\\`*_\[\]<>~|])")
_entity_like = re.compile(r"&(?=#?\w+;)")


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.children = tag, attrs, []


class _TreeBuilder(HTMLParser):
    """A forgiving tree of the fragment: unknown tags kept, stray end tags ignored."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in ("li", "p", "dt", "dd"):
            self._close_open(tag)
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def _close_open(self, tag: str) -> None:
        """A new <li> (or <p>) closes the one still open at the same level, as browsers do."""
        fences = {"ul", "ol", "blockquote", "div", "td", "th"}
        for depth in range(len(self.stack) - 1, 0, -1):
            current = self.stack[depth].tag
            if current == tag:
                del self.stack[depth:]
                return
            if current in fences:
                return


def _escape(text: str) -> str:
    return _entity_like.sub(r"\\&", _inline_escape.sub(r"\\\1", text))


def _text_of(node: Node) -> str:
    if isinstance(node, str):
        return node
    if node.tag in DROPPED:
        return ""
    if node.tag == "br":
        return "\n"
    return "".join(_text_of(child) for child in node.children)


def _code_span(text: str) -> str:
    text = " ".join(text.split("\n"))
    if not text.strip():
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _wrap(inner: str, mark: str) -> str:
    """Emphasis whose delimiters touch the words (Markdown ignores `* spaced *`)."""
    stripped = inner.strip()
    if not stripped or PARAGRAPH in stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _link(node: Node, newlines: bool) -> str:
    inner = _inline_children(node, newlines, in_link=True)
    href = node.attrs.get("href", "").strip()
    if not href.lower().startswith(LINK_SCHEMES):
        return inner
    destination = quote(href, safe=":/?#[]@!$&'*+,;=%~")
    label = inner.strip().replace(PARAGRAPH, " ").replace("\n", " ") or _escape(href)
    return f"[{label}]({destination})"


def _image(node: Node) -> str:
    source, alt = node.attrs.get("src", "").strip(), node.attrs.get("alt", "").strip()
    if source.lower().startswith(("http://", "https://")):
        label = _escape(alt or source.rsplit("/", 1)[-1] or source)
        return f"[{label}]({quote(source, safe=':/?#[]@!$&*+,;=%~')})"
    return _escape(alt)


def _inline(node, newlines: bool, in_link: bool = False) -> str:
    if isinstance(node, str):
        return _inline_text(node, newlines)
    tag = node.tag
    if tag in DROPPED:
        return ""
    if tag == "br":
        return "\n"
    if tag == "img":
        return "" if in_link else _image(node)
    if tag == "a" and not in_link:
        return _link(node, newlines)
    if tag == "code" or tag in ("kbd", "samp", "tt"):
        return _code_span(_text_of(node))
    inner = _inline_children(node, newlines, in_link)
    if tag in ("em", "i", "cite", "dfn", "var"):
        return _wrap(inner, "*")
    if tag in ("strong", "b"):
        return _wrap(inner, "**")
    if tag in ("td", "th"):
        return f" {inner.strip()} "
    return inner


def _inline_children(node: Node, newlines: bool, in_link: bool = False) -> str:
    return "".join(_inline(child, newlines, in_link) for child in node.children)


def _inline_text(text: str, newlines: bool) -> str:
    text = _escape(text)
    if not newlines:
        return re.sub(r"\s+", " ", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text.replace("\r\n", "\n"))
    text = re.sub(r" ?\n( ?\n)+ ?", PARAGRAPH, text)
    return re.sub(r" ?\n ?", "\n", text)


def _line_safe(line: str) -> str:
    """A line that would start a quote or a list is escaped: "1984. A year" stays text."""
    number = re.match(r"\d+(?=[.)](\s|$))", line)
    if number:
        return f"{number.group()}\\{line[number.end() :]}"
    return f"\\{line}" if re.match(r"[>+#=-](\s|$)", line) else line


def _paragraphs(run: str) -> list[str]:
    """An inline run as paragraphs, each line safe from being read as a block construct."""
    blocks = []
    for part in run.split(PARAGRAPH):
        lines = [re.sub(r" +", " ", line).strip() for line in part.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        if lines:
            blocks.append("\n".join(_line_safe(line) for line in lines if line))
    return blocks


def _blocks(node: Node, newlines: bool) -> list[str]:
    """The Markdown blocks of a container, in order."""
    blocks, run = [], []
    for child in node.children:
        if isinstance(child, Node) and child.tag in BLOCKS:
            blocks += _paragraphs("".join(run))
            run = []
            blocks += _block(child, newlines)
        else:
            run.append(_inline(child, newlines))
    return blocks + _paragraphs("".join(run))


def _block(node: Node, newlines: bool) -> list[str]:
    tag = node.tag
    if tag == "hr":
        return []
    if tag == "pre":
        return [_fenced(_text_of(node))]
    if tag == "blockquote":
        inner = "\n\n".join(_blocks(node, newlines))
        return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))] if inner else []
    if tag in ("ul", "ol"):
        return _list(node, newlines)
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "dt"):
        text = " ".join(_paragraphs(_inline_children(node, newlines))).replace("\n", " ")
        return [_wrap(text, "**")] if text else []
    if tag == "tr":
        return _paragraphs(_inline_children(node, newlines).strip())
    return _blocks(node, newlines)


def _fenced(text: str) -> str:
    text = text.strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _list(node: Node, newlines: bool) -> list[str]:
    ordered = node.tag == "ol"
    try:
        number = int(node.attrs.get("start", "1")) if ordered else 1
    except ValueError:
        number = 1
    items = []
    for child in node.children:
        if isinstance(child, str) and not child.strip():
            continue
        item = child if isinstance(child, Node) and child.tag == "li" else Node("li", {})
        if item is not child:
            item.children.append(child)
        marker = f"{number}. " if ordered else "- "
        body = "\n\n".join(_blocks(item, newlines)) or ""
        lines = body.split("\n")
        indent = " " * len(marker)
        items.append("\n".join([marker + lines[0]] + [indent + line if line else "" for line in lines[1:]]))
        number += 1
    return ["\n".join(items)] if items else []


def _clean_characters(html: str) -> str:
    """Control characters (NULs and the like, pasted in) have no place in a comment."""
    return "".join(ch for ch in html if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co"))


def html_to_markdown(html: str, *, newlines: bool = True) -> str:
    """The Markdown subset for a comment's HTML. With `newlines` (WordPress, which adds <p> and
    <br> only when showing a comment), a blank line starts a paragraph and a newline breaks
    the line; without it, whitespace is collapsed as a browser does."""
    builder = _TreeBuilder()
    builder.feed(_clean_characters(html or ""))
    builder.close()
    return "\n\n".join(_blocks(builder.root, newlines)).strip()
