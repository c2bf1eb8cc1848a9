"""Absolute addresses of the site's pages, for messages and exports: always from SITE_URL, never
from a request's Host header (which anyone sending a request chooses, port and all)."""

from django.conf import settings


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"
