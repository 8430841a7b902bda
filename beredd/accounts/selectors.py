"""Read-logic for organisations and people."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import Group
from django.db.models import Prefetch

from beredd.accounts.models import Invitation, Organisation, Role, User
from beredd.accounts.services import (
    invitation_expires_at,
    invitation_is_usable,
    invitation_token_digest,
)


@dataclass(frozen=True)
class MemberRow:
    member: User
    role_labels: list[str]


def member_rows(*, organisation: Organisation) -> list[MemberRow]:
    """Members of the organisation, active first, each with the names of their roles."""
    members = (
        User.objects.filter(organisation=organisation)
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        .order_by("-is_active", "last_name", "first_name", "username")
    )
    return [MemberRow(member, _labels(g.name for g in member.groups.all())) for member in members]


def _labels(codes: Iterable[str]) -> list[str]:
    return [str(Role(code).label) for code in codes if code in Role.values]


@dataclass(frozen=True)
class PendingInvitation:
    invitation: Invitation
    role_labels: list[str]
    expires_at: datetime


def pending_invitations(*, organisation: Organisation) -> list[PendingInvitation]:
    invitations = Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True)
    return [
        PendingInvitation(
            invitation,
            _labels(invitation.roles),
            invitation_expires_at(invitation),
        )
        for invitation in invitations.order_by("-created_at")
        if invitation_is_usable(invitation)
    ]


def usable_invitation(*, token: str) -> Invitation | None:
    """The invitation behind a link, if it is neither used nor expired."""
    digest = invitation_token_digest(token)
    invitation = Invitation.objects.select_related("organisation").filter(token=digest).first()
    if invitation is None or not invitation_is_usable(invitation):
        return None
    return invitation
