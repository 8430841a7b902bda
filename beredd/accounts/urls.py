"""URLs of the accounts app: members, invitations and the own profile."""

from django.urls import path

from beredd.accounts import views

app_name = "accounts"
urlpatterns = [
    path("members/", views.MembersView.as_view(), name="members"),
    path("members/<id:pk>/", views.MemberEditView.as_view(), name="member_edit"),
    path("members/<id:pk>/active/", views.MemberActiveView.as_view(), name="member_active"),
    path("invite/", views.InviteView.as_view(), name="invite"),
    path(
        "invitations/<id:pk>/cancel/",
        views.InvitationCancelView.as_view(),
        name="invitation_cancel",
    ),
    path("invitation/<str:token>/", views.AcceptView.as_view(), name="accept"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
]
