"""Reading Gutenberg's block markup: `<!-- wp:name {json} -->…<!-- /wp:name -->` into a tree.

Text outside any block comment is a "freeform" block (classic HTML), as WordPress reads it."""

import json
import re
from dataclasses import dataclass, field

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.S,
)


@dataclass
class Block:
    name: str  # "core/paragraph"; "" for freeform HTML
    attrs: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)  # str pieces of its own HTML and child Blocks, in order
    inner_blocks: list = field(default_factory=list)

    @property
    def html(self) -> str:
        """Its own HTML, children left out (WordPress's innerHTML)."""
        return "".join(part for part in self.parts if isinstance(part, str))

    @property
    def full_html(self) -> str:
        """Its HTML with its children's in place (a list with its list items, a quote with its
        paragraphs), as the page showed it."""
        return "".join(part if isinstance(part, str) else part.full_html for part in self.parts)


def has_blocks(text: str) -> bool:
    return "<!-- wp:" in text


def _name(raw: str) -> str:
    return raw if "/" in raw else f"core/{raw}"


def _attrs(raw: str | None) -> dict:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def parse_blocks(text: str) -> list[Block]:
    """The top-level blocks of a post. Unclosed blocks are closed at the end of the text, and a
    stray closer is ignored: a damaged post still yields its content."""
    root = Block(name="#root")
    stack = [root]
    position = 0
    for match in DELIMITER.finditer(text):
        _add_text(stack[-1], text[position : match.start()])
        position = match.end()
        name = _name(match.group("name"))
        if match.group("closer"):
            if any(block.name == name for block in stack[1:]):
                while stack.pop().name != name:
                    pass
            continue
        block = Block(name=name, attrs=_attrs(match.group("attrs")))
        stack[-1].parts.append(block)
        stack[-1].inner_blocks.append(block)
        if not match.group("void"):
            stack.append(block)
    _add_text(stack[-1], text[position:])
    return [part if isinstance(part, Block) else Block(name="", parts=[part]) for part in root.parts]


def _add_text(block: Block, text: str) -> None:
    if not text:
        return
    if block.name == "#root" and not text.strip():
        return
    block.parts.append(text)
