# ruff: noqa: E501 - the generated items read best one to a line
"""`masthead import wordpress` on a generated export: 10,000 posts and 100,000 comments (nested
replies, wpDiscuz votes), imported on SQLite, then imported again with nothing changed.

Run: uv run python bench/import_wordpress.py [--posts 10000] [--comments-per-post 10]
Prints the export's size, each run's wall time and the import process's peak memory (RSS), beside
the targets (first run < 5 min, peak < 500 MB, re-run < 1 min). See bench/README.md.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from masthead.migration.tests import wxr_builder as b  # noqa: E402 - after the path is set

WORDS = "river council flood bridge market school budget housing valley road vote water night report".split()

PREPARE = (
    "import django; django.setup(); from masthead.site.setup import site_prepare; site_prepare(demo=False)"
)
IMPORT = [sys.executable, "-m", "masthead.site.cli", "import", "wordpress"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _body(rng: random.Random, n: int) -> str:
    if n % 2:  # half the posts in block markup, half classic
        return (
            "".join(
                f"<!-- wp:paragraph -->\n<p>{_sentence(rng, 30)}</p>\n<!-- /wp:paragraph -->\n\n"
                for _ in range(6)
            )
            + "<!-- wp:heading -->\n<h2>More</h2>\n<!-- /wp:heading -->\n"
        )
    return "\n\n".join(_sentence(rng, 30) for _ in range(6)) + "\n\n[caption]An unknown picture[/caption]"


def _comments(rng: random.Random, post: int, count: int, first_id: int) -> list[str]:
    comments = []
    for i in range(count):
        cid = first_id + i
        parent = rng.choice([0, 0, first_id + rng.randrange(i)]) if i else 0
        meta = {"wpdiscuz_votes": str(rng.randrange(-3, 9))} if i % 3 == 0 else None
        comments.append(
            b.comment(cid, f"<p>{_sentence(rng, 18)}</p>", parent=parent, author=f"Reader {cid % 500}",
                      email=f"reader{cid % 500}@example.net", date="2020-01-02 10:00:00", meta=meta)
        )  # fmt: skip
    rng.shuffle(comments)  # children may come before their parents
    return comments


def write_export(path: Path, *, posts: int, per_post: int) -> None:
    rng = random.Random(11)
    head, tail = b.wxr("@@ITEMS@@").split("@@ITEMS@@")
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for n in range(5):
            out.write(b.author(f"writer{n}", f"Writer {n}", author_id=n + 1))
            out.write(b.category(f"section-{n}", f"Section {n}", term_id=n + 1))
        for post in range(1, posts + 1):
            out.write(
                b.item(post, f"Story {post}: {_sentence(rng, 5)}", _body(rng, post), creator=f"writer{post % 5}",
                       slug=f"story-{post}", date=f"20{10 + post % 14:02d}-0{1 + post % 9}-1{post % 9} 08:00:00",
                       excerpt=_sentence(rng, 12), categories=[("category", f"section-{post % 5}", f"Section {post % 5}")],
                       comments=tuple(_comments(rng, post, per_post, post * 1000)))
            )  # fmt: skip
        out.write(tail)


def run_import(env: dict, export: Path) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the import process, and its summary."""
    started = time.perf_counter()
    result = subprocess.run([*IMPORT, str(export)], env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"import failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return elapsed, peak, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments-per-post", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-import-") as tmp:
        data, export = Path(tmp) / "data", Path(tmp) / "export.xml"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL"))
        }
        env |= {"MASTHEAD_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "masthead.site.settings"}
        started = time.perf_counter()
        write_export(export, posts=args.posts, per_post=args.comments_per_post)
        size = export.stat().st_size / 1e6
        print(f"export: {args.posts} posts, {args.posts * args.comments_per_post} comments, {size:.0f} MB "
              f"(written in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, cwd=ROOT)
        first, peak, summary = run_import(env, export)
        print(summary)
        again, peak_again, summary_again = run_import(env, export)
        print(summary_again)
        print(f"first import: {first:7.1f} s   (target < 300 s)   peak RSS {peak} MB (target < 500 MB)")
        print(
            f"re-run:       {again:7.1f} s   (target <  60 s)   peak RSS {max(peak, peak_again)} MB over both runs"
        )


if __name__ == "__main__":
    main()
