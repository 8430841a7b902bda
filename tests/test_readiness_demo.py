"""The readiness demo: every demo municipality gets activities whose gaps the overview shows."""

from django.utils import timezone

from beredd.accounts.models import Organisation, OrganisationKind
from beredd.network.models import MealUnit
from beredd.readiness import demo
from beredd.readiness.selectors import overview
from tests.conftest import make_user


def test_the_demo_gives_each_municipality_a_done_an_overdue_and_an_unanalysed_activity(db):
    context: dict = {"organisations": {}, "users": {}, "logins": []}
    for number, slug in enumerate(demo.SLUGS):
        organisation = Organisation.objects.create(
            name=slug, slug=slug, kind=OrganisationKind.MUNICIPALITY, org_number=f"21200090{number}"
        )
        context["organisations"][slug] = organisation
        context["users"][f"{slug}-samordnare"] = make_user(f"{slug}-samordnare", organisation, [])
        for code, unit_type in (("A", "elderly_care"), ("B", "school"), ("C", "hospital")):
            MealUnit.objects.create(
                organisation=organisation,
                code=code,
                name=f"{slug} {code}",
                unit_type=unit_type,
                area="x",
                portions_per_day=50,
            )
    demo.load(context)
    for organisation in context["organisations"].values():
        rows = overview(organisation, timezone.localdate())["rows"]
        assert len(rows) == 3
        assert all(row.units_count == 1 for row in rows)
        codes = [{gap.code for gap in row.gaps} for row in rows]
        assert {"no_analysis", "no_decision"} in [c - {"no_supplier"} for c in codes]
        assert {"overdue"} in [c - {"no_supplier"} for c in codes]
        assert set() in [c - {"no_supplier"} for c in codes]
    names = {row.activity.name for row in rows}
    assert "Måltider på sjukhus/vårdavdelningar" in names
