"""Page addresses, reversed once per process. A dashboard links to each borough twice and to
every key result and workstream; Django's `reverse` costs tens of microseconds each time, about
a tenth of a render, for an answer that never changes while the process runs."""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


def address(viewname, **kwargs):
    """`reverse(viewname, kwargs=kwargs)`, remembered (under the script prefix it was made
    with, which a deployment below a path sets)."""
    return _reversed(viewname, tuple(sorted(kwargs.items())), get_script_prefix())


@functools.lru_cache(maxsize=10_000)
def _reversed(viewname, kwargs, script_prefix):
    return reverse(viewname, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_on_new_urlconf(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
