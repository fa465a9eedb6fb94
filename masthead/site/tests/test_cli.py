"""The `masthead` command end to end, in child processes on the embedded defaults (SQLite)."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.tasks import task

from conftest import embedded_env

pytestmark = pytest.mark.once  # its own processes on the embedded defaults

ROOT = Path(__file__).resolve().parents[3]
START_SECONDS = 300  # a first start migrates and loads the whole demo on a loaded 2-core machine


@task
def touch_file(path: str) -> None:
    """A task for the worker test to run."""
    Path(path).touch()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("masthead-cli") / "data"  # created by `masthead demo` itself


def _env() -> dict:
    # The embedded defaults: no PostgreSQL, Redis or SMTP from the caller's environment.
    return embedded_env(MASTHEAD_WEB_WORKERS="1", MASTHEAD_WEB_THREADS="2")


def _masthead(*args: str, log: Path | None = None, **kwargs) -> subprocess.Popen:
    out = log.open("w") if log else subprocess.PIPE
    return subprocess.Popen(
        [sys.executable, "-m", "masthead.site.cli", *args],
        cwd=ROOT,
        env=_env(),
        stdout=out,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        **kwargs,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_page(url: str, process: subprocess.Popen, log: Path) -> int:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"masthead exited early:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer in {START_SECONDS} s:\n{log.read_text()}")


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _serve_then_stop(data_dir: Path, log: Path) -> tuple[str, set[int]]:
    port = _free_port()
    process = _masthead("demo", "--data", str(data_dir), "--addr", f"127.0.0.1:{port}", log=log)
    try:
        assert _wait_for_page(f"http://127.0.0.1:{port}/", process, log) == 200
        children = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    return log.read_text(), children


def _page_count(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "masthead.sqlite3") as db:
        return db.execute("SELECT COUNT(*) FROM wagtailcore_page").fetchone()[0]


@pytest.fixture(scope="module")
def first_start(data_dir, tmp_path_factory):
    """The first `masthead demo` on an empty data dir: started, asked for /, stopped by SIGTERM."""
    log = tmp_path_factory.mktemp("logs") / "first.log"
    output, children = _serve_then_stop(data_dir, log)
    return output, children


def test_demo_serves_the_site_and_sigterm_stops_every_process(data_dir, first_start):
    output, children = first_start

    assert re.search(r"Masthead is serving http://127\.0\.0\.1:\d+/", output)
    password = (data_dir / "admin-password").read_text().strip()
    assert f"user: admin  password: {password}" in output
    assert len(children) >= 3, "gunicorn, its worker and the task worker"
    assert not [pid for pid in children if _alive(pid)]


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_data_dir_is_owner_only_but_static_files_stay_public(data_dir, first_start):
    assert _mode(data_dir) == 0o711, "others may pass through to static/ and media/, never list"
    private = [data_dir / name for name in ("masthead.sqlite3", "secret_key", "admin-password")]
    private += [p for p in data_dir.glob("masthead.sqlite3-*")]  # WAL and shared memory
    assert {p.name: _mode(p) for p in private} == {p.name: 0o600 for p in private}
    media = [p for p in (data_dir / "media").rglob("*") if p.is_file()]
    static = [p for p in (data_dir / "static").rglob("*") if p.is_file()]
    assert media and static
    assert [p for p in media + static if _mode(p) != 0o644] == []


def test_a_second_start_keeps_the_site_and_skips_collectstatic(data_dir, first_start, tmp_path):
    password = (data_dir / "admin-password").read_text().strip()
    pages, stamp = _page_count(data_dir), (data_dir / "static" / ".masthead-stamp").stat().st_mtime_ns

    output, children = _serve_then_stop(data_dir, tmp_path / "second.log")

    assert password not in output, "printed on the run that generated it only"
    assert f"password: (kept in {data_dir / 'admin-password'})" in output
    assert _page_count(data_dir) == pages, "the demo is loaded on the first start only"
    assert (data_dir / "static" / ".masthead-stamp").stat().st_mtime_ns == stamp, "collectstatic skipped"
    assert not [pid for pid in children if _alive(pid)]


def test_manage_runs_django_commands(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "manage", "check"],
        cwd=ROOT,
        env=_env() | {"MASTHEAD_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_worker_runs_queued_tasks(data_dir, first_start, tmp_path):
    env = _env() | {"MASTHEAD_DATA_DIR": str(data_dir)}
    marker = tmp_path / "task-ran"
    enqueue = f"from masthead.site.tests.test_cli import touch_file; touch_file.enqueue({str(marker)!r})"
    subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "manage", "shell", "-c", enqueue],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert not marker.exists()
    worker = subprocess.Popen(
        [sys.executable, "-m", "masthead.site.cli", "worker", "--data", str(data_dir)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists()
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0


def _direct_children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _enqueue_touch(data_dir: Path, marker: Path) -> None:
    enqueue = f"from masthead.site.tests.test_cli import touch_file; touch_file.enqueue({str(marker)!r})"
    subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", "manage", "shell", "-c", enqueue],
        cwd=ROOT,
        env=_env() | {"MASTHEAD_DATA_DIR": str(data_dir)},
        check=True,
        capture_output=True,
        timeout=180,
    )


def _wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_killed_task_worker_is_started_again_and_the_site_keeps_serving(data_dir, first_start, tmp_path):
    """Before: the runner stopped the web server too when its worker exited (a 24 s outage
    when PostgreSQL restarted). Now only the worker is started again."""
    port, log = _free_port(), tmp_path / "restart.log"
    process = _masthead("run", "--data", str(data_dir), "--addr", f"127.0.0.1:{port}", log=log)
    try:
        assert _wait_for_page(f"http://127.0.0.1:{port}/healthz", process, log) == 200
        # the task worker is the runner's child that has no children of its own (gunicorn has)
        workers = {pid for pid in _direct_children(process.pid) if not _direct_children(pid)}
        assert len(workers) == 1
        os.kill(workers.pop(), signal.SIGKILL)

        assert _wait_until(
            lambda: (
                len({pid for pid in _direct_children(process.pid) if not _direct_children(pid)}) == 1
                and "starting it again" in log.read_text()
            ),
            60,
        ), log.read_text()
        assert process.poll() is None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200
        marker = tmp_path / "task-ran-after-restart"
        _enqueue_touch(data_dir, marker)
        assert _wait_until(marker.exists, 120), "the new worker runs queued tasks"
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)


def test_web_only_serves_without_a_task_worker(data_dir, first_start, tmp_path):
    port, log = _free_port(), tmp_path / "web-only.log"
    process = _masthead("run", "--web-only", "--data", str(data_dir), "--addr", f"127.0.0.1:{port}", log=log)
    try:
        assert _wait_for_page(f"http://127.0.0.1:{port}/", process, log) == 200
        children = _direct_children(process.pid)
        assert len(children) == 1, "gunicorn only"
        assert _direct_children(children.pop()), "gunicorn's own workers"
        marker = tmp_path / "not-run-by-a-web-node"
        _enqueue_touch(data_dir, marker)
        time.sleep(3)
        assert not marker.exists()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("command", "setting", "sentence"),
    [
        (
            ["run", "--addr", "127.0.0.1:{port}"],
            {"REDIS_URL": "{url}"},
            "Masthead cannot start: Redis (REDIS_URL) cannot be reached",
        ),
        (
            ["worker"],
            {"MASTHEAD_TASK_BACKEND": "redis", "MASTHEAD_TASKS_REDIS_URL": "{url}"},
            "Masthead cannot start: the task queue's Redis (MASTHEAD_TASKS_REDIS_URL or REDIS_URL) "
            "cannot be reached",
        ),
    ],
)
def test_a_redis_that_cannot_be_reached_fails_the_start_with_one_sentence(
    data_dir, command, setting, sentence
):
    """Each Redis it is told to use: the cache's, the task queue's."""
    url = f"redis://127.0.0.1:{_free_port()}/0"
    env = (
        _env()
        | {"MASTHEAD_DATA_DIR": str(data_dir), "MASTHEAD_START_WAIT_SECONDS": "1"}
        | {name: value.format(url=url) for name, value in setting.items()}
    )
    result = subprocess.run(
        [sys.executable, "-m", "masthead.site.cli", *(arg.format(port=_free_port()) for arg in command)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 2
    assert sentence in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_export_takes_its_options_first_and_writes_a_wordpress_export(data_dir, first_start, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "masthead.site.cli",
            "export",
            "--format",
            "wxr",
            "--output",
            str(tmp_path / "site.xml"),
        ]
        + ["--data", str(data_dir)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    exported = (tmp_path / "site.xml").read_text()
    assert "<wp:wxr_version>1.2</wp:wxr_version>" in exported
    with sqlite3.connect(data_dir / "masthead.sqlite3") as db:
        (articles,) = db.execute(
            "SELECT count(*) FROM newsroom_articlepage a JOIN wagtailcore_page p ON p.id = a.page_ptr_id"
            " JOIN wagtailcore_locale l ON l.id = p.locale_id WHERE l.language_code = 'en'"
        ).fetchone()
    assert exported.count("<wp:post_type><![CDATA[post]]></wp:post_type>") == articles > 0
