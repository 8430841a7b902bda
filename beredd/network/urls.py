"""URLs of the network app."""

from django.urls import path, register_converter

from beredd.network.views import categories, suppliers, transfer, units


class KindConverter:
    regex = "units|suppliers"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(value)


register_converter(KindConverter, "kind")

app_name = "network"
urlpatterns = [
    path("", units.unit_list, name="unit_list"),
    path("units/new/", units.unit_create, name="unit_create"),
    path("units/<id:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<id:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<id:pk>/delete/", units.unit_delete, name="unit_delete"),
    path("units/<id:pk>/suppliers/", units.unit_assignment_add, name="unit_assignment_add"),
    path("categories/", categories.category_list, name="category_list"),
    path("categories/new/", categories.category_create, name="category_create"),
    path("categories/<id:pk>/edit/", categories.category_edit, name="category_edit"),
    path("categories/<id:pk>/delete/", categories.category_delete, name="category_delete"),
    path("suppliers/", suppliers.supplier_list, name="supplier_list"),
    path("suppliers/new/", suppliers.supplier_create, name="supplier_create"),
    path("suppliers/<id:pk>/", suppliers.supplier_detail, name="supplier_detail"),
    path("suppliers/<id:pk>/edit/", suppliers.supplier_edit, name="supplier_edit"),
    path("suppliers/<id:pk>/delete/", suppliers.supplier_delete, name="supplier_delete"),
    path("suppliers/<id:pk>/units/", suppliers.supplier_assignments, name="supplier_assignments"),
    path("assignments/<id:pk>/delete/", suppliers.assignment_delete, name="assignment_delete"),
    path("<kind:kind>/export.xlsx", transfer.export, name="export"),
    path("<kind:kind>/template.xlsx", transfer.template, name="template"),
    path("<kind:kind>/import/", transfer.import_upload, name="import_upload"),
    path("imports/<id:pk>/", transfer.import_preview, name="import_preview"),
    path("imports/<id:pk>/discard/", transfer.import_discard, name="import_discard"),
]
