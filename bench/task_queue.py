"""Benchmark: tasks per second on the database queue and on the Redis queue, one and two
`masthead worker` processes each, side by side in one run (docs/scaling.md).

Both on PostgreSQL (a fresh database named by --database-url), the Redis queue on --redis-url
under a key prefix of the run's own. For each cell the workers are started and waited for (their
heartbeat row, or their "serving" log line), then --tasks empty tasks are queued from this process
as fast as it can and the clock runs until the last one is SUCCESSFUL. Prints the enqueue rate,
the tasks per second and the workers' CPU time per task of each cell (the figure other work on a
shared machine changes least). An empty task measures the queue itself: claiming, running and
recording one task; real tasks (a mail) add their own time on top.

    uv run python bench/task_queue.py [--tasks 1000] \\
        [--database-url postgres://postgres@127.0.0.1:5432/masthead_bench_tasks] \\
        [--redis-url redis://127.0.0.1:6379/7]
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def configure(database_url: str) -> None:
    import psycopg

    url, name = database_url.rsplit("/", 1)
    with psycopg.connect(url + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    for key in [k for k in os.environ if k.startswith(("MASTHEAD_", "REDIS_URL"))]:
        del os.environ[key]
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "MASTHEAD_DATA_DIR": tempfile.mkdtemp(prefix="bench-tasks-"),
            "DJANGO_SETTINGS_MODULE": "masthead.site.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process: unlike wall time, hardly changed by other
    work on the same cores."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cell:
    """One queue and a number of workers."""

    def __init__(self, *, queue: str, workers: int, redis_url: str, prefix: str):
        self.queue, self.workers, self.redis_url, self.prefix = queue, workers, redis_url, prefix
        self.log = Path(os.environ["MASTHEAD_DATA_DIR"]) / f"{queue}-{workers}.log"
        if queue == "redis":
            from masthead.core.redistasks import CommittedRedisTaskBackend

            self.backend = CommittedRedisTaskBackend(
                "default", {"OPTIONS": {"REDIS_URL": redis_url, "REDIS_KEY_PREFIX": f"{prefix}-tasks"}}
            )
        else:
            from django.tasks import task_backends

            self.backend = task_backends["default"]

    def env(self) -> dict:
        env = os.environ | {"PYTHONUNBUFFERED": "1", "MASTHEAD_CACHE_PREFIX": self.prefix}
        if self.queue == "redis":
            env |= {"MASTHEAD_TASK_BACKEND": "redis", "MASTHEAD_TASKS_REDIS_URL": self.redis_url}
        return env

    def ready(self) -> int:
        if self.queue == "redis":
            return self.log.read_text().count("serving the Redis queue")
        from masthead.core.models import TaskWorker

        return TaskWorker.objects.count()

    def done(self) -> int:
        if self.queue == "redis":
            return self.backend.get_status_counts().get("SUCCESSFUL", 0)
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status="SUCCESSFUL").count()

    def run(self, tasks: int) -> tuple[float, float, float]:
        """(tasks queued per second, tasks run per second, the workers' CPU ms per task)."""
        from bench.task_queue_task import noop

        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "masthead.site.cli", "worker"],
                cwd=ROOT,
                env=self.env(),
                stdout=self.log.open("a"),
                stderr=subprocess.STDOUT,
            )
            for _ in range(self.workers)
        ]
        try:
            while self.ready() < self.workers:
                time.sleep(0.5)
            cpu = sum(_cpu_seconds(process.pid) for process in processes)
            start = time.perf_counter()
            for _ in range(tasks):
                self.backend.enqueue(noop, (), {})
            queued = time.perf_counter()
            while self.done() < tasks:
                time.sleep(0.05)
            finished = time.perf_counter()
            cpu = sum(_cpu_seconds(process.pid) for process in processes) - cpu
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(60)
        return tasks / (queued - start), tasks / (finished - start), cpu * 1000 / tasks

    def clear(self) -> None:
        if self.queue == "redis":
            client = self.backend.get_client()
            for key in client.scan_iter(f"{self.prefix}*"):
                client.delete(key)
        else:
            from django_tasks_db.models import DBTaskResult

            from masthead.core.models import TaskWorker

            DBTaskResult.objects.all().delete()
            TaskWorker.objects.all().delete()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/masthead_bench_tasks")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    configure(args.database_url)
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    print(f"{args.tasks} empty tasks per cell; PostgreSQL {args.database_url}; Redis {args.redis_url}")
    print(f"{'queue':<10}{'workers':>8}{'queued/s':>12}{'run/s':>10}{'worker CPU ms/task':>20}")
    for workers in (1, 2):
        for queue in ("database", "redis"):
            cell = Cell(queue=queue, workers=workers, redis_url=args.redis_url, prefix=prefix)
            try:
                queued, ran, cpu_ms = cell.run(args.tasks)
            finally:
                cell.clear()
            print(f"{queue:<10}{workers:>8}{queued:>12.0f}{ran:>10.0f}{cpu_ms:>20.1f}", flush=True)


if __name__ == "__main__":
    main()
