import pytest
from django.core.management import call_command
from django.db import connection

from accounts.models import BoroughLink
from boroughs.models import Borough
from objectives.models import Quarter

from .oidc_tenants import tenants  # noqa: F401  (fake council tenants, a session fixture)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    backend = database["ENGINE"].rsplit(".", 1)[-1]
    where = database.get("HOST") or "an in-memory test database"
    return f"database: {backend} at {where}"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with the Year 3 Q2 plan loaded once for the whole run.

    Each test runs in a transaction that is rolled back, so every test starts from the plan as
    the fixture loads it; tests that need no plan ask for `no_plan`. Transactional tests restore
    this state after their flush, so it is serialized again once the plan is in.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        call_command("load_plan", "loti-year3-q2", verbosity=0)
        connection = connections["default"]
        if hasattr(connection, "_test_serialized_contents"):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session", autouse=True)
def serialized_test_database(django_db_setup, django_db_blocker):
    """The test database's contents as serialized for transactional tests, so tests/browser can
    hand them to the connection Playwright's event loop sees."""
    from django.db import connections

    return getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture
def q2_plan(db):
    """The Year 3 Q2 plan as the fixture loads it (loaded once, in django_db_setup)."""
    return Quarter.objects.get(slug="y3-q2")


@pytest.fixture
def no_plan(db):
    """A database with the London authorities and roles but no quarter at all."""
    from objectives.models import (
        BoroughParticipation,
        CheckIn,
        KeyResult,
        KeyResultLink,
        PartnerInvolvement,
    )

    for model in (CheckIn, BoroughParticipation, PartnerInvolvement, KeyResultLink, KeyResult):
        model.objects.all().delete()
    Quarter.objects.all().delete()


@pytest.fixture
def vendor():
    return connection.vendor


@pytest.fixture(autouse=True)
def _data_version_bumps_at_once(request, settings):
    """A test's own transaction never commits: there a write bumps the data version at once, as
    it would at its commit. Tests that commit (transactional ones) keep the real behaviour."""
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        transactional = True
    settings.DATA_VERSION_BUMPS_AT_ONCE = not transactional


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached pages (the cache lives in memory across tests)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing is slow on purpose; tests need it to be correct, not slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def role_users(db):
    """One user for each role, as LOTI would set them up: groups, and a borough link."""
    from .factories import UserFactory

    officer = UserFactory(
        username="camden-officer",
        first_name="Cam",
        last_name="Officer",
        groups=["Borough officers"],
    )
    BoroughLink.objects.create(user=officer, borough=Borough.objects.get(slug="camden"))
    return {
        "anonymous": None,
        "officer": officer,
        "manager": UserFactory(
            username="manager", first_name="Mo", last_name="Manager", groups=["Managers"]
        ),
        "staff": UserFactory(
            username="loti-staff",
            first_name="Sam",
            last_name="Staff",
            is_staff=True,
            groups=["LOTI staff"],
        ),
    }


@pytest.fixture
def client_as(client, role_users):
    """client_as("officer") is a test client signed in as that role."""

    def sign_in(role):
        client.logout()
        if role_users[role] is not None:
            client.force_login(role_users[role])
        return client

    return sign_in


@pytest.fixture(scope="session")
def _mail_server():
    from .mail_server import MailServer

    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_inbox(_mail_server, settings):
    """Django set to send through the session's real SMTP server; what arrives, parsed."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _mail_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://okr.example.org"
    _mail_server.inbox.clear()
    yield _mail_server.inbox
    _mail_server.inbox.clear()
