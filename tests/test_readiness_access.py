"""Who may open the readiness pages: buyers of the organisation; others get 404, 403 or login."""

import io

import pytest
from django.urls import reverse
from docx import Document

from beredd.readiness.services import activity_create


@pytest.fixture
def activity(buyer_org, coordinator):
    return activity_create(
        organisation=buyer_org, user=coordinator, name="Måltider inom äldreomsorgen"
    )


def object_urls(activity) -> list[str]:
    pk = activity.pk
    return [
        reverse("readiness:activity_detail", args=[pk]),
        reverse("readiness:brief", args=[pk]),
        reverse("readiness:brief_docx", args=[pk]),
        reverse("readiness:brief_pdf", args=[pk]),
    ] + [
        reverse("readiness:step", args=[pk, step])
        for step in ("analysis", "decision", "preparation", "communication")
    ]


LIST_URLS = [
    "readiness:activity_list",
    "readiness:overview",
    "readiness:overview_docx",
    "readiness:activity_create",
]


def test_an_outsider_gets_404_for_every_page_of_another_organisations_activity(
    client, outsider, activity
):
    client.force_login(outsider)
    for url in object_urls(activity):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "Hacked"}).status_code in (404, 405), url
    activity.refresh_from_db()
    assert activity.name == "Måltider inom äldreomsorgen"


def test_an_outsider_sees_none_of_the_activities_in_lists(client, outsider, activity):
    client.force_login(outsider)
    for name in ("readiness:activity_list", "readiness:overview"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Måltider inom äldreomsorgen" not in response.content.decode()
    document = Document(io.BytesIO(client.get(reverse("readiness:overview_docx")).content))
    assert "Måltider inom äldreomsorgen" not in "\n".join(p.text for p in document.paragraphs)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, activity):
    for url in object_urls(activity) + [reverse(name) for name in LIST_URLS]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_a_suppliers_person_is_refused(client, bid_manager, activity):
    client.force_login(bid_manager)
    for url in object_urls(activity) + [reverse(name) for name in LIST_URLS]:
        assert client.get(url).status_code == 403, url


def test_every_buyer_role_can_view_the_activity_the_overview_and_the_brief(
    client, decision_maker, coordinator, needs_owner, procurer, activity
):
    for user in (decision_maker, coordinator, needs_owner, procurer):
        client.force_login(user)
        for url in [
            reverse("readiness:activity_list"),
            reverse("readiness:overview"),
            reverse("readiness:activity_detail", args=[activity.pk]),
            reverse("readiness:brief", args=[activity.pk]),
            reverse("readiness:brief_docx", args=[activity.pk]),
        ]:
            assert client.get(url).status_code == 200, (user.username, url)


@pytest.mark.parametrize(
    ("role_fixture", "allowed"),
    [
        ("coordinator", {"analysis", "decision", "preparation", "communication"}),
        ("needs_owner", {"analysis"}),
        ("decision_maker", {"decision"}),
        ("procurer", set()),
    ],
)
def test_each_step_is_edited_only_by_its_roles(request, client, activity, role_fixture, allowed):
    client.force_login(request.getfixturevalue(role_fixture))
    for step in ("analysis", "decision", "preparation", "communication"):
        status = client.get(reverse("readiness:step", args=[activity.pk, step])).status_code
        assert status == (200 if step in allowed else 403), step


def test_only_coordinators_and_needs_owners_create_activities(
    client, decision_maker, procurer, needs_owner
):
    for user, status in ((decision_maker, 403), (procurer, 403), (needs_owner, 200)):
        client.force_login(user)
        assert client.get(reverse("readiness:activity_create")).status_code == status


def test_an_unknown_step_is_not_found(client, coordinator, activity):
    client.force_login(coordinator)
    assert client.get(reverse("readiness:step", args=[activity.pk, "nonsense"])).status_code == 404
