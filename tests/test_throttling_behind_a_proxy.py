"""Sign-in throttling counts failures per client address: behind the proxies the deployment
declares, from X-Forwarded-For (only as many hops as declared); otherwise X-Forwarded-For is
ignored, so nobody can dodge a lock-out, or lock someone else out, by writing it."""

import pytest

PROXY = "10.0.0.1"
GOOD = "a-long-test-password"


def sign_in(client, password, forwarded_for=None):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post("/sign-in/", {"username": "manager", "password": password}, **headers)


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_one_proxy_a_lock_out_is_for_the_failing_client_only(
    client, q2_plan, role_users, one_proxy
):
    for _ in range(5):
        sign_in(client, "wrong", forwarded_for="198.51.100.66")
    assert sign_in(client, GOOD, forwarded_for="198.51.100.66").status_code == 429
    assert sign_in(client, GOOD, forwarded_for="203.0.113.5").status_code == 302


def test_behind_one_proxy_addresses_a_client_writes_itself_are_not_trusted(
    client, q2_plan, role_users, one_proxy
):
    # The proxy appends the address it was reached from; what comes before is the client's own.
    for n in range(5):
        sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}, 198.51.100.66")
    assert sign_in(client, GOOD, forwarded_for="198.51.100.66").status_code == 429


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(
    client, q2_plan, role_users, settings
):
    settings.TRUSTED_PROXY_COUNT = 2
    for n in range(5):
        sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}, 198.51.100.66, 172.16.0.9")
    assert sign_in(client, GOOD, forwarded_for="198.51.100.66, 172.16.0.9").status_code == 429
    assert sign_in(client, GOOD, forwarded_for="203.0.113.5, 172.16.0.9").status_code == 302


def test_without_a_declared_proxy_x_forwarded_for_is_ignored(client, q2_plan, role_users):
    for n in range(5):
        sign_in(client, "wrong", forwarded_for=f"192.0.2.{n}")
    assert sign_in(client, GOOD, forwarded_for="203.0.113.5").status_code == 429
