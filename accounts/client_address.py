"""The address a sign-in comes from, as sign-in throttling (django-axes) counts failures by."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, unless the deployment declares TRUSTED_PROXY_COUNT proxies in front of the
    app: then the N-th address from the right of X-Forwarded-For. Each proxy appends the address
    it was reached from, so the last N entries were written by our proxies; anything further
    left was written by the client and is never trusted. With no proxy declared the header is
    ignored, so writing it can neither dodge a lock-out nor lock someone else out.

    (django-ipware's proxy count assumes proxies that append their own address, and refuses a
    header holding the client alone, which is what nginx and most load balancers send.)"""
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR")
    if not count:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    # Fewer entries than proxies: the request did not come through all of them.
    return hops[-count] if len(hops) >= count else remote
