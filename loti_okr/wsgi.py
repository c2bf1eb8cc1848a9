"""The WSGI entry point that gunicorn serves."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loti_okr.settings")

application = get_wsgi_application()

from loti_okr.cache_limit import warn_if_cache_is_unbounded  # noqa: E402 (after Django is set up)

warn_if_cache_is_unbounded()
