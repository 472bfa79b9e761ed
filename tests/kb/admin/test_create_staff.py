"""create_staff: the first two-factor account, made from the terminal."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.mark.parametrize(
    ("role", "group", "superuser"), [("admin", None, True), ("reviewer", "Reviewers", False)]
)
def test_it_makes_a_staff_account_with_an_authenticator(db, monkeypatch, role, group, superuser):
    monkeypatch.setenv("RECOURSE_STAFF_PASSWORD", "a-long-password")
    out = StringIO()
    call_command("create_staff", "alex", "--role", role, stdout=out)
    user = get_user_model().objects.get(username="alex")
    assert user.is_staff and user.is_superuser == superuser and user.check_password("a-long-password")
    assert list(user.groups.values_list("name", flat=True)) == ([group] if group else [])
    device = TOTPDevice.objects.get(user=user)
    text = out.getvalue()
    assert device.confirmed and "otpauth://totp/" in text and "Authenticator secret: " in text
    assert "█" in text and "a-long-password" not in text  # a QR code; the given password is not echoed


def test_rerunning_it_replaces_the_authenticator(db):
    call_command("create_staff", "sam", "--no-qr", stdout=StringIO())
    first = TOTPDevice.objects.get(user__username="sam").key
    out = StringIO()
    call_command("create_staff", "sam", "--no-qr", stdout=out)
    assert TOTPDevice.objects.get(user__username="sam").key != first
    assert "Password: " in out.getvalue() and "Reset editor 'sam'" in out.getvalue()
