"""Staff fixtures: Editors, Reviewers and a superuser, each signed in with a verified second factor."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN = "/admin"


@pytest.fixture
def roles(db):
    call_command("create_roles", stdout=StringIO())


@pytest.fixture
def staff(roles, django_user_model):
    """staff("editor") → a Client signed in (password and one-time code) as a new Editor."""
    made: dict[str, Client] = {}

    def make(role: str, name: str | None = None) -> Client:
        name = name or role
        if name in made:
            return made[name]
        user = django_user_model.objects.create_user(
            name, f"{name}@example.org", "pw", is_staff=role != "anon"
        )
        if role == "superuser":
            user.is_superuser = True
            user.save()
        elif role in ("editor", "reviewer"):
            user.groups.add(Group.objects.get(name={"editor": "Editors", "reviewer": "Reviewers"}[role]))
        client = Client()
        if role != "anon":
            device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
            client.force_login(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        client.user = user
        made[name] = client
        return client

    return make


def form_data(client, url: str) -> dict:
    """The fields of the admin change form at url, as a browser would post them back."""
    import re

    html = client.get(url).content.decode()
    data: dict = {}
    for m in re.finditer(r"<(input|textarea|select)\b([^>]*)>(.*?)(?:</\1>)?", html, re.S):
        tag, attrs = m.group(1), m.group(2)
        name = re.search(r'name="([^"]+)"', attrs)
        if not name or name.group(1) in ("csrfmiddlewaretoken", "_save", "_continue", "_addanother"):
            continue
        name = name.group(1)
        if tag == "input":
            kind = (re.search(r'type="([^"]+)"', attrs) or [None, "text"])[1]
            value = re.search(r'value="([^"]*)"', attrs)
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    data.setdefault(name, []).append(value.group(1) if value else "on")
                continue
            if kind in ("submit", "button"):
                continue
            data[name] = _unescape(value.group(1)) if value else ""
        elif tag == "textarea":
            body = re.search(r"<textarea\b[^>]*>(.*?)</textarea>", html[m.start() :], re.S).group(1)
            data[name] = _unescape(body.lstrip("\n"))
        else:
            block = re.search(r"<select\b[^>]*>(.*?)</select>", html[m.start() :], re.S).group(1)
            chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', block)
            if "multiple" in attrs:
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
    return data


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
