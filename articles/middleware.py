"""Request handling that keeps the site answering sensibly when its input or database is bad.

These are behaviour, not configuration, so they live in the app rather than in ``archive/``.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# Seconds a client (or a load balancer) is asked to wait: about what a database restart takes.
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 "try again shortly" instead of a 500 while the database cannot be reached.

    ``OperationalError`` and ``InterfaceError`` are what the drivers raise for a refused, lost or
    closed connection (and for a lock or statement timeout, where "try again shortly" is also
    the right answer). Django drops such a connection at the end of the request and, with
    ``CONN_HEALTH_CHECKS``, checks a reused one before the next, so the app recovers on its own
    once the database is back: no restart needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # One line, not a traceback per request: during an outage every request ends here.
        logger.error("Database unavailable, answering 503: %s", exception)
        response = render(request, "503.html", {"retry_after": RETRY_AFTER_SECONDS}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Caches in front of the app must not keep serving the outage once it is over.
        add_never_cache_headers(response)
        return response


class RejectNulBytesMiddleware:
    """Refuse with 400 a request whose path, query or cookies hold a NUL character.

    No page has a use for one, and PostgreSQL cannot take one in a text parameter (psycopg
    raises), so letting it through turns a junk request into a server error on any page that
    filters by a query parameter or a slug, and on every page for a session cookie holding one
    (written as the plain-ASCII escape ``"\\000"``, which cookie parsing decodes).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        texts = [request.path_info, *request.COOKIES.keys(), *request.COOKIES.values()]
        for key, values in request.GET.lists():
            texts += [key, *values]
        if any("\x00" in text for text in texts):
            problems = ["The request contains a NUL character."]
            return render(request, "articles/bad_query.html", {"problems": problems}, status=400)
        return self.get_response(request)
