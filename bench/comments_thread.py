"""Discussion threads beside Isso, in one run: render time, JSON page rate, concurrent writers.

    uv run python bench/comments_thread.py [--seconds 10] [--isso-python /tmp/isso-venv/bin/python]

1. A throwaway data dir on the embedded defaults (SQLite WAL); `masthead manage demo_thread`
   fills threads of 1,000 and 10,000 comments (timed).
2. Server-side render of the first page of each thread, in process, page cache off: the whole
   article page and the discussion alone (median of 30), with the query count.
3. `masthead run` (gunicorn, 2 workers x 4 threads) on 127.0.0.1:8311; wrk on loopback against
   the JSON thread page (/api/comments/pages/<id>/thread).
4. 8 writer threads post 1,000 comments through the JSON API (the real screening pipeline, rate
   limits raised); then counts what is stored and greps the server log for "database is locked".
5. Isso (pip install isso into a separate venv, given by --isso-python) on 127.0.0.1:8312 with the
   same thread sizes written into its SQLite file, measured the same way: GET /?uri=… as its
   client asks (nested_limit=5) and with limit=20 (one page, as ours).

    uv run python bench/comments_thread.py --readers [--seconds 5] [--before <git commit>]

Readers with a session, side by side in one run (bench/readers.py): the article with a
1,000-comment thread for a guest who has commented and for a signed-in staff member, with wrk at
concurrency 8 and 32 (page cache on, as shipped), against Isso's fetch of the same thread;
with --before, the same measured on a checkout of an older commit, interleaved; the anonymous
page through docs/nginx.conf's front cache against nginx serving the same bytes as a file; and
the RSS of each web process after the run.
"""

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from _common import bench_parser  # bench/ is the script's directory

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000)
OURS, ISSO = 8311, 8312


def _env(data: Path) -> dict:
    return {
        **os.environ,
        "MASTHEAD_DATA_DIR": str(data),
        "MASTHEAD_PAGE_CACHE_SECONDS": "0",
        "MASTHEAD_BASE_URL": f"http://127.0.0.1:{OURS}",
        "DJANGO_SETTINGS_MODULE": "masthead.site.settings",
        "MASTHEAD_RATE_LIMIT_NETWORK": "1000000/60",
        "MASTHEAD_RATE_LIMIT_EMAIL": "1000000/60",
        "MASTHEAD_RATE_LIMIT_SESSION": "1000000/60",
        "MASTHEAD_MODERATION_HOLD_FIRST_COMMENT": "0",
    }


def _masthead(data: Path, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", *args],
        cwd=ROOT,
        env=_env(data),
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


RENDER = r"""
import statistics, time
import django; django.setup()
from django.conf import settings; settings.ALLOWED_HOSTS = ["*"]
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from masthead.comments.thread_html import comments_html
from masthead.comments.selectors import thread_page
from masthead.newsroom.models import ArticlePage
client = Client()
for size in SIZES:
    page = ArticlePage.objects.get(slug=f"thread-{size}")
    client.get(page.url)
    whole, alone = [], []
    for _ in range(30):
        started = time.perf_counter(); client.get(page.url); whole.append(time.perf_counter() - started)
        started = time.perf_counter(); comments_html(thread_page(page_id=page.pk).roots)
        alone.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        comments_html(thread_page(page_id=page.pk).roots)
    print(f"{size}\t{statistics.median(whole)*1000:.1f}\t{statistics.median(alone)*1000:.1f}\t{len(queries)}\t{page.pk}")
"""


def _render(data: Path) -> dict:
    code = RENDER.replace("SIZES", repr(SIZES))
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_env(data), capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split("\t") for line in out.strip().splitlines()]
    return {
        int(r[0]): {
            "page_ms": float(r[1]),
            "thread_ms": float(r[2]),
            "queries": int(r[3]),
            "page_id": int(r[4]),
        }
        for r in rows
    }


