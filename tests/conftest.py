import pytest
from django.core.management import call_command
from django.db import connection

from objectives.models import Quarter


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    backend = database["ENGINE"].rsplit(".", 1)[-1]
    where = database.get("HOST") or "an in-memory test database"
    return f"database: {backend} at {where}"


@pytest.fixture
def q2_plan(db):
    """The Year 3 Q2 plan as the fixture loads it."""
    call_command("loaddata", "loti-year3-q2", verbosity=0)
    return Quarter.objects.get(slug="y3-q2")


@pytest.fixture
def vendor():
    return connection.vendor


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Pages render without a collectstatic manifest, as they do in development."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="staff", password="a-long-test-password", is_staff=True, is_superuser=True
    )
