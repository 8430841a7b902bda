"""URLs of the accounts app: members, invitations and the own profile."""

from django.urls import path

from beredd.accounts import views
from beredd.security import rate_limited

# Invitations are sent (a mail each) and accepted (an unguessable token) per address.
invitation_limit = rate_limited("invitation", "RATELIMIT_INVITATION", methods=("POST",))
token_limit = rate_limited("invitation_token", "RATELIMIT_SEARCH")

app_name = "accounts"
urlpatterns = [
    path("members/", views.MembersView.as_view(), name="members"),
    path("members/<id:pk>/", views.MemberEditView.as_view(), name="member_edit"),
    path("members/<id:pk>/active/", views.MemberActiveView.as_view(), name="member_active"),
    path("invite/", invitation_limit(views.InviteView.as_view()), name="invite"),
    path(
        "invitations/<id:pk>/cancel/",
        views.InvitationCancelView.as_view(),
        name="invitation_cancel",
    ),
    path(
        "invitation/<str:token>/",
        token_limit(invitation_limit(views.AcceptView.as_view())),
        name="accept",
    ),
    path("profile/", views.ProfileView.as_view(), name="profile"),
]
