"""The account of one import run: every item found is imported, updated, unchanged or skipped.

Importers call the counting methods as they go; the command prints `summary()`, writes
`as_dict()` as JSON with --report, and fails when `unaccounted()` is not empty."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

OUTCOMES = ("imported", "updated", "unchanged", "skipped")


@dataclass
class KindTally:
    found: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → count

    @property
    def accounted(self) -> int:
        return self.imported + self.updated + self.unchanged + self.skipped.total()

    def as_dict(self) -> dict:
        return {
            "found": self.found,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped.total(),
            "skipped_reasons": dict(sorted(self.skipped.items())),
        }


@dataclass
class Report:
    source: str
    files: list[str] = field(default_factory=list)
    dry_run: bool = False
    kinds: dict[str, KindTally] = field(default_factory=dict)
    unknown: Counter = field(default_factory=Counter)  # shortcode or block name → count
    missing_media: list[dict] = field(default_factory=list)
    unmatched_threads: list[dict] = field(default_factory=list)
    guesses: list[dict] = field(default_factory=list)
    repairs: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)

    def tally(self, kind: str) -> KindTally:
        return self.kinds.setdefault(kind, KindTally())

    # Counting: every item is found once and then gets exactly one outcome.
    def found(self, kind: str, count: int = 1) -> None:
        self.tally(kind).found += count

    def imported(self, kind: str, count: int = 1) -> None:
        self.tally(kind).imported += count

    def updated(self, kind: str, count: int = 1) -> None:
        self.tally(kind).updated += count

    def unchanged(self, kind: str, count: int = 1) -> None:
        self.tally(kind).unchanged += count

    def skipped(self, kind: str, reason: str, count: int = 1) -> None:
        self.tally(kind).skipped[reason] += count

    # Lines worth a reader's attention; none of them stops the import.
    def unknown_markup(self, name: str) -> None:
        """A shortcode or block kept as sanitised HTML (`[foo]`, `wp:bar`)."""
        self.unknown[name] += 1

    def media_missing(self, *, file: str, wanted_by: str) -> None:
        self.missing_media.append({"file": file, "wanted_by": wanted_by})

    def thread_unmatched(self, *, thread: str, detail: str) -> None:
        self.unmatched_threads.append({"thread": thread, "detail": detail})

    def thread_guessed(self, *, thread: str, target: str, how: str) -> None:
        self.guesses.append({"thread": thread, "target": target, "how": how})

    def repaired(self, *, file: str, position: str, what: str) -> None:
        self.repairs.append({"file": file, "position": position, "what": what})

    def conflict(self, *, kind: str, source_id: str, title: str, detail: str) -> None:
        self.conflicts.append({"kind": kind, "source_id": source_id, "title": title, "detail": detail})

    def note(self, *, kind: str, source_id: str, detail: str) -> None:
        """A quirk of the input worked around (a comment whose parent is missing…)."""
        self.notes.append({"kind": kind, "source_id": source_id, "detail": detail})

    def unaccounted(self) -> dict[str, int]:
        """Kinds whose found count differs from their outcomes, with the difference."""
        return {
            kind: tally.found - tally.accounted
            for kind, tally in self.kinds.items()
            if tally.found != tally.accounted
        }

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "files": self.files,
            "dry_run": self.dry_run,
            "accounted": not self.unaccounted(),
            "unaccounted": self.unaccounted(),
            "kinds": {kind: tally.as_dict() for kind, tally in self.kinds.items()},
            "unknown_markup": dict(self.unknown.most_common()),
            "missing_media": self.missing_media,
            "unmatched_threads": self.unmatched_threads,
            "guesses": self.guesses,
            "repairs": self.repairs,
            "conflicts": self.conflicts,
            "notes": self.notes,
        }

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(
            json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    def summary(self) -> str:
        """What a person reads at the end of a run: counts per kind, then anything to look at."""
        lines = [f"{'Dry run' if self.dry_run else 'Import'} from {self.source}: {', '.join(self.files)}"]
        for kind, t in self.kinds.items():
            reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(t.skipped.items()))
            lines.append(
                f"  {kind}: {t.found} found, {t.imported} imported, {t.updated} updated, "
                f"{t.unchanged} unchanged, {t.skipped.total()} skipped" + (f" ({reasons})" if reasons else "")
            )
        lines += self._attention_lines()
        if self.dry_run:
            lines.append("Nothing was written (dry run).")
        return "\n".join(lines)

    def _attention_lines(self) -> list[str]:
        lines = []
        if self.unknown:
            kept = ", ".join(f"{name} ×{n}" for name, n in self.unknown.most_common())
            lines.append(f"  kept as HTML (unknown shortcodes and blocks): {kept}")
        for title, items in (
            ("missing media", self.missing_media),
            ("unmatched threads", self.unmatched_threads),
            ("guessed threads", self.guesses),
            ("repairs", self.repairs),
            ("conflicts (edited since import; --overwrite replaces them)", self.conflicts),
            ("notes", self.notes),
        ):
            if items:
                lines.append(f"  {title}: {len(items)}")
                lines += [f"    - {_line(item)}" for item in items[:20]]
                if len(items) > 20:
                    lines.append(f"    … and {len(items) - 20} more (see --report)")
        for kind, missing in self.unaccounted().items():
            lines.append(f"  UNACCOUNTED: {kind}: {missing} found but neither imported nor skipped")
        return lines


def _line(item: dict) -> str:
    return "; ".join(f"{key} {value}" for key, value in item.items())
