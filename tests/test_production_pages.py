"""With DEBUG off: friendly Swedish error pages, a CSP without 'unsafe-inline', and security
headers on every answer."""

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error


def test_an_unknown_page_answers_a_swedish_404(client, db):
    with translation.override("sv"):
        response = client.get("/finns-inte/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Vi hittar inte den sidan" in page
    assert "Traceback" not in page


def test_the_500_page_renders_without_the_request_context(db):
    with translation.override("sv"):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Något gick fel hos oss" in response.content.decode()


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client, db):
    response = client.get(reverse("publication:list"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_no_page_of_ours_has_inline_style_or_script(client, db):
    page = client.get(reverse("publication:list")).content.decode()
    assert "<style" not in page
    assert " style=" not in page
    assert "<script>" not in page
    assert "includeIndicatorStyles" in page
