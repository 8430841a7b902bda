"""Write-logic for organisations and people: invitations, members' roles, own profile."""

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from beredd.accounts.models import (
    BUYER_ROLES,
    SUPPLIER_ROLES,
    Invitation,
    Organisation,
    Role,
    User,
)

INVITATION_VALID_DAYS = 14


def roles_for(organisation: Organisation) -> tuple[Role, ...]:
    """The roles a member of this kind of organisation may hold."""
    return SUPPLIER_ROLES if organisation.is_supplier else BUYER_ROLES


def _check_roles(organisation: Organisation, roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    allowed = {str(role) for role in roles_for(organisation)}
    wrong = [role for role in roles if role not in allowed]
    if wrong:
        raise ValidationError(
            {"roles": _("Not a role in this organisation: %(roles)s") % {"roles": ", ".join(wrong)}}
        )
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    return roles


def invitation_expires_at(invitation: Invitation):  # type: ignore[no-untyped-def]
    return invitation.created_at + timedelta(days=INVITATION_VALID_DAYS)


def invitation_is_usable(invitation: Invitation) -> bool:
    return invitation.accepted_at is None and timezone.now() < invitation_expires_at(invitation)


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    roles: list[str],
    invited_by: User,
    base_url: str,
) -> Invitation:
    """Store an invitation with an unguessable token and mail its link to the person invited.

    `base_url` is the site's address (scheme and host) that the link in the mail starts with.
    """
    roles = _check_roles(organisation, roles)
    _check_not_member(organisation, email)
    # Inviting the same address again replaces the earlier link: one live link per person.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True
    ).delete()
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        roles=roles,
        token=invitation_token_digest(token),
        invited_by=invited_by,
    )
    invitation.full_clean()
    invitation.save()
    _send_invitation(invitation, token, base_url.rstrip("/"))
    return invitation


def invitation_token_digest(token: str) -> str:
    """What is stored of a link's token: whoever reads the database cannot use the links."""
    return hashlib.sha256(token.encode()).hexdigest()


def _check_not_member(
    organisation: Organisation, email: str, *, field: str | None = "email"
) -> None:
    if organisation.members.filter(email__iexact=email, is_active=True).exists():
        message = _("Someone with this e-mail is already a member.")
        raise ValidationError({field: message} if field else message)


def _send_invitation(invitation: Invitation, token: str, base_url: str) -> None:
    context = {
        "invitation": invitation,
        "link": base_url + reverse("accounts:accept", args=[token]),
        "valid_days": INVITATION_VALID_DAYS,
        "roles": [str(Role(code).label) for code in invitation.roles],
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context)
    body = render_to_string("accounts/email/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitation_cancel(*, invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    invitation.delete()


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
) -> User:
    """Create the invited person's account in the inviting organisation with the roles given."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_is_usable(invitation):
        raise ValidationError(_("This invitation has expired or has already been used."))
    # Another invitation to the same address may have been accepted in the meantime.
    _check_not_member(invitation.organisation, invitation.email, field=None)
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=invitation.email,
        organisation=invitation.organisation,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    user.set_roles(_check_roles(invitation.organisation, invitation.roles))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def _check_not_self(member: User, acting_user: User, message: str) -> None:
    if member.pk == acting_user.pk:
        raise ValidationError(message)


@transaction.atomic
def member_update(*, member: User, roles: list[str], is_org_admin: bool, acting_user: User) -> User:
    """Set a member's roles and whether they administer the organisation."""
    assert member.organisation is not None
    roles = _check_roles(member.organisation, roles)
    if not is_org_admin:
        _check_not_self(member, acting_user, _("You cannot remove your own administrator rights."))
    member.is_org_admin = is_org_admin
    member.full_clean()
    member.save(update_fields=["is_org_admin"])
    member.set_roles(roles)
    return member


def member_set_active(*, member: User, active: bool, acting_user: User) -> User:
    """Deactivate (the person can no longer log in, history stays) or reactivate a member."""
    if not active:
        _check_not_self(member, acting_user, _("You cannot deactivate yourself."))
    member.is_active = active
    member.save(update_fields=["is_active"])
    return member


def profile_update(*, user: User, first_name: str, last_name: str, email: str) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.email = email
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "email"])
    return user
