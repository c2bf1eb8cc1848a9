"""Signing in through a council's own Microsoft tenant (OpenID Connect, django-allauth's generic
provider, one app per tenant).

The sign-in page asks for the e-mail address; `council_for(address)` finds the organisation
whose tenant vouches for its domain and `start` sends the person there. django-allauth checks
what comes back: the state (kept in the session, so the callback may land on any worker), PKCE,
and the ID token's issuer, audience and expiry. Then `CouncilSignInAdapter.pre_social_login`
decides who may come in, by the ID token's claims alone:

- the tenant vouches only for its own domains: a token from one tenant naming an address of
  another council's domain is refused (the "nOAuth" attack);
- Entra leaves `email_verified` out of its tokens: the address counts as verified only because
  the council's own tenant issued it for one of its domains;
- only an active person of the tracker with that address comes in; nobody is created;
- a borough officer comes in only through their own borough's tenant.

Every sign-in, by either way, and every refusal with its reason, is a `SignInRecord`.
"""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.core.validators import validate_domain_name
from django.db import transaction
from django.db.models import Case, CharField, Value, When
from django.dispatch import receiver
from django.shortcuts import render
from django.urls import reverse

from core.addresses import absolute_url

from .models import CouncilSignIn, SignInRecord, domain_of
from .roles import Role, officer_borough, role_of

BACKEND = "accounts.backends.RoleAwareModelBackend"


def council_for(address):
    """The council sign-in whose tenant vouches for `address`'s domain, or None."""
    domain = domain_of(address)
    if not domain:
        return None
    candidates = CouncilSignIn.objects.filter(domains__icontains=domain).select_related("app")
    return next((council for council in candidates if domain in council.domain_list), None)


def council_sign_in_annotation():
    """For a queryset of people: the name of the organisation whose tenant vouches for each
    one's address ("" for none), as `council_for` finds it, in the same query."""

    whens = [
        When(email__iendswith=f"@{domain}", then=Value(council.organisation))
        for council in CouncilSignIn.objects.select_related("app")
        for domain in council.domain_list
    ]
    return Case(*whens, default=Value(""), output_field=CharField()) if whens else Value("")


def signs_in_with_council(person):
    """The council sign-in `person` must use, or None where they sign in with a password. A
    superuser keeps their password too: the way back in if a tenant's sign-in is broken."""
    if person is None or person.is_superuser:
        return None
    return council_for(person.email)


def sign_in_origins():
    """Where council sign-ins begin: every tenant's issuer's origin (Entra's are all
    https://login.microsoftonline.com)."""
    issuers = (council.issuer for council in CouncilSignIn.objects.select_related("app"))
    return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(issuer)) for issuer in issuers})


def start(request, council, address, next_url):
    """Send the person to their council's Microsoft sign-in; it comes back to `callback`."""
    provider = council.app.get_provider(request)
    return provider.redirect(
        request,
        process="login",
        next_url=next_url,
        auth_params={"login_hint": address},
    )


def redirect_uri(council):
    """The address to register in the tenant's app registration (from SITE_URL)."""
    return absolute_url(
        reverse("openid_connect_callback", kwargs={"provider_id": council.app.provider_id})
    )


class Refusal:
    """Why a council sign-in was refused: (what the record says, what the person is told)."""

    ISSUER = ("the token's issuer is not the tenant's", "the sign-in did not come from {org}")
    NO_ADDRESS = (
        "the token carries no email claim",
        "{org}'s Microsoft sign-in did not give your e-mail address. Ask your council's IT "
        "team to add the email claim to the tracker's app registration, or ask LOTI.",
    )
    NOT_VOUCHED = (
        "{org}'s tenant does not vouch for {domain}",
        "{org}'s Microsoft sign-in cannot sign in addresses at {domain}.",
    )
    UNKNOWN = (
        "no account has this address",
        "There is no account for {address} in the LOTI OKR tracker: ask LOTI to invite you.",
    )
    SWITCHED_OFF = (
        "the account is switched off",
        "Your account has been switched off: ask LOTI to switch it on again.",
    )
    OTHER_BOROUGH = (
        "a borough officer of {borough} came through {org}'s tenant",
        "Borough officers sign in through their own council's Microsoft account ({borough}).",
    )
    LINKED_ELSEWHERE = (
        "this Microsoft account is linked to another person of the tracker",
        "This Microsoft account is linked to another person: ask LOTI.",
    )
    FAILED = (
        "{why}",
        "Signing in with your council account did not work ({why}). Start again: if it "
        "happens again, ask LOTI.",
    )


