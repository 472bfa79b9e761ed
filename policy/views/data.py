"""The data page, the dataset download and the recent-changes page: thin views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kb.models import Channel, Guide, Jurisdiction, Law
from policy.changes import changes_list
from policy.dataset import LICENCE_NAME, LICENCE_URL, TABLES, dataset_archive


def data(request: HttpRequest) -> HttpResponse:
    counts = {
        "jurisdictions": Jurisdiction.objects.published().count(),
        "laws": Law.objects.published().count(),
        "channels": Channel.objects.published().count(),
        "guides": Guide.objects.published().count(),
    }
    context = {"counts": counts, "tables": TABLES, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL}
    return render(request, "policy/data.html", context)


def data_download(request: HttpRequest) -> HttpResponse:
    filename, body = dataset_archive()
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def changes(request: HttpRequest) -> HttpResponse:
    return render(request, "policy/changes.html", {"changes": changes_list(limit=100)})
