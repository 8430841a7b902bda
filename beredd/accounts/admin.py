"""Django admin for staff: organisations, people with organisation and roles, invitations."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from beredd.accounts.models import Invitation, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "org_number", "size_class", "region")
    list_filter = ("kind", "size_class")
    search_fields = ("name", "org_number", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "organisation",
        "is_org_admin",
        "is_active",
        "is_staff",
    )
    list_filter = ("organisation", "is_org_admin", "is_active", "is_staff", "groups")
    list_select_related = ("organisation",)
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Organisation"), {"fields": ("organisation", "is_org_admin")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Organisation"), {"fields": ("organisation", "is_org_admin")}),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "created_at", "accepted_at")
    list_filter = ("organisation",)
    search_fields = ("email",)
    readonly_fields = ("token", "created_at", "accepted_at")
