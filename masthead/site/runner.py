"""Runs a site: prepares it, then keeps the web server, a task worker and the scheduler running.

The web server (gunicorn) and the task worker are child processes forked from this one after
Django is set up, so they start at once instead of importing Django and Wagtail again; the
scheduler is a thread of this process. A child that exits (a worker that lost the database while
PostgreSQL restarted, say) is started again after a short pause, so one failing part never takes
the site down. Ctrl-C or SIGTERM stops all of them, and a child whose parent dies (even by
SIGKILL) is told to stop by the kernel, so no process is left behind.

In a cluster each node runs one role: `masthead run --web-only` (web server only),
`masthead worker` (tasks) and `masthead scheduler` (periodic jobs); docs/scaling.md.
"""

import contextlib
import ctypes
import fcntl
import logging
import multiprocessing
import os
import signal
import threading
import time
import zlib

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection, connections
from django.urls import get_resolver

from masthead.core.malloc import malloc_tune_for_threads
from masthead.core.redistaskworker import RedisTaskWorkerLoop
from masthead.core.taskworker import TaskWorkerLoop

from . import setup
from .dependencies import StartFailed, dependencies_wait
from .scheduler import scheduler_loop

log = logging.getLogger("masthead.runner")
STOP_SECONDS = 10
RELEASE_SECONDS = 3
# A child that exits is started again after this pause, doubled each time it exits again within
# a minute of its start (up to the maximum), so a crash loop does not spin.
RESTART_SECONDS = 1.0
RESTART_MAX_SECONDS = 30.0
PREPARE_LOCK_ID = zlib.crc32(b"masthead.prepare")
_PR_SET_PDEATHSIG = 1
_fork = multiprocessing.get_context("fork")


