"""Runs a site: prepares it, then keeps the web server, a task worker and the scheduler running.

The web server (gunicorn) and the task worker are child processes forked from this one after
Django is set up, so they start at once instead of importing Django and Wagtail again; the
scheduler is a thread of this process. Ctrl-C or SIGTERM stops all of them, and a child whose
parent dies (even by SIGKILL) is told to stop by the kernel, so no process is left behind.
"""

import ctypes
import logging
import multiprocessing
import os
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connections
from django.urls import get_resolver

from masthead.core import outbox

from . import setup

log = logging.getLogger("masthead.runner")
SCHEDULE_SECONDS = 60
STOP_SECONDS = 10
_PR_SET_PDEATHSIG = 1
_fork = multiprocessing.get_context("fork")


def serve(*, addr: str, demo: bool) -> int:
    setup.site_prepare(demo=demo)
    login = setup.admin_ensure()
    # Import the URLs now: a broken import fails the start instead of every request, and the
    # forked web workers inherit them ready.
    get_resolver().url_patterns  # noqa: B018
    # Forked children must not share this process's database or cache connections.
    connections.close_all()
    _close_caches()
    children = [
        _fork.Process(target=_web_main, args=(addr, os.getpid()), name="web"),
        _fork.Process(target=_worker_main, args=(os.getpid(),), name="worker"),
    ]
    for child in children:
        child.start()
    stop = threading.Event()
    # The scheduler thread starts after the forks: forking a process that has threads can deadlock.
    threading.Thread(target=scheduler_loop, args=(stop,), name="scheduler", daemon=True).start()
    print(f"Masthead is serving {settings.BASE_URL}/  (data: {settings.DATA_DIR})", flush=True)
    print(f"Admin: {settings.BASE_URL}/admin/  user: {login.username}  {login.password_hint}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    return _supervise(children, stop)


def worker() -> int:
    """`masthead worker`: a task worker alone, for running more of them beside `masthead run`."""
    call_command("db_worker", "--interval", "0.5")
    return 0


def scheduled_publish() -> None:
    """Publishes what editors scheduled (and unpublishes what expired): Wagtail's command."""
    call_command("publish_scheduled", verbosity=0)


def outbox_prune() -> None:
    """Deletes outbox mails older than OUTBOX_KEEP_DAYS (they hold readers' addresses and links)."""
    outbox.outbox_prune(days=settings.OUTBOX_KEEP_DAYS)


def scheduler_loop(stop: threading.Event, *, interval: float = SCHEDULE_SECONDS) -> None:
    """Runs the periodic jobs now and then every `interval` seconds until `stop` is set."""
    while not stop.is_set():
        for job in (scheduled_publish, outbox_prune):
            try:
                job()
            except Exception:  # the scheduler must outlive one bad run (a locked database, say)
                log.exception("%s failed", job.__name__)
            finally:
                # This thread serves no requests, so nothing else retires its database connection.
                close_old_connections()
        stop.wait(interval)


def _web_options(addr: str) -> dict:
    return {
        "bind": addr,
        "workers": int(os.environ.get("MASTHEAD_WEB_WORKERS", "2")),
        "threads": int(os.environ.get("MASTHEAD_WEB_THREADS", "4")),
        "accesslog": "-" if os.environ.get("MASTHEAD_ACCESS_LOG") else None,
        "graceful_timeout": 5,
        "timeout": 60,
        "preload_app": True,
        # gunicorn's control socket defaults to one path per user: two sites would share it.
        "control_socket_disable": True,
    }


def _web_main(addr: str, parent: int) -> None:
    _die_with_parent(parent)
    from gunicorn.app.base import BaseApplication

    from .wsgi import application

    class _Server(BaseApplication):
        def load_config(self):
            for key, value in _web_options(addr).items():
                self.cfg.set(key, value)

        def load(self):
            return application

    _Server(prog="masthead").run()


def _worker_main(parent: int) -> None:
    _die_with_parent(parent)
    worker()


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel sends SIGTERM to this child when the runner dies, however it dies."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: Ctrl-C still reaches the whole process group
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _close_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.close()


def _supervise(children: list, stop: threading.Event) -> int:
    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    status = 0
    while not stop.wait(0.5):
        if dead := [child.name for child in children if not child.is_alive()]:
            log.error("the %s process exited; stopping the others", " and ".join(dead))
            status = 1
            break
    stop.set()
    for child in children:
        if child.is_alive():
            child.terminate()
    for child in children:
        child.join(STOP_SECONDS)
        if child.is_alive():
            child.kill()
            child.join()
    return status
