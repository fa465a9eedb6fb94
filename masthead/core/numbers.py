"""Whole numbers from reader text, refused unless they are plain ASCII digits a database can hold.

str.isdigit() accepts "²" and "٣", which int() then refuses or reads, and an id past 64 bits
overflows SQLite: every id, count or timestamp a reader sends goes through here instead.
"""

import re

ID_MAX = 2**63 - 1  # the largest signed 64-bit integer (SQLite, PostgreSQL bigint)
_DIGITS = re.compile(r"[0-9]{1,19}")


def number_parse(raw: object, *, maximum: int = ID_MAX) -> int | None:
    """The number written in `raw` (ASCII digits, 0..maximum), or None for anything else."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 <= raw <= maximum else None
    if not isinstance(raw, str) or not _DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= maximum else None


class IdConverter:
    """A URL path converter for database ids: at most 19 ASCII digits, within 64 bits (else 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = number_parse(value)
        if number is None:
            raise ValueError(value)  # Django answers 404 for this path
        return number

    def to_url(self, value: int) -> str:
        return str(value)
