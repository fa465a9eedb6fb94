"""`masthead export` (JSON) and `masthead backup` of a site of 10,000 articles and 100,000
comments, on SQLite: each one's wall time, CPU time and peak memory, beside the targets (each
under a minute, memory flat: compare the figures of a 1,000-article site with a 10,000 one).

Run: uv run python bench/export_backup.py [--posts 10000] [--comments-per-post 10]
     uv run python bench/export_backup.py --site DIR   (a data dir kept by import_wordpress.py --keep)
Without --site it builds the site as bench/import_wordpress.py does (its generated export,
imported with `masthead import wordpress`). See bench/README.md.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_parser, site_size_add  # noqa: E402 - bench/ is the script's directory
from import_wordpress import PREPARE, run_import, run_measured, site_env, write_export  # noqa: E402

CLI = [sys.executable, "-m", "masthead.site.cli"]


def site_build(data: Path, *, posts: int, per_post: int, env: dict) -> None:
    export = data.parent / "export.xml"
    write_export(export, posts=posts, per_post=per_post)
    subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, cwd=ROOT)
    elapsed, cpu, peak, _ = run_import(env, export)
    export.unlink()
    print(
        f"site built: {posts:,} posts, {posts * per_post:,} comments "
        f"imported in {elapsed:.0f} s ({cpu:.0f} s CPU)"
    )


def main() -> None:
    parser = bench_parser(__doc__)
    site_size_add(parser, posts=10_000)
    parser.add_argument("--site", type=Path, metavar="DIR", help="an existing data dir to export and back up")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-export-") as tmp:
        data = args.site or Path(tmp) / "data"
        env = site_env(data)
        if args.site is None:
            site_build(data, posts=args.posts, per_post=args.comments_per_post, env=env)
        else:  # a site kept by an older commit: brought up to this one's migrations
            subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, cwd=ROOT)
        database = data / "masthead.sqlite3"
        if database.exists():
            print(f"database: {database.stat().st_size / 1e6:.0f} MB")
        output = Path(tmp) / "export.json"
        elapsed, cpu, peak, _ = run_measured([*CLI, "export", "--output", str(output)], env=env)
        counts = _counts(output)
        print(f"export:  {elapsed:6.1f} s, {cpu:6.1f} s CPU, peak memory {peak} MB (target < 60 s, flat)   "
              f"{output.stat().st_size / 1e6:.0f} MB, {counts}")  # fmt: skip
        output.unlink()
        elapsed, cpu, peak, said = run_measured([*CLI, "backup", str(Path(tmp) / "backup")], env=env)
        print(
            f"backup:  {elapsed:6.1f} s, {cpu:6.1f} s CPU, peak memory {peak} MB (target < 60 s, flat)   "
            f"{said.strip()}"
        )


def _counts(path: Path) -> str:
    """Pages and comments in the export, read back (the file is one JSON document)."""
    with path.open(encoding="utf-8") as f:
        document = json.load(f)
    return f"{len(document['pages']):,} pages, {len(document['comments']):,} comments"


if __name__ == "__main__":
    main()
