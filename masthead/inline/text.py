"""The canonical plain text of an article body, which every passage selector indexes into.

The same rules run in the browser (static/inline/inline.js, `canon`): the text of the body
element's text nodes in document order, leaving out those inside script/style/noscript/template/
iframe elements, inside figures (their text is interface in the reader's language, "Click to see
full-size image", and credits, not the story) and inside the inline UI (`data-inline-ui`);
runs of ASCII whitespace (HTML's definition: tab, LF, FF, CR, space) become one space; leading
and trailing space is dropped.
Offsets count Unicode code points (the browser converts from UTF-16).
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "figure"})
# Elements that never have content, so that a start tag without its end tag keeps depth right.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
# The attribute carrying an editor-placed prompt's question (see wagtail_hooks.py).
PROMPT_ATTRIBUTE = "data-feedback-prompt"
_WHITESPACE = re.compile(r"[\t\n\f\r ]+")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.prompts: list[str] = []
        self._stack: list[bool] = []  # per open element: is its content left out?

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.prompts.extend(value for name, value in attrs if name == PROMPT_ATTRIBUTE and value)
        skipped = tag in _SKIPPED or any(name == "data-inline-ui" for name, _ in attrs)
        self._stack.append(skipped or (bool(self._stack) and self._stack[-1]))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in _VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)


def text_collapse(raw: str) -> str:
    """Whitespace runs to one space, trimmed (str.strip() alone would also eat NBSP)."""
    return _WHITESPACE.sub(" ", raw).strip(" ")


def body_text(html: str) -> str:
    """The canonical text of a body given as HTML (the inside of `[data-article-body]`)."""
    return _collect(html).text


def body_prompts(html: str) -> list[str]:
    """The questions of the editor-placed prompts in a body, in order."""
    return _collect(html).prompts


@dataclass(frozen=True)
class _Collected:
    text: str
    prompts: list[str]


def _collect(html: str) -> _Collected:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return _Collected(text_collapse("".join(collector.parts)), collector.prompts)