def serve(*, addr: str, demo: bool, web_only: bool = False) -> int:
    try:
        dependencies_wait()
    except StartFailed as error:
        log.error("%s", error)
        print(error, flush=True)
        return 2
    login = _prepare_in_child(demo=demo)
    if login is None:
        return 1
    _static_manifest_reload()
    # Import the URLs now: a broken import fails the start instead of every request, and the
    # forked web workers inherit them ready.
    get_resolver().url_patterns  # noqa: B018
    # Forked children must not share this process's database or cache connections.
    connections.close_all()
    _close_caches()
    children = [_Child("web", _web_main, (addr,))]
    if not web_only:
        children.append(_Child("worker", _worker_main, ()))
    for child in children:
        child.start()
    stop = threading.Event()
    if not web_only:
        # The scheduler thread starts after the forks: forking a process that has threads can deadlock.
        threading.Thread(target=scheduler_loop, args=(stop,), name="scheduler", daemon=True).start()
    print(f"Masthead is serving {settings.BASE_URL}/  (data: {settings.DATA_DIR})", flush=True)
    print(f"Admin: {settings.BASE_URL}/admin/  user: {login.username}  {login.password_hint}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    return _supervise(children, stop)


def _prepare_in_child(*, demo: bool) -> setup.AdminLogin | None:
    """Migrations, collectstatic and the first admin, in a child process that then exits.

    Running them here left about 130 MiB in this process's heap (the migration graph, project
    states, collectstatic's files); every web process is forked from this one and carried it
    too: 265 MiB RSS each, 135 MiB without.
    None when preparing failed (its error is in the log).
    """
    connections.close_all()  # the child opens its own; none may be shared across the fork
    receiver, sender = _fork.Pipe(duplex=False)
    child = _fork.Process(target=_prepare_main, args=(demo, sender), name="prepare")
    child.start()
    sender.close()
    try:
        login = receiver.recv()
    except EOFError:  # it failed before sending: its traceback is on stderr
        login = None
    child.join()
    return login if child.exitcode == 0 else None


def _static_manifest_reload() -> None:
    """collectstatic ran in the child: the web workers must know the file names it wrote."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    storage = staticfiles_storage
    if hasattr(storage, "load_manifest"):  # what ManifestFilesMixin.__init__ does
        storage.hashed_files, storage.manifest_hash = storage.load_manifest()


def _prepare_main(demo: bool, sender) -> None:
    with _prepare_lock():
        setup.site_prepare(demo=demo)
        login = setup.admin_ensure()
    connections.close_all()
    sender.send(login)


@contextlib.contextmanager
def _prepare_lock():
    """Several nodes started together prepare the site (migrations, the first admin) one at a time.

    PostgreSQL: a session advisory lock; SQLite (nodes of one machine sharing the data dir): a
    file lock beside the database.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [PREPARE_LOCK_ID])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [PREPARE_LOCK_ID])
        return
    with open(os.path.join(settings.DATA_DIR, "prepare.lock"), "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


def worker() -> int:
    """`masthead worker`: a task worker alone, for running more of them beside `masthead run`.

    When the database goes away (a restart), the worker waits for it and goes on, instead of
    exiting; SIGTERM lets the task in hand finish, then stops; a second SIGTERM gives the task
    back to the queue. Tasks of a worker that died are queued again. The same on either queue
    (core/taskworker.py, core/redistaskworker.py).
    """
    pause = RESTART_SECONDS
    while True:
        try:
            dependencies_wait()
            _task_worker_loop().run()
            return 0
        except (DatabaseError, InterfaceError) as error:
            log.warning("the task worker lost the database (%s); starting again in %.0f s", error, pause)
            connections.close_all()
            time.sleep(pause)
            pause = min(pause * 2, RESTART_MAX_SECONDS)
        except StartFailed as error:
            log.error("%s", error)
            return 2


def _task_worker_loop() -> TaskWorkerLoop | RedisTaskWorkerLoop:
    """The worker of the queue MASTHEAD_TASK_BACKEND selects."""
    return RedisTaskWorkerLoop() if settings.TASK_BACKEND == "redis" else TaskWorkerLoop()


def scheduler() -> int:
    """`masthead scheduler`: the periodic jobs alone (a cluster runs one or more; a lock keeps
    any two from running the same job at once)."""
    try:
        dependencies_wait()
    except StartFailed as error:
        log.error("%s", error)
        return 2
    stop = threading.Event()

    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print("Masthead scheduler running. Press Ctrl-C to stop.", flush=True)
    scheduler_loop(stop)
    return 0


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


def _web_main(addr: str) -> None:
    from gunicorn.app.base import BaseApplication

    from .wsgi import application

    # Before gunicorn forks its workers and they start their threads (masthead/core/malloc.py).
    malloc_tune_for_threads()

    class _Server(BaseApplication):
        def load_config(self):
            for key, value in _web_options(addr).items():
                self.cfg.set(key, value)

        def load(self):
            return application

    _Server(prog="masthead").run()


def _worker_main() -> None:
    worker()


class _Child:
    """One forked child process of the runner, which can be started again when it exits."""

    def __init__(self, name: str, target, args: tuple):
        self.name, self.target, self.args = name, target, args
        self.process: multiprocessing.Process | None = None
        self.started_at = 0.0
        self.pause = RESTART_SECONDS

    def start(self) -> None:
        self.process = _fork.Process(
            target=_child_main, args=(self.target, self.args, os.getpid()), name=self.name
        )
        self.process.start()
        self.started_at = time.monotonic()

    def is_alive(self) -> bool:
        return self.process is not None and self.process.is_alive()

    def restart_pause(self) -> float:
        """How long to wait before starting it again: longer when it keeps exiting quickly."""
        if time.monotonic() - self.started_at > 60:
            self.pause = RESTART_SECONDS
        pause, self.pause = self.pause, min(self.pause * 2, RESTART_MAX_SECONDS)
        return pause


def _child_main(target, args: tuple, parent: int) -> None:
    _die_with_parent(parent)
    target(*args)


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel sends SIGTERM to this child when the runner dies, however it dies."""
    # Not Linux: Ctrl-C still reaches the whole process group.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _close_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.close()


def _supervise(children: list[_Child], stop: threading.Event) -> int:
    def _stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    due: dict[str, float] = {}  # child name -> when to start it again
    while not stop.wait(0.5):
        now = time.monotonic()
        for child in children:
            if child.is_alive():
                continue
            if child.name not in due:
                pause = child.restart_pause()
                log.error(
                    "the %s process exited (code %s); starting it again in %.0f s",
                    child.name,
                    child.process.exitcode,
                    pause,
                )
                due[child.name] = now + pause
            elif now >= due[child.name]:
                del due[child.name]
                child.start()
    for child in children:
        if child.is_alive():
            child.process.terminate()
    for child in children:
        if child.process is None:
            continue
        child.process.join(STOP_SECONDS)
        if child.process.is_alive():
            # A second SIGTERM: a task worker gives its task back to the queue and exits.
            child.process.terminate()
            child.process.join(RELEASE_SECONDS)
        if child.process.is_alive():
            child.process.kill()
            child.process.join()
    return 0
