"""Generation counters: a name whose value changes whenever what it stands for changes, so that
caches of derived data (cached pages, the campaign bar, a thread's JSON pages) key on it and are
retired together without anyone knowing their keys.

A generation is two things read together: a number in the shared cache (with REDIS_URL every
machine sees it) and the modification time of a stamp file in the data dir (with the embedded
local-memory cache each process has its own number; the file is how the worker, the scheduler
and the other web workers of the machine see a change). If the number is evicted or lost, the
value still differs from every earlier one, because each bump also moves the stamp forward.

While Redis is down (core/failsoft.py) a bump only moves this machine's stamp; so when Redis
answers again, each process that saw it down bumps every generation it knows once, and the other
machines retire what they cached before the outage too.
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from .failsoft import on_recovery

_known: set[str] = set()  # the generations this process has used: bumped again after an outage


def _bump_known() -> None:
    for name in sorted(_known):
        generation_bump(name)


on_recovery(_bump_known)


def generation_bump(name: str) -> None:
    """Changes `name`'s value for every process (call after what it stands for has changed)."""
    _known.add(name)
    key = _cache_key(name)
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # evicted since add(): start again; the stamp still moves below
            cache.set(key, 1, timeout=None)
    _stamp_forward(_stamp_file(name))


def generation_read(name: str) -> str:
    """The current value of `name`, as text to put in cache keys."""
    _known.add(name)
    try:
        stamp = os.stat(_stamp_file(name)).st_mtime_ns
    except FileNotFoundError:
        stamp = 0
    return f"{cache.get_or_set(_cache_key(name), 0, timeout=None)}.{stamp}"


def _cache_key(name: str) -> str:
    return f"generation:{name}"


def _stamp_file(name: str) -> Path:
    return Path(settings.DATA_DIR) / "generations" / name


def _stamp_forward(path: Path) -> None:
    """Sets the file's time to now, and at least 1 ns past its last value: two bumps within the
    file system's clock tick (a few ms on ext4) still give two values."""
    path.parent.mkdir(exist_ok=True)
    try:
        last = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        path.touch()
        last = 0
    stamp = max(time.time_ns(), last + 1)
    os.utime(path, ns=(stamp, stamp))