def refuse(request, council, address, refusal, status=403, **details):
    """Record the refusal and answer with a page that says what to do."""
    organisation = council.organisation if council else ""
    words = {"org": organisation, "address": address, "domain": domain_of(address), **details}
    recorded, told = (text.format(**words) for text in refusal)
    SignInRecord.objects.create(
        address=address[:254],
        method=SignInRecord.Method.COUNCIL,
        organisation=organisation,
        outcome=SignInRecord.Outcome.REFUSED,
        reason=recorded[:300],
    )
    page = render(
        request,
        "accounts/council_sign_in_refused.html",
        {"message": told, "organisation": organisation},
        status=status,
    )
    raise ImmediateHttpResponse(page)


class CouncilSignInAdapter(DefaultSocialAccountAdapter):
    """Who may come in through a council's tenant (the module's docstring has the rules)."""

    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        council = CouncilSignIn.objects.select_related("app", "borough").get(
            app__provider_id=sociallogin.account.provider
        )
        claims = sociallogin.account.extra_data.get("id_token") or {}
        address = str(claims.get("email") or "").strip()
        if claims.get("iss", "").rstrip("/") != council.issuer.rstrip("/"):
            refuse(request, council, address, Refusal.ISSUER)
        if not address:
            refuse(request, council, address, Refusal.NO_ADDRESS)
        if not council.vouches_for(address):
            refuse(request, council, address, Refusal.NOT_VOUCHED)
        person = person_with(address)
        if person is None:
            refuse(request, council, address, Refusal.UNKNOWN)
        if not person.is_active:
            refuse(request, council, address, Refusal.SWITCHED_OFF)
        borough = officer_borough(person)
        if role_of(person) is Role.OFFICER and borough.pk != council.borough_id:
            refuse(request, council, address, Refusal.OTHER_BOROUGH, borough=borough)
        if sociallogin.is_existing and sociallogin.user.pk != person.pk:
            refuse(request, council, address, Refusal.LINKED_ELSEWHERE)
        request.council_sign_in = (council, not sociallogin.is_existing)
        if not sociallogin.is_existing:
            with transaction.atomic():
                name_from_claims(person, claims)
                sociallogin.connect(request, person)

    def on_authentication_error(self, request, provider, error=None, exception=None, **kwargs):
        """State unknown or expired, the code refused, the token invalid or expired, or the
        person cancelled: say so, and record it."""
        council = CouncilSignIn.objects.filter(app=provider.app).first()
        if error == "cancelled":
            why = "you cancelled it"
        elif exception is not None:
            why = str(exception) or type(exception).__name__
        else:
            why = "the sign-in had expired or was not started here"
        refuse(request, council, "", Refusal.FAILED, status=400, why=why[:200])


class SignInAdapter(DefaultAccountAdapter):
    """django-allauth's account side: no sign-up, our backend, and our landing pages."""

    def is_open_for_signup(self, request):
        return False

    def login(self, request, user):
        user.backend = BACKEND
        super().login(request, user)

    def get_login_redirect_url(self, request):
        return reverse("accounts:signed-in")

    def add_message(self, *args, **kwargs):
        """Our pages say what happened in our words; allauth's messages are not shown."""


