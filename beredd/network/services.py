"""Write-logic of the supply network: units, categories, suppliers, assignments, imports."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beredd.accounts.models import Organisation, User
from beredd.network import percategory
from beredd.network.fields import SUPPLIER_FIELDS, UNIT_FIELDS, NetworkField, per_category
from beredd.network.imports.batches import (
    CHANGED_MEANWHILE,
    prepare_suppliers,
    prepare_units,
    stage,
    write_assignments,
    write_staged,
)
from beredd.network.imports.columns import ASSIGNMENT_SHEETS
from beredd.network.imports.reading import ImportFileError, read_upload
from beredd.network.models import (
    FoodCategory,
    ImportBatch,
    ImportKind,
    MealUnit,
    MenuKind,
    MenuShare,
    Supplier,
    SupplyAssignment,
)

STALE_IMPORT = datetime.timedelta(days=1)
IMPORT_GONE = gettext_lazy(
    "This import is already confirmed or cancelled; nothing more was saved. "
    "Upload the file again if you want to import it once more."
)
UNIT_CATEGORY_FIELDS = tuple(f.model for f in per_category(UNIT_FIELDS))
SUPPLIER_CATEGORY_FIELDS = tuple(f.model for f in per_category(SUPPLIER_FIELDS))


def check_category_values(
    values: dict[str, Any], organisation: Organisation, *, field: str, share: bool = False
) -> None:
    """Per-category numbers must name the organisation's categories and be ≥ 0 (≤ 1 for shares)."""
    codes = set(
        FoodCategory.objects.filter(organisation=organisation).values_list("code", flat=True)
    )
    for code, value in values.items():
        if code not in codes:
            raise ValidationError({field: _("Unknown food category “%(code)s”.") % {"code": code}})
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValidationError({field: _("%(code)s: must be a number ≥ 0.") % {"code": code}})
        if share and value > 1:
            raise ValidationError({field: _("%(code)s: must be between 0 and 1.") % {"code": code}})


def _save_with_categories(obj: Any, fields: tuple[NetworkField, ...]) -> Any:
    for field in per_category(fields):
        check_category_values(
            percategory.read(obj, field.model),
            obj.organisation,
            field=field.model,
            share=field.kind == "share",
        )
    obj.full_clean()
    obj.save()
    return obj


def unit_save(
    *,
    organisation: Organisation,
    unit: MealUnit | None,
    code: str,
    name: str,
    unit_type: str,
    area: str,
    portions_per_day: int,
    criticality: int,
    loss_weight: float | None,
    min_service_level: float,
    mtpd_days: float | None,
    backup_power_hours: float,
    capacity_without_power: float,
    capacity_without_water: float,
    staff_reserve: float,
    stock_days: dict[str, float],
    order_up_to_days: dict[str, float],
    menus: dict[str, dict[str, float]],
) -> MealUnit:
    """Create or update a meal unit; per-category values are {category code: value}."""
    unit = unit or MealUnit(organisation=organisation)
    values = locals().copy()  # the keyword arguments, by the field names of the table
    for field in UNIT_FIELDS:
        outer = field.model.partition(".")[0]
        setattr(unit, outer, values[outer])
    return _save_with_categories(unit, UNIT_FIELDS)


def unit_delete(*, unit: MealUnit) -> None:
    unit.delete()


def supplier_save(
    *,
    organisation: Organisation,
    supplier: Supplier | None,
    code: str,
    name: str,
    supplier_organisation: Organisation | None,
    area: str,
    capacity_per_day: float,
    upstream_slack: float,
    backup_power_hours: float,
    capacity_without_power: float,
    fuel_reserve_days: float,
    manual_ordering_share: float,
    staff_reserve: float,
    prioritises_critical: bool,
    ordering_system: str,
    time_to_recover_days: float,
    stock_days: dict[str, float],
    import_share: dict[str, float],
    provenance: dict[str, dict[str, str]],
) -> Supplier:
    """Create or update a supplier; `provenance` maps a value to its source and date."""
    supplier = supplier or Supplier(organisation=organisation)
    values = locals().copy()  # the keyword arguments, by the field names of the table
    for name_ in [f.model for f in SUPPLIER_FIELDS] + ["supplier_organisation", "provenance"]:
        setattr(supplier, name_, values[name_])
    if supplier_organisation and not supplier_organisation.is_supplier:
        raise ValidationError(
            {"supplier_organisation": _("Choose an organisation registered as a supplier.")}
        )
    return _save_with_categories(supplier, SUPPLIER_FIELDS)


def supplier_delete(*, supplier: Supplier) -> None:
    supplier.delete()


def _rename_key(mapping: dict[str, Any], old: str, new: str | None) -> dict[str, Any]:
    renamed = {}
    for key, value in mapping.items():
        new_key: str | None = key
        if key == old:
            new_key = new
        elif key.endswith(f".{old}"):
            new_key = f"{key.rsplit('.', 1)[0]}.{new}" if new else None
        if new_key is not None:
            renamed[new_key] = value
    return renamed


def _rename_category_everywhere(organisation: Organisation, old: str, new: str | None) -> None:
    """Per-category dicts are keyed by code, so a renamed or deleted category must follow."""
    for unit in MealUnit.objects.filter(organisation=organisation):
        for name in UNIT_CATEGORY_FIELDS:
            percategory.write(unit, name, _rename_key(percategory.read(unit, name), old, new))
        unit.save()
    for supplier in Supplier.objects.filter(organisation=organisation):
        for name in SUPPLIER_CATEGORY_FIELDS:
            setattr(supplier, name, _rename_key(getattr(supplier, name), old, new))
        supplier.provenance = _rename_key(supplier.provenance, old, new)
        supplier.save()


