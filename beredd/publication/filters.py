"""The public tender search: one FilterSet shared by the list page, the Atom feed and watches."""

import re

import django_filters
from django import forms
from django.db.models import Q, QuerySet, Sum
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beredd.procurement.models import Lot, Procurement

# An anonymous search must stay cheap: each word is one more condition over every tender.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 10


def search_terms(text: str) -> list[str]:
    """The words searched for: distinct, from the first MAX_QUERY_CHARS characters, at most
    MAX_QUERY_TERMS of them."""
    terms: list[str] = []
    for word in text[:MAX_QUERY_CHARS].split():
        if word.casefold() not in (term.casefold() for term in terms):
            terms.append(word)
    return terms[:MAX_QUERY_TERMS]


class TenderSearchForm(forms.Form):
    # True when the search words were cut to the bound, so that the page can say so.
    query_shortened = False

    def clean_q(self) -> str:
        text = self.cleaned_data.get("q") or ""
        kept = " ".join(search_terms(text))
        self.query_shortened = kept != " ".join(text.split())
        if self.query_shortened:
            # Show the words used, not the thousand sent, when the form is drawn again.
            self.data = {**self.data, "q": kept}
        return kept

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and end < start:
            self.add_error(
                "deadline_to", _("The last deadline date must not be before the first one.")
            )
        return data


class TenderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search words"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_CHARS}),
    )
    region = django_filters.CharFilter(label=_("Region or buyer"), method="filter_region")
    buyer = django_filters.CharFilter(field_name="organisation__slug", widget=forms.HiddenInput)
    category = django_filters.CharFilter(label=_("Food category"), method="filter_category")
    cpv = django_filters.CharFilter(
        label=_("CPV code"),
        method="filter_cpv",
        help_text=_("The start of a code is enough, e.g. 158 for food products."),
    )
    deadline_from = django_filters.DateFilter(
        label=_("Tender deadline from"),
        field_name="tender_deadline",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deadline_to = django_filters.DateFilter(
        label=_("Tender deadline to"),
        field_name="tender_deadline",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    max_lot_value_sek = django_filters.NumberFilter(
        label=_("Largest lot value (SEK)"),
        method="filter_lot_value",
        help_text=_("Show tenders with at least one lot worth at most this much."),
    )
    max_portions_per_day = django_filters.NumberFilter(
        label=_("Largest lot volume (portions per day)"),
        method="filter_lot_portions",
        help_text=_("Show tenders with at least one lot serving at most this many portions a day."),
    )
    sme_reserved = django_filters.BooleanFilter(
        label=_("Only lots reserved for small firms"),
        method="filter_sme",
        widget=forms.CheckboxInput,
    )
    include_closed = django_filters.BooleanFilter(
        label=_("Include tenders whose deadline has passed"),
        method="filter_nothing",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Procurement
        form = TenderSearchForm
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in search_terms(value):
            lots = Lot.objects.filter(title__icontains=word).values("procurement")
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(reference__icontains=word)
                | Q(pk__in=lots)
            )
        return queryset

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(organisation__region__icontains=value) | Q(organisation__name__icontains=value)
        )

    def filter_category(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        lots = Lot.objects.filter(
            Q(categories__code__iexact=value) | Q(categories__name__icontains=value)
        )
        return queryset.filter(pk__in=lots.values("procurement"))

    def filter_cpv(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        prefix = re.sub(r"[^0-9-]", "", value)
        if not prefix:
            return queryset.none()
        # cpv_codes is a JSON list of strings; its text form puts a quote before every code,
        # so `"158` matches codes that start with 158 on SQLite and PostgreSQL alike.
        return queryset.filter(cpv_codes__icontains=f'"{prefix}')

    def filter_lot_value(self, queryset: QuerySet, name: str, value) -> QuerySet:  # type: ignore[no-untyped-def]
        lots = Lot.objects.filter(estimated_value_sek__lte=value)
        return queryset.filter(pk__in=lots.values("procurement"))

    def filter_lot_portions(self, queryset: QuerySet, name: str, value) -> QuerySet:  # type: ignore[no-untyped-def]
        lots = Lot.objects.annotate(portions=Sum("units__portions_per_day")).filter(
            portions__lte=value
        )
        return queryset.filter(pk__in=lots.values("procurement"))

    def filter_sme(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return queryset
        lots = Lot.objects.filter(reserved_for_sme=True)
        return queryset.filter(pk__in=lots.values("procurement"))

    def filter_nothing(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset  # read in filter_queryset: it changes the default, not a condition

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("include_closed"):
            queryset = queryset.filter(
                Q(tender_deadline__gte=timezone.now()) | Q(tender_deadline__isnull=True)
            )
        return queryset.order_by("tender_deadline", "-published_at", "pk")


def normalised_query(data: QueryDict) -> str:
    """The search as a canonical query string: known, valid, non-empty fields in sorted order."""
    tender_filter = TenderFilter(data)
    if not tender_filter.is_valid():
        return ""
    params = QueryDict(mutable=True)
    for name in sorted(tender_filter.filters):
        value = tender_filter.form.cleaned_data.get(name)
        if value in (None, "", False):
            continue
        if value is True:
            value = "true"
        params[name] = str(value)
    return params.urlencode()
