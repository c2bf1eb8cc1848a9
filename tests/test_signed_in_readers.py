"""A signed-in request reads its reader afresh through Django's own sessions and model backend:
a role taken away or an account closed counts at the next request."""

from django.contrib.auth import get_user_model

from accounts.backends import RoleAwareModelBackend
from accounts.roles import audience_of, officer_borough, role_of
from objectives.models import DataVersion

from .factories import UserFactory


def test_a_role_taken_away_or_an_account_closed_counts_at_the_next_request(client_as, role_users):
    client = client_as("manager")
    assert role_of(client.get("/quarters/y3-q2/").wsgi_request.user).name == "MANAGER"
    role_users["manager"].groups.clear()
    assert role_of(client.get("/quarters/y3-q2/").wsgi_request.user).name == "NO_ROLE"
    get_user_model().objects.filter(pk=role_users["manager"].pk).update(is_active=False)
    assert not client.get("/quarters/y3-q2/").wsgi_request.user.is_authenticated


def test_the_backend_reads_role_and_borough_with_the_reader(role_users, django_assert_num_queries):
    backend = RoleAwareModelBackend()
    camden = role_users["officer"].borough_link.borough
    with django_assert_num_queries(1):  # the user with their role group and officer's borough
        officer = backend.get_user(role_users["officer"].pk)
        assert role_of(officer).name == "OFFICER"
        assert audience_of(officer) == f"officer-{camden.pk}"
        assert officer_borough(officer) == camden
        assert officer_borough(officer).slug == "camden"
    with django_assert_num_queries(1):
        manager = backend.get_user(role_users["manager"].pk)
        assert (role_of(manager).name, officer_borough(manager)) == ("MANAGER", None)
    assert role_of(backend.get_user(UserFactory(username="nobody").pk)).name == "NO_ROLE"
    assert backend.get_user(UserFactory(is_active=False, groups=["Managers"]).pk) is None
    assert backend.get_user(10**9) is None


def test_the_data_version_reads_the_number_every_write_moves(db):
    before = DataVersion.current()
    DataVersion.bump()
    assert DataVersion.current() == before + 1
