"""A check at start: the Redis that holds the page cache must have a memory limit."""

import logging

import redis
from django.conf import settings

logger = logging.getLogger(__name__)


def warn_if_cache_is_unbounded():
    """At start: a Redis cache without `maxmemory` grows until the machine runs out of memory
    (docs/deployment.md sets it, with allkeys-lru)."""
    cache_settings = settings.CACHES["default"]
    if "redis" not in cache_settings["BACKEND"].lower():
        return
    location = cache_settings["LOCATION"]
    location = location[0] if isinstance(location, list | tuple) else location
    try:
        client = redis.Redis.from_url(location, socket_timeout=0.5, socket_connect_timeout=0.5)
        limit = int(client.config_get("maxmemory").get("maxmemory", 0))
    except (redis.RedisError, OSError, ValueError) as error:
        logger.warning("Could not ask the cache's Redis for its memory limit: %s", error)
        return
    if limit == 0:
        logger.warning(
            "The cache's Redis has no memory limit: set maxmemory and maxmemory-policy "
            "allkeys-lru (docs/deployment.md), or it grows until the machine runs out of memory."
        )
