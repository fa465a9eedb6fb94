"""Readers with a session, the front cache and memory, side by side in one run (see
comments_thread.py --readers). Every figure below comes from the same run on the same machine:
compare ratios, not absolute numbers, on a shared machine."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREAD = 1_000

SETUP = r"""
import json
import django; django.setup()
from django.conf import settings; settings.ALLOWED_HOSTS = ["*"]
from django.contrib.auth import get_user_model
from django.test import Client
from masthead.newsroom.models import ArticlePage
page = ArticlePage.objects.get(slug="thread-1000")
guest = Client(HTTP_SEC_FETCH_SITE="same-origin")
guest.post(f"/comments/{page.pk}/post/", {"body": "I was there too.", "author_name": "Ruth",
           "author_email": "ruth@example.org"})
staff = Client()
staff.force_login(get_user_model().objects.create_user("bench-editor", "e@example.org", "pw", is_staff=True))
print(json.dumps({"url": page.url, "pk": page.pk,
    "guest": "; ".join(f"{k}={v.value}" for k, v in guest.cookies.items()),
    "staff": "; ".join(f"{k}={v.value}" for k, v in staff.cookies.items())}))
"""

PROFILE = r"""
import cProfile, io, pstats, sys
import django; django.setup()
from django.conf import settings; settings.ALLOWED_HOSTS = ["*"]
from django.test import Client
client = Client()
for pair in sys.argv[2].split("; "):
    name, _, value = pair.partition("=")
    client.cookies[name] = value
client.get(sys.argv[1])
profile = cProfile.Profile()
profile.enable()
for _ in range(100):
    client.get(sys.argv[1])
profile.disable()
out = io.StringIO()
pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(12)
print(out.getvalue())
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(data: Path, port: int, tree: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(tree),
        "MASTHEAD_DATA_DIR": str(data),
        "MASTHEAD_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": "masthead.site.settings",
        "MASTHEAD_MODERATION_HOLD_FIRST_COMMENT": "0",
    }


def _run(tree: Path, env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True, check=True, timeout=1800
    )
    return out.stdout.strip()