def _wait(url: str, process: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited while starting: {url}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise SystemExit(f"server not ready: {url}")


def _wrk(url: str, seconds: int, connections: int = 16) -> float:
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "120s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    completed = re.search(r"(\d+) requests in", out)
    return float(found.group(1)) if found and completed and int(completed.group(1)) else 0.0


def _slow_rate(url: str, budget: float, timeout: float = 240) -> float:
    """Sequential requests until the budget is spent (for servers too slow for wrk, whose
    unfinished requests would keep the server busy after it stops). 0.0: one request took
    longer than `timeout`."""
    started, done = time.perf_counter(), 0
    while True:
        try:
            urllib.request.urlopen(url, timeout=timeout).read()
        except TimeoutError:
            return 0.0
        done += 1
        if time.perf_counter() - started > budget:
            return done / (time.perf_counter() - started)


def _rate(url: str, seconds: int) -> float:
    rate = _wrk(url, seconds)
    return rate if rate >= 2 else _slow_rate(url, seconds)


def _writers(page_id: int, total: int = 1000, threads: int = 8) -> dict:
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def write(worker: int) -> None:
        for n in range(total // threads):
            text = f"Writer {worker} says {n}: the evening buses matter {random.random()}"
            body = json.dumps(
                {"body": text, "author_name": f"Writer {worker}", "author_email": f"w{worker}@example.org"}
            )
            request = urllib.request.Request(
                f"http://127.0.0.1:{OURS}/api/comments/pages/{page_id}/comments",
                data=body.encode(),
                headers={"Content-Type": "application/json"},
            )
            try:
                status = urllib.request.urlopen(request, timeout=120).status
            except urllib.error.HTTPError as error:
                status = error.code
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    pool = [threading.Thread(target=write, args=(w,)) for w in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {"seconds": time.perf_counter() - started, "statuses": statuses}


def _isso_fill(db: Path, sizes=SIZES) -> None:
    """The same thread sizes in Isso's own schema (replies one level deep: Isso's model)."""
    con = sqlite3.connect(db)
    now = time.time()
    for size in sizes:
        uri = f"/thread-{size}/"
        tid = con.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", (uri, uri)).lastrowid
        first = (con.execute("SELECT max(id) FROM comments").fetchone()[0] or 0) + 1
        rows, rng = [], random.Random(7)
        for n in range(size):
            parent = first + rng.randrange(n) if n and rng.random() < 0.7 else None
            rows.append(
                (
                    tid,
                    first + n,
                    parent,
                    now - size + n,
                    None,
                    1,
                    "127.0.0.0",
                    "I was at the meeting and the *public gallery* was full. More of this, please.",
                    f"Reader {n % 15}",
                    f"r{n % 997}@example.org",
                    None,
                    rng.randrange(12),
                    rng.randrange(4),
                    bytes(256),
                    0,
                )
            )
        con.executemany("INSERT INTO comments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.commit()
    con.close()


def _isso(tmp: Path, python: str, seconds: int, sizes=SIZES) -> dict:
    db, conf = tmp / "isso.db", tmp / "isso.cfg"
    conf.write_text(
        f"[general]\ndbpath = {db}\nhost = http://127.0.0.1:{ISSO}/\n"
        f"[server]\nlisten = http://127.0.0.1:{ISSO}/\n[guard]\nenabled = false\n"
    )
    gunicorn = str(Path(python).parent / "gunicorn")
    env = {**os.environ, "ISSO_SETTINGS": str(conf)}
    log = (tmp / "isso.log").open("w")
    server = subprocess.Popen(
        [gunicorn, "-w", "2", "--threads", "4", "-b", f"127.0.0.1:{ISSO}", "isso.run:application"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(f"http://127.0.0.1:{ISSO}/info", server)
        _isso_fill(db, sizes)
        results = {}
        for size in sizes:
            base = f"http://127.0.0.1:{ISSO}/?uri=%2Fthread-{size}%2F"
            results[size] = {
                "page20": _slow_rate(base + "&limit=20&nested_limit=5", seconds),
                "client": _slow_rate(base + "&nested_limit=5", seconds),
            }
            print(f"Isso {size:,}: {results[size]}", flush=True)
        return results
    finally:
        server.kill()
        server.wait(30)


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--isso-python",
        default="/tmp/mhc-isso-venv/bin/python",
        help="python of a venv with isso and gunicorn ('' to skip Isso)",
    )
    parser.add_argument("--readers", action="store_true", help="readers with a session (bench/readers.py)")
    parser.add_argument("--before", default="", help="with --readers: a commit to measure beside this tree")
    parser.add_argument(
        "--raw", action="store_true", help="with --readers: ask for the page uncompressed (wrk's default)"
    )
    args = parser.parse_args()
    if args.readers:
        from readers import readers_main  # noqa: PLC0415 (bench/ is the script's directory)

        readers_main(args, _masthead=_masthead, _wait=_wait, _isso_python=args.isso_python)
        return
    tmp = Path(tempfile.mkdtemp(prefix="mh-bench-comments-"))
    data = tmp / "data"
    _masthead(data, "manage", "migrate", "--verbosity", "0")
    _masthead(data, "manage", "collectstatic", "--noinput", "--verbosity", "0")
    fills = {
        size: _masthead(data, "manage", "demo_thread", "--slug", f"thread-{size}", "--comments", str(size))
        for size in SIZES
    }
    _masthead(data, "manage", "demo_thread", "--slug", "thread-writes", "--comments", "0")
    render = _render(data)
    log = tmp / "masthead.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "masthead.site.cli",
            "run",
            "--addr",
            f"127.0.0.1:{OURS}",
            "--data",
            str(data),
        ],
        cwd=ROOT,
        env=_env(data),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(f"http://127.0.0.1:{OURS}/api/comments/counts?page=1", server)
        rates = {
            size: _rate(
                f"http://127.0.0.1:{OURS}/api/comments/pages/{render[size]['page_id']}/thread", args.seconds
            )
            for size in SIZES
        }
        writes_page = int(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import django; django.setup(); from masthead.newsroom.models import "
                    "ArticlePage; print(ArticlePage.objects.get(slug='thread-writes').pk)",
                ],
                cwd=ROOT,
                env=_env(data),
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        writes = _writers(writes_page)
    finally:
        server.terminate()
        server.wait(30)
    stored = (
        sqlite3.connect(data / "masthead.sqlite3")
        .execute("SELECT count(*) FROM comments_comment WHERE page_id = ?", (writes_page,))
        .fetchone()[0]
    )
    locked = log.read_text().count("database is locked")
    _report(fills, render, rates, writes, stored, locked, {})
    if args.isso_python:
        _report(fills, render, rates, writes, stored, locked, _isso(tmp, args.isso_python, args.seconds))


def _report(fills, render, rates, writes, stored, locked, isso) -> None:
    print(
        "\nMasthead comments vs Isso (nan: not measured yet) — 2 cores shared with the load "
        "generator, SQLite WAL, loopback\n"
    )
    for size in SIZES:
        print(f"fill {size:>6,}: {fills[size]}")
    print(
        f"\n{'thread':>8} | {'article page ms':>15} | {'thread alone ms':>15} | {'queries':>7} | "
        f"{'JSON page req/s':>15} | {'Isso req/s (client)':>19} | {'Isso req/s (limit 20)':>21}"
    )
    for size in SIZES:
        r, i = render[size], isso.get(size, {})
        print(
            f"{size:>8,} | {r['page_ms']:>15.1f} | {r['thread_ms']:>15.1f} | {r['queries']:>7} | "
            f"{rates[size]:>15.0f} | {i.get('client', float('nan')):>19.2f} | "
            f"{i.get('page20', float('nan')):>21.2f}"
        )
    print(
        f"\n8 writers, 1,000 comments through the JSON API: {writes['seconds']:.1f} s "
        f"({1000 / writes['seconds']:.0f}/s), answers {writes['statuses']}, stored {stored}, "
        f'"database is locked" in the server log: {locked}'
    )


if __name__ == "__main__":
    main()
