"""Runs a site: prepares it, then keeps the web server, a task worker and the scheduler running.

The three run as one process group: the web server (gunicorn) and the worker are child processes,
the scheduler a thread of this process. Ctrl-C or SIGTERM stops all of them.
"""

import logging
import os
import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command

from . import setup

log = logging.getLogger("masthead.runner")
SCHEDULE_SECONDS = 60


def serve(*, addr: str, demo: bool) -> int:
    setup.site_prepare(demo=demo)
    login = setup.admin_ensure()
    children = [_spawn_web(addr), _spawn_worker()]
    stop = threading.Event()
    threading.Thread(target=_scheduler, args=(stop,), name="scheduler", daemon=True).start()
    print(f"Masthead is serving {settings.BASE_URL}/  (data: {settings.DATA_DIR})", flush=True)
    print(f"Admin: {settings.BASE_URL}/admin/  user: {login.username}  {login.password_hint}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    return _supervise(children, stop)


def worker() -> int:
    call_command("db_worker", "--interval", "0.5")
    return 0


def _spawn_web(addr: str) -> subprocess.Popen:
    workers = os.environ.get("MASTHEAD_WEB_WORKERS", "2")
    threads = os.environ.get("MASTHEAD_WEB_THREADS", "4")
    return subprocess.Popen([
        sys.executable, "-m", "gunicorn", "masthead.core.wsgi:application",
        "--bind", addr, "--workers", workers, "--threads", threads,
        "--access-logfile", "-" if os.environ.get("MASTHEAD_ACCESS_LOG") else "/dev/null",
        "--graceful-timeout", "5", "--timeout", "60",
    ])


def _spawn_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "masthead.core.cli", "worker"])


def _scheduler(stop: threading.Event) -> None:
    """Publishes scheduled stories on time (Wagtail's publish_scheduled), once a minute."""
    while not stop.is_set():
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception:  # the scheduler must outlive one bad run
            log.exception("publish_scheduled failed")
        stop.wait(SCHEDULE_SECONDS)


def _supervise(children: list[subprocess.Popen], stop: threading.Event) -> int:
    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stop.is_set():
        if any(child.poll() is not None for child in children):
            log.error("a child process exited; stopping")
            stop.set()
            break
        time.sleep(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0
