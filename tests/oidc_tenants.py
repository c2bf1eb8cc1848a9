"""Fake council tenants for the council sign-in tests: one real OpenID provider process each
(npm's oidc-provider, tests/oidc/tenant.mjs), on free ports, for the test session.

`sign_in_at_tenant(authorize_url, login)` plays the person at their council's sign-in page: it
follows the tenant's redirects, posts its login form (any password) and its consent form, and
returns the address the tenant sends the browser back to (the tracker's callback, with code and
state), without following it."""

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from .app_server import free_port

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().parent / "oidc" / "tenant.mjs"


@dataclass
class Tenant:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    process: subprocess.Popen


def start_tenant(name, *, clock_behind=0):
    port = free_port()
    client_id, secret = f"tracker-at-{name}", f"secret-of-{name}-tenant"
    process = subprocess.Popen(
        ["node", str(SCRIPT), str(port), client_id, secret, f"tid-{name}", str(clock_behind)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    issuer = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=1).ok:
                return Tenant(name, issuer, client_id, secret, process)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the {name} tenant did not start")


@pytest.fixture(scope="session")
def tenants():
    """Camden's, Hackney's and LOTI's tenants, and one whose clock runs ten minutes late (its
    ID tokens, valid for a minute, have expired when they arrive)."""
    if shutil.which("node") is None or not (ROOT / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("needs Node.js and npm's oidc-provider: run `make assets` (make test does)")
    started = {}
    try:
        for name in ("camden", "hackney", "loti"):
            started[name] = start_tenant(name)
        started["late"] = start_tenant("late", clock_behind=600)
        yield started
    finally:
        for tenant in started.values():
            tenant.process.terminate()
            tenant.process.wait(timeout=10)


FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*>(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def sign_in_at_tenant(authorize_url, login, *, session=None):
    """The callback address the tenant sends the person back to, after signing in as `login`."""
    browser = session or requests.Session()
    url = authorize_url
    for _ in range(12):
        answer = browser.get(url, allow_redirects=False, timeout=5)
        while answer.is_redirect:
            url = urljoin(url, answer.headers["Location"])
            if not url.startswith(authorize_url.split("/auth", 1)[0]):
                return url  # leaving the tenant: back to the tracker
            answer = browser.get(url, allow_redirects=False, timeout=5)
        found = FORM.search(answer.text)
        assert found, f"the tenant's page has no form: {answer.status_code} {answer.text[:300]}"
        action, inside = found.groups()
        form = dict(HIDDEN.findall(inside))
        if 'name="login"' in inside:
            form.update(login=login, password="any password")
        answer = browser.post(urljoin(url, action), data=form, allow_redirects=False, timeout=5)
        assert answer.is_redirect, f"{answer.status_code} {answer.text[:300]}"
        url = urljoin(url, answer.headers["Location"])
        if not url.startswith(authorize_url.split("/auth", 1)[0]):
            return url
    raise AssertionError("the tenant never sent the person back")
