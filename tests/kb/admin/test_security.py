"""Staff security: forms that pass Django's CSRF check in a real browser, two-factor sign-in,
lockout after repeated failures, sessions that expire when idle, and the admin at its own path."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client
from django.urls import clear_url_caches
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.kb.admin.conftest import ADMIN


def test_the_admin_sends_a_same_origin_referrer_and_public_pages_none(client, texas_world):
    assert client.get(f"{ADMIN}/login/")["Referrer-Policy"] == "same-origin"
    assert client.get("/laws/us-tx-penal-21-165/")["Referrer-Policy"] == "no-referrer"


@pytest.fixture
def reviewer_with_code(roles, django_user_model):
    user = django_user_model.objects.create_user("rev", "r@example.org", "a-long-password", is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client: Client, device=None, password="a-long-password", origin="http://testserver"):
    client.get(f"{ADMIN}/login/")
    token = client.cookies["csrftoken"].value
    data = {"username": "rev", "password": password, "otp_token": _code(device) if device else "000000"}
    return client.post(
        f"{ADMIN}/login/?next={ADMIN}/", data | {"csrfmiddlewaretoken": token}, HTTP_ORIGIN=origin
    )


def test_a_browser_login_with_its_own_origin_passes_the_csrf_check(reviewer_with_code):
    _, device = reviewer_with_code
    client = Client(enforce_csrf_checks=True)
    response = _login(client, device)
    assert response.status_code == 302 and response["Location"] == f"{ADMIN}/"
    assert client.get(f"{ADMIN}/").status_code == 200


def test_a_post_with_origin_null_is_refused(reviewer_with_code):
    # What Chrome sent under `Referrer-Policy: no-referrer`: the bug this policy fixes.
    _, device = reviewer_with_code
    assert _login(Client(enforce_csrf_checks=True), device, origin="null").status_code == 403


def test_a_password_alone_does_not_let_staff_in(reviewer_with_code):
    client = Client()
    response = _login(client, None)
    assert response.status_code == 200 and client.get(f"{ADMIN}/").status_code == 302


def test_staff_signed_in_without_a_second_factor_are_sent_to_the_login(reviewer_with_code):
    user, _ = reviewer_with_code
    client = Client()
    client.force_login(user)
    assert client.get(f"{ADMIN}/kb/law/").status_code == 302


def test_repeated_failures_lock_the_account_even_for_the_right_password(settings, reviewer_with_code):
    settings.AXES_FAILURE_LIMIT = 3
    _, device = reviewer_with_code
    for _ in range(3):
        _login(Client(), device, password="wrong")
    client = Client()
    response = _login(client, device)
    assert response.status_code in (403, 429)
    assert client.get(f"{ADMIN}/").status_code == 302


def test_the_staff_session_expires_after_inactivity(staff, settings):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client = staff("editor")
    assert client.get(f"{ADMIN}/").status_code == 200
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    row = Session.objects.get(session_key=client.session.session_key)
    assert row.expire_date <= timezone.now() + timezone.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    assert client.get(f"{ADMIN}/").status_code == 302  # idle too long: sign in again


def test_the_admin_lives_at_the_configured_path(settings, staff):
    import config.urls

    settings.RECOURSE_ADMIN_PATH = "desk-7f3/"
    try:
        importlib.reload(config.urls)
        clear_url_caches()
        client = staff("editor")
        assert client.get("/desk-7f3/kb/law/").status_code == 200
        assert client.get("/admin/kb/law/").status_code == 404
        assert client.get("/desk-7f3/")["Referrer-Policy"] == "same-origin"
    finally:
        settings.RECOURSE_ADMIN_PATH = "admin/"
        importlib.reload(config.urls)
        clear_url_caches()
