"""The cluster under faults (#16 item 3): two web processes, two workers and a scheduler on a
PostgreSQL and a Redis of the test's own; readers, commenters, voters, subscribers and signed
(sometimes duplicated) Stripe webhooks for MASTHEAD_SOAK_SECONDS (default 120) while a worker is
SIGKILLed every 10 s, Redis stops for 30 s, PostgreSQL restarts and a web process is killed.
Afterwards, every acknowledged write is stored once, every mail that was due arrived once, no
task was lost, and no reader saw a traceback. A longer soak by hand:
    MASTHEAD_SOAK_SECONDS=900 uv run pytest tests/soak -m soak -s -p no:cacheprovider
"""

import os
import threading
import time
import traceback

import pytest

from .checks import Verdict, mail_checks, phase_checks, store_checks, summary
from .cluster import cluster_create
from .faults import Faults
from .traffic import Client, Ledger, commenter, reader, stripe

SECONDS = float(os.environ.get("MASTHEAD_SOAK_SECONDS", "120"))
DRAIN_SECONDS = 180

pytestmark = [pytest.mark.postgres, pytest.mark.soak]


@pytest.fixture
def cluster(tmp_path):
    cluster = cluster_create(tmp_path)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        cluster.smtp.stop()
        cluster.redis.kill()
        cluster.postgres.remove()


def _thread(crashes: list[str], target, *args) -> threading.Thread:
    """A client thread whose crash fails the test (a thread's exception is otherwise only a warning)."""

    def run() -> None:
        try:
            target(*args)
        except Exception:
            crashes.append(traceback.format_exc())

    return threading.Thread(target=run, name=target.__name__)


def test_acknowledged_work_survives_killed_workers_and_restarted_engines(cluster):
    ledger, stop = Ledger(), threading.Event()
    clients = [Client(cluster, ledger, seed) for seed in range(5)]
    crashes: list[str] = []
    threads = [
        _thread(crashes, commenter, clients[0], stop, "a"),
        _thread(crashes, commenter, clients[1], stop, "b"),
        _thread(crashes, reader, clients[2], stop),
        _thread(crashes, reader, clients[3], stop),
        _thread(crashes, stripe, clients[4], stop),
    ]
    faults = Faults(cluster, SECONDS, stop)
    began = time.monotonic()
    for thread in [*threads, faults]:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in [*threads, faults]:
        thread.join(120)
    assert faults.error is None, f"a fault could not be made: {faults.error!r}\n{cluster.logs()}"
    assert not crashes, f"a client thread stopped: {crashes}"
    drained = cluster.drain(DRAIN_SECONDS)

    verdict = Verdict()
    phase_checks(verdict, ledger, faults.marks)
    store_checks(verdict, ledger, cluster)
    mail_checks(verdict, cluster, faults.kill_times)
    wall = time.monotonic() - began
    print(summary(verdict, faults, timings=cluster.timings, traffic=SECONDS, drained=drained, wall=wall))
    assert not verdict.failures, "\n".join(verdict.failures) + "\n" + cluster.logs()
