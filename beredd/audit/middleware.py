"""Exceptions on their way out: a database busy with other writers, and refusals to log.

A write that waited the whole busy timeout for SQLite's lock gives the person a page asking
them to try again (503 with Retry-After) instead of a server error. Every PermissionDenied is
written to the audit log before Django answers 403.
"""

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .services import audit_refusal

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# SQLite's words when the busy timeout ran out; PostgreSQL's when lock_timeout did.
LOCK_MESSAGES = ("database is locked", "database table is locked", "lock timeout")


def is_database_busy(exception: BaseException) -> bool:
    """True for an error that says another writer held the lock too long."""
    return isinstance(exception, OperationalError) and any(
        message in str(exception) for message in LOCK_MESSAGES
    )


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        try:
            response = render(request, "audit/database_busy.html", status=503)
        except DatabaseError:  # the page's menu reads the database too; say it plainly then
            response = HttpResponse(_("Beredd is busy. Try again in a moment."), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class PermissionRefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if not isinstance(exception, PermissionDenied):
            return
        try:
            audit_refusal(request, reason=str(exception))
        except DatabaseError:  # a busy database must not turn the 403 into a 500
            logger.exception("Could not log a refusal of %s %s", request.method, request.path)
