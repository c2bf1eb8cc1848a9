import datetime

import factory
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import BoroughLink, CouncilSignIn, SignInRecord
from boroughs.models import Borough
from notifications.models import Preferences, SentMessage
from objectives.models import (
    BoroughParticipation,
    BoroughUpdate,
    CheckIn,
    KeyResult,
    KeyResultLink,
    PartnerInvolvement,
    Quarter,
    Status,
)
from partners.models import Partner
from workstreams.models import Workstream


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        """UserFactory(groups=["Managers"]) puts the user in those role groups."""
        if create and names:
            user.groups.set(Group.objects.filter(name__in=names))


class BoroughLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoroughLink

    user = factory.SubFactory(UserFactory)
    borough = factory.LazyFunction(lambda: Borough.objects.get(slug="camden"))


class BoroughUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoroughUpdate

    key_result = factory.SubFactory("tests.factories.KeyResultFactory")
    borough = factory.LazyFunction(lambda: Borough.objects.get(slug="camden"))
    text = factory.Faker("sentence")


class QuarterFactory(factory.django.DjangoModelFactory):
    """Past quarters of a made-up year far from LOTI's own, so they never clash with the plan
    and check-ins can be recorded on them (a check-in cannot be dated in the future)."""

    class Meta:
        model = Quarter

    year = factory.Sequence(lambda n: 50 + n)
    number = 1
    slug = factory.LazyAttribute(lambda q: f"y{q.year}-q{q.number}")
    start_date = factory.Sequence(
        lambda n: datetime.date(1990, 1, 1) + datetime.timedelta(days=92 * (n % 100))
    )
    end_date = factory.LazyAttribute(lambda q: q.start_date + datetime.timedelta(days=91))
    published_at = factory.LazyFunction(timezone.now)  # QuarterFactory(published_at=None): a draft


class WorkstreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workstream

    name = factory.Sequence(lambda n: f"Workstream {n}")
    slug = factory.Sequence(lambda n: f"workstream-{n}")
    position = factory.Sequence(lambda n: n)


class BoroughFactory(factory.django.DjangoModelFactory):
    """An authority beyond the 33 the data migration loads (their codes and tiles are taken)."""

    class Meta:
        model = Borough

    gss_code = factory.Sequence(lambda n: f"E0{n:07d}")
    official_name = factory.LazyAttribute(lambda b: f"London Borough of {b.short_name}")
    short_name = factory.Sequence(lambda n: f"Testborough {n}")
    slug = factory.Sequence(lambda n: f"testborough-{n}")
    area = Borough.Area.OUTER
    grid_row = factory.Sequence(lambda n: 100 + n)
    grid_col = 1
    tile_label = factory.Sequence(lambda n: f"t{n % 100:02d}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class KeyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyResult

    quarter = factory.SubFactory(QuarterFactory)
    workstream = factory.SubFactory(WorkstreamFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Deliver outcome {n}")
    description = factory.Faker("paragraph")


class KeyResultLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyResultLink

    key_result = factory.SubFactory(KeyResultFactory)
    label = "Read the proposal"
    position = factory.Sequence(lambda n: n + 1)


class BoroughParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoroughParticipation

    key_result = factory.SubFactory(KeyResultFactory)
    borough = factory.SubFactory(BoroughFactory)


class PartnerInvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerInvolvement

    key_result = factory.SubFactory(KeyResultFactory)
    partner = factory.SubFactory(PartnerFactory)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    key_result = factory.SubFactory(KeyResultFactory)
    date = factory.LazyAttribute(lambda c: c.key_result.quarter.start_date)
    status = Status.ON_TRACK
    progress = 50
    note = factory.Faker("sentence")


class PreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Preferences

    user = factory.SubFactory(UserFactory)
    reminders = True
    digest = None


class SentMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SentMessage

    recipient = factory.SubFactory(UserFactory)
    kind = SentMessage.Kind.REMINDER
    subject = "KR 1 is due a check-in"


class CouncilSignInFactory(factory.django.DjangoModelFactory):
    """A council's Microsoft sign-in, as `add_council_sign_in` sets it up (Camden by default)."""

    class Meta:
        model = CouncilSignIn

    borough = factory.LazyFunction(lambda: Borough.objects.get(slug="camden"))
    domains = "camden.gov.uk"
    app = factory.LazyAttribute(
        lambda council: SocialApp.objects.create(
            provider="openid_connect",
            provider_id=council.borough.slug if council.borough else CouncilSignIn.LOTI,
            name=str(council.borough) if council.borough else "LOTI",
            client_id="tracker",
            secret="a-client-secret",
            settings={
                "server_url": "https://login.microsoftonline.com/tenant/v2.0",
                "oauth_pkce_enabled": True,
                "fetch_userinfo": False,
            },
        )
    )


class SignInRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignInRecord

    person = factory.SubFactory(UserFactory)
    address = factory.LazyAttribute(lambda record: record.person.email)
    method = SignInRecord.Method.PASSWORD
    outcome = SignInRecord.Outcome.SIGNED_IN
