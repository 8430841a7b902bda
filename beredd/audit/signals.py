"""Security events into the audit log: logins, failed logins, logouts and lockouts.

No password ever reaches the log: a failed login records the username that was tried and the
address it came from, nothing else of the credentials. A login's time is written with update(),
so that only real changes to a person make a row in their history.
"""

from typing import Any

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone

from .services import MAX_TEXT, audit_record


def client_address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(action="auth.login", actor=user, detail={"ip": client_address(request)})


def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_record(action="auth.logout", actor=user, detail={"ip": client_address(request)})


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:MAX_TEXT]
    audit_record(
        action="auth.login_failed", detail={"username": username, "ip": client_address(request)}
    )


def on_locked_out(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    audit_record(
        action="auth.lockout",
        detail={"username": str(username or "")[:MAX_TEXT], "ip": ip_address or ""},
    )


def record_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """Django's update_last_login saves the whole person, adding a history row per login."""
    user.last_login = timezone.now()
    type(user)._default_manager.filter(pk=user.pk).update(last_login=user.last_login)


def connect() -> None:
    if user_logged_in.disconnect(dispatch_uid="update_last_login"):
        user_logged_in.connect(record_last_login, dispatch_uid="update_last_login")
    user_logged_in.connect(on_logged_in, dispatch_uid="audit_login")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    if apps.is_installed("axes"):  # django-axes' models load only when it is installed
        from axes.signals import user_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="audit_locked_out")
