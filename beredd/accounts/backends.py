"""Authentication backends: django-axes' lockout before the password check."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class AxesBackend(AxesStandaloneBackend):
    """Refuses locked-out usernames and addresses on every login form (ours and the admin's).

    A login without a request (a script, `Client.login` in a test) has no address to count, so
    it is left to the next backend instead of failing; every web login passes its request."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
