"""The article page under load: Masthead uncached, Masthead with its full-page cache, and nginx
serving the same page's bytes as a static file (the ceiling), measured with wrk on loopback.

Run: uv run python bench/article_page.py [--seconds 10] [--concurrency 8 32]
See bench/README.md. Needs Debian's wrk and nginx; nginx runs from a temp config, as root.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from _common import bench_parser  # bench/ is the script's directory

ROOT = Path(__file__).resolve().parent.parent
PORTS = {"uncached": 8301, "cached": 8302, "nginx": 8303}

# Builds the demo newsroom in the data dir and prints the article pages' paths.
PREPARE = """
import json, django
django.setup()
from masthead.site import setup
from masthead.newsroom.models import ArticlePage
setup.site_prepare(demo=True)
print("PATHS" + json.dumps([p.url for p in ArticlePage.objects.live().specific()]))
"""

NGINX_CONF = """
daemon off;
user root;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;
    keepalive_requests 100000;
    server {{
        listen 127.0.0.1:{port};
        root {tmp}/www;
        default_type "text/html; charset=utf-8";
        location / {{ try_files /article.html =404; }}
    }}
}}
"""


def _env(data_dir: Path, **extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_"))
    }
    own = {"MASTHEAD_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "masthead.site.settings"}
    return env | own | extra


def _prepare(data_dir: Path) -> list[str]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", PREPARE],
        cwd=ROOT,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"building the demo failed:\n{result.stderr}")
    line = next(line for line in result.stdout.splitlines() if line.startswith("PATHS"))
    print(f"demo newsroom built in {time.monotonic() - started:.0f} s")
    return json.loads(line.removeprefix("PATHS"))


def _get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wait_ready(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"server exited early:\n{log.read_text()}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer:\n{log.read_text()}")


def _start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _masthead(data_dir: Path, tmp: Path, name: str, cache_seconds: int) -> subprocess.Popen:
    port = PORTS[name]
    env = _env(
        data_dir, MASTHEAD_PAGE_CACHE_SECONDS=str(cache_seconds), MASTHEAD_BASE_URL=f"http://127.0.0.1:{port}"
    )
    cmd = [sys.executable, "-m", "masthead.site.cli", "run", "--addr", f"127.0.0.1:{port}"]
    return _start(cmd, env, tmp / f"{name}.log")


def _nginx(tmp: Path, page: bytes, workers: int) -> subprocess.Popen:
    (tmp / "www").mkdir()
    (tmp / "www" / "article.html").write_bytes(page)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=PORTS["nginx"], workers=workers))
    return _start(["nginx", "-c", str(conf), "-p", str(tmp)], os.environ.copy(), tmp / "nginx.log")


def _wrk(url: str, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", out)
    return {
        "rps": rps,
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "errors": errors.group(0) if errors else "",
    }


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--seconds", type=int, default=10, help="length of each measurement")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--path", help="article path to measure (default: the largest demo article)")
    parser.add_argument("--keep", action="store_true", help="keep the temp data dir")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install {tool}")

    tmp = Path(tempfile.mkdtemp(prefix="masthead-bench-"))
    data_dir = tmp / "data"
    paths = _prepare(data_dir)
    workers = os.environ.get("MASTHEAD_WEB_WORKERS", "2")
    threads = os.environ.get("MASTHEAD_WEB_THREADS", "4")
    results: dict[tuple[str, int], dict] = {}
    running: list[subprocess.Popen] = []
    try:
        uncached = _masthead(data_dir, tmp, "uncached", 0)
        running.append(uncached)
        base = f"http://127.0.0.1:{PORTS['uncached']}"
        _wait_ready(base + "/", uncached, tmp / "uncached.log")
        sizes = {path: len(_get(base + path)[2]) for path in paths}
        path = args.path or max(sizes, key=sizes.get)
        status, _, page = _get(base + path)
        assert status == 200, f"{path} answered {status}"
        print(
            f"article {path}: {len(page):,} bytes of HTML; gunicorn {workers} workers x {threads} threads;"
            f" wrk {args.seconds} s per cell on loopback, 2 cores shared with wrk\n"
        )
        for conc in args.concurrency:
            results["uncached", conc] = _wrk(base + path, conc, args.seconds)
        _stop(uncached)

        cached = _masthead(data_dir, tmp, "cached", 300)
        running.append(cached)
        base = f"http://127.0.0.1:{PORTS['cached']}"
        _wait_ready(base + "/", cached, tmp / "cached.log")
        for _ in range(4):  # fill the cache of each web worker
            _get(base + path)
        if _get(base + path)[1].get("X-Page-Cache") != "hit":
            print("warning: the page cache did not answer 'hit'")
        for conc in args.concurrency:
            results["cached", conc] = _wrk(base + path, conc, args.seconds)
        _stop(cached)

        nginx = _nginx(tmp, page, int(workers))
        running.append(nginx)
        base = f"http://127.0.0.1:{PORTS['nginx']}"
        _wait_ready(base + "/", nginx, tmp / "nginx.log")
        assert _get(base + path)[2] == page
        for conc in args.concurrency:
            results["nginx", conc] = _wrk(base + path, conc, args.seconds)
    finally:
        for process in running:
            _stop(process)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    _print_table(results, args.concurrency)


def _print_table(results: dict, concurrencies: list[int]) -> None:
    labels = {
        "uncached": "Masthead, no page cache",
        "cached": "Masthead, full-page cache",
        "nginx": "nginx, static file (ceiling)",
    }
    print(f"{'server':30} {'conc':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'of nginx':>8}  notes")
    for name, label in labels.items():
        for conc in concurrencies:
            cell = results[name, conc]
            share = cell["rps"] / results["nginx", conc]["rps"]
            print(
                f"{label:30} {conc:>4} {cell['rps']:>9.0f} {cell['p50']:>8.2f} {cell['p99']:>8.2f}"
                f" {share:>8.1%}  {cell['errors']}"
            )
    for conc in concurrencies:
        speedup = results["cached", conc]["rps"] / results["uncached", conc]["rps"]
        print(f"page cache speed-up at concurrency {conc}: {speedup:.1f}x")


if __name__ == "__main__":
    main()
