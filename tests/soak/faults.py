"""The soak's faults, on a timeline proportional to the run: a worker SIGKILLed every 10 s and
started again, Redis stopped for 30 s, PostgreSQL restarted (stopped ~5 s), one web process
SIGKILLed and left dead. Each fault's moments are recorded, so answers can be judged by when
they were given."""

import threading
import time

from .cluster import Cluster

REDIS_DOWN_SECONDS = 30
POSTGRES_DOWN_SECONDS = 5
WORKER_KILL_EVERY = 10


def timeline(duration: float) -> list[tuple[float, str]]:
    """(seconds after the start, fault). The faults do not overlap, so each can be judged alone."""
    redis_stop = 0.15 * duration
    postgres_stop = max(redis_stop + REDIS_DOWN_SECONDS + 10, 0.6 * duration)
    events = [
        (redis_stop, "redis_stop"),
        (redis_stop + REDIS_DOWN_SECONDS, "redis_start"),
        (postgres_stop, "postgres_stop"),
        (postgres_stop + POSTGRES_DOWN_SECONDS, "postgres_start"),
        (max(postgres_stop + 15, 0.85 * duration), "web_kill"),
    ]
    kills = [(float(t), "worker_kill") for t in range(WORKER_KILL_EVERY, int(duration), WORKER_KILL_EVERY)]
    return sorted(events + kills)


class Faults(threading.Thread):
    def __init__(self, cluster: Cluster, duration: float, stop: threading.Event):
        super().__init__(name="soak-faults", daemon=True)
        self.cluster, self.duration, self.stop = cluster, duration, stop
        self.marks: dict[str, float] = {}  # fault → time.monotonic() when it was done
        self.worker_kills = 0
        self.kill_times: list[float] = []  # time.monotonic() just before each worker's SIGKILL
        self.error: BaseException | None = None

    def run(self) -> None:
        began = time.monotonic()
        try:
            for at, fault in timeline(self.duration):
                if self.stop.wait(max(0.0, began + at - time.monotonic())):
                    return
                self._do(fault)
                self.marks[fault] = time.monotonic()
        except BaseException as error:  # reported by the test, not lost in a thread
            self.error = error

    def _do(self, fault: str) -> None:
        cluster = self.cluster
        if fault == "worker_kill":
            self.kill_times.append(time.monotonic())
            cluster.worker_kill_and_restart(self.worker_kills % len(cluster.workers))
            self.worker_kills += 1
        elif fault == "redis_stop":
            cluster.redis.kill()
        elif fault == "redis_start":
            cluster.redis.start()
        elif fault == "postgres_stop":
            self.marks["postgres_stopping"] = time.monotonic()
            cluster.postgres.stop()
        elif fault == "postgres_start":
            cluster.postgres.start()
            cluster.postgres.wait_ready()
        elif fault == "web_kill":
            self.marks["web_killing"] = time.monotonic()
            cluster.web_kill(1)  # left dead: clients find its port refused and use the other