def person_with(address):
    return get_user_model().objects.filter(email__iexact=address).exclude(email="").first()


def name_from_claims(person, claims):
    """A person with no name yet takes the one their council's tenant gives."""
    first, last = str(claims.get("given_name") or ""), str(claims.get("family_name") or "")
    if not (person.first_name or person.last_name) and first.strip() and last.strip():
        person.first_name, person.last_name = first.strip()[:150], last.strip()[:150]
        person.save(update_fields=["first_name", "last_name"])


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    council, first = getattr(request, "council_sign_in", (None, False))
    SignInRecord.objects.create(
        person=user,
        address=user.email,
        method=SignInRecord.Method.COUNCIL if council else SignInRecord.Method.PASSWORD,
        organisation=council.organisation if council else "",
        outcome=(
            SignInRecord.Outcome.FIRST_COUNCIL_SIGN_IN if first else SignInRecord.Outcome.SIGNED_IN
        ),
    )


LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def set_up_problems(*, borough, issuer, client_id, domains, council=None):
    """What is wrong with a council sign-in's settings, by field ({} when all is well)."""
    problems = {}
    parts = urlsplit(issuer or "")
    if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS)):
        problems["issuer"] = (
            "Enter the tenant's issuer, as its discovery document gives it, like "
            "https://login.microsoftonline.com/TENANT-ID/v2.0 (https; http only on this machine)"
        )
    if not (client_id or "").strip():
        problems["client_id"] = "Enter the application (client) ID from the app registration"
    listed = [d.strip().lower() for d in (domains or "").split(",") if d.strip()]
    taken = {
        domain: other.organisation
        for other in CouncilSignIn.objects.select_related("app").exclude(
            pk=getattr(council, "pk", None)
        )
        for domain in other.domain_list
    }
    for domain in listed:
        try:
            validate_domain_name(domain)
        except ValidationError:
            problems["domains"] = f"{domain} is not a domain name, like camden.gov.uk"
            break
        if domain in taken:
            problems["domains"] = f"{domain} is {taken[domain]}'s already: one tenant a domain"
            break
    if not listed:
        problems["domains"] = "Enter the e-mail domains this tenant vouches for, like camden.gov.uk"
    others = CouncilSignIn.objects.exclude(pk=getattr(council, "pk", None))
    if others.filter(borough=borough).exists():
        owner = borough or "LOTI"
        problems["borough"] = f"{owner} has a Microsoft sign-in already: change that one"
    return problems


def save_set_up(*, borough, issuer, client_id, secret, domains, council=None):
    """Create or change a council's sign-in (ValidationError by field if something is wrong);
    an empty `secret` keeps the one stored. `council` is the one to change, or an unsaved one
    to fill in (the admin's). The admin and `add_council_sign_in` come here."""
    existing = council if council is not None and council.pk is not None else None
    problems = set_up_problems(
        borough=borough, issuer=issuer, client_id=client_id, domains=domains, council=existing
    )
    if existing is None and not (secret or "").strip():
        problems["secret"] = "Enter the client secret's value from the app registration"
    if problems:
        raise ValidationError(problems)
    app = existing.app if existing is not None else SocialApp(provider="openid_connect")
    app.provider_id = borough.slug if borough is not None else CouncilSignIn.LOTI
    app.name = str(borough) if borough is not None else "LOTI"
    app.client_id = client_id.strip()
    if (secret or "").strip():
        app.secret = secret.strip()
    app.settings = {
        "server_url": issuer.strip().rstrip("/"),
        "oauth_pkce_enabled": True,
        # The ID token's claims only: Entra's userinfo is Microsoft Graph's, unchecked here.
        "fetch_userinfo": False,
    }
    council = council if council is not None else CouncilSignIn()
    with transaction.atomic():
        app.save()
        council.app = app
        council.borough = borough
        council.domains = ",".join(d.strip().lower() for d in domains.split(",") if d.strip())
        council.save()
    return council
