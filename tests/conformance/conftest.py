"""The conformance job's shared fixture: `masthead demo` started once, in its own process and
data dir on the embedded defaults, as a new user would start it; the validators read it by HTTP."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 300  # a first start migrates and loads the whole demo on a loaded machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(data_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MASTHEAD_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_"))
    }
    return env | {"MASTHEAD_WEB_WORKERS": "1", "MASTHEAD_WEB_THREADS": "4", "PYTHONUNBUFFERED": "1"}


class Demo:
    def __init__(self, url: str):
        self.url = url

    def get(self, path: str, **headers) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def body(self, path: str) -> bytes:
        status, _headers, body = self.get(path)
        assert status == 200, f"{path} answered {status}"
        return body


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("conformance") / "data"
    log = data_dir.parent / "demo.log"
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "masthead.site.cli",
            "demo",
            "--data",
            str(data_dir),
            "--addr",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=_env(data_dir),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    site = Demo(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert process.poll() is None, f"masthead demo exited early:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the demo did not answer:\n{log.read_text()}"
            try:
                site.get("/")
                break
            except OSError:
                time.sleep(0.5)
        yield site
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
