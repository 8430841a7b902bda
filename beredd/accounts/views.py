"""Pages where an organisation admin manages members and invitations, and people their profile."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from beredd.accounts import selectors, services
from beredd.accounts.access import AuthenticatedHttpRequest, MemberRequiredMixin, get_org_object
from beredd.accounts.forms import AcceptInvitationForm, InviteForm, MemberForm, ProfileForm
from beredd.accounts.models import Invitation, User

MEMBERS = "accounts:members"


class OrgAdminView(MemberRequiredMixin, View):
    """Only an administrator of a buyer or supplier organisation, and only for its own members."""

    buyer = None
    org_admin = True


class MembersView(OrgAdminView):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        context = {
            "organisation": self.organisation,
            "rows": selectors.member_rows(organisation=self.organisation),
            "invitations": selectors.pending_invitations(organisation=self.organisation),
        }
        return render(request, "accounts/members.html", context)


class MemberEditView(OrgAdminView):
    def get(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        member = get_org_object(User, self.organisation, pk=pk)
        initial = {"roles": sorted(member.role_codes()), "is_org_admin": member.is_org_admin}
        form = MemberForm(initial=initial, organisation=self.organisation)
        return self._render(request, member, form)

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        member = get_org_object(User, self.organisation, pk=pk)
        form = MemberForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                services.member_update(member=member, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The roles of %(name)s are saved.") % _name(member))
                return redirect(MEMBERS)
        return self._render(request, member, form)

    def _render(
        self, request: AuthenticatedHttpRequest, member: User, form: MemberForm
    ) -> HttpResponse:
        context = {"member": member, "form": form, "is_self": member.pk == request.user.pk}
        return render(request, "accounts/member_edit.html", context)


class MemberActiveView(OrgAdminView):
    """POST active=0 deactivates a member (they can no longer log in), active=1 reactivates."""

    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        member = get_org_object(User, self.organisation, pk=pk)
        active = request.POST.get("active") == "1"
        try:
            services.member_set_active(member=member, active=active, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            done = _("%(name)s is active again.") if active else _("%(name)s is deactivated.")
            messages.success(request, done % _name(member))
        return redirect(MEMBERS)


class InviteView(OrgAdminView):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = InviteForm(organisation=self.organisation)
        return render(request, "accounts/invite.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = InviteForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    organisation=self.organisation,
                    invited_by=request.user,
                    base_url=request.build_absolute_uri("/"),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("An invitation is sent to %s.") % invitation.email)
                return redirect(MEMBERS)
        return render(request, "accounts/invite.html", {"form": form})


class InvitationCancelView(OrgAdminView):
    def post(self, request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
        invitation = get_org_object(Invitation, self.organisation, pk=pk)
        try:
            services.invitation_cancel(invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation to %s is withdrawn.") % invitation.email)
        return redirect(MEMBERS)


class AcceptView(View):
    """The link in the invitation mail: the invited person chooses a username and password."""

    invitation: Invitation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        invitation = selectors.usable_invitation(token=kwargs["token"])
        if invitation is None:
            return render(request, "accounts/invitation_invalid.html", status=404)
        if request.user.is_authenticated:
            return render(request, "accounts/accept_logged_in.html")
        self.invitation = invitation
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        return self._render(request, AcceptInvitationForm(email=self.invitation.email))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        form = AcceptInvitationForm(request.POST, email=self.invitation.email)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.invitation_accept(
                    invitation=self.invitation,
                    username=data["username"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome to Beredd! Your account is ready."))
                return redirect("core:home")
        return self._render(request, form)

    def _render(self, request: HttpRequest, form: AcceptInvitationForm) -> HttpResponse:
        context = {"form": form, "invitation": self.invitation}
        return render(request, "accounts/accept.html", context)


class ProfileView(LoginRequiredMixin, View):
    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ProfileForm(instance=request.user)
        return render(request, "accounts/profile.html", {"form": form})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = ProfileForm(request.POST, instance=User.objects.get(pk=request.user.pk))
        if form.is_valid():
            services.profile_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your details are saved."))
            return redirect("accounts:profile")
        return render(request, "accounts/profile.html", {"form": form})


def _name(member: User) -> dict[str, str]:
    return {"name": member.get_full_name() or member.username}
