"""The default cache: each process's memory, bounded in bytes as well as in entries."""

import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

# Bytes held by each named cache, shared by its instances (one per thread) like LocMemCache's
# own stores.
_bytes_held = {}


class BoundedMemoryCache(LocMemCache):
    """Django's LocMemCache, holding at most MAX_BYTES of pickled values (OPTIONS; default
    32 MiB): the least recently used entries go first, and a value larger than the whole budget
    is not stored. Counting entries alone let 14,000 distinct pages grow a worker to 682 MB."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 32 * 2**20))
        self._held = _bytes_held.setdefault(name, [0])

    @property
    def bytes_held(self):
        return self._held[0]

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._delete(key)
        if len(value) > self.max_bytes:
            return
        while self._cache and (
            self._held[0] + len(value) > self.max_bytes or len(self._cache) >= self._max_entries
        ):
            # Entries are moved to the front when used, so the last is the least recently used.
            old_key, old_value = self._cache.popitem()
            self._expire_info.pop(old_key, None)
            self._held[0] -= len(old_value)
        super()._set(key, value, timeout)
        self._held[0] += len(value)

    def _delete(self, key):
        old_value = self._cache.get(key)
        deleted = super()._delete(key)
        if deleted:
            self._held[0] -= len(old_value)
        return deleted

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(self._cache[key]) + delta
            pickled = pickle.dumps(value, self.pickle_protocol)
            self._held[0] += len(pickled) - len(self._cache[key])
            self._cache[key] = pickled
            self._cache.move_to_end(key, last=False)
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._held[0] = 0
