"""Search and filters of the library (django-filter); the list and the .xlsx export share them."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, CharFilter, ChoiceFilter, FilterSet

from .models import Area, CrisisLevel, Level, Requirement, RequirementType, Verification

YES_NO = (("yes", _("Yes")), ("no", _("No")))
OWNERS = (("own", _("Our own")), ("shared", _("Shared library")))


class RequirementFilter(FilterSet):
    q = CharFilter(label=_("Search"), method="filter_text")
    area = ChoiceFilter(label=_("Area"), choices=Area.choices, empty_label=_("All"))
    requirement_type = ChoiceFilter(
        label=_("Type"), choices=RequirementType.choices, empty_label=_("All")
    )
    level = ChoiceFilter(label=_("Level"), choices=Level.choices, empty_label=_("All"))
    verification = ChoiceFilter(
        label=_("Verified by"),
        choices=Verification.choices,
        empty_label=_("All"),
        method="filter_list_contains",
    )
    crisis_levels = ChoiceFilter(
        label=_("Crisis level"),
        choices=CrisisLevel.choices,
        empty_label=_("All"),
        method="filter_list_contains",
    )
    parameter = ChoiceFilter(
        label=_("Stress-test parameter"),
        choices=YES_NO,
        empty_label=_("All"),
        method="filter_parameter",
    )
    owner = ChoiceFilter(
        label=_("Own or shared"), choices=OWNERS, empty_label=_("All"), method="filter_owner"
    )
    all_versions = BooleanFilter(
        label=_("Show all versions"), widget=forms.CheckboxInput, method="filter_versions"
    )

    class Meta:
        model = Requirement
        fields: list[str] = []

    @property
    def form(self) -> forms.Form:
        form = super().form
        form.label_suffix = ""  # labels read as plain names, as elsewhere in Beredd's forms
        return form

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        query = Q()
        for field in ("krav_id", "title_sv", "title_en", "text_sv", "text_en"):
            query |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(query)

    def filter_list_contains(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # JSON containment is not available on SQLite; the quoted code is unique in the list text.
        return queryset.filter(**{f"{name}__icontains": f'"{value}"'})

    def filter_parameter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        has_parameter = ~Q(answer_parameter="")
        return queryset.filter(has_parameter if value == "yes" else ~has_parameter)

    def filter_owner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(organisation__isnull=(value == "shared"))

    def filter_versions(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset if value else queryset.filter(is_current=True)
