"""Throttling shared by every app: the client's address, rate limits per address (429), the
login lockout page, and the system checks that keep a public key or no host out of production."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

MIN_SECRET_KEY_LENGTH = 50


def client_ip(request: HttpRequest) -> str:
    """The address that made the request: REMOTE_ADDR, or, behind TRUSTED_PROXY_COUNT reverse
    proxies, the entry of X-Forwarded-For the outermost of them appended."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")


def _ip_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


def too_many_requests(request: HttpRequest, retry_after_seconds: int) -> HttpResponse:
    """429 with Retry-After and a page that says when to try again."""
    minutes = max(1, -(-retry_after_seconds // 60))
    response = render(request, "429.html", {"retry_after_minutes": minutes}, status=429)
    response["Retry-After"] = str(max(1, retry_after_seconds))
    return response


def rate_limited(group: str, rate_setting: str, methods: tuple[str, ...] = ()) -> Callable:
    """Count requests per address in `group` (only `methods`, or every method when empty) and
    answer 429 past the rate named by the setting `rate_setting` (e.g. "60/m")."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not methods or request.method in methods:
                usage = get_usage(
                    request,
                    group=group,
                    key=_ip_key,
                    rate=getattr(settings, rate_setting),
                    increment=True,
                )
                if usage and usage["should_limit"]:
                    return too_many_requests(request, usage["time_left"])
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' answer once a username or an address is locked out: a Swedish page with the
    cool-off time and the password reset link, 429 with Retry-After."""
    cool_off_seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": cool_off_seconds // 60,
    }
    response = render(request, "registration/lockout.html", context, status=429)
    response["Retry-After"] = str(cool_off_seconds)
    return response


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    """Errors (so `make serve` refuses to start) for what would make a public server unsafe."""
    errors: list[checks.CheckMessage] = []
    if settings.SECRET_KEY == settings.PUBLIC_DEFAULT_SECRET_KEY:
        errors.append(
            checks.Error(
                "SECRET_KEY is the repository's public default.",
                hint="Set SECRET_KEY to a long random value, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="beredd.E001",
            )
        )
    elif len(settings.SECRET_KEY) < MIN_SECRET_KEY_LENGTH:
        errors.append(
            checks.Error(
                f"SECRET_KEY is shorter than {MIN_SECRET_KEY_LENGTH} characters.",
                hint="Set SECRET_KEY to a long random value.",
                id="beredd.E002",
            )
        )
    if not settings.ALLOWED_HOSTS:
        errors.append(
            checks.Error(
                "ALLOWED_HOSTS is empty.",
                hint="Set ALLOWED_HOSTS to the site's host name(s), e.g. beredd.example.se.",
                id="beredd.E003",
            )
        )
    if settings.DEBUG:
        errors.append(
            checks.Error(
                "DEBUG is on.",
                hint="Unset DEBUG (it is off by default) on a public server.",
                id="beredd.E004",
            )
        )
    return errors
