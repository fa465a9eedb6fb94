"""`masthead export --format wxr` on two generated sites, one four times the other: wall time and
the export process's own peak memory (RSS), to show the export streams (memory does not grow
with the site) and how its time grows.

Run: nice uv run python bench/export_wxr.py [--posts 2500] [--comments-per-post 10]

Each site is made the way bench/import_wordpress.py makes one (its generated WordPress export,
imported with `masthead import wordpress` into a throwaway data dir on SQLite), so the articles
have bodies in blocks, bylines and topics, and the comments nested replies and votes. The larger
site has --posts articles, the smaller a quarter of them. See bench/README.md.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from _common import bench_parser, site_size_add  # noqa: E402 - bench/ is the script's directory
from import_wordpress import IMPORT, PREPARE, write_export  # noqa: E402 - after the path is set

EXPORT = [sys.executable, "-m", "masthead.site.cli", "export", "--format", "wxr", "--output"]


def _env(data: Path) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL"))
    }
    return env | {"MASTHEAD_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "masthead.site.settings"}


def _measured(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of this one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command[2:4])} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def site_export(tmp: Path, *, posts: int, per_post: int) -> dict:
    data, source, out = tmp / f"data-{posts}", tmp / f"wp-{posts}.xml", tmp / f"masthead-{posts}.xml"
    env = _env(data)
    write_export(source, posts=posts, per_post=per_post)
    subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, cwd=ROOT)
    imported, _ = _measured([*IMPORT, str(source)], env)
    seconds, peak = _measured([*EXPORT, str(out)], env)
    return {
        "posts": posts,
        "comments": posts * per_post,
        "import": imported,
        "export": seconds,
        "peak": peak,
        "size": out.stat().st_size / 1e6,
    }


def main() -> None:
    parser = bench_parser(__doc__)
    site_size_add(parser, posts=2_500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-wxr-") as tmp:
        runs = [
            site_export(Path(tmp), posts=posts, per_post=args.comments_per_post)
            for posts in (args.posts // 4, args.posts)
        ]
    for run in runs:
        print(
            f"{run['posts']:6} articles, {run['comments']:7} comments: export {run['export']:6.1f} s, "
            f"{run['size']:6.1f} MB of WXR, peak RSS {run['peak']} MB "
            f"(site built by import in {run['import']:.0f} s)"
        )
    small, large = runs
    print(
        f"4x the site: {large['export'] / small['export']:.2f}x the time, "
        f"{large['peak'] / small['peak']:.2f}x the peak memory"
    )


if __name__ == "__main__":
    main()
