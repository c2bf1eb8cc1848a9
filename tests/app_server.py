"""The app as production runs it, for tests that need several processes: gunicorn with two sync
workers, DEBUG off, on a database of its own (a SQLite file, or a scratch PostgreSQL database
when the suite runs on PostgreSQL), with the default cache or Redis. What one process keeps in
memory (caches, sessions) only shows its faults across two; the test client hides them."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a-long-test-password"
USERS = """
from django.contrib.auth.models import Group, User
from accounts.models import BoroughLink
from boroughs.models import Borough
def make(username, group, **fields):
    user = User.objects.create_user(username, password=PASSWORD, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user
officer = make("camden-officer", "Borough officers", first_name="Cam", last_name="Officer")
BoroughLink.objects.create(user=officer, borough=Borough.objects.get(slug="camden"))
make("manager", "Managers", first_name="Mo", last_name="Manager")
make("loti-staff", "LOTI staff", is_staff=True, first_name="Sam", last_name="Staff")
""".replace("PASSWORD", repr(PASSWORD))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def scratch_database(workdir, name):
    """A new, empty database beside the suite's own: PostgreSQL when the suite runs on it."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        return f"sqlite:///{workdir / 'app.sqlite3'}"
    import psycopg2

    url = urlparse(suite_url)
    connection = psycopg2.connect(
        host=url.hostname, port=url.port or 5432, user=url.username, dbname="postgres"
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return url._replace(path=f"/{name}").geturl()


class AppServer:
    def __init__(self, workdir, *, cache_url=None, name="loti_okr_two_workers"):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.access_log = self.workdir / "access.log"
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "two-workers-test-only",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "DATABASE_URL": scratch_database(self.workdir, name),
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("CACHE_URL", None)
        if cache_url:
            self.env["CACHE_URL"] = cache_url
        self.process = None

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def shell(self, code):
        return self.manage("shell", "-c", code)

    def start(self):
        if not (ROOT / "assets" / "dist" / "css" / "app.css").exists():
            import pytest

            pytest.skip("the stylesheet is not built: run `make assets` (make test does)")
        self.manage("migrate", "--no-input")
        self.manage("load_plan")
        self.manage("collectstatic", "--no-input")
        self.shell(USERS)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "loti_okr.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{self.port}",
                f"--access-logfile={self.access_log}",
                "--access-logformat=%(p)s %(s)s %(m)s %(U)s",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                if Browser(self).get("/healthz").status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def workers_that_served(self, path, since_line=0):
        """The process ids of the workers that answered `path`, from the access log."""
        lines = self.access_log.read_text().splitlines()[since_line:]
        return {line.split()[0] for line in lines if line.split()[-1] == path}

    def from_both_workers(self, ask, path, rounds=5):
        """Call `ask()` (a request for `path`) until both workers have answered it. The kernel
        hands each connection to whichever worker takes it first, and one worker can win every
        time; so each round holds one worker with an idle connection while the other answers,
        then holds that other one with a second idle connection and lets the first go, so that
        the first answers too. Returns every answer."""
        since, answers = self.log_length(), []
        address = ("127.0.0.1", self.port)
        for _ in range(rounds):
            with socket.create_connection(address):
                time.sleep(0.1)  # one worker takes the idle connection and waits on it
                answers += [ask() for _ in range(3)]  # so the other worker answers these
                second = socket.create_connection(address)
                time.sleep(0.1)  # the other worker, now free, takes this one
            try:
                answers += [ask() for _ in range(3)]  # the first worker, let go, answers
            finally:
                second.close()
            if len(self.workers_that_served(path, since)) == 2:
                return answers
        raise AssertionError(f"one worker answered all {len(answers)} requests for {path}")

    def log_length(self):
        return len(self.access_log.read_text().splitlines()) if self.access_log.exists() else 0


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = dict(response.getheaders())
        self.location = response.getheader("Location", "")
        self.text = response.read().decode("utf-8", "replace")


class Browser:
    """A person's browser: keeps cookies, opens a new connection for every request (so the two
    workers share the requests), never follows redirects."""

    def __init__(self, server):
        self.server = server
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie, _, attributes = value.partition(";")
                key, _, cookie_value = cookie.partition("=")
                if "max-age=0" in attributes.lower() or not cookie_value.strip('"'):
                    self.cookies.pop(key.strip(), None)
                else:
                    self.cookies[key.strip()] = cookie_value
        answer = Answer(response)
        connection.close()
        return answer

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def post(self, path, form):
        return self.request("POST", path, body=urlencode(form))

    def post_file(self, path, form, field, filename, data):
        """A form with one file, as multipart/form-data."""
        boundary = "loti-okr-test-boundary"
        disposition = "--" + boundary + '\r\nContent-Disposition: form-data; name="{}"'
        parts = [
            (disposition.format(name) + f"\r\n\r\n{value}\r\n").encode()
            for name, value in form.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=body, headers=headers)

    def csrf_token_from(self, path):
        page = self.get(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]

    def sign_in(self, username):
        token = self.csrf_token_from("/sign-in/")
        answer = self.post(
            "/sign-in/",
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        assert answer.status == 302, answer.text[:500]
        return answer
