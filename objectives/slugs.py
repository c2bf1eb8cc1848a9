"""Slugs for things plans create: always valid in an address, never empty, never taken."""

from django.utils.text import slugify


def unique_slug(name, taken, *, fallback, max_length):
    """A slug for `name`: its ASCII letters and digits (a name with none, like "数据协作" or
    "!!!", gets `fallback`), made unique against `taken` by a number, within `max_length`."""
    base = slugify(name.replace("&", "and"))[:max_length].strip("-") or fallback
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug
