"""A JSON document written a record at a time, so the export's memory does not grow with the site."""

import json
from collections.abc import Iterable
from typing import IO, Any


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def json_stream(
    out: IO[str], *, header: dict[str, Any], sections: Iterable[tuple[str, Iterable[dict]]]
) -> dict[str, int]:
    """Writes {header…, "section": [record, …], …} to `out`; returns the count per section."""
    counts: dict[str, int] = {}
    out.write("{\n")
    for key, value in header.items():
        out.write(f"{_dump(key)}: {_dump(value)},\n")
    for index, (name, records) in enumerate(sections):
        out.write(f"{_dump(name)}: [")
        count = 0
        for record in records:
            out.write(",\n" if count else "\n")
            out.write(_dump(record))
            count += 1
        out.write("\n]" if count else "]")
        out.write(",\n" if index < len(SECTION_NAMES) - 1 else "\n")
        counts[name] = count
    out.write("}\n")
    return counts


# The sections in their order; records.py yields one generator per name.
SECTION_NAMES = [
    "authors",
    "topics",
    "tags",
    "images",
    "documents",
    "pages",
    "comments",
    "subscriptions",
    "campaigns",
    "gifts",
    "pledges",
]