@transaction.atomic
def category_save(
    *,
    organisation: Organisation,
    category: FoodCategory | None,
    code: str,
    name: str,
    cold_hours: int | None,
    sort_order: int,
    normal_share: float | None,
    crisis_share: float | None,
) -> FoodCategory:
    """Create or update a category and its shares of the normal and crisis menus."""
    category = category or FoodCategory(organisation=organisation)
    # The form may already have changed the instance, so ask the database for the old code.
    old_code = FoodCategory.objects.filter(pk=category.pk).values_list("code", flat=True).first()
    category.code, category.name = code, name
    category.cold_hours, category.sort_order = cold_hours, sort_order
    category.full_clean()
    category.save()
    if old_code and old_code != category.code:
        _rename_category_everywhere(organisation, old_code, category.code)
    for menu, share in ((MenuKind.NORMAL, normal_share), (MenuKind.CRISIS, crisis_share)):
        MenuShare.objects.filter(organisation=organisation, menu=menu, category=category).delete()
        if share:
            row = MenuShare(organisation=organisation, menu=menu, category=category, share=share)
            row.full_clean()
            row.save()
    return category


@transaction.atomic
def category_delete(*, category: FoodCategory) -> None:
    _rename_category_everywhere(category.organisation, category.code, None)
    category.delete()


@transaction.atomic
def assignments_set(
    *, supplier: Supplier, category: FoodCategory, units: list[MealUnit], rank: int
) -> None:
    """The supplier serves exactly these units with the category at this rank.

    Units it served at this rank before but not listed now lose it; a unit whose rank is held
    by another supplier is an error (remove that one first), and nothing is changed.
    """
    SupplyAssignment.objects.filter(supplier=supplier, category=category, rank=rank).exclude(
        unit__in=units
    ).delete()
    for unit in units:
        assignment_add(unit=unit, category=category, supplier=supplier, rank=rank)


def assignment_add(
    *, unit: MealUnit, category: FoodCategory, supplier: Supplier, rank: int
) -> SupplyAssignment:
    """Put the supplier at `rank` in the unit's chain for the category (moving it if present)."""
    taken = (
        SupplyAssignment.objects.filter(unit=unit, category=category, rank=rank)
        .exclude(supplier=supplier)
        .select_related("supplier")
        .first()
    )
    if taken:
        raise ValidationError(
            _("%(unit)s already has %(supplier)s at rank %(rank)s for %(category)s.")
            % {"unit": unit, "supplier": taken.supplier, "rank": rank, "category": category}
        )
    # Checked before anything is written: a rank out of range must not reach the database.
    assignment = SupplyAssignment.objects.filter(
        unit=unit, category=category, supplier=supplier
    ).first() or SupplyAssignment(
        organisation=unit.organisation, unit=unit, category=category, supplier=supplier
    )
    assignment.rank = rank
    assignment.full_clean()
    assignment.save()
    return assignment


def assignment_delete(*, assignment: SupplyAssignment) -> None:
    assignment.delete()


def import_prepare(
    *, organisation: Organisation, user: User, kind: str, upload: UploadedFile
) -> ImportBatch:
    """Read and check an upload; store the rows for the preview. ImportFileError lists problems."""
    if kind == ImportKind.UNITS:
        workbook = read_upload(upload)
        parsed = prepare_units(workbook, organisation)
        assignments: list[dict[str, Any]] = []
    else:
        workbook = read_upload(upload, extra_sheets=ASSIGNMENT_SHEETS)
        parsed, assignments = prepare_suppliers(workbook, organisation)
    if parsed.errors:
        if len(workbook.sheet_names) > 1:
            # A workbook with an instructions sheet first is a common cause of "unknown column".
            first = _(
                "Beredd reads the first sheet, “%(sheet)s”; put the sheet with the data first."
            )
            parsed.errors.insert(0, first % {"sheet": workbook.sheet_names[0]})
        raise ImportFileError(parsed.errors)
    # One pending import per person and kind; previews nobody confirmed within a day are stale.
    ImportBatch.objects.filter(organisation=organisation, created_by=user, kind=kind).delete()
    ImportBatch.objects.filter(created_at__lt=timezone.now() - STALE_IMPORT).delete()
    return ImportBatch.objects.create(
        organisation=organisation,
        created_by=user,
        kind=kind,
        filename=(upload.name or "")[:255],
        rows=parsed.rows,
        assignments=assignments,
    )


def import_commit(*, batch: ImportBatch) -> int:
    """Save every row of the batch, or nothing; returns the row count.

    Every row is checked before the write transaction opens, so the transaction only writes,
    in bulk: other writers wait milliseconds, not seconds. Deleting the batch is its first
    write, so a double click or a second tab confirming the same preview saves the rows once.
    """
    if not ImportBatch.objects.filter(pk=batch.pk).exists():
        raise ImportFileError([str(IMPORT_GONE)])
    model = MealUnit if batch.kind == ImportKind.UNITS else Supplier
    staged = stage(batch.organisation, batch.rows, model)
    if staged.errors:
        raise ImportFileError(staged.errors)
    try:
        with transaction.atomic():
            if not ImportBatch.objects.filter(pk=batch.pk).delete()[0]:
                raise ImportFileError([str(IMPORT_GONE)])
            errors = write_staged(batch.organisation, staged, batch.created_by)
            errors = errors or write_assignments(
                batch.organisation, batch.assignments, batch.created_by
            )
            if errors:
                raise ImportFileError(errors)  # rolls back, the batch included
    except IntegrityError:
        # A unit or supplier with the same id was saved between the check and the write.
        raise ImportFileError([str(CHANGED_MEANWHILE)]) from None
    return len(batch.rows)


def import_discard(*, batch: ImportBatch) -> None:
    batch.delete()
