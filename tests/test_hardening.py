import pytest
from django.core.management import call_command
from django.test import override_settings

from .helpers import text_of

PRODUCTION = {
    "DEBUG": False,
    "SECRET_KEY": "x7Kq-9vRb2!mZp4@Ws8eLh3^Tn6&Yc1*Uj5(Gd0)Fa_Ik+Ol=Qs;Ex,Rw.Vz",
    "ALLOWED_HOSTS": ["okr.example.org"],
    "SECURE_SSL_REDIRECT": True,
}


def test_check_deploy_reports_no_warnings_with_production_settings(monkeypatch):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)  # set for the browser tests
    with override_settings(**PRODUCTION):
        call_command("check", "--deploy", "--fail-level", "WARNING", verbosity=0)


def test_production_settings_refuse_to_start_without_a_secret_key():
    import subprocess
    import sys

    setup = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", setup],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "loti_okr.settings",
            "DEBUG": "false",
            "SECRET_KEY": "",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY: it is required when DEBUG is off." in result.stderr


@pytest.mark.parametrize(
    "url", ["/", "/quarters/y3-q2/key-results/17/", "/sign-in/", "/nope/", "/admin/login/"]
)
def test_security_headers_on_every_response(client, q2_plan, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client, q2_plan):
    for url in [
        "/",
        "/quarters/y3-q2/report/",
        "/quarters/y3-q2/key-results/17/",
        "/boroughs/",
        "/sign-in/",
    ]:
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert '<script type="module" src=' in html
        assert ' style="' not in html
        assert " onclick=" not in html


def test_cookies_are_secure_and_http_only_in_production(client, q2_plan, role_users):
    with override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True):
        client.get("/sign-in/")
        response = client.post(
            "/sign-in/", {"username": "manager", "password": "a-long-test-password"}
        )
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]


def test_repeated_sign_in_failures_lock_out_and_are_logged(client, q2_plan, role_users, caplog):
    for _ in range(5):
        client.post("/sign-in/", {"username": "manager", "password": "wrong"})
    locked = client.post("/sign-in/", {"username": "manager", "password": "a-long-test-password"})
    assert locked.status_code == 429
    assert "Too many attempts to sign in" in text_of(locked)
    assert "_auth_user_id" not in client.session
    assert any(
        "AXES" in record.getMessage() and "locking out" in record.getMessage().lower()
        for record in caplog.records
    )
    # Another username from the same address is not affected.
    assert (
        client.post(
            "/sign-in/", {"username": "loti-staff", "password": "a-long-test-password"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/no-such-page/", 404, "Page not found"),
        (
            "/quarters/y3-q2/report/?as_of=someday",
            400,
            "Sorry, there is a problem with the request",
        ),
        ("/my-borough/", 403, "You do not have permission to see this page"),
    ],
)
def test_error_pages_are_in_the_sites_look(client_as, q2_plan, url, status, words):
    response = client_as("manager").get(url)
    assert response.status_code == status
    page = text_of(response)
    assert words in page
    assert "LOTI OKR" in page
    assert "Traceback" not in page


def test_the_500_page_is_in_the_sites_look_without_a_traceback(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Traceback" not in html


def test_an_expired_form_is_a_403_in_the_sites_look(q2_plan, role_users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(role_users["officer"])
    response = client.post("/quarters/y3-q2/key-results/17/updates/", {"text": "no token"})
    assert response.status_code == 403
    assert "Your form has expired" in text_of(response)


def test_a_10_mb_post_is_refused_with_a_message(client_as, q2_plan):
    from objectives.models import BoroughUpdate

    response = client_as("officer").post(
        "/quarters/y3-q2/key-results/17/updates/", {"text": "x" * (10 * 1024 * 1024)}
    )
    assert response.status_code == 400
    assert "What you sent is too large" in text_of(response)
    assert not BoroughUpdate.objects.exists()


def test_every_form_field_has_a_maximum_length():
    from accounts.forms import SignInForm
    from objectives.forms import BoroughUpdateForm

    for form in (SignInForm(), BoroughUpdateForm()):
        for name, field in form.fields.items():
            assert getattr(field, "max_length", None), f"{type(form).__name__}.{name}"


def test_a_request_for_an_unknown_host_is_a_400_page_not_a_500(client, q2_plan):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, there is a problem with the request" in text_of(response)


def test_what_people_type_is_escaped_in_the_dashboards_overview(client, db):
    from .factories import KeyResultFactory, UserFactory

    owner = UserFactory(first_name='<i>Ada</i> "A"', last_name="& Co")
    key_result = KeyResultFactory(title="<script>alert(1)</script> & <b>more</b>")
    key_result.owners.add(owner)
    html = client.get(key_result.quarter.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;" in html
    assert "&lt;i&gt;Ada&lt;/i&gt; &quot;A&quot; &amp; Co" in html
    assert "<script>alert(1)" not in html
    assert "<i>Ada</i>" not in html
