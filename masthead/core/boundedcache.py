"""A local-memory cache bounded by the bytes it holds, not by its number of entries.

Django's LocMemCache counts entries: 5,000 pages of 66 KB are 330 MB per process, and a flood of
made-up addresses fills them. Here the oldest entries (least recently used) make room once
MAX_BYTES of pickled values are held, whatever their number.
"""

from collections import OrderedDict
from threading import Lock
from typing import TYPE_CHECKING, Any

from django.core.cache.backends.locmem import LocMemCache

if TYPE_CHECKING:

    class _LocMemCache(LocMemCache):
        """The private parts of Django's LocMemCache this cache builds on, which django-stubs
        leaves out (django/core/cache/backends/locmem.py)."""

        _cache: OrderedDict[str, bytes]
        _expire_info: dict[str, float | None]
        _lock: Lock

        def _set(self, key: str, value: bytes, timeout: float | None = ...) -> None: ...
        def _delete(self, key: str) -> bool: ...
        def _cull(self) -> None: ...

else:
    _LocMemCache = LocMemCache


class BoundedMemoryCache(_LocMemCache):
    def __init__(self, name: str, params: dict[str, Any]) -> None:
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 32 * 1024 * 1024))
        self._sizes: dict[str, int] = {}
        self._held = 0

    def _set(self, key: str, value: bytes, timeout: float | None = None) -> None:
        self._forget(key)
        size = len(key) + len(value)
        while self._cache and self._held + size > self._max_bytes:
            self._delete(next(reversed(self._cache)))  # the least recently used is last
        super()._set(key, value, timeout)
        self._sizes[key] = size
        self._held += size

    def _forget(self, key: str) -> None:
        self._held -= self._sizes.pop(key, 0)

    def _delete(self, key: str) -> bool:
        self._forget(key)
        return super()._delete(key)

    def _cull(self) -> None:
        for _ in range(max(len(self._cache) // max(self._cull_frequency, 1), 1)):
            self._delete(next(reversed(self._cache)))

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._held = 0

    @property
    def bytes_held(self) -> int:
        return self._held
