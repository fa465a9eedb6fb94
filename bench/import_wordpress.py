# ruff: noqa: E501 - the generated items read best one to a line
"""`masthead import wordpress` on a generated export: 10,000 posts and 100,000 comments (nested
replies, wpDiscuz votes), imported on SQLite, then imported again with nothing changed.

Run: uv run python bench/import_wordpress.py [--posts 10000] [--comments-per-post 10]
Prints the export's size, each run's wall time and the import process's peak memory (RssAnon and RSS), beside
the targets (first run < 5 min, peak < 500 MB, re-run < 1 min). See bench/README.md.
"""

import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import bench_parser, site_size_add  # noqa: E402 - bench/ is the script's directory

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


def run_measured(command: list[str], *, env: dict) -> tuple[float, float, int, str]:
    """Runs `command`; wall seconds, CPU seconds (user + system) and peak memory in MB of that one
    process, and its output. Peak memory is the largest anonymous resident set (RssAnon, read
    every 50 ms): the process's own memory. Its peak RSS (os.wait4: its own, not the maximum over
    every child so far) also counts the database file's pages that SQLite maps (up to 128 MB,
    settings.py) and reads, which the kernel drops when it needs the room; both are printed.
    On a shared machine the CPU time is the steadier figure: wall time also counts waiting."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started, anon = time.perf_counter(), 0
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err, cwd=ROOT)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            anon = max(anon, _anonymous_kb(process.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if process.returncode != 0:
            sys.exit(f"{' '.join(command[2:])} failed ({process.returncode}):\n{out.read()}\n{err.read()}")
        print(
            f"  ({' '.join(command[2:4])}: peak RSS {usage.ru_maxrss // 1024} MB, of which anonymous {anon // 1024} MB)"
        )
        return elapsed, usage.ru_utime + usage.ru_stime, anon // 1024, out.read()


def _anonymous_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("RssAnon:")), 0)


def site_env(data: Path) -> dict:
    """This environment without the site's own settings: the embedded defaults (SQLite) in `data`."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL"))
    }
    return env | {"MASTHEAD_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "masthead.site.settings"}


def run_import(env: dict, export: Path) -> tuple[float, float, int, str]:
    return run_measured([*IMPORT, str(export)], env=env)


def main() -> None:
    parser = bench_parser(__doc__)
    site_size_add(parser, posts=10_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the imported site's data dir there")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-import-") as tmp:
        data, export = Path(tmp) / "data", Path(tmp) / "export.xml"
        env = site_env(data)
        started = time.perf_counter()
        write_export(export, posts=args.posts, per_post=args.comments_per_post)
        size = export.stat().st_size / 1e6
        print(f"export: {args.posts} posts, {args.posts * args.comments_per_post} comments, {size:.0f} MB "
              f"(written in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, cwd=ROOT)
        first, first_cpu, peak, summary = run_import(env, export)
        print(summary)
        again, again_cpu, peak_again, summary_again = run_import(env, export)
        print(summary_again)
        print(
            f"first import: {first:7.1f} s, {first_cpu:6.1f} s CPU (target < 300 s)   peak memory {peak} MB (target < 500 MB)"
        )
        print(
            f"re-run:       {again:7.1f} s, {again_cpu:6.1f} s CPU (target <  60 s)   peak memory {peak_again} MB"
        )
        if args.keep:
            shutil.copytree(data, args.keep, dirs_exist_ok=False)
            print(f"the imported site's data dir is kept in {args.keep} (bench/export_backup.py --site)")


if __name__ == "__main__":
    main()
