"""Every log line is written once: Django's loggers write through the root's handler only (with
Django's default console handler as well, runserver's lines came out twice)."""

import logging

import pytest

pytestmark = pytest.mark.django_db  # the session loads the plan for every test


def test_djangos_logger_has_no_handler_of_its_own_and_passes_lines_to_the_root():
    django_logger = logging.getLogger("django")
    assert django_logger.handlers == []
    assert django_logger.propagate
    ours = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert len(ours) == 1
