"""Who may see what: every view is scoped to the user's organisation and checked against roles.

One check, `check_member`, behind `member_required` (function views) and `MemberRequiredMixin`
(class views); a view whose roles depend on the object (an import's kind, a readiness step) calls
`check_member` itself. Views behind them type their request as `AuthenticatedHttpRequest`.
Objects of another organisation answer 404, never 403, so that ids do not leak.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from beredd.accounts.models import Organisation, User

M = TypeVar("M", bound=Model)


class AuthenticatedHttpRequest(HttpRequest):
    """For type checkers: the request of a view behind the login check (as django-stubs advises)."""

    user: User  # type: ignore[assignment]


def check_member(
    user: Any, *, roles: Iterable[str] = (), buyer: bool | None = True, org_admin: bool = False
) -> Organisation:
    """The user's organisation, or PermissionDenied if they lack the organisation kind or role.

    `buyer=True` requires a buyer organisation, `False` a supplier, `None` either.
    `roles` means any one of them (empty: any member); `org_admin` requires the organisation's
    administrator.
    """
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        raise PermissionDenied
    if buyer is True and not organisation.is_buyer:
        raise PermissionDenied
    if buyer is False and not organisation.is_supplier:
        raise PermissionDenied
    if org_admin and not user.is_org_admin:
        raise PermissionDenied
    roles = tuple(roles)
    if roles and not user.has_role(*roles):
        raise PermissionDenied
    return organisation


def org_objects(model: type[M], organisation: Organisation) -> QuerySet[M]:
    return model._default_manager.filter(organisation=organisation)


def get_org_object(model: type[M], organisation: Organisation, **lookup: Any) -> M:
    """The object of this organisation, or 404 (also when it belongs to another one)."""
    return get_object_or_404(org_objects(model, organisation), **lookup)


class MemberRequiredMixin(LoginRequiredMixin, View):
    """Class-based views: login, organisation kind and role in one place.

    Sets `self.organisation`. `required_roles` empty means any member (see check_member).
    """

    required_roles: tuple[str, ...] = ()
    buyer: bool | None = True
    org_admin: bool = False
    organisation: Organisation
    request: AuthenticatedHttpRequest  # type: ignore[assignment]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = check_member(
            request.user, roles=self.required_roles, buyer=self.buyer, org_admin=self.org_admin
        )
        return super().dispatch(request, *args, **kwargs)


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


def member_required(
    *roles: str, buyer: bool | None = True, org_admin: bool = False
) -> Callable[[ViewFunc], ViewFunc]:
    """Function views: like MemberRequiredMixin; passes `organisation` as a keyword argument."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            organisation = check_member(request.user, roles=roles, buyer=buyer, org_admin=org_admin)
            return view(request, *args, organisation=organisation, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
