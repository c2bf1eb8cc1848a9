"""The page cache stores one entry for each page people can get, not one for each way of asking:
values a page reads as the default share its entry, free-text searches and values a page cannot
read are rendered and not stored; a Redis cache without a memory limit is warned about."""

import logging
import shutil

import pytest
from django.core.cache import cache

from loti_okr.cache_limit import warn_if_cache_is_unbounded

from .app_server import free_port
from .test_cache_away import start_redis, stop


def hit(client, address):
    return client.get(address).get("X-Page-Cache") == "hit"


def test_any_map_value_but_count_is_the_default_pages_entry(client, q2_plan):
    client.get("/quarters/y3-q2/")
    assert hit(client, "/quarters/y3-q2/?map=whatever")
    assert hit(client, "/quarters/y3-q2/?map=progress")
    client.get("/quarters/y3-q2/?map=count")
    assert hit(client, "/quarters/y3-q2/?map=count")
    assert "count" in client.get("/quarters/y3-q2/?map=count").content.decode()


def test_one_day_written_many_ways_is_one_entry(client, q2_plan):
    client.get("/quarters/y3-q2/?as_of=2021-12-01")
    assert hit(client, "/quarters/y3-q2/?as_of=1 December 2021")
    assert hit(client, "/quarters/y3-q2/?as_of=01/12/2021")


def test_a_day_the_page_cannot_read_is_shown_and_not_stored(client, q2_plan):
    for _ in range(2):
        response = client.get("/quarters/y3-q2/?as_of=someday")
        assert "X-Page-Cache" not in response
    assert "someday" in response.content.decode()


def test_a_free_text_search_is_rendered_each_time_and_never_stored(client, q2_plan):
    cache.clear()
    for word in ["data", "data", "skills"]:
        response = client.get(f"/quarters/y3-q2/key-results/?q={word}")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    client.get("/quarters/y3-q2/key-results/?q=")
    assert hit(client, "/quarters/y3-q2/key-results/?q=")  # no search: the list's own entry


@pytest.fixture
def redis_at(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = start_redis(port, tmp_path)
    yield port
    stop(process)


@pytest.mark.parametrize("limit", [0, 64 * 1024 * 1024])
def test_a_redis_cache_without_a_memory_limit_is_warned_about_at_start(
    settings, caplog, redis_at, limit
):
    import redis

    redis.Redis(port=redis_at).config_set("maxmemory", limit)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{redis_at}/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="loti_okr.cache_limit"):
        warn_if_cache_is_unbounded()
    warned = [r.getMessage() for r in caplog.records if "no memory limit" in r.getMessage()]
    assert bool(warned) == (limit == 0)
