"""Every domain model a person changes keeps its history; secrets and logins stay out of it."""

import pytest
from django.apps import apps
from simple_history.utils import bulk_create_with_history

from beredd.accounts.models import Invitation, Role, User
from beredd.accounts.services import member_update
from beredd.network.models import SupplyAssignment
from beredd.procurement.models import Lot, Procurement
from beredd.publication.models import Watch
from beredd.stresstests.models import StressTestRun
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WITHOUT_HISTORY = {
    "audit.auditentry",  # append-only: it is its own history
    "network.importbatch",  # a parsed file waiting for confirmation, deleted when confirmed
}


def beredd_models():
    return [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("beredd.")
        for model in config.get_models()
        if not model.__name__.startswith("Historical")
        and model._meta.label_lower not in WITHOUT_HISTORY
    ]


@pytest.mark.parametrize("model", beredd_models(), ids=lambda model: model._meta.label_lower)
def test_every_model_a_person_edits_has_history(model):
    assert hasattr(model, "history"), f"{model._meta.label} has no HistoricalRecords"


def test_a_role_change_is_kept_in_the_persons_history(org_admin, procurer):
    member_update(
        member=procurer,
        roles=[Role.PROCUREMENT_OFFICER, Role.NEEDS_OWNER],
        is_org_admin=True,
        acting_user=org_admin,
    )
    latest = procurer.history.latest()
    assert latest.is_org_admin is True
    assert sorted(latest.groups.values_list("group__name", flat=True)) == [
        Role.NEEDS_OWNER,
        Role.PROCUREMENT_OFFICER,
    ]
    first = procurer.history.earliest()
    assert first.is_org_admin is False


def test_a_persons_history_keeps_no_password_and_no_row_per_login(client, procurer):
    assert "password" not in {field.name for field in User.history.model._meta.fields}
    rows_before = procurer.history.count()
    assert client.login(username="upphandlare", password=PASSWORD)
    procurer.refresh_from_db()
    assert procurer.last_login is not None
    assert procurer.history.count() == rows_before


def test_assignments_written_in_bulk_get_a_history_row_each(small_network, buyer_org):
    unit, _ = small_network["units"]
    dry, chilled = small_network["categories"]
    first, second = small_network["suppliers"]
    SupplyAssignment.objects.filter(unit=unit).delete()
    rows = [
        SupplyAssignment(organisation=buyer_org, unit=unit, category=dry, supplier=first),
        SupplyAssignment(organisation=buyer_org, unit=unit, category=chilled, supplier=second),
    ]
    bulk_create_with_history(rows, SupplyAssignment)
    created = SupplyAssignment.history.filter(unit=unit, history_type="+").order_by("history_id")
    assert [(row.category_id, row.supplier_id) for row in created][-2:] == [
        (dry.pk, first.pk),
        (chilled.pk, second.pk),
    ]
    deleted = SupplyAssignment.history.filter(unit=unit, history_type="-")
    assert deleted.count() == 4  # the two ranks of both categories removed before


def test_a_lot_keeps_its_units_in_history(small_network, buyer_org, procurer):
    unit_one, unit_two = small_network["units"]
    procurement = Procurement.objects.create(
        organisation=buyer_org, title="Livsmedel 2027", procedure="open"
    )
    lot = Lot.objects.create(procurement=procurement, number=1, title="Norr", basis="area")
    lot.units.set([unit_one])
    lot.units.add(unit_two)
    units_by_version = [
        sorted(record.units.values_list("mealunit_id", flat=True))
        for record in lot.history.order_by("history_id")
    ]
    assert units_by_version == [[], [unit_one.pk], [unit_one.pk, unit_two.pk]]


def test_secret_links_stay_out_of_history(buyer_org, bid_manager):
    Invitation.objects.create(organisation=buyer_org, email="ny@example.se", token="hemlig")
    Watch.objects.create(user=bid_manager, name="Bröd")
    assert "token" not in {field.name for field in Invitation.history.model._meta.fields}
    assert "feed_token" not in {field.name for field in Watch.history.model._meta.fields}
    assert Invitation.history.get().email == "ny@example.se"


def test_a_stress_test_runs_history_names_who_started_it_without_its_inputs(buyer_org, procurer):
    run = StressTestRun(
        organisation=buyer_org,
        created_by=procurer,
        name="Elavbrott",
        network={},
        scenarios=[],
        draws=10,
    )
    run.save()
    fields = {field.name for field in StressTestRun.history.model._meta.fields}
    assert not {"network", "scenarios", "summary"} & fields
    assert (run.history.get().name, run.history.get().created_by) == ("Elavbrott", procurer)
