"""The demo region loads, is complete and plausible, and exports valid engine networks."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from stdnum.se import orgnr

from beredd.accounts.demo import DEMO_PASSWORD, delete_demo, demo_exists, demo_logins
from beredd.accounts.models import Organisation, Role, User
from beredd.network.export import network_as_dict
from beredd.network.models import MealUnit, MenuShare, Supplier, SupplyAssignment

pytestmark = pytest.mark.django_db

MUNICIPALITIES = ("malmhaga", "sjobo-strand", "osterlen")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_the_organisations_people_and_networks_load_on_their_own(db):
    from beredd.accounts import demo as accounts_demo
    from beredd.network import demo as network_demo

    context: dict = {"organisations": {}, "users": {}, "logins": []}
    accounts_demo.load(context)
    network_demo.load(context)
    assert demo_exists()
    assert set(context["organisations"]) >= set(MUNICIPALITIES)
    for slug in MUNICIPALITIES:
        assert MealUnit.objects.filter(organisation__slug=slug).count() >= 60
    assert len(context["logins"]) == 3 * 5 + 3 + 1  # buyers, bid managers, staff


def test_the_load_demo_command_prints_the_logins(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "malmhaga-beslut" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


def test_every_municipality_has_60_units_of_all_types_with_plausible_portions(demo):
    for slug in MUNICIPALITIES:
        units = MealUnit.objects.filter(organisation__slug=slug)
        assert units.count() >= 60
        types = Counter(units.values_list("unit_type", flat=True))
        assert set(types) == {"school", "preschool", "elderly_care", "hospital", "prison", "other"}
        for unit in units:
            low, high = {
                "preschool": (30, 120),
                "school": (150, 900),
                "elderly_care": (60, 360),
                "hospital": (40, 200),
                "prison": (80, 250),
                "other": (20, 150),
            }[unit.unit_type]
            assert low <= unit.portions_per_day <= high, unit
        assert len({unit.area for unit in units}) >= 3


def test_criticality_and_minimum_service_level_follow_the_unit_type(demo):
    expected = {"hospital": (1, 1.0), "elderly_care": (1, 1.0), "school": (2, 0.8)}
    expected |= {"prison": (2, 0.8), "preschool": (3, 0.5), "other": (3, 0.5)}
    for unit in MealUnit.objects.all():
        assert (unit.criticality, unit.min_service_level) == expected[unit.unit_type]
    assert MealUnit.objects.filter(unit_type="hospital", backup_power_hours=72).exists()
    assert MealUnit.objects.filter(backup_power_hours=0).count() > 100


def test_each_network_has_wholesalers_and_small_local_suppliers(demo):
    for slug in MUNICIPALITIES:
        suppliers = Supplier.objects.filter(organisation__slug=slug).select_related(
            "supplier_organisation"
        )
        assert suppliers.count() >= 8
        sizes = Counter(s.supplier_organisation.size_class for s in suppliers)
        assert sizes["large"] >= 2 and sizes["micro"] >= 2
        sources = {entry["source"] for s in suppliers for entry in s.provenance.values()}
        assert sources == {"declared", "verified", "assumed"}
        local_primaries = SupplyAssignment.objects.filter(
            organisation__slug=slug, rank=0, supplier__supplier_organisation__size_class="micro"
        )
        assert local_primaries.exists()


def test_the_crisis_menu_leans_on_dry_and_frozen_food(demo):
    crisis = dict(
        MenuShare.objects.filter(organisation__slug="malmhaga", menu="crisis").values_list(
            "category__code", "share"
        )
    )
    assert crisis["dry"] + crisis["frozen"] >= 0.7
    assert "chilled" not in crisis


def test_the_networks_export_to_valid_engine_files(demo):
    from beredd.engine.loading import load_network

    for slug in MUNICIPALITIES:
        network = load_network(network_as_dict(Organisation.objects.get(slug=slug)))
        assert len(network.units) >= 60
        assert any(a.backups for a in network.assignments)


def test_organisation_numbers_are_valid_and_municipal_ones_start_with_212000(demo):
    for organisation in Organisation.objects.all():
        assert orgnr.is_valid(organisation.org_number)
        if organisation.is_buyer:
            assert organisation.org_number.startswith("212000-")
        else:
            assert organisation.size_class


def test_there_is_a_user_for_every_role_and_they_share_the_demo_password(demo, client):
    for slug in MUNICIPALITIES:
        for role in (Role.DECISION_MAKER, Role.PREPAREDNESS_COORDINATOR, Role.NEEDS_OWNER):
            assert User.objects.filter(organisation__slug=slug, groups__name=role).exists()
        admin = User.objects.get(username=f"{slug}-admin")
        assert admin.is_org_admin and len(admin.role_codes()) == 4
    for username in ("malmhaga-upphandlare", "bageri-anbud", "grossist-anbud"):
        assert client.login(username=username, password=DEMO_PASSWORD)
    assert User.objects.get(username="bageri-anbud").role_codes() == {Role.BID_MANAGER}
    assert User.objects.get(username="admin").is_superuser


def test_demo_logins_list_every_demo_person(demo):
    logins = demo_logins()
    usernames = {username for _role, username, _password, _org in logins}
    assert {"malmhaga-beslut", "osterlen-kostchef", "bageri-anbud", "admin"} <= usernames
    assert all(password == DEMO_PASSWORD for _role, _user, password, _org in logins)


def test_the_demo_is_the_same_every_time_and_can_be_reset(demo):
    before = list(
        MealUnit.objects.order_by("organisation__slug", "code").values_list(
            "code", "name", "portions_per_day", "area"
        )
    )
    call_command("load_demo", "--reset", stdout=StringIO())
    after = list(
        MealUnit.objects.order_by("organisation__slug", "code").values_list(
            "code", "name", "portions_per_day", "area"
        )
    )
    assert before == after
    assert Organisation.objects.filter(slug="malmhaga").count() == 1
    assert MealUnit.history.count() == MealUnit.objects.count()  # no history of the old demo


def test_deleting_the_demo_leaves_other_organisations_alone(demo, decision_maker):
    delete_demo()
    assert not demo_exists()
    assert not MealUnit.objects.exists()
    assert list(User.objects.values_list("username", flat=True)) == [decision_maker.username]


def test_on_a_quiet_fortnight_every_demo_unit_is_fully_served(demo):
    from beredd.engine.loading import load_network
    from beredd.engine.scenario_io import load_scenario
    from beredd.engine.simulate import simulate

    quiet = load_scenario({"id": "quiet", "name": "Quiet", "horizon_days": 14, "events": []})
    for slug in MUNICIPALITIES:
        network = load_network(network_as_dict(Organisation.objects.get(slug=slug)))
        result = simulate(network, quiet, draws=1, seed=1)
        assert result.service_level.min() > 0.999, slug


def test_every_demo_person_logs_in_and_gets_the_start_page(demo, client):
    for _role, username, password, _organisation in demo_logins():
        assert client.login(username=username, password=password), username
        response = client.get("/")
        assert response.status_code == 200
        full_name = User.objects.get(username=username).get_full_name()
        assert f'<span class="who">{full_name}' in response.content.decode()
        client.logout()
