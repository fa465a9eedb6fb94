"""How the C allocator of a threaded web process keeps, or gives back, the memory requests free.

glibc gives each thread that allocates at once an arena of its own (up to 8 per core) and, once
a large block has been freed, raises its mmap threshold to that size (up to 32 MiB), so the next
large blocks come from an arena too. A web process of 4 threads thus keeps the peak of the
heaviest page each thread rendered (a 1,000-comment article): measured after serving every kind
of page once, 228 and 248 MiB RSS per web process on the embedded defaults; with one arena and
fixed thresholds 137 and 140 MiB (#14). Python itself holds almost none of that: tracemalloc
traces about 16 MB of growth.
"""

import ctypes
import ctypes.util
import os
from collections.abc import Callable

# mallopt() parameters, from glibc's malloc.h.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
# glibc's initial values; fixed by mallopt, they no longer grow after each large free.
RELEASE_BYTES = 128 * 1024
ARENAS = 1
# An operator's own MALLOC_* environment (glibc reads it at start) wins over these.
_ENVIRONMENT = {
    _M_ARENA_MAX: "MALLOC_ARENA_MAX",
    _M_MMAP_THRESHOLD: "MALLOC_MMAP_THRESHOLD_",
    _M_TRIM_THRESHOLD: "MALLOC_TRIM_THRESHOLD_",
}


def malloc_tune_for_threads() -> list[str]:
    """Before a process starts its threads: all of them share ARENAS arenas, blocks of
    RELEASE_BYTES or more are mapped apart (and unmapped when freed), and free memory above
    that at the top of the heap goes back to the system.

    Returns the names of the parameters set (none off glibc, e.g. on musl or macOS).
    """
    mallopt = _mallopt()
    if mallopt is None:
        return []
    wanted = {_M_ARENA_MAX: ARENAS, _M_MMAP_THRESHOLD: RELEASE_BYTES, _M_TRIM_THRESHOLD: RELEASE_BYTES}
    done = []
    for parameter, value in wanted.items():
        name = _ENVIRONMENT[parameter]
        if name not in os.environ and mallopt(parameter, value) == 1:
            done.append(name)
    return done


def _mallopt() -> Callable[[int, int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt
