"""The admin site: two-factor sign-in for every staff account (django-otp), and the editors' dashboard.

Kept outside kb/admin/ because Django resolves `admin.site` from here while kb/admin/ registers on it.
"""

from __future__ import annotations

from django import forms
from django.urls import path
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class StaffLoginForm(OTPAdminAuthenticationForm):
    """Password and the authenticator's code on one page.

    Each staff account has one authenticator (see `create_staff`), so the device is the user's own
    confirmed TOTP device unless one was chosen: no second round trip to pick it.
    """

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def _verify_token(self, user, token, device=None):
        if device is None:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        return super()._verify_token(user, token, device)


class RecourseAdminSite(OTPAdminSite):
    """Only staff who signed in with a password and a one-time code get in (see `create_staff`)."""

    site_header = "Recourse editors"
    site_title = "Recourse editors"
    index_title = "Knowledge base"
    index_template = "admin/kb/index.html"
    login_form = StaffLoginForm
    login_template = "admin/kb/login.html"

    def __init__(self, name: str = "admin"):
        super().__init__(name)

    def get_urls(self):
        from kb.admin.desk import dashboard

        return [path("dashboard/", self.admin_view(dashboard), name="dashboard"), *super().get_urls()]
