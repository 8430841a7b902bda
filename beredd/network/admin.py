"""Admin registrations of the network models, filterable by organisation."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from beredd.network.models import (
    FoodCategory,
    ImportBatch,
    MealUnit,
    MenuShare,
    Supplier,
    SupplyAssignment,
)


@admin.register(FoodCategory)
class FoodCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "cold_hours", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["code", "name"]


@admin.register(MenuShare)
class MenuShareAdmin(admin.ModelAdmin):
    list_display = ["menu", "category", "share", "organisation"]
    list_filter = ["organisation", "menu"]


@admin.register(MealUnit)
class MealUnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit_type", "area", "portions_per_day", "criticality"]
    list_filter = ["organisation", "unit_type", "criticality"]
    search_fields = ["code", "name", "area"]


@admin.register(Supplier)
class SupplierAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "area", "capacity_per_day", "organisation"]
    list_filter = ["organisation", "prioritises_critical"]
    search_fields = ["code", "name"]


@admin.register(SupplyAssignment)
class SupplyAssignmentAdmin(admin.ModelAdmin):
    list_display = ["unit", "category", "supplier", "rank", "organisation"]
    list_filter = ["organisation", "rank"]
    raw_id_fields = ["unit", "supplier"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["kind", "filename", "created_by", "created_at", "organisation"]
    list_filter = ["organisation", "kind"]
