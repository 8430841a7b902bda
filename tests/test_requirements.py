"""The requirement library: starter items, validation, and versioning rules of the services."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from beredd.procurement.models import Lot, LotRequirement, Procurement
from beredd.requirements.library import load_starter_library, starter_items
from beredd.requirements.models import Area, Requirement
from beredd.requirements.parameters import parse_parameter
from beredd.requirements.services import (
    RequirementContent,
    next_krav_id,
    requirement_copy,
    requirement_create,
    requirement_revise,
)

CONTENT = {
    "title_sv": "Reservkök",
    "title_en": "Backup kitchen",
    "text_sv": "Leverantören ska ha tillgång till ett reservkök.",
    "text_en": "The supplier shall have access to a backup kitchen.",
    "area": "resilience",
    "requirement_type": "contract_condition",
    "level": "basic",
    "verification": ["evidence"],
    "evidence_sv": "Avtal om reservkök.",
    "evidence_en": "Contract for a backup kitchen.",
    "follow_up": "yearly",
    "crisis_levels": ["crisis"],
}


@pytest.fixture
def library(db) -> None:
    # The data migration loads it, but a transactional test before this one may have flushed it.
    load_starter_library()


def shared(krav_id: str) -> Requirement:
    return Requirement.objects.get(krav_id=krav_id, organisation__isnull=True, is_current=True)


def use_in_lot(requirement: Requirement) -> LotRequirement:
    procurement = Procurement.objects.create(
        organisation=requirement.organisation, title="Livsmedel 2027", procedure="open"
    )
    lot = Lot.objects.create(procurement=procurement, number=1, title="Torrvaror", basis="category")
    return LotRequirement.objects.create(lot=lot, requirement=requirement)


class TestStarterLibrary:
    def test_the_migration_has_loaded_at_least_forty_shared_requirements(self, db):
        assert Requirement.objects.filter(organisation__isnull=True).count() >= 40

    def test_loading_again_adds_nothing(self, library):
        before = Requirement.objects.count()
        assert load_starter_library() == 0
        assert Requirement.objects.count() == before

    def test_every_starter_item_passes_validation_and_has_both_languages(self, library):
        for requirement in Requirement.objects.filter(organisation__isnull=True):
            requirement.full_clean()
            for field in (
                "title_sv",
                "title_en",
                "text_sv",
                "text_en",
                "evidence_sv",
                "evidence_en",
            ):
                assert getattr(requirement, field).strip(), f"{requirement} lacks {field}"

    def test_it_covers_every_stress_test_row_of_the_resilience_table(self, library):
        parameters = set(
            Requirement.objects.exclude(answer_parameter="").values_list(
                "answer_parameter", flat=True
            )
        )
        expected = {
            "stock_days.dry", "stock_days.frozen", "stock_days.chilled", "backup_power_hours",
            "capacity_without_power", "fuel_reserve_days", "prioritises_critical",
            "staff_reserve", "manual_ordering_share", "import_share.*", "time_to_recover_days",
        }  # fmt: skip
        assert expected <= parameters

    def test_it_covers_every_area_and_an_escalation_by_crisis_level(self, library):
        items = starter_items()
        assert {item["area"] for item in items} >= set(Area.values) - {"other"}
        escalation = [i for i in items if i["title_en"].startswith("Escalation step")]
        assert [i["crisis_levels"] for i in escalation] == [
            ["disruption"],
            ["crisis"],
            ["heightened_alert"],
        ]

    def test_ids_follow_the_shared_scheme(self, library):
        prefixes = {item["krav_id"].rsplit("-", 1)[0] for item in starter_items()}
        assert prefixes == {"B", "M", "D", "S", "SME"}

    def test_title_and_text_follow_the_language_of_the_request(self, library):
        requirement = shared("B-1003")
        with translation.override("en"):
            assert requirement.title.startswith("Days of stock")
        with translation.override("sv"):
            assert requirement.title.startswith("Lagerdagar")


class TestValidation:
    def test_it_rejects_a_requirement_without_a_verification_method(self, buyer_org):
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(**{**CONTENT, "verification": []}),
            )
        with translation.override("en"):
            assert "Verified by" in str(error.value.message_dict["verification"])
        assert not Requirement.objects.filter(organisation=buyer_org).exists()

    def test_it_rejects_a_structured_answer_with_min_above_max(self, buyer_org):
        content = {**CONTENT, "answer_name": "Lagerdagar", "answer_type": "number"}
        content.update(answer_parameter="stock_days.dry", answer_min=10, answer_max=5)
        with pytest.raises(ValidationError) as error, translation.override("sv"):
            requirement_create(
                organisation=buyer_org, user=None, content=RequirementContent(**content)
            )
        with translation.override("sv"):
            assert "Svar: maximum" in str(error.value.message_dict["answer_max"])
        assert not Requirement.objects.filter(organisation=buyer_org).exists()

    def test_it_rejects_a_requirement_without_crisis_levels(self, buyer_org):
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(**{**CONTENT, "crisis_levels": []}),
            )
        assert "crisis_levels" in error.value.message_dict

    def test_an_answer_needs_a_name_and_a_type(self, buyer_org):
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(**{**CONTENT, "answer_min": 3}),
            )
        assert {"answer_name", "answer_type"} <= set(error.value.message_dict)

    def test_it_rejects_an_unknown_stress_test_parameter(self, buyer_org):
        content = {**CONTENT, "answer_name": "X", "answer_type": "number"}
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(**{**content, "answer_parameter": "stock_dayz.dry"}),
            )
        assert "stock_dayz.dry" in str(error.value.message_dict["answer_parameter"])

    def test_a_boolean_answer_belongs_only_to_prioritises_critical(self, buyer_org):
        content = {**CONTENT, "answer_name": "X", "answer_type": "boolean"}
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(**{**content, "answer_parameter": "backup_power_hours"}),
            )
        assert "answer_type" in error.value.message_dict
        requirement_create(
            organisation=buyer_org,
            user=None,
            content=RequirementContent(**{**content, "answer_parameter": "prioritises_critical"}),
        )

    def test_shares_stay_between_zero_and_one(self, buyer_org):
        content = {**CONTENT, "answer_name": "Manuell", "answer_type": "share"}
        with pytest.raises(ValidationError) as error:
            requirement_create(
                organisation=buyer_org,
                user=None,
                content=RequirementContent(
                    **{**content, "answer_parameter": "manual_ordering_share", "answer_min": 50}
                ),
            )
        assert "answer_min" in error.value.message_dict

    @pytest.mark.parametrize(
        ("path", "known"),
        [
            ("stock_days.dry", True),
            ("stock_days.*", True),
            ("import_share.root-vegetables", True),
            ("stock_days", False),
            ("backup_power_hours.dry", False),
            ("stock_days.Dry Goods", False),
            ("price_sek", False),
        ],
    )
    def test_parameter_paths(self, path, known):
        assert (parse_parameter(path) is not None) is known


class TestVersioning:
    def test_an_own_requirement_gets_the_organisation_prefix_and_version_one(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        second = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        assert (first.identifier, second.identifier) == ("EKBY-0001:1", "EKBY-0002:1")

    def test_copy_and_adapt_makes_an_own_requirement_based_on_the_original(
        self, library, buyer_org
    ):
        original = shared("B-1003")
        copy = requirement_copy(
            source=original,
            organisation=buyer_org,
            user=None,
            content=replace(RequirementContent.of(original), answer_min=10),
        )
        assert copy.identifier == "EKBY-0001:1"
        assert copy.based_on == original
        assert copy.answer_min == 10
        original.refresh_from_db()
        assert (original.answer_min, original.is_current) == (7, True)

    def test_a_change_of_wording_makes_a_new_version_and_keeps_the_old(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        second = requirement_revise(
            requirement=first,
            user=None,
            content=RequirementContent(**{**CONTENT, "text_en": "Two backup kitchens."}),
        )
        first.refresh_from_db()
        assert second.identifier == "EKBY-0001:2"
        assert first.text_en == CONTENT["text_en"] and not first.is_current
        assert second.is_current

    def test_a_change_of_type_makes_a_new_version(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        second = requirement_revise(
            requirement=first,
            user=None,
            content=RequirementContent(**{**CONTENT, "requirement_type": "award_criterion"}),
        )
        assert second.version == 2

    def test_other_changes_update_an_unused_version_in_place(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        same = requirement_revise(
            requirement=first,
            user=None,
            content=RequirementContent(**{**CONTENT, "follow_up": "quarterly"}),
        )
        assert same.pk == first.pk and same.follow_up == "quarterly"
        assert Requirement.objects.filter(krav_id=first.krav_id).count() == 1

    def test_other_changes_to_a_version_used_in_a_lot_make_a_new_version(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        use_in_lot(first)
        second = requirement_revise(
            requirement=first,
            user=None,
            content=RequirementContent(**{**CONTENT, "evidence_sv": "Nytt bevis."}),
        )
        first.refresh_from_db()
        assert second.version == 2 and first.evidence_sv == CONTENT["evidence_sv"]

    def test_the_shared_library_cannot_be_revised(self, library):
        with pytest.raises(PermissionDenied):
            requirement_revise(
                requirement=shared("B-1001"), user=None, content=RequirementContent(**CONTENT)
            )

    def test_an_old_version_cannot_be_revised(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        requirement_revise(
            requirement=first,
            user=None,
            content=RequirementContent(**{**CONTENT, "title_sv": "Nytt"}),
        )
        first.refresh_from_db()
        with pytest.raises(ValidationError):
            requirement_revise(requirement=first, user=None, content=RequirementContent(**CONTENT))

    def test_a_failed_revision_saves_nothing(self, buyer_org):
        first = requirement_create(
            organisation=buyer_org, user=None, content=RequirementContent(**CONTENT)
        )
        with pytest.raises(ValidationError):
            requirement_revise(
                requirement=first,
                user=None,
                content=RequirementContent(**{**CONTENT, "title_sv": "Ny", "verification": []}),
            )
        first.refresh_from_db()
        assert first.is_current
        assert Requirement.objects.filter(krav_id=first.krav_id).count() == 1

    def test_ids_never_clash_with_the_shared_library(self, db):
        from beredd.accounts.models import Organisation

        org = Organisation.objects.create(
            name="B kommun", slug="b", kind="municipality", org_number="212000-0142"
        )
        assert next_krav_id(org) == "BX-0001"


def test_the_demo_adds_the_library_and_malmhagas_own_requirements_once(db):
    from beredd.accounts.models import Organisation
    from beredd.requirements import demo

    malmhaga = Organisation.objects.create(
        name="Malmhaga kommun", slug="malmhaga", kind="municipality", org_number="212000-0142"
    )
    context = {"organisations": {"malmhaga": malmhaga}, "users": {}, "logins": []}
    demo.load(context)
    demo.load(context)
    own = Requirement.objects.filter(organisation=malmhaga).order_by("krav_id")
    assert [r.identifier for r in own] == ["MALMHAGA-0001:1", "MALMHAGA-0002:1"]
    assert own[0].based_on == shared("B-1003") and own[0].answer_min == 10
    assert "minst tio dagars" in own[0].text_sv


def test_the_word_difference_marks_removed_and_added_words():
    from beredd.requirements.selectors import word_diff

    pieces = word_diff("minst sju dagars lager", "minst tio dagars lager i Ekby")
    assert [(p.change, p.text) for p in pieces] == [
        ("same", "minst "),
        ("removed", "sju "),
        ("added", "tio "),
        ("same", "dagars lager "),
        ("added", "i Ekby"),
    ]


def test_the_load_requirements_command_adds_only_what_is_missing(db):
    from io import StringIO

    from django.core.management import call_command

    Requirement.objects.filter(krav_id="B-1001").delete()
    out = StringIO()
    call_command("load_requirements", stdout=out)
    assert "Added 1 " in out.getvalue()
    assert shared("B-1001").is_current
