"""Finding WordPress shortcodes in a post's text: `[name attr="v"]…[/name]` and `[name …]`.

WordPress only expands the shortcodes its plugins registered, which an export does not list. We
take as a shortcode what cannot be ordinary bracketed prose: a known name, a name with
attributes, a name closed by `[/name]`, or a name with a dash or underscore. "[sic]" and "[1]"
stay text."""

import re
import shlex
from dataclasses import dataclass

KNOWN = {"caption", "wp_caption", "gallery", "audio", "video", "embed", "playlist"}
OPEN = re.compile(r"\[(?!/)([A-Za-z][\w-]*)((?:\s+[^\]]*?)?)\s*(/?)\]")


@dataclass
class Shortcode:
    name: str
    attrs: dict[str, str]
    content: str  # between [name] and [/name]; "" for a self-closing one
    raw: str  # the text as written, to keep it when nothing else can be done


def attributes(text: str) -> dict[str, str]:
    """`ids="1,2" columns=3 "loose"` → {"ids": "1,2", "columns": "3", "0": "loose"} (as WordPress)."""
    found: dict[str, str] = {}
    try:
        words = shlex.split(text.replace("\u201d", '"').replace("\u2033", '"'), posix=True)
    except ValueError:
        words = text.split()
    for position, word in enumerate(words):
        key, sep, value = word.partition("=")
        if sep:
            found[key.lower()] = value
        else:
            found[str(position)] = word
    return found


def _looks_like_shortcode(name: str, attrs: str, closed: bool) -> bool:
    return name.lower() in KNOWN or closed or "=" in attrs or "-" in name or "_" in name


def split_shortcodes(text: str) -> list[str | Shortcode]:
    """The text cut into plain pieces and shortcodes, in order (shortcodes do not nest here:
    an inner one stays in its parent's content, as WordPress leaves it to the parent)."""
    pieces: list[str | Shortcode] = []
    position = 0
    while match := OPEN.search(text, position):
        name, attrs, self_closing = match.group(1), match.group(2) or "", match.group(3)
        end_tag = f"[/{name}]"
        close_at = -1 if self_closing else text.find(end_tag, match.end())
        if not _looks_like_shortcode(name, attrs, close_at != -1):
            pieces.append(text[position : match.end()])
            position = match.end()
            continue
        pieces.append(text[position : match.start()])
        if close_at != -1:
            content, end = text[match.end() : close_at], close_at + len(end_tag)
        else:
            content, end = "", match.end()
        pieces.append(Shortcode(name.lower(), attributes(attrs), content, text[match.start() : end]))
        position = end
    pieces.append(text[position:])
    return [piece for piece in pieces if piece != ""]
