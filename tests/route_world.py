"""A demo region with one real object behind every id a named route takes (no tests here).

Used by the route walks (tests/test_access_every_route.py, tests/test_fuzz_routes.py) through
the `route_world` fixture in tests/conftest.py. Malmhaga kommun owns every buyer object;
Ålyckans Gårdsbageri (bageri-anbud) owns the supplier's watch and question.
"""

import datetime
import secrets
from dataclasses import dataclass
from io import StringIO
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from beredd.accounts.models import Invitation, Organisation, User
from beredd.accounts.services import invitation_token_digest
from beredd.dialogue.models import Question, RequestForInformation
from beredd.network.models import FoodCategory, ImportBatch, MealUnit, Supplier, SupplyAssignment
from beredd.procurement.models import Lot, LotRequirement, Procurement, Status
from beredd.publication.models import Watch
from beredd.readiness.models import CriticalActivity
from beredd.requirements.models import Requirement
from beredd.stresstests import tasks as stresstest_tasks
from beredd.stresstests.models import RunStatus, StressTestRun

OWNER = "malmhaga"
# One person per buyer role in the owner organisation, as the demo names them.
BUYER_PEOPLE = ("malmhaga-beslut", "malmhaga-samordnare", "malmhaga-kostchef")
BUYER_PEOPLE += ("malmhaga-upphandlare",)
ORG_ADMIN = "malmhaga-admin"
OTHER_BUYER = "sjobo-strand-admin"  # every buyer role and admin, in another municipality
SUPPLIER = "bageri-anbud"
OTHER_SUPPLIER = "grossist-anbud"
BATCH_UPLOADER = "malmhaga-samordnare"  # an import batch is its uploader's own


@dataclass(frozen=True)
class RouteWorld:
    """Ids of real objects, by the name of the path parameter they fill (`pk` varies by route)."""

    ids: dict[str, Any]
    users: dict[str, User]


def build_route_world() -> RouteWorld:
    call_command("load_demo", stdout=StringIO())
    owner = Organisation.objects.get(slug=OWNER)
    users = {
        user.username: user
        for user in User.objects.filter(
            username__in=(*BUYER_PEOPLE, ORG_ADMIN, OTHER_BUYER, SUPPLIER, OTHER_SUPPLIER)
        )
    }
    officer = users["malmhaga-upphandlare"]
    supplier = users[SUPPLIER]
    today = timezone.localdate()

    draft = Procurement.objects.create(
        organisation=owner,
        title="Livsmedel till äldreomsorgen",
        description="Marknadsdialog inför upphandlingen.",
        procedure="open",
        status=Status.MARKET_DIALOGUE,
        created_by=officer,
    )
    lot = Lot.objects.create(procurement=draft, number=1, title="Torrvaror", basis="area")
    library_requirement = Requirement.objects.filter(organisation=None).order_by("pk").first()
    use = LotRequirement.objects.create(lot=lot, requirement=library_requirement)
    rfi = RequestForInformation.objects.create(
        procurement=draft,
        title="Lager och reservkraft",
        questions="Hur många dagars lager håller ni?",
        answer_deadline=today + datetime.timedelta(days=14),
        created_by=officer,
    )
    published = Procurement.objects.get(organisation=owner, status=Status.PUBLISHED)
    token = secrets.token_urlsafe(32)  # the link's; the database keeps only its digest
    invitation = Invitation.objects.create(
        organisation=owner,
        email="ny.medarbetare@malmhaga.example.se",
        roles=["decision_maker"],
        token=invitation_token_digest(token),
        invited_by=users[ORG_ADMIN],
    )
    batch = ImportBatch.objects.create(
        organisation=owner,
        created_by=users[BATCH_UPLOADER],
        kind="units",
        filename="enheter.csv",
        rows=[],
    )
    watch = Watch.objects.filter(user=supplier).order_by("pk").first()
    assert watch is not None
    member = users["malmhaga-beslut"]
    # Logging in changes a person's reset token, so the reset link is for someone who never
    # visits in these tests.
    resetting = User.objects.get(username="osterlen-beslut")
    return RouteWorld(
        ids={
            "member": member.pk,
            "invitation": invitation.pk,
            "token": token,
            "unit": MealUnit.objects.filter(organisation=owner).order_by("pk").first().pk,
            "category": FoodCategory.objects.filter(organisation=owner).order_by("pk").first().pk,
            "supplier": Supplier.objects.filter(organisation=owner).order_by("pk").first().pk,
            "assignment": SupplyAssignment.objects.filter(organisation=owner)
            .order_by("pk")
            .first()
            .pk,
            "batch": batch.pk,
            "activity": CriticalActivity.objects.filter(organisation=owner)
            .order_by("pk")
            .first()
            .pk,
            "run": _finished_run(owner).pk,
            "requirement": Requirement.objects.filter(organisation=owner).order_by("pk").first().pk,
            "draft": draft.pk,
            "lot": lot.pk,
            "use": use.pk,
            "published": published.pk,
            "watch": watch.pk,
            "feed_token": watch.feed_token,
            "rfi": rfi.pk,
            "question": Question.objects.filter(
                procurement=published, organisation=supplier.organisation
            )
            .order_by("pk")
            .first()
            .pk,
            "uidb64": urlsafe_base64_encode(force_bytes(resetting.pk)),
            "reset_token": default_token_generator.make_token(resetting),
        },
        users=users,
    )


def _finished_run(owner: Organisation) -> StressTestRun:
    """The demo's queued run, made small (one scenario, two draws) and run here."""
    run = StressTestRun.objects.get(organisation=owner)
    run.scenarios = run.scenarios[:1]
    run.draws = 2
    run.save()
    stresstest_tasks.stress_test_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    return run
