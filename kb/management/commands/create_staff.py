"""Create (or reset) a staff account with two-factor sign-in, printing the authenticator QR code.

The admin lets no one in without a one-time code, so the first superuser is made here:

    manage.py create_staff alex --role admin

It prints a password (unless RECOURSE_STAFF_PASSWORD is set) and a QR code to scan with any
authenticator app (TOTP); the secret is printed too for apps that take it typed.
"""

from __future__ import annotations

import io
import os
import secrets

import segno
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

ROLES = {"editor": "Editors", "reviewer": "Reviewers", "admin": None}


def totp_device_reset(user) -> TOTPDevice:
    """A new authenticator for this user; any older one stops working."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


class Command(BaseCommand):
    help = "Create or reset a staff account (editor, reviewer or admin) with a two-factor authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-qr", action="store_true", help="Print the secret only, no QR code.")

    def handle(self, *args, username, role, email, no_qr, **options):
        User = get_user_model()
        if not username.strip():
            raise CommandError("Give a username.")
        call_command("create_roles", verbosity=0, stdout=io.StringIO())
        password = os.environ.get("RECOURSE_STAFF_PASSWORD") or secrets.token_urlsafe(12)
        user, created = User.objects.get_or_create(username=username, defaults={"email": email})
        user.set_password(password)
        user.is_staff = True
        user.is_superuser = role == "admin"
        user.save()
        user.groups.set([Group.objects.get(name=ROLES[role])] if ROLES[role] else [])
        device = totp_device_reset(user)
        self.stdout.write(f"{'Created' if created else 'Reset'} {role} {username!r}.")
        if "RECOURSE_STAFF_PASSWORD" not in os.environ:
            self.stdout.write(f"Password: {password}")
        self.stdout.write(f"Authenticator secret: {device_secret(device)}")
        self.stdout.write(f"Authenticator link: {device.config_url}")
        if not no_qr:
            qr = segno.make(device.config_url, error="m")
            qr.terminal(out=self.stdout._out, compact=True)
        self.stdout.write("Scan the code with an authenticator app, then sign in with the 6-digit code.")


def device_secret(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")
