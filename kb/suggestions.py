"""Readers' corrections: a public form whose message reaches the editors and nobody else.

No account, no cookie and no CSRF token (public pages set no cookies). Spam and forgery are kept
out without third parties: a hidden field people leave empty (bots fill it), a signed timestamp that
must be a few seconds old (bots post at once) and not stale, a same-origin check on the browser's
Sec-Fetch-Site / Origin headers, and a per-address hourly limit whose key is a salted hash kept in the
cache only. The message is stored for editors; it is never logged. Only an optional contact address
is asked for.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from config.ratelimit import client_address
from kb.models import Suggestion

SALT = "recourse.suggest"
MIN_SECONDS = 3
MAX_SECONDS = 7 * 24 * 60 * 60
WINDOW_SECONDS = 60 * 60


def suggestion_stamp(record_type: str, record_id: str) -> str:
    """A signed, timestamped token naming the record the form was shown for."""
    return signing.TimestampSigner(salt=SALT).sign(f"{record_type}:{record_id}")


class SuggestionForm(forms.Form):
    message = forms.CharField(
        label=_("What is wrong or out of date?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Please do not include anything about yourself or your situation."),
    )
    contact = forms.EmailField(
        label=_("Email, if you want a reply (optional)"),
        required=False,
        help_text=_("Only the editors see it."),
    )
    # Left empty by people: hidden from view and from screen readers, and off the tab order.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    stamp = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, record_type: str, record_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_ref = f"{record_type}:{record_id}"
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if not self.is_bound:
            self.initial["stamp"] = suggestion_stamp(record_type, record_id)

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("Your suggestion could not be sent."), code="honeypot")
        signer = signing.TimestampSigner(salt=SALT)
        try:
            ref = signer.unsign(data.get("stamp", ""), max_age=MAX_SECONDS)
            age = signer.unsign(data.get("stamp", ""), max_age=MIN_SECONDS)
        except signing.SignatureExpired:
            age = None
            try:
                ref = signer.unsign(data.get("stamp", ""), max_age=MAX_SECONDS)
            except signing.BadSignature:
                ref = None
        except signing.BadSignature:
            ref, age = None, None
        if ref != self.record_ref:
            raise forms.ValidationError(
                _("This form has expired. Reload the page and try again."), code="stamp"
            )
        if age is not None:  # still valid at MIN_SECONDS: sent faster than a person types
            raise forms.ValidationError(_("Your suggestion could not be sent."), code="too_fast")
        return data


def request_is_same_origin(request: HttpRequest) -> bool:
    """The browser says the form was posted from this site (pages send no referrer, so not that)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return True  # not a browser that sends either header: the other checks still apply
    parts = urlsplit(origin)
    return origin != "null" and parts.netloc == request.get_host()


def suggestion_rate_ok(request: HttpRequest) -> bool:
    """At most RECOURSE_SUGGESTIONS_PER_HOUR per address; the address is hashed and never stored."""
    address = client_address(request)  # behind the proxy, its X-Real-IP (config/ratelimit.py)
    key = "suggest:" + hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= settings.RECOURSE_SUGGESTIONS_PER_HOUR


def suggestion_create(*, record_type: str, record_id: str, form: SuggestionForm) -> Suggestion:
    return Suggestion.objects.create(
        record_type=record_type,
        record_id=record_id,
        message=form.cleaned_data["message"],
        contact=form.cleaned_data.get("contact", ""),
    )