def _site(tree: Path, tmp: Path, name: str) -> dict:
    """A data dir with the 1,000-comment thread, a guest who commented and a signed-in editor."""
    data, port = tmp / f"data-{name}", _free_port()
    env = _env(data, port, tree)
    cli = ("-m", "masthead.site.cli")
    _run(tree, env, *cli, "manage", "migrate", "--verbosity", "0")
    _run(tree, env, *cli, "manage", "collectstatic", "--noinput", "--verbosity", "0")
    _run(tree, env, *cli, "manage", "demo_thread", "--slug", "thread-1000", "--comments", str(THREAD))
    site = json.loads(_run(tree, env, "-c", SETUP).splitlines()[-1])
    server = subprocess.Popen(
        [sys.executable, *cli, "run", "--addr", f"127.0.0.1:{port}", "--data", str(data)],
        cwd=tree,
        env=env,
        stdout=(tmp / f"{name}.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    return {**site, "name": name, "tree": tree, "env": env, "port": port, "server": server}


# What Chromium sends: the 148 KB article then travels as 9 KB of brotli. Without it (wrk's
# default) the raw page fills the socket buffer and a web thread waits in sendall() until wrk,
# which shares the two cores, reads it: at 32 connections that, not the site, held the rate down
# (c=32 was 83% of c=8 raw, 126% with brotli, in one interleaved run). --raw measures that too.
BROWSER_ENCODING = "gzip, deflate, br"


def _wrk(
    url: str, seconds: int, connections: int, cookie: str = "", encoding: str = BROWSER_ENCODING
) -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "--timeout", "60s"]
    if encoding:
        command += ["-H", f"Accept-Encoding: {encoding}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rate": rate,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else float("nan"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def _descendants(pid: int) -> list[int]:
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def _rss(pid: int) -> list[tuple[str, float]]:
    rows = []
    for each in _descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
            command = Path(f"/proc/{each}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
        except OSError:
            continue
        kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        rows.append((f"{each} {command}", kib / 1024))
    return rows


def _nginx(tmp: Path, upstream_port: int, page_bytes: bytes) -> tuple[subprocess.Popen, int]:
    text = (ROOT / "docs" / "nginx.conf").read_text()
    block = [line.strip() for line in text[text.index("    location / {\n") :].splitlines()[1:]]
    directives = "\n".join(
        line
        for line in block[: block.index("}")]
        if line.startswith(("proxy_cache", "add_header X-Front-Cache", "gzip"))
    )
    static = tmp / "static-copy"
    static.mkdir(exist_ok=True)
    (static / "article.html").write_bytes(page_bytes)
    port = _free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""daemon off;
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    proxy_temp_path {tmp}/proxy;
    client_body_temp_path {tmp}/body;
    proxy_cache_path {tmp}/ncache levels=1:2 keys_zone=masthead_pages:10m max_size=64m inactive=10m;
    upstream masthead {{ server 127.0.0.1:{upstream_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        location /static-copy/ {{ alias {static}/; default_type text/html; }}
        location / {{
            {directives}
            proxy_pass http://masthead;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
    )
    server = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)], stderr=subprocess.DEVNULL)
    time.sleep(1)
    return server, port


def readers_main(args, *, _masthead, _wait, _isso_python) -> None:
    import comments_thread  # noqa: PLC0415 (its Isso setup)

    tmp = Path(tempfile.mkdtemp(prefix="mh-bench-readers-"))
    trees = {"after": ROOT}
    if args.before:
        before = tmp / "before-tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(before), args.before], cwd=ROOT, check=True)
        trees = {"before": before, **trees}
    sites = {name: _site(tree, tmp, name) for name, tree in trees.items()}
    seconds = args.seconds
    results: dict = {}
    try:
        for site in sites.values():
            _wait(f"http://127.0.0.1:{site['port']}{site['url']}", site["server"])
        # Interleaved: each round measures every tree once, so load from the other engineers on
        # the machine falls on both alike.
        for _round in range(2):
            for name, site in sites.items():
                url = f"http://127.0.0.1:{site['port']}{site['url']}"
                for reader in ("guest", "staff", "anonymous"):
                    for connections in (8, 32):
                        cookie = site.get(reader, "")
                        figure = _wrk(url, seconds, connections, cookie, "" if args.raw else BROWSER_ENCODING)
                        results.setdefault((name, reader, connections), []).append(figure)
                        print(name, reader, connections, figure, flush=True)
        page = urllib.request.urlopen(
            f"http://127.0.0.1:{sites['after']['port']}{sites['after']['url']}"
        ).read()
        nginx, nginx_port = _nginx(tmp, sites["after"]["port"], page)
        try:
            front_url = f"http://127.0.0.1:{nginx_port}{sites['after']['url']}"
            # The same bytes both ways: the raw page, as the static copy is stored.
            _wrk(front_url, 1, 8, encoding="")  # fills the front cache
            front = _wrk(front_url, seconds, 32, encoding="")
            static = _wrk(f"http://127.0.0.1:{nginx_port}/static-copy/article.html", seconds, 32, encoding="")
        finally:
            nginx.terminate()
            nginx.wait(20)
        rss = {name: _rss(site["server"].pid) for name, site in sites.items()}
        profiles = {
            name: _run(site["tree"], site["env"], "-c", PROFILE, site["url"], site["staff"])
            for name, site in sites.items()
        }
    finally:
        for site in sites.values():
            site["server"].terminate()
            site["server"].wait(30)
        if args.before:
            subprocess.run(["git", "worktree", "remove", "--force", str(trees["before"])], cwd=ROOT)
    isso = float("nan")
    if _isso_python:
        isso = comments_thread._isso(tmp, _isso_python, seconds, sizes=(THREAD,))[THREAD]["client"]
    _report(results, front, static, rss, profiles, isso)
    shutil.rmtree(tmp, ignore_errors=True)


def _best(figures: list[dict]) -> dict:
    return max(figures, key=lambda f: f["rate"])


def _report(results, front, static, rss, profiles, isso) -> None:
    print("\nReaders with a session, the article with a 1,000-comment thread (wrk, 2 threads, loopback,")
    print("2 cores shared with wrk and other engineers' work; best of 2 interleaved rounds)\n")
    print(f"{'tree':>7} | {'reader':>9} | {'c':>3} | {'req/s':>8} | {'p99 ms':>8} | {'x Isso':>7} | non-2xx")
    for (name, reader, connections), figures in results.items():
        best = _best(figures)
        ratio = best["rate"] / isso if isso == isso and isso else float("nan")
        print(
            f"{name:>7} | {reader:>9} | {connections:>3} | {best['rate']:>8.0f} | {best['p99_ms']:>8.1f} | "
            f"{ratio:>7.0f} | {best['non2xx']}"
        )
    for name in {key[0] for key in results}:
        for reader in ("guest", "staff", "anonymous"):
            low, high = results.get((name, reader, 8)), results.get((name, reader, 32))
            if low and high:
                print(f"{name} {reader}: c=32 rate is {_best(high)['rate'] / _best(low)['rate']:.0%} of c=8")
    print(f"\nIsso thread fetch (1,000 comments, its client's request): {isso:.2f} req/s")
    print(
        f"\nFront cache (nginx, docs/nginx.conf) {front['rate']:.0f} req/s vs nginx static file "
        f"{static['rate']:.0f} req/s at c=32: {front['rate'] / static['rate']:.0%}"
    )
    print("\nRSS after the run (MiB):")
    for name, rows in rss.items():
        for process, mib in rows:
            print(f"  {name}: {mib:6.1f}  {process}")
    for name, text in profiles.items():
        print(f"\ncProfile, {name}: 100 article views by the signed-in editor (in process, tottime)")
        print("\n".join(text.splitlines()[:30]))
