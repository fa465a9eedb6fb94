"""A byte stream with the characters XML forbids taken out, each removal remembered for the report.

Real exports carry pasted control characters and NULs in post meta; lxml refuses the whole file
for one of them. They are removed before parsing (they never carry meaning), as are character
references to them (`&#1;`), and invalid UTF-8 is replaced with U+FFFD."""

import codecs
import re
from collections.abc import Callable
from typing import BinaryIO

CHUNK = 1 << 20
ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|&#(?:x0*[0-8bcef]|x0*1[0-9a-f]|0*[0-8]|0*1[124-9]|0*2[0-9]|0*3[01]);",
    re.I,
)


class CleanStream:
    """Wraps a binary file for lxml's `iterparse`: `read(n)` gives cleaned UTF-8 bytes."""

    def __init__(self, raw: BinaryIO, *, on_repair: Callable[[int, str], None]):
        self.raw, self.on_repair = raw, on_repair
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.line = 1
        self.bytes_read = 0
        self._pending = b""
        self._tail = ""  # a possible partial character reference kept for the next chunk

    def read(self, size: int = -1) -> bytes:
        while not self._pending:
            chunk = self.raw.read(CHUNK)
            self.bytes_read += len(chunk)
            text = self._tail + self.decoder.decode(chunk, final=not chunk)
            if chunk:  # keep an unfinished "&#…" for the next round
                cut = text.rfind("&#")
                if cut != -1 and len(text) - cut < 12 and ";" not in text[cut:]:
                    text, self._tail = text[:cut], text[cut:]
                else:
                    self._tail = ""
            else:
                self._tail = ""
            if not text and not chunk:
                return b""
            self._pending = self._clean(text).encode("utf-8")
        if size is None or size < 0:
            size = len(self._pending)
        out, self._pending = self._pending[:size], self._pending[size:]
        return out

    def _clean(self, text: str) -> str:
        if ILLEGAL.search(text) is None:
            self.line += text.count("\n")
            return text
        pieces, start = [], 0
        for match in ILLEGAL.finditer(text):
            self.line += text.count("\n", start, match.start())
            pieces.append(text[start : match.start()])
            self._remember(match.group())
            start = match.end()
        self.line += text.count("\n", start)
        pieces.append(text[start:])
        return "".join(pieces)

    def _remember(self, found: str) -> None:
        what = found if found.startswith("&#") else f"U+{ord(found):04X}"
        self.on_repair(self.line, f"removed {what} (not allowed in XML)")
