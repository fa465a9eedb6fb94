"""`masthead worker` processes for the worker tests of either queue, and a task whose runs can be
followed from outside: it writes to a file."""

import subprocess
import sys
import time
from pathlib import Path

from django.tasks import task

ROOT = Path(__file__).resolve().parents[3]


@task
def lines_append(path: str, name: str, seconds: float = 0.0) -> None:
    """Writes "<name> start", waits, writes "<name> end": a task whose run can be followed."""
    with open(path, "a") as out:
        out.write(f"{name} start\n")
        out.flush()
        time.sleep(seconds)
        out.write(f"{name} end\n")


def worker_env(data_dir: Path, **extra: str) -> dict:
    """The embedded defaults (nothing of the caller's PostgreSQL or Redis), and `extra`."""
    from conftest import embedded_env  # here: the workers import this module for its task

    return embedded_env(data_dir, **extra)


def worker_start(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "masthead.site.cli", "worker"],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(condition, seconds: float, what: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} within {seconds} s" + (f"\n{log.read_text()[-3000:]}" if log else ""))


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []
