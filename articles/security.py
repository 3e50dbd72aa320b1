"""Who is asking: the client's address as the admin login lockout counts it."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, seen through ``TRUSTED_PROXY_COUNT`` proxies.

    Each proxy appends the address it received the request from to ``X-Forwarded-For``, so
    with N trusted proxies the N-th entry from the right is the client as our outermost proxy
    saw it. Entries left of it were written by the client and can say anything, so they are
    ignored; a request with fewer entries than proxies did not come through them, and its
    peer address is used instead, as it is for an entry that is not an address (the lockout
    stores it in an address column).
    """
    peer = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < proxies:
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return peer
